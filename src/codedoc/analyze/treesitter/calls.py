"""Call sites of one JavaScript/TypeScript, Go, Java or Rust file, from the tree already parsed.

The `call` pattern of `codedoc.analyze.treesitter.queries` is matched in the same walk as every
other pattern. Each call is given to the innermost function or method whose lines hold it, and its
callee is written as a reference (see `codedoc.analyze.behaviour.sites`): `this.x()`, a Go
receiver's `s.x()` and Java's bare `x()` become `self.x`, `super.x()` becomes `super().x`,
`new Foo()` / `Foo::new()` / `Foo{}` name the class. Import bindings are derived after the
repository's imports are resolved (`codedoc.analyze.behaviour.resolve`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from tree_sitter import Node

from codedoc.analyze.behaviour.sites import Behaviour, CallSite, TypedName
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Language, Symbol, SymbolKind

_FUNCTIONS = frozenset({SymbolKind.FUNCTION, SymbolKind.METHOD})
_CLASSES = frozenset({SymbolKind.CLASS, SymbolKind.STRUCT, SymbolKind.ENUM, SymbolKind.INTERFACE})
_DOTTED = re.compile(r"^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*$")
_GO_RECEIVER = re.compile(r"^func \((\w+)")
_CONDITIONS = {
    "if_statement": "if",
    "if_expression": "if",
    "ternary_expression": "if",
    "conditional_expression": "if",
    "switch_statement": "if",
    "switch_case": "if",
    "expression_case": "if",
    "match_arm": "if",
    "for_statement": "loop",
    "for_in_statement": "loop",
    "for_expression": "loop",
    "enhanced_for_statement": "loop",
    "while_statement": "loop",
    "while_expression": "loop",
    "do_statement": "loop",
    "loop_expression": "loop",
    "catch_clause": "except",
}
_STOP = frozenset(
    {
        "function_declaration",
        "method_definition",
        "arrow_function",
        "function_expression",
        "function",
        "method_declaration",
        "func_literal",
        "function_item",
        "closure_expression",
        "lambda_expression",
        "constructor_declaration",
        "program",
        "source_file",
    }
)
_CONDITION_LIMIT = 60


def collect_calls(parsed: ParsedFile, symbols: list[Symbol]) -> Behaviour | None:
    functions = sorted(
        (s for s in symbols if s.kind in _FUNCTIONS), key=lambda s: (s.location.start_line, -s.location.end_line)
    )
    if not functions:
        return None
    starts = [s.location.start_line for s in functions]
    receivers = _receivers(parsed.language, functions)
    objects = _objects(parsed.language, functions)
    locals_, fields = _typed_names(parsed, symbols, functions, starts)
    sites: list[CallSite] = []
    for captures in parsed.matches("call"):
        call = captures["call"][0]
        line = parsed.line(call)
        owner = _innermost(functions, starts, line)
        if owner is None:
            continue
        callee = captures.get("function")
        target = _reference(parsed, call, callee[0] if callee else None, owner, receivers.get(owner.qualname))
        if target is None and objects:
            target = _object_reference(parsed, call, callee[0] if callee else None, owner, objects)
        if target is None:
            continue
        # Only Java reaches a field without `this.`; elsewhere a bare name is a local or an import.
        implicit = fields.get(owner.parent or "", {}) if parsed.language is Language.JAVA else {}
        target = _typed(target, locals_.get(owner.qualname, {}), implicit)
        branch, condition = _guard(parsed, call)
        sites.append(CallSite(owner.qualname, target, line, condition, branch))
    sites.sort(key=lambda site: (site.caller, site.line))
    typed = tuple(TypedName(owner, name, kind) for owner, names in fields.items() for name, kind in names.items())
    return Behaviour(calls=tuple(sites), typed_names=typed)


def _typed_names(
    parsed: ParsedFile, symbols: list[Symbol], functions: list[Symbol], starts: list[int]
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Locals and parameters by function, fields by class: each name's type as the code states it."""
    classes = sorted(
        (s for s in symbols if s.kind in _CLASSES), key=lambda s: (s.location.start_line, -s.location.end_line)
    )
    locals_: dict[str, dict[str, str]] = {}
    fields: dict[str, dict[str, str]] = {}
    for captures in parsed.matches("typed_name"):
        written = _type_reference(parsed.text(captures["type"][0]))
        if written is None:
            continue
        line = parsed.line(captures["declaration"][0])
        if "field" in captures:
            function = _innermost(functions, starts, line)
            owner = function.parent if function is not None else _enclosing_class(classes, line)
            if owner:
                fields.setdefault(owner, {}).setdefault(parsed.text(captures["field"][0]), written)
            continue
        function = _innermost(functions, starts, line)
        if function is not None:
            name = parsed.text(captures["name"][0])
            locals_.setdefault(function.qualname, {})[name] = written
            if function.parent and _is_parameter_property(captures["declaration"][0]):
                fields.setdefault(function.parent, {}).setdefault(name, written)
    return locals_, fields


