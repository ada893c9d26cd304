"""JavaScript and TypeScript imports: `import`, `export … from`, `require()` and literal `import()`.

Specifiers stay as written (`./util` stays relative); the orchestrator resolves them against the
file's path. Only Node's built-in modules are classified here, everything else is UNRESOLVED.
"""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Import, ImportKind

NODE_BUILTINS = frozenset(
    {
        "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto",
        "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https",
        "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode", "querystring",
        "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events", "tty",
        "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib", "test",
    }
)  # fmt: skip


def import_kind(specifier: str) -> ImportKind:
    if specifier.startswith("node:"):
        return ImportKind.STDLIB
    # `test` only exists as `node:test`; a bare `test` is a package of that name.
    head = specifier.split("/", 1)[0]
    return ImportKind.STDLIB if head in NODE_BUILTINS and head != "test" else ImportKind.UNRESOLVED


def _make(specifier: str, line: int, names: list[str]) -> Import:
    return Import(module=specifier, kind=import_kind(specifier), line=line, names=tuple(names))


def import_statement(parsed: ParsedFile, node: Node) -> Import | None:
    """`import a, { b as c } from "x"` → names a, b; `import * as ns` → `*`; `import x = require("y")`."""
    source = node.child_by_field_name("source")
    names: list[str] = []
    for child in node.named_children:
        if child.type == "import_require_clause":
            source = child.child_by_field_name("source")
            names += [parsed.text(c) for c in child.named_children if c.type == "identifier"]
        elif child.type == "import_clause":
            for part in child.named_children:
                if part.type == "identifier":
                    names.append(parsed.text(part))
                elif part.type == "namespace_import":
                    names.append("*")
                elif part.type == "named_imports":
                    names += [
                        parsed.text(spec.child_by_field_name("name"))
                        for spec in part.named_children
                        if spec.type == "import_specifier"
                    ]
    specifier = string_value(parsed, source)
    if specifier is None:
        return None
    return _make(specifier, parsed.line(node), names)


def export_from(parsed: ParsedFile, node: Node) -> tuple[Import | None, list[str]]:
    """`export { a as b } from "x"` / `export * as ns from "x"`: the import and the names exported."""
    specifier = string_value(parsed, node.child_by_field_name("source"))
    imported: list[str] = []
    exported: list[str] = []
    for child in node.named_children:
        if child.type == "export_clause":
            for spec in child.named_children:
                if spec.type != "export_specifier":
                    continue
                name = parsed.text(spec.child_by_field_name("name"))
                alias = spec.child_by_field_name("alias")
                imported.append(name)
                exported.append(parsed.text(alias) if alias is not None else name)
        elif child.type == "namespace_export":
            imported.append("*")
            exported += [parsed.text(c) for c in child.named_children if c.type in ("identifier", "string")]
    if not any(c.type in ("export_clause", "namespace_export") for c in node.named_children):
        imported.append("*")  # `export * from "x"`: its names are not knowable from this file
    if specifier is None:
        return None, exported
    return _make(specifier, parsed.line(node), imported), exported


def _required_names(parsed: ParsedFile, call: Node) -> list[str]:
    """`const { a, b: c } = require("x")` imports a and b; `var View = require("./view")` binds View
    (to what the module exports as a whole, like a default import); `var m = require("x").m` imports m."""
    parent = call.parent
    if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == call:
        holder = parent.parent
        member = parent.child_by_field_name("property")
        if holder is None or holder.type != "variable_declarator" or member is None:
            return []
        local = holder.child_by_field_name("name")
        # Bound under the member's name: only when the local name is the same.
        return [parsed.text(member)] if local is not None and parsed.text(local) == parsed.text(member) else []
    if parent is None or parent.type != "variable_declarator":
        return []
    pattern = parent.child_by_field_name("name")
    if pattern is not None and pattern.type == "identifier":
        return [parsed.text(pattern)]
    if pattern is None or pattern.type != "object_pattern":
        return []
    names: list[str] = []
    for part in pattern.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            names.append(parsed.text(part))
        elif part.type == "pair_pattern":
            names.append(parsed.text(part.child_by_field_name("key")))
        elif part.type == "object_assignment_pattern":
            names.append(parsed.text(part.child_by_field_name("left")))
    return names


def call_imports(parsed: ParsedFile, text: str) -> list[Import]:
    """`require("x")` and `import("x")` anywhere in the file, when the argument is a literal."""
    found: list[Import] = []
    if "require" in text:
        for match in parsed.matches("require"):
            specifier = string_value(parsed, match["source"][0])
            if specifier is not None:
                call = match["call"][0]
                found.append(_make(specifier, parsed.line(call), _required_names(parsed, call)))
    if "import(" in text or "import (" in text:
        for match in parsed.matches("dynamic_import"):
            specifier = string_value(parsed, match["source"][0])
            if specifier is not None:
                found.append(_make(specifier, parsed.line(match["call"][0]), []))
    return found
