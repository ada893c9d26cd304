"""Go method calls (`r.GET("/x", h)`) and the path prefixes routers pick up along the way:
groups assigned to a variable (`v1 := r.Group("/v1")`), chained (`r.Group("/v1").GET(…)`), or a
closure passed to `r.Route("/v1", func(r chi.Router) { … })`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node

from codedoc.analyze.treesitter.detectors.js_routes import join_paths
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, string_value
from codedoc.model import Location, Route

_GROUP_METHODS = frozenset({"Group", "Route"})


@dataclass(frozen=True, slots=True)
class GoCall:
    node: Node
    receiver: Node
    method: str
    arguments: list[Node]


def selector_calls(parsed: ParsedFile, methods: frozenset[str]) -> Iterator[GoCall]:
    for match in parsed.matches("selector_call"):
        method = parsed.text(match["method"][0])
        if method in methods:
            args = [c for c in match["arguments"][0].named_children if c.type != "comment"]
            yield GoCall(match["call"][0], match["object"][0], method, args)


def handler_name(parsed: ParsedFile, node: Node) -> str:
    if node.type == "func_literal":
        return "(anonymous)"
    return one_line(parsed.text(node), 80)


def _assigned_groups(parsed: ParsedFile) -> dict[str, Node]:
    """`v1 := r.Group("/v1")` / `v1 = r.Group(…)` → {"v1": the call}."""
    found: dict[str, Node] = {}
    for call in selector_calls(parsed, frozenset({"Group"})):
        statement = call.node.parent.parent if call.node.parent is not None else None
        if statement is None or statement.type not in ("short_var_declaration", "assignment_statement", "var_spec"):
            continue
        left = statement.child_by_field_name("left") or statement.child_by_field_name("name")
        names = [c for c in left.named_children] if left is not None and left.type == "expression_list" else [left]
        if names and names[0] is not None and names[0].type == "identifier":
            found[parsed.text(names[0])] = call.node
    return found


class Prefixes:
    """Resolves the path prefix in front of a route call's receiver."""

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.groups = _assigned_groups(parsed)

    def of(self, receiver: Node) -> str:
        parts: list[str] = []
        node: Node | None = receiver
        seen: set[str] = set()
        while node is not None and len(parts) < 32:
            if node.type == "identifier":
                name = self.parsed.text(node)
                if name in seen or name not in self.groups:
                    break
                seen.add(name)
                node = self.groups[name]
            elif node.type == "call_expression":
                function = node.child_by_field_name("function")
                if function is None or function.type != "selector_expression":
                    break
                if self.parsed.text(function.child_by_field_name("field")) in _GROUP_METHODS:
                    args = node.child_by_field_name("arguments")
                    first = args.named_children[0] if args is not None and args.named_children else None
                    parts.append(string_value(self.parsed, first) or "")
                node = function.child_by_field_name("operand")
            else:
                break
        prefix = ""
        for part in reversed(parts):
            prefix = join_paths(prefix, part)
        return prefix

    def enclosing(self, call: Node) -> str:
        """Prefixes of `r.Route("/x", func(r chi.Router) { … })` closures around `call`."""
        parts: list[str] = []
        node = call.parent
        while node is not None:
            if node.type == "func_literal" and node.parent is not None and node.parent.type == "argument_list":
                outer = node.parent.parent
                function = outer.child_by_field_name("function") if outer is not None else None
                if (
                    function is not None
                    and function.type == "selector_expression"
                    and self.parsed.text(function.child_by_field_name("field")) == "Route"
                ):
                    parts.append(string_value(self.parsed, node.parent.named_children[0]) or "")
            node = node.parent
        prefix = ""
        for part in reversed(parts):
            prefix = join_paths(prefix, part)
        return prefix

    def full_path(self, call: GoCall, path: str) -> str:
        return join_paths(join_paths(self.enclosing(call.node), self.of(call.receiver)), path)


def route(parsed: ParsedFile, call: GoCall, *, method: str, path: str, handler: Node | None, framework: str) -> Route:
    return Route(
        method=method,
        path=path,
        handler=handler_name(parsed, handler) if handler is not None else "(anonymous)",
        location=Location(parsed.path, parsed.line(call.node), parsed.end_line(call.node)),
        framework=framework,
    )
