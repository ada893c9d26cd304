"""Body facts and declaration nodes for JavaScript/TypeScript, Go, Java and Rust, from tree-sitter."""

from __future__ import annotations

import re

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.docstrings.facts import NO_FACTS, BodyFacts, Raised, keep_call, short

_NESTED_FUNCTIONS = frozenset(
    {
        "function_declaration", "function_expression", "arrow_function", "generator_function_declaration",
        "func_literal", "closure_expression", "lambda_expression", "class_declaration", "class_body",
        "function_item", "method_definition", "method_declaration",
    }
)  # fmt: skip
_CALLS = frozenset({"call_expression", "method_invocation", "new_expression", "object_creation_expression"})
_CALLEE = re.compile(r"^[\w$.:]+$")
_PANICS = frozenset({"panic", "unreachable", "unimplemented", "todo"})


def declaration_at(parsed: ParsedFile, line: int) -> Node | None:
    """The outermost node starting at the first character of 1-based `line`, or None when that line
    holds something else before it (or nothing at all)."""
    lines = parsed.source.split(b"\n")
    if not 0 < line <= len(lines):
        return None
    text = lines[line - 1]
    column = len(text) - len(text.lstrip(b" \t"))
    if column >= len(text.rstrip(b"\r")):
        return None
    node: Node | None = parsed.root.descendant_for_point_range((line - 1, column), (line - 1, column))
    if node is None:
        return None
    while node.parent is not None and node.parent.start_byte == node.start_byte and node.parent.parent is not None:
        node = node.parent
    if node.start_point != (line - 1, column) or node.type in ("comment", "line_comment", "block_comment"):
        return None
    return node


def definition_of(node: Node) -> Node:
    """The item itself: past leading attributes (`#[derive]`) and into `export` wrappers."""
    while node.type in ("attribute_item", "decorator", "line_comment", "block_comment") and node.next_named_sibling:
        node = node.next_named_sibling
    return node


def body_of(node: Node) -> Node | None:
    """The function body under a declaration (also through `export const f = () => …`)."""
    queue = [node]
    for _ in range(64):
        if not queue:
            return None
        current = queue.pop(0)
        body = current.child_by_field_name("body")
        if body is not None and current.type not in ("class_declaration", "interface_declaration", "impl_item"):
            return body
        if current.type in ("class_declaration", "class", "interface_declaration", "struct_item", "trait_item"):
            return None
        queue.extend(current.named_children)
    return None


def treesitter_facts(parsed: ParsedFile, declaration: Node) -> BodyFacts:
    body = body_of(definition_of(declaration))
    if body is None:
        return NO_FACTS
    calls: list[str] = []
    raises: dict[str, Raised] = {}
    returns_value = False
    stack = list(reversed(body.named_children))
    while stack:
        node = stack.pop()
        if node.type in _NESTED_FUNCTIONS:
            continue
        if node.type in ("call_expression", "method_invocation"):
            keep_call(_callee(parsed, node), calls)
        elif node.type in ("throw_statement", "throw_expression"):
            thrown = _thrown(parsed, node)
            if thrown:
                raises.setdefault(thrown, Raised(thrown, _condition(parsed, node)))
        elif node.type == "macro_invocation":
            name = parsed.text(node.child_by_field_name("macro"))
            if name in _PANICS:
                raises.setdefault("panic", Raised("panic", _condition(parsed, node)))
        elif node.type in ("return_statement", "return_expression") and node.named_child_count:
            returns_value = True
        stack.extend(reversed(node.named_children))
    return BodyFacts(calls=tuple(calls), returns_value=returns_value, raises=tuple(raises.values()))


def java_throws(parsed: ParsedFile, declaration: Node) -> tuple[str, ...]:
    """Exceptions a Java method declares with `throws`."""
    for child in definition_of(declaration).children:
        if child.type == "throws":
            return tuple(parsed.text(t) for t in child.named_children)
    return ()


def _callee(parsed: ParsedFile, node: Node) -> str:
    if node.type == "method_invocation":
        name = parsed.text(node.child_by_field_name("name"))
        target = node.child_by_field_name("object")
        if target is not None and target.type == "identifier":
            return f"{parsed.text(target)}.{name}"
        return name
    function = node.child_by_field_name("function")
    text = parsed.text(function) if function is not None else ""
    return text if _CALLEE.match(text) else ""


def _thrown(parsed: ParsedFile, node: Node) -> str:
    for child in node.named_children:
        if child.type in ("new_expression", "object_creation_expression"):
            kind = child.child_by_field_name("constructor") or child.child_by_field_name("type")
            text = parsed.text(kind)
            return text if _CALLEE.match(text) else ""
        if child.type == "identifier":
            return parsed.text(child)
    return ""


def _condition(parsed: ParsedFile, node: Node) -> str | None:
    """The test of the `if` whose branch holds `node` directly (possibly inside a block)."""
    parent = node.parent
    for _ in range(3):
        if parent is None:
            return None
        if parent.type in ("if_statement", "if_expression"):
            condition = parent.child_by_field_name("condition")
            consequence = parent.child_by_field_name("consequence")
            if condition is None or consequence is None:
                return None
            if not consequence.start_byte <= node.start_byte < consequence.end_byte:
                return None
            text = parsed.text(condition).strip()
            if text.startswith("(") and text.endswith(")"):
                text = text[1:-1].strip()
            return short(text)
        parent = parent.parent
    return None
