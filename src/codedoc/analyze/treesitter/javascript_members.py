"""JavaScript and TypeScript pieces shared by declarations and class members: parameters,
return types, decorators, signatures."""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, span_text
from codedoc.model import Parameter

FUNCTION_VALUES = frozenset(
    {"arrow_function", "function_expression", "function", "generator_function", "generator_function_expression"}
)
CLASS_VALUES = frozenset({"class", "class_expression"})
_BODY_FIELDS = ("body",)


def type_text(parsed: ParsedFile, annotation: Node | None) -> str | None:
    """`: number` → `number`."""
    if annotation is None:
        return None
    return one_line(parsed.text(annotation).lstrip().removeprefix(":").strip()) or None


def parameters(parsed: ParsedFile, function: Node) -> tuple[Parameter, ...]:
    params = function.child_by_field_name("parameters")
    if params is None:
        single = function.child_by_field_name("parameter")  # `x => x * 2`
        return (Parameter(parsed.text(single)),) if single is not None else ()
    found: list[Parameter] = []
    for child in params.named_children:
        if child.type in ("comment", "decorator"):
            continue
        pattern, annotation, default = child, None, None
        if child.type in ("required_parameter", "optional_parameter"):
            pattern = child.child_by_field_name("pattern") or child
            annotation = type_text(parsed, child.child_by_field_name("type"))
            value = child.child_by_field_name("value")
            default = one_line(parsed.text(value)) if value is not None else None
        if pattern.type == "assignment_pattern":
            default = one_line(parsed.text(pattern.child_by_field_name("right")))
            pattern = pattern.child_by_field_name("left") or pattern
        kind = "positional_or_keyword"
        if pattern.type == "rest_pattern":
            kind = "var_positional"
            inner = pattern.named_children
            pattern = inner[0] if inner else pattern
        name = one_line(parsed.text(pattern))
        if name == "this":
            continue  # TypeScript's `this: Window` types the receiver; it is not an argument
        found.append(Parameter(name=name, annotation=annotation, default=default, kind=kind))
    return tuple(found)


def returns(parsed: ParsedFile, function: Node) -> str | None:
    return type_text(parsed, function.child_by_field_name("return_type"))


def is_async(function: Node) -> bool:
    return any(child.type == "async" for child in function.children)


def has_token(node: Node, token: str) -> bool:
    return any(not child.is_named and child.type == token for child in node.children)


def decorators_of(parsed: ParsedFile, *nodes: Node | None) -> list[str]:
    """Decorators written inside any of `nodes` (a class, its `export` statement, a member)."""
    found: list[str] = []
    for node in nodes:
        if node is None:
            continue
        found += [one_line(parsed.text(c)).removeprefix("@") for c in node.children if c.type == "decorator"]
    return found


def header(parsed: ParsedFile, node: Node, *, start: Node | None = None) -> str:
    """The declaration up to its body, decorators and comments cut out: its one-line signature."""
    body = node.child_by_field_name("body")
    end = body.start_byte if body is not None else node.end_byte
    skip = [c for c in node.children if c.type in ("decorator", "comment")]
    begin = (start or node).start_byte
    return one_line(span_text(parsed, begin, end, skip).rstrip().rstrip(";{").rstrip())


def accessibility(parsed: ParsedFile, member: Node) -> str | None:
    """`private` / `protected` / `public` as written on a TypeScript member, if any."""
    for child in member.children:
        if child.type == "accessibility_modifier":
            return parsed.text(child)
    return None
