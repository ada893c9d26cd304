"""Members of JavaScript/TypeScript classes, interfaces and enums, as symbols.

Each member comes back with the visibility its own modifiers force (`private`, `protected`,
`#name`), or None when it simply follows its class's export.
"""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.treesitter.comments import jsdoc_above
from codedoc.analyze.treesitter.extraction import location
from codedoc.analyze.treesitter.javascript_members import (
    FUNCTION_VALUES,
    accessibility,
    decorators_of,
    has_token,
    header,
    is_async,
    parameters,
    returns,
    type_text,
)
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, short_value
from codedoc.model import Symbol, SymbolKind, Visibility

_MEMBERS = frozenset(
    {
        "method_definition",
        "method_signature",
        "abstract_method_signature",
        "public_field_definition",
        "field_definition",
        "property_signature",
    }
)


def class_members(parsed: ParsedFile, body: Node, parent: str) -> list[tuple[Symbol, Visibility | None]]:
    found: list[tuple[Symbol, Visibility | None]] = []
    leading: list[Node] = []  # TypeScript puts a method's decorators before it in the class body
    for member in body.named_children:
        if member.type == "decorator":
            leading.append(member)
            continue
        first = leading[0] if leading else member
        decorators = [one_line(parsed.text(d)).removeprefix("@") for d in leading]
        leading = []
        if member.type in _MEMBERS:
            symbol = _member(parsed, member, parent, first=first, decorators=decorators)
            if symbol is not None:
                found.append(symbol)
    return found


def _member(
    parsed: ParsedFile, member: Node, parent: str, *, first: Node, decorators: list[str]
) -> tuple[Symbol, Visibility | None] | None:
    name_node = member.child_by_field_name("name") or member.child_by_field_name("property")
    if name_node is None:
        return None
    name = parsed.text(name_node)
    modifier = accessibility(parsed, member)
    fixed = None
    if name_node.type == "private_property_identifier" or modifier == "private":
        fixed = Visibility.PRIVATE
    elif modifier == "protected":
        fixed = Visibility.PROTECTED
    value = member.child_by_field_name("value")
    function = member if "method" in member.type else None
    if function is None and value is not None and value.type in FUNCTION_VALUES:
        function = value  # `handle = (event) => {…}`: a method written as a field
    fields: dict[str, object] = {"decorators": tuple(decorators + decorators_of(parsed, member))}
    if function is not None:
        accessor = has_token(member, "get") or has_token(member, "set")
        kind = SymbolKind.PROPERTY if accessor else SymbolKind.METHOD
        fields.update(
            signature=header(parsed, member),
            parameters=parameters(parsed, function),
            returns=returns(parsed, function),
            is_async=is_async(function),
        )
    else:
        kind = SymbolKind.PROPERTY if member.type == "property_signature" else SymbolKind.FIELD
        fields.update(
            signature=header(parsed, member).removesuffix(";"),
            returns=type_text(parsed, member.child_by_field_name("type")),
            value=short_value(parsed.text(value)) if value is not None else None,
        )
    symbol = Symbol(
        kind=kind,
        name=name,
        qualname=f"{parent}.{name}",
        location=location(parsed, first, member),
        docstring=jsdoc_above(parsed, first),
        parent=parent,
        **fields,  # type: ignore[arg-type]
    )
    return symbol, fixed


def enum_members(parsed: ParsedFile, body: Node, parent: str) -> list[Symbol]:
    found: list[Symbol] = []
    for member in body.named_children:
        name = member.child_by_field_name("name") if member.type == "enum_assignment" else member
        if name is None or member.type not in ("property_identifier", "enum_assignment"):
            continue
        value = member.child_by_field_name("value")
        found.append(
            Symbol(
                kind=SymbolKind.CONSTANT,
                name=parsed.text(name),
                qualname=f"{parent}.{parsed.text(name)}",
                location=location(parsed, member),
                docstring=jsdoc_above(parsed, member),
                parent=parent,
                value=short_value(parsed.text(value)) if value is not None else None,
            )
        )
    return found
