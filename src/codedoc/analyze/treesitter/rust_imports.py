"""Rust imports: `use` trees flattened to one import per path, `extern crate`, and `mod x;`.

`mod x;` declares a module in another file; it is reported as an import of that module's absolute
path (`crate::a::x` when declared in `crate::a`), which the orchestrator resolves like a `use`.
"""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Import, ImportKind

_STDLIB_CRATES = frozenset({"std", "core", "alloc", "proc_macro", "test"})
_PATHS = frozenset({"identifier", "scoped_identifier", "self", "crate", "super", "metavariable"})


def import_kind(path: str) -> ImportKind:
    return ImportKind.STDLIB if path.split("::", 1)[0] in _STDLIB_CRATES else ImportKind.UNRESOLVED


def _join(prefix: str, path: str) -> str:
    return f"{prefix}::{path}" if prefix else path


def use_imports(parsed: ParsedFile, node: Node) -> list[Import]:
    """`use a::{b, c::d as e, f::*}` → `a::b`, `a::c::d` (name `d`), `a::f` (name `*`)."""
    line = parsed.line(node)
    argument = node.child_by_field_name("argument")
    found: list[Import] = []
    stack: list[tuple[Node, str]] = [(argument, "")] if argument is not None else []
    while stack:
        tree, prefix = stack.pop()
        path, leaf = "", ""
        if tree.type in _PATHS:
            text = parsed.text(tree)
            path, leaf = (
                (prefix, prefix.rsplit("::", 1)[-1]) if text == "self" and prefix else (_join(prefix, text), "")
            )
        elif tree.type == "use_as_clause":
            path = _join(prefix, parsed.text(tree.child_by_field_name("path")))
        elif tree.type == "use_wildcard":
            inner = [c for c in tree.named_children if c.type in _PATHS]
            path, leaf = (_join(prefix, parsed.text(inner[0])) if inner else prefix), "*"
        elif tree.type == "scoped_use_list":
            base = tree.child_by_field_name("path")
            items = tree.child_by_field_name("list")
            new_prefix = _join(prefix, parsed.text(base)) if base is not None else prefix
            if items is not None:
                stack += [(child, new_prefix) for child in reversed(items.named_children)]
            continue
        elif tree.type == "use_list":
            stack += [(child, prefix) for child in reversed(tree.named_children)]
            continue
        path = path.removeprefix("::")
        if path:
            leaf = leaf or path.rsplit("::", 1)[-1]
            found.append(Import(module=path, kind=import_kind(path), line=line, names=(leaf,)))
    return found


def extern_crate(parsed: ParsedFile, node: Node) -> Import | None:
    name = node.child_by_field_name("name")
    if name is None:
        return None
    crate = parsed.text(name)
    return Import(module=crate, kind=import_kind(crate), line=parsed.line(node))


def module_declaration(parsed: ParsedFile, node: Node, *, module_name: str, prefix: str) -> Import:
    """`mod x;` inside module `module_name` (and inline `mod` blocks `prefix`) → `crate::…::x`."""
    name = parsed.text(node.child_by_field_name("name"))
    own = module_name.split(":", 1)[1] if ":" in module_name.split("::", 1)[0] else module_name
    base = own if own == "crate" or own.startswith("crate::") else "self"
    path = "::".join(part for part in (base, prefix.removesuffix("::"), name) if part)
    return Import(module=path, kind=ImportKind.UNRESOLVED, line=parsed.line(node))
