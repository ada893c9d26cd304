"""Express-style routers mounted across files: `app.use("/api", usersRouter)` where `usersRouter`
comes from `require("./routes/users")` or `import usersRouter from "./routes/users"`, and the
`module.exports = router` / `export default router` that names what such a file hands out.

Routers are named `module:variable`; what a module exports is `module:default`.
"""

from __future__ import annotations

import posixpath

from tree_sitter import Node

from codedoc.analyze.facts import RouteMount
from codedoc.analyze.treesitter.detectors.js_routes import arguments_of
from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Location

_EXTENSIONS = (".js", ".cjs", ".mjs", ".ts", ".tsx", ".jsx")


def _module_of(current: str, spec: str) -> str | None:
    """The module name (path without extension, folder for an index file) a relative specifier names."""
    if not spec.startswith("."):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(current), spec))
    for extension in _EXTENSIONS:
        path = path.removesuffix(extension)
    return path.removesuffix("/index")


def _required(parsed: ParsedFile, node: Node) -> str | None:
    """`require("./x")` → "./x"."""
    if node.type != "call_expression" or parsed.text(node.child_by_field_name("function")) != "require":
        return None
    args = arguments_of(node.child_by_field_name("arguments") or node)
    return string_value(parsed, args[0]) if args else None


def imported_routers(parsed: ParsedFile) -> dict[str, str]:
    """Local name → module it is the default export of, for relative requires and default imports."""
    found: dict[str, str] = {}
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            spec = _required(parsed, value) if value is not None else None
            module = _module_of(parsed.path, spec) if spec else None
            if name is not None and name.type == "identifier" and module:
                found[parsed.text(name)] = module
        elif node.type == "import_statement":
            source = node.child_by_field_name("source")
            spec = string_value(parsed, source) if source is not None else None
            module = _module_of(parsed.path, spec) if spec else None
            clause = next((c for c in node.named_children if c.type == "import_clause"), None)
            default = next((c for c in clause.named_children if c.type == "identifier"), None) if clause else None
            if module and default is not None:
                found[parsed.text(default)] = module
        elif node.type in ("program", "lexical_declaration", "variable_declaration", "export_statement"):
            stack.extend(node.named_children)
    return found


def _exported(parsed: ParsedFile) -> list[tuple[str, Node]]:
    """`module.exports = router` and `export default router`: (variable, statement)."""
    found: list[tuple[str, Node]] = []
    for node in parsed.root.named_children:
        if node.type == "expression_statement" and node.named_children:
            assignment = node.named_children[0]
            if assignment.type != "assignment_expression":
                continue
            left, right = assignment.child_by_field_name("left"), assignment.child_by_field_name("right")
            exports = parsed.text(left) in ("module.exports", "exports.default")
            if exports and right is not None and right.type == "identifier":
                found.append((parsed.text(right), node))
        elif node.type == "export_statement" and any(c.type == "default" for c in node.children):
            value = node.child_by_field_name("value") or next(
                (c for c in node.named_children if c.type == "identifier"), None
            )
            if value is not None and value.type == "identifier":
                found.append((parsed.text(value), node))
    return found


def js_mounts(
    parsed: ParsedFile, module_name: str, *, framework: str, mounted_here: set[str]
) -> tuple[RouteMount, ...]:
    """Mounts of routers imported from other files, and the aliases a file's default export makes.

    `mounted_here` are the local routers whose same-file mount was already applied to their routes."""
    imported = imported_routers(parsed)
    mounts: list[RouteMount] = []
    for match in parsed.matches("member_call"):
        if parsed.text(match["method"][0]) != "use":
            continue
        receiver = match["object"][0]
        args = arguments_of(match["arguments"][0])
        prefix = string_value(parsed, args[0]) if args else None
        if receiver.type != "identifier" or not args:
            continue
        children = args[1:] if prefix is not None else args
        call = match["call"][0]
        where = Location(parsed.path, parsed.line(call), parsed.end_line(call))
        for child in children:
            if child.type == "identifier":
                name = parsed.text(child)
                if name in mounted_here and name not in imported:
                    continue
                key = f"{imported[name]}:default" if name in imported else f"{module_name}:{name}"
            else:
                spec = _required(parsed, child)
                module = _module_of(parsed.path, spec) if spec else None
                if module is None:
                    continue
                key = f"{module}:default"
            parent = (f"{module_name}:{parsed.text(receiver)}",)
            mounts.append(
                RouteMount(parent=parent, child=(key,), location=where, framework=framework, prefix=prefix or "")
            )
    for variable, statement in _exported(parsed):
        where = Location(parsed.path, parsed.line(statement), parsed.end_line(statement))
        mounts.append(
            RouteMount(
                parent=(f"{module_name}:default",),
                child=(f"{module_name}:{variable}",),
                location=where,
                framework=framework,
            )
        )
    return tuple(mounts)
