"""The facts of one page, as compact text for a prompt. Each function sees only its page's facts,
so a change elsewhere in the repository leaves the text (and its cached answer) unchanged."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from codedoc.model import CodeModel, Component, ImportKind, Module, Symbol

_DOC_CHARS = 300
_MODULE_DOC_CHARS = 1_500


def first_paragraph(text: str | None, limit: int = _DOC_CHARS) -> str:
    """The first paragraph of a docstring, on one line, shortened to `limit` characters."""
    if not text:
        return ""
    paragraph = text.strip().split("\n\n", 1)[0]
    flat = " ".join(paragraph.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _join(items: Iterable[str], limit: int = 30) -> str:
    values = list(dict.fromkeys(item for item in items if item))
    shown = ", ".join(f"`{value}`" for value in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def symbol_lines(symbol: Symbol, methods: Sequence[Symbol]) -> list[str]:
    """A top-level symbol and its members, one line each, with their locations."""
    start, end = symbol.location.start_line, symbol.location.end_line
    where = f"line {start}" if start == end else f"lines {start}-{end}"
    head = f"- {symbol.kind.value} `{symbol.qualname}` ({where})"
    if symbol.signature:
        head += f": `{symbol.signature}`"
    elif symbol.value:
        head += f" = `{symbol.value[:120]}`"
    if symbol.bases:
        head += f"; bases {_join(symbol.bases, 5)}"
    if symbol.decorators:
        head += f"; decorators {_join(symbol.decorators, 5)}"
    doc = first_paragraph(symbol.docstring)
    lines = [head + (f" — {doc}" if doc else "")]
    for method in methods:
        line = f"  - {method.kind.value} `{method.qualname}`"
        if method.signature:
            line += f": `{method.signature}`"
        doc = first_paragraph(method.docstring, 160)
        lines.append(line + (f" — {doc}" if doc else ""))
    return lines


def symbol_groups(module: Module) -> list[list[str]]:
    """One group of lines per top-level symbol (members included), in source order."""
    members: dict[str, list[Symbol]] = {}
    for symbol in module.symbols:
        if symbol.parent is not None:
            members.setdefault(symbol.parent, []).append(symbol)
    return [
        symbol_lines(symbol, _members_of(symbol.qualname, members))
        for symbol in module.symbols
        if symbol.parent is None
    ]


def _members_of(qualname: str, members: dict[str, list[Symbol]]) -> list[Symbol]:
    found: list[Symbol] = []
    for member in members.get(qualname, []):
        found.append(member)
        found += _members_of(member.qualname, members)
    return found


def module_header(module: Module, model: CodeModel) -> list[str]:
    """What a module is and what it uses, plus the framework facts found in it."""
    lines = [
        f"module: `{module.path}` (import name `{module.name}`, {module.language.value}, {module.line_count} lines)"
    ]
    if module.docstring:
        lines.append(f"docstring: {first_paragraph(module.docstring, _MODULE_DOC_CHARS)}")
    internal = [i.target or i.module for i in module.imports if i.kind is ImportKind.INTERNAL]
    external = [i.target or i.module for i in module.imports if i.kind is ImportKind.EXTERNAL]
    if internal:
        lines.append(f"uses modules of this repository: {_join(internal)}")
    if external:
        lines.append(f"uses packages: {_join(external)}")
    if module.exports is not None:
        lines.append(f"exports: {_join(module.exports)}")
    lines += _framework_facts(module.path, model)
    return lines


def _framework_facts(path: str, model: CodeModel) -> list[str]:
    lines = [
        f"- HTTP route `{r.method} {r.path}` handled by `{r.handler}` (line {r.location.start_line})"
        for r in model.routes
        if r.location.path == path
    ]
    lines += [
        f"- command `{c.name}`" + (f": {first_paragraph(c.help, 160)}" if c.help else "")
        for c in model.commands
        if c.location.path == path
    ]
    lines += [
        f"- data model `{d.name}` ({d.framework}) with fields {_join((f.name for f in d.fields), 15)}"
        for d in model.data_models
        if d.location.path == path
    ]
    lines += [
        f"- setting `{s.name}` read via {s.source}" + (f", default `{s.default}`" if s.default else "")
        for s in model.settings
        if s.location.path == path
    ]
    return ["framework facts:", *lines] if lines else []


def component_header(component: Component) -> list[str]:
    lines = [f"component: `{component.name}` (folder `{component.path}`, {component.line_count} lines)"]
    if component.languages:
        lines.append("languages: " + ", ".join(language.value for language in component.languages))
    if component.docstring:
        lines.append(f"docstring: {first_paragraph(component.docstring, _MODULE_DOC_CHARS)}")
    if component.depends_on:
        lines.append(f"depends on components: {_join(component.depends_on)}")
    if component.used_by:
        lines.append(f"used by components: {_join(component.used_by)}")
    if component.external_dependencies:
        lines.append(f"external packages: {_join(component.external_dependencies)}")
    return lines


def repository_header(model: CodeModel) -> list[str]:
    repo = model.repository
    lines = [f"repository: {repo.name} (a {repo.kind.value.replace('_', ' ')})"]
    if repo.description:
        lines.append(f"description: {first_paragraph(repo.description)}")
    if repo.languages:
        lines.append("languages: " + ", ".join(f"{s.language.value} ({s.lines} lines)" for s in repo.languages[:6]))
    counts = {
        "modules": len(model.modules),
        "HTTP routes": len(model.routes),
        "commands": len(model.commands),
        "data models": len(model.data_models),
        "settings": len(model.settings),
    }
    lines.append("counts: " + ", ".join(f"{value} {name}" for name, value in counts.items() if value))
    if model.entry_points:
        lines.append("entry points: " + _join((f"{e.name} → {e.target}" for e in model.entry_points), 10))
    runtime = [d.name for d in model.dependencies if not d.dev]
    if runtime:
        lines.append(f"declared dependencies: {_join(runtime, 20)}")
    tasks = [f"{t.kind}: {t.command}" for t in model.tasks if t.kind in ("install", "run", "test", "build")]
    if tasks:
        lines.append(f"tasks: {_join(tasks, 10)}")
    return lines


def component_edges(model: CodeModel) -> list[str]:
    return [
        f"- `{component.name}` → " + (", ".join(f"`{d}`" for d in component.depends_on) or "(no internal deps)")
        for component in model.components
    ]


def stand_in_summary(module: Module) -> str:
    """What a component prompt says about a module that has no LLM summary: its own words, or its names."""
    doc = first_paragraph(module.docstring)
    if doc:
        return doc
    names = [symbol.name for symbol in module.symbols if symbol.parent is None]
    return f"defines {_join(names, 12)}" if names else "no definitions found"
