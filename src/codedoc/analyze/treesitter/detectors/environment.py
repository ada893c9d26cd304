"""Environment variables read in code: `process.env.X`, Go's `os.Getenv("X")`, Rust's
`std::env::var("X")` (and `env!`), Java's `System.getenv("X")`.

A variable read several times in a file is reported once, at its first read, with a default
when any read shows one (`process.env.PORT || 3000`, `env::var("X").unwrap_or("d")`).
"""

from __future__ import annotations

from collections.abc import Iterable

from tree_sitter import Node

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.go_calls import selector_calls
from codedoc.analyze.treesitter.parsing import ParsedFile, short_value, string_value
from codedoc.model import Location, Module, Setting

_RUST_FUNCTIONS = frozenset({"env::var", "std::env::var", "env::var_os", "std::env::var_os", "var", "var_os"})


def _setting(parsed: ParsedFile, name: str, node: Node, source: str, default: str | None = None) -> Setting:
    return Setting(
        name=name,
        location=Location(parsed.path, parsed.line(node), parsed.end_line(node)),
        source=source,
        default=default,
    )


def _once(settings: Iterable[Setting]) -> tuple[Setting, ...]:
    first: dict[str, Setting] = {}
    for setting in sorted(settings, key=lambda s: s.location.start_line):
        known = first.get(setting.name)
        if known is None:
            first[setting.name] = setting
        elif known.default is None and setting.default is not None:
            first[setting.name] = Setting(known.name, known.location, known.source, setting.default)
    return tuple(first.values())


def _literal_or_text(parsed: ParsedFile, node: Node | None) -> str | None:
    if node is None:
        return None
    value = string_value(parsed, node)
    return value if value is not None else short_value(parsed.text(node))


def _js_default(parsed: ParsedFile, read: Node) -> str | None:
    """`process.env.X || "d"`, `process.env.X ?? 3000`."""
    parent = read.parent
    if parent is None or parent.type != "binary_expression" or parent.child_by_field_name("left") != read:
        return None
    operator = parent.child_by_field_name("operator")
    if operator is None or parsed.text(operator) not in ("||", "??"):
        return None
    return _literal_or_text(parsed, parent.child_by_field_name("right"))


def detect_process_env(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "process" not in text:
        return FileFacts()
    found: list[Setting] = []
    for query in ("env_member", "env_subscript"):
        for match in parsed.matches(query):
            read = match["read"][0]
            name_node = match["name"][0]
            name = string_value(parsed, name_node) if name_node.type == "string" else parsed.text(name_node)
            if name:
                found.append(_setting(parsed, name, read, "process.env", _js_default(parsed, read)))
    for match in parsed.matches("env_destructure"):
        for part in match["pattern"][0].named_children:
            if part.type == "shorthand_property_identifier_pattern":
                found.append(_setting(parsed, parsed.text(part), part, "process.env"))
            elif part.type == "object_assignment_pattern":
                name = parsed.text(part.child_by_field_name("left"))
                default = _literal_or_text(parsed, part.child_by_field_name("right"))
                found.append(_setting(parsed, name, part, "process.env", default))
            elif part.type == "pair_pattern":
                key = part.child_by_field_name("key")
                value = part.child_by_field_name("value")
                default = None
                if value is not None and value.type == "assignment_pattern":
                    default = _literal_or_text(parsed, value.child_by_field_name("right"))
                found.append(_setting(parsed, parsed.text(key).strip("'\""), part, "process.env", default))
    return FileFacts(settings=_once(found))


def detect_go_getenv(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "Getenv" not in text and "LookupEnv" not in text:
        return FileFacts()
    found: list[Setting] = []
    for call in selector_calls(parsed, frozenset({"Getenv", "LookupEnv"})):
        if parsed.text(call.receiver) != "os" or not call.arguments:
            continue
        name = string_value(parsed, call.arguments[0])
        if name:
            found.append(_setting(parsed, name, call.node, "os.Getenv"))
    return FileFacts(settings=_once(found))


def _rust_default(parsed: ParsedFile, read: Node) -> str | None:
    """`env::var("X").unwrap_or("d".into())`, `.unwrap_or_else(|_| "d".to_string())`."""
    selector = read.parent
    if selector is None or selector.type != "field_expression" or selector.parent is None:
        return None
    if parsed.text(selector.child_by_field_name("field")) not in ("unwrap_or", "unwrap_or_else"):
        return None
    arguments = selector.parent.child_by_field_name("arguments")
    stack = [arguments] if arguments is not None else []
    while stack:
        node = stack.pop()
        if node.type == "string_literal":
            return string_value(parsed, node)
        stack += reversed(node.named_children[:8])
    return None


def detect_rust_env(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "env" not in text:
        return FileFacts()
    found: list[Setting] = []
    if "var" in text:
        for match in parsed.matches("env_call"):
            function = parsed.text(match["function"][0])
            bare = function in ("var", "var_os")
            if function in _RUST_FUNCTIONS and (not bare or "env::var" in text):
                read = match["read"][0]
                name = string_value(parsed, match["name"][0])
                if name:
                    found.append(_setting(parsed, name, read, "std::env::var", _rust_default(parsed, read)))
    if "env!" in text:
        for match in parsed.matches("env_macro"):
            name = string_value(parsed, match["name"][0])
            if name:
                found.append(_setting(parsed, name, match["read"][0], "env!"))
    return FileFacts(settings=_once(found))


def detect_java_getenv(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "System.getenv" not in text:
        return FileFacts()
    found: list[Setting] = []
    for match in parsed.matches("getenv"):
        name = string_value(parsed, match["name"][0])
        if name:
            found.append(_setting(parsed, name, match["read"][0], "System.getenv"))
    return FileFacts(settings=_once(found))
