"""Gin and Echo groups handed to functions in other files or packages:

    v1 := r.Group("/api/v1")
    routes.RegisterItems(v1)            // main.go

    func RegisterItems(rg *gin.RouterGroup) {
        rg.GET("/items/:id", getItem)   // routes/items.go → /api/v1/items/:id
    }

A route whose receiver chain starts at a parameter of its function is declared on the router
`package.Function#index`; a call passing a group to such a function mounts it there, with the
group's prefix. Chains of such calls are followed once every file is analysed.
"""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.facts import RouteMount
from codedoc.analyze.treesitter.detectors.go_calls import Prefixes
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Location

_ROUTER_TYPES = ("gin.RouterGroup", "gin.Engine", "gin.IRouter", "gin.IRoutes", "echo.Group", "echo.Echo")
_CONSTRUCTORS = ("gin.Default()", "gin.New()", "echo.New()")


def _enclosing_function(node: Node) -> Node | None:
    current = node.parent
    while current is not None and current.type not in ("function_declaration", "func_literal", "method_declaration"):
        current = current.parent
    return current if current is not None and current.type == "function_declaration" else None


def _parameters(parsed: ParsedFile, function: Node) -> list[tuple[str, str]]:
    """(name, type as written) of each parameter, in order."""
    found: list[tuple[str, str]] = []
    parameters = function.child_by_field_name("parameters")
    for declaration in parameters.named_children if parameters is not None else []:
        kind = parsed.text(declaration.child_by_field_name("type"))
        names = [c for c in declaration.named_children if c.type == "identifier"]
        found += [(parsed.text(name), kind) for name in names] or [("_", kind)]
    return found


def root_name(prefixes: Prefixes, receiver: Node, groups: list[Node] | None = None) -> Node | None:
    """The identifier a receiver chain (`v1`, `r.Group("/x")`, a group of a group) starts from;
    the `Group(…)` calls met on the way are added to `groups`."""
    node: Node | None = receiver
    seen: set[str] = set()
    while node is not None and len(seen) < 32:
        if node.type == "identifier":
            name = prefixes.parsed.text(node)
            if name in seen or name not in prefixes.groups:
                return node
            seen.add(name)
            node = prefixes.groups[name]
        elif node.type == "call_expression":
            function = node.child_by_field_name("function")
            field = function.child_by_field_name("field") if function is not None else None
            if groups is not None and field is not None and prefixes.parsed.text(field) == "Group":
                groups.append(node)
            node = function.child_by_field_name("operand") if function is not None else None
        elif node.type == "selector_expression":
            node = node.child_by_field_name("operand")
        else:
            return None
    return None


def parameter_router(parsed: ParsedFile, package: str, prefixes: Prefixes, receiver: Node) -> str | None:
    """`package.Function#index` when the receiver chain starts at a parameter of its function."""
    root = root_name(prefixes, receiver)
    function = _enclosing_function(receiver)
    if root is None or function is None:
        return None
    name = parsed.text(root)
    for index, (parameter, _) in enumerate(_parameters(parsed, function)):
        if parameter == name:
            return f"{package}.{parsed.text(function.child_by_field_name('name'))}#{index}"
    return None


def _import_aliases(parsed: ParsedFile) -> dict[str, str]:
    """Package name or alias → import path."""
    found: dict[str, str] = {}
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        if node.type == "import_spec":
            path = parsed.text(node.child_by_field_name("path")).strip('"`')
            alias = node.child_by_field_name("name")
            found[parsed.text(alias) if alias is not None else path.rsplit("/", 1)[-1]] = path
        elif node.type in ("source_file", "import_declaration", "import_spec_list"):
            stack.extend(node.named_children)
    return found


def _routers_in(parsed: ParsedFile, function: Node | None, prefixes: Prefixes) -> set[str]:
    """Names that hold a router where `function` runs: groups, engines, router-typed parameters."""
    names = set(prefixes.groups)
    if function is not None:
        names |= {name for name, kind in _parameters(parsed, function) if any(t in kind for t in _ROUTER_TYPES)}
    return names


def go_mounts(parsed: ParsedFile, package: str, prefixes: Prefixes, framework: str) -> tuple[RouteMount, ...]:
    """Calls that pass a router group to a function: each a mount of that function's parameter."""
    aliases = _import_aliases(parsed)
    engines = _engines(parsed)
    mounts: list[RouteMount] = []
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type != "call_expression":
            continue
        callee = node.child_by_field_name("function")
        arguments = node.child_by_field_name("arguments")
        if callee is None or arguments is None:
            continue
        if callee.type == "identifier":
            target = f"{package}.{parsed.text(callee)}"
        elif callee.type == "selector_expression":
            operand = parsed.text(callee.child_by_field_name("operand"))
            if operand not in aliases:
                continue
            target = f"{aliases[operand]}.{parsed.text(callee.child_by_field_name('field'))}"
        else:
            continue
        function = _enclosing_function(node)
        routers = _routers_in(parsed, function, prefixes) | engines
        for index, argument in enumerate(c for c in arguments.named_children if c.type != "comment"):
            chain: list[Node] = []
            root = root_name(prefixes, argument, chain)
            if root is None or parsed.text(root) not in routers:
                continue
            declared = tuple(Location(parsed.path, parsed.line(c), parsed.end_line(c)) for c in reversed(chain))
            parent = parameter_router(parsed, package, prefixes, argument) or f"{package}:{parsed.text(root)}"
            where = Location(parsed.path, parsed.line(node), parsed.end_line(node))
            mounts.append(
                RouteMount(
                    parent=(parent,),
                    child=(f"{target}#{index}",),
                    location=where,
                    framework=framework,
                    prefix=prefixes.of(argument),
                    prefix_locations=declared,
                )
            )
    return tuple(mounts)


def _engines(parsed: ParsedFile) -> set[str]:
    """`r := gin.Default()` and the like."""
    found: set[str] = set()
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        stack.extend(node.named_children)
        if node.type in ("short_var_declaration", "assignment_statement"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None and parsed.text(right).replace(" ", "") in _CONSTRUCTORS:
                found.add(parsed.text(left))
    return found
