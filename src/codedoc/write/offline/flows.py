"""“How it works” sections: a flow of the model as a numbered walk-through and a sequence diagram.

Every step names the caller and the callee by names the model holds and cites the call site;
conditional calls say under which condition, and sit in `opt`/`loop` blocks of the diagram.
"""

from __future__ import annotations

from codedoc.model import Flow, FlowStep, Language, SymbolKind
from codedoc.write.markdown import code, first_paragraph, text
from codedoc.write.mermaid import Message, SequenceDiagram
from codedoc.write.offline.context import SiteContext

MAX_DIAGRAM_MESSAGES = 24
MAX_PARTICIPANTS = 10
_VERBS = {
    "export": "is called",
    "call": "is called",
    "central": "is called",
    "entry_point": "runs",
    "command": "runs",
    "route": "is requested",
}
_BLOCK = {"if": "opt", "else": "opt", "except": "opt", "dispatch": "opt", "loop": "loop"}


def flow_heading(flow: Flow) -> str:
    """`What happens when `requests.get` is called`."""
    return f"What happens when {code(flow.title)} {_VERBS.get(flow.kind, 'runs')}"


def render_flow(ctx: SiteContext, flow: Flow, *, level: int = 3) -> str:
    lookup = ctx.model_symbols
    entry = lookup.get(flow.entry)
    parts = [f"{'#' * level} {flow_heading(flow)}"]
    opening = f"It starts in {code(symbol_name(ctx, flow.entry))}"
    if entry is not None:
        cited = ctx.citer.cite(entry[1].location)
        opening += f" ({cited})" if cited else ""
        summary = _docstring_sentence(entry[1].docstring)
        if summary:
            opening += f", which its docstring describes as “{text(summary, limit=200)}”"
    parts.append(opening + ". The calls it makes through the project's own code, in the order they run:")
    parts.append("\n".join(_step(ctx, number, step) for number, step in enumerate(flow.steps, 1)))
    diagram = _diagram(ctx, flow)
    if diagram:
        parts.append(diagram)
    return "\n\n".join(parts)


def _step(ctx: SiteContext, number: int, step: FlowStep) -> str:
    caller, callee = code(symbol_name(ctx, step.caller)), code(symbol_name(ctx, step.callee))
    found = ctx.model_symbols.get(step.callee)
    if step.branch == "dispatch":
        sentence = f"{caller} is abstract: the call runs the implementation {callee}"
    elif found is not None and found[1].kind not in (SymbolKind.FUNCTION, SymbolKind.METHOD, SymbolKind.PROPERTY):
        sentence = f"{caller} creates a {callee}"
    else:
        sentence = f"{caller} calls {callee}"
    if step.condition and step.branch != "dispatch":
        sentence += ", " + _condition(step)
    cited = ctx.citer.cite(step.location)
    return f"{number}. {sentence}" + (f" ({cited})." if cited else ".")


def _condition(step: FlowStep) -> str:
    condition = step.condition or ""
    if step.branch == "loop":
        return "repeatedly, " + code(condition)
    if step.branch == "except":
        return "when an error is caught, " + (code(condition) if condition.startswith("except") else text(condition))
    return "only " + code(condition)


def _docstring_sentence(docstring: str | None) -> str:
    """The docstring's first paragraph as a reader sees it (`:meth:`wsgi_app`` reads `wsgi_app`)."""
    return first_paragraph(docstring) if docstring else ""


_JS_LANGUAGES = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX})


def symbol_name(ctx: SiteContext, symbol_id: str) -> str:
    """How a page names a symbol: `Class.method` for members, `module.function` for the rest (Go: `package.Name`,
    as Go code writes it, not the whole import path)."""
    found = ctx.model_symbols.get(symbol_id)
    if found is None:
        return symbol_id
    module, symbol = found
    if symbol.parent:
        return symbol.qualname
    if symbol.qualname != symbol.name and module.language in _JS_LANGUAGES:
        return symbol.qualname  # `res.send` of `res.send = function send…`, as the code calls it
    owner = module.name.rsplit("/", 1)[-1] if module.language is Language.GO else module.name
    return f"{owner}.{symbol.qualname}"


def _participant(ctx: SiteContext, symbol_id: str) -> str:
    found = ctx.model_symbols.get(symbol_id)
    if found is None:
        return symbol_id
    module, symbol = found
    if symbol.parent:
        return symbol.parent
    if symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD):
        return module.name
    return symbol.qualname


def _diagram(ctx: SiteContext, flow: Flow) -> str:
    participants: list[str] = []
    messages: list[Message] = []
    for step in flow.steps[:MAX_DIAGRAM_MESSAGES]:
        source, target = _participant(ctx, step.caller), _participant(ctx, step.callee)
        for name in (source, target):
            if name not in participants and len(participants) < MAX_PARTICIPANTS:
                participants.append(name)
        found = ctx.model_symbols.get(step.callee)
        is_call = found is None or found[1].kind in (SymbolKind.FUNCTION, SymbolKind.METHOD, SymbolKind.PROPERTY)
        label = (found[1].name if found else step.callee) if is_call else f"new {target}"
        block = _BLOCK.get(step.branch or "")
        messages.append(Message(source, target, label, step.depth, block, step.condition or ""))
    if len(messages) < 2:
        return ""
    return SequenceDiagram(participants, messages).render()