def _is_parameter_property(declaration: Node) -> bool:
    """TypeScript's `constructor(private svc: UserService)`: a parameter that is also a field."""
    if declaration.type not in ("required_parameter", "optional_parameter"):
        return False
    return any(child.type in ("accessibility_modifier", "readonly") for child in declaration.children)


def _enclosing_class(classes: list[Symbol], line: int) -> str | None:
    found = None
    for symbol in classes:
        if symbol.location.start_line <= line <= symbol.location.end_line:
            found = symbol.qualname  # later starts are nested deeper
    return found


def _type_reference(written: str) -> str | None:
    """`Part`, `store.DB`, `*Server`, `List<Item>`, `Part | null` → the class named; None for what names no class."""
    if "|" in written:  # a union is one class only when the rest is null/undefined
        named = [part.strip() for part in written.split("|") if part.strip() not in ("null", "undefined", "")]
        if len(named) != 1:
            return None
        written = named[0]
    core = written.strip().lstrip("*&").split("<", 1)[0].split("[", 1)[0].strip()
    return core if _DOTTED.match(core) else None


def _typed(target: str, locals_: dict[str, str], fields: dict[str, str]) -> str:
    """`p.fit` with `Part p` → `Part.fit`; a field used without `this.` → `self.field.…`."""
    head, _, rest = target.partition(".")
    if not rest:
        return target
    if head in locals_:
        return f"{locals_[head]}.{rest}"
    if head in fields:
        return f"self.{target}"
    return target


def _receivers(language: Language, functions: list[Symbol]) -> dict[str, str]:
    """Go: the receiver variable of each method (`s` of `func (s *Server) Start()`)."""
    if language is not Language.GO:
        return {}
    found: dict[str, str] = {}
    for symbol in functions:
        match = _GO_RECEIVER.match(symbol.signature or "")
        if match and symbol.parent:
            found[symbol.qualname] = match.group(1)
    return found


_JS_LANGUAGES = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX})
_THIS_BINDERS = frozenset(
    {"function_expression", "function", "function_declaration", "generator_function", "generator_function_declaration"}
)


def _objects(language: Language, functions: list[Symbol]) -> frozenset[str]:
    """JavaScript: objects whose functions are assigned as properties (`app` of `app.handle = function…`,
    `View` of `View.prototype.render = …`), by the qualname prefix their functions share."""
    if language not in _JS_LANGUAGES:
        return frozenset()
    return frozenset(s.qualname.rsplit(".", 1)[0] for s in functions if s.parent is None and "." in s.qualname)


def _object_reference(
    parsed: ParsedFile, call: Node, callee: Node | None, owner: Symbol, objects: frozenset[str]
) -> str | None:
    """`this.set()` inside `app.handle = function handle() {…}` → `app.set`; inside the constructor
    function `View` (with `View.prototype.x` functions) → `View.x`. Inside a nested `function` the
    receiver is another object: counted as unresolved (`?this…`), never guessed."""
    if owner.parent is not None or callee is None or call.type != "call_expression":
        return None
    written = parsed.text(callee)
    if not written.startswith("this.") or not _DOTTED.match(written):
        return None
    holder = owner.qualname.rsplit(".", 1)[0] if "." in owner.qualname else owner.qualname
    if holder not in objects:
        return None
    node = call.parent
    while node is not None and node.type not in _THIS_BINDERS and node.type != "method_definition":
        node = node.parent
    if node is None or node.end_point[0] + 1 < owner.location.end_line:
        return "?" + written
    return holder + written[len("this") :]


