"""Reading tree-sitter nodes of Python source: text as written, docstrings, spans, parameters."""

from __future__ import annotations

import ast
from inspect import cleandoc

from tree_sitter import Node

from codedoc.analyze.python.collect import literal_names
from codedoc.analyze.python.signatures import EXPRESSION_LIMIT, VALUE_LIMIT, one_line, shorten
from codedoc.model import Parameter

LITERAL_ERRORS = (ValueError, TypeError, SyntaxError, MemoryError, RecursionError)


def decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def named(node: Node) -> list[Node]:
    return [child for child in node.named_children if child.type != "comment"]


def string_value(node: Node) -> str | None:
    """The value of a string literal node (or implicit concatenation), else None (f-strings, bytes)."""
    if node.type not in ("string", "concatenated_string"):
        return None
    try:
        value = ast.literal_eval(decode(node.text or b""))
    except LITERAL_ERRORS:
        return None
    return value if isinstance(value, str) else None


def docstring_of(block: Node | None) -> str | None:
    if block is None:
        return None
    statements = named(block)
    if not statements:
        return None
    first = statements[0]
    if first.type != "expression_statement" or first.named_child_count != 1:
        return None
    value = string_value(first.named_children[0])
    return cleandoc(value) if value is not None else None


def end_line(node: Node) -> int:
    """The last line of real code in `node`: tree-sitter keeps trailing comments inside a block."""
    while True:
        children = [child for child in node.children if child.type != "comment"]
        if not children or node.type in ("string", "concatenated_string"):
            break
        node = children[-1]
    return node.end_point.row + 1


def unwrap(node: Node) -> Node:
    """The expression inside redundant parentheses: `ast` positions leave them out, so do we."""
    while node.type in ("parenthesized_expression", "type"):
        children = named(node)
        if len(children) != 1 or children[0].type in ("yield", "comment"):
            break
        if node.type == "type" and children[0].type != "parenthesized_expression":
            break
        node = children[0]
    return node


class NodeText:
    """Text of the nodes of one file; node offsets are byte offsets into `source`."""

    __slots__ = ("source",)

    def __init__(self, source: bytes) -> None:
        self.source = source

    def text(self, node: Node, limit: int = EXPRESSION_LIMIT) -> str:
        """A node's source on one line, as written, without comments."""
        node = unwrap(node)
        raw = self.source[node.start_byte : node.end_byte]
        if node.start_point.row == node.end_point.row:
            return shorten(decode(raw), limit)
        if b"#" in raw:
            raw = self.without_comments(node)
        return shorten(one_line(decode(raw)), limit)

    def without_comments(self, node: Node) -> bytes:
        pieces: list[bytes] = []
        position = node.start_byte
        pending = [node]
        comments: list[Node] = []
        while pending:
            current = pending.pop()
            if current.type == "comment":
                comments.append(current)
            else:
                pending.extend(current.children)
        for comment in sorted(comments, key=lambda item: item.start_byte):
            pieces.append(self.source[position : comment.start_byte])
            position = comment.end_byte
        pieces.append(self.source[position : node.end_byte])
        return b"".join(pieces)

    def value(self, node: Node) -> str:
        """A value for display, cut at `VALUE_LIMIT`."""
        return self.text(node, VALUE_LIMIT)

    def literal_strings(self, node: Node | None) -> list[str] | None:
        """The strings of a literal list or tuple of strings (`__all__`), else None."""
        if node is None:
            return None
        try:
            return literal_names(ast.literal_eval(decode(node.text or b"")))
        except LITERAL_ERRORS:
            return None

    def superclasses(self, arguments: Node | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A class's bases and its keywords (`metaclass=M`), as written."""
        if arguments is None:
            return (), ()
        bases: list[str] = []
        keywords: list[str] = []
        for argument in named(arguments):
            if argument.type == "keyword_argument":
                key, value = argument.child_by_field_name("name"), argument.child_by_field_name("value")
                if key is not None and value is not None:
                    keywords.append(f"{self.text(key)}={self.text(value)}")
            elif argument.type == "dictionary_splat":
                keywords.append(self.text(argument))
            else:
                bases.append(self.text(argument))
        return tuple(bases), tuple(keywords)

    def parameters(self, node: Node) -> tuple[Parameter, ...]:
        """A `parameters` node as `Parameter`s; the kind follows the `/`, `*` and `*args` markers."""
        result: list[Parameter] = []
        keyword_only = False
        for child in named(node):
            kind = child.type
            if kind == "positional_separator":
                result = [
                    Parameter(item.name, item.annotation, item.default, "positional_only")
                    if item.kind == "positional_or_keyword"
                    else item
                    for item in result
                ]
                continue
            if kind == "keyword_separator":
                keyword_only = True
                continue
            parameter = self.parameter(child, keyword_only=keyword_only)
            if parameter is None:
                continue
            if parameter.kind == "var_positional":
                keyword_only = True
            result.append(parameter)
        return tuple(result)

    def parameter(self, node: Node, *, keyword_only: bool) -> Parameter | None:
        plain = "keyword_only" if keyword_only else "positional_or_keyword"
        kind = node.type
        annotation_node = node.child_by_field_name("type")
        annotation = self.text(annotation_node) if annotation_node is not None else None
        default_node = node.child_by_field_name("value")
        default = self.value(default_node) if default_node is not None else None
        if kind == "identifier":
            return Parameter(self.text(node), kind=plain)
        if kind in ("default_parameter", "typed_default_parameter"):
            name_node = node.child_by_field_name("name")
            if name_node is None:
                return None
            return Parameter(self.text(name_node), annotation, default, plain)
        target = node
        if kind == "typed_parameter":
            children = named(node)
            if not children:
                return None
            target = children[0]
        if target.type == "identifier":
            return Parameter(self.text(target), annotation, kind=plain)
        if target.type in ("list_splat_pattern", "dictionary_splat_pattern"):
            names = [child for child in target.named_children if child.type == "identifier"]
            if not names:
                return None
            variadic = "var_positional" if target.type == "list_splat_pattern" else "var_keyword"
            return Parameter(self.text(names[0]), annotation, kind=variadic)
        return None