def _innermost(functions: list[Symbol], starts: list[int], line: int) -> Symbol | None:
    position = bisect_right(starts, line)
    for index in range(position - 1, max(-1, position - 40), -1):
        candidate = functions[index]
        if candidate.location.start_line <= line <= candidate.location.end_line:
            return candidate
    return None


def _reference(parsed: ParsedFile, call: Node, callee: Node | None, owner: Symbol, receiver: str | None) -> str | None:
    language = parsed.language
    if call.type == "method_invocation":  # Java: `object.name(…)` or a bare `name(…)`
        name = parsed.text(call.child_by_field_name("name"))
        holder = call.child_by_field_name("object")
        if holder is None or holder.type == "this":
            return f"self.{name}" if owner.parent else name
        if holder.type == "super":
            return f"super().{name}"
        written = parsed.text(holder)
        return f"{written}.{name}" if _DOTTED.match(written) else None
    if callee is None:
        return None
    written = parsed.text(callee)
    if language is Language.RUST:
        written = written.replace("::<", "<").split("<", 1)[0]
    if not _DOTTED.match(written):
        return None
    parts = re.split(r"\.|::", written)
    head = parts[0]
    if (
        head in ("this", "self")
        or (receiver is not None and head == receiver)
        or (head == "Self" and language is Language.RUST)
    ):
        parts[0] = "self"
    elif head == "super":
        parts[0] = "super()"
    elif head == "crate" and len(parts) > 1:
        return None  # a path from the crate root: resolved through `use`, not here
    if call.type in ("new_expression", "object_creation_expression", "struct_expression", "composite_literal"):
        return ".".join(parts)
    if not owner.parent and parts[0] == "self":
        return None
    return ".".join(parts)


def _guard(parsed: ParsedFile, call: Node) -> tuple[str | None, str | None]:
    """The innermost condition or loop around a call within its function; a call in the condition
    itself is not guarded by it."""
    child, node = call, call.parent
    while node is not None and node.type not in _STOP:
        branch = _CONDITIONS.get(node.type)
        condition = node.child_by_field_name("condition") if branch is not None else None
        if branch is not None and not (condition is not None and condition.id == child.id):
            if branch == "except":
                return "except", "on an exception"
            if node.type in ("switch_case", "expression_case"):
                return "if", _case(parsed, node)
            if condition is None:
                return branch, None
            written = _unwrapped(parsed, condition)
            if len(written) > _CONDITION_LIMIT:
                written = written[: _CONDITION_LIMIT - 1] + "…"
            alternative = node.child_by_field_name("alternative")
            if alternative is not None and alternative.id == child.id:
                return "else", "if not " + written
            return branch, ("if " if branch == "if" else "while ") + written
        child, node = node, node.parent
    return None, None


def _case(parsed: ParsedFile, case: Node) -> str | None:
    """`case 'etag':` of `switch (setting)` → `if setting is 'etag'`; None when the parts are not plain."""
    value = case.child_by_field_name("value")
    switch = case.parent.parent if case.parent is not None and case.type == "switch_case" else case.parent
    subject = switch.child_by_field_name("value") if switch is not None else None
    if value is None or subject is None:
        return None
    written = f"if {_unwrapped(parsed, subject)} is {' '.join(parsed.text(value).split())}"
    return written if len(written) <= _CONDITION_LIMIT else written[: _CONDITION_LIMIT - 1] + "…"


def _unwrapped(parsed: ParsedFile, node: Node) -> str:
    """A condition as written on one line, without the parentheses JavaScript/Java/Go put around it
    (only those: `(!this.get('Type'))` reads `!this.get('Type')`, its own call's parentheses stay)."""
    written = " ".join(parsed.text(node).split())
    if node.type == "parenthesized_expression" and written.startswith("(") and written.endswith(")"):
        return written[1:-1].strip()
    return written
