"""Reading the fields of pydantic-style classes (pydantic models, SQLModel, pydantic-settings):
the type as written, the `Field(...)` that configures a field (assigned, or inside
`Annotated[...]`), its default, and the fields a class inherits from bases in the same file."""

from __future__ import annotations

import ast

from codedoc.analyze.python.detectors.class_bodies import AnnotatedField, ClassTree, annotated_fields, referenced_record
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    is_ellipsis,
    keyword,
    last_name,
    string_value,
    text_value,
)
from codedoc.model import Relation

FIELD = frozenset({"Field"})


def field_call(value: ast.expr | None, names: frozenset[str] = FIELD) -> ast.Call | None:
    if isinstance(value, ast.Call) and last_name(value.func) in names:
        return value
    return None


def _annotated_parts(annotation: ast.expr) -> list[ast.expr] | None:
    if (
        isinstance(annotation, ast.Subscript)
        and last_name(annotation.value) == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
        and annotation.slice.elts
    ):
        return list(annotation.slice.elts)
    return None


def field_info(item: AnnotatedField, names: frozenset[str] = FIELD) -> ast.Call | None:
    """The `Field(...)` of a field: `x: int = Field(3)` or `x: Annotated[int, Field(gt=0)]`."""
    assigned = field_call(item.value, names)
    if assigned is not None:
        return assigned
    for meta in (_annotated_parts(item.annotation) or [])[1:]:
        if (found := field_call(meta, names)) is not None:
            return found
    return None


def annotation_text(annotation: ast.expr, source: SourceText) -> str:
    """A type as written, without `Annotated` metadata or the quotes of a forward reference."""
    parts = _annotated_parts(annotation)
    if parts is not None:
        annotation = parts[0]
    return string_value(annotation) or source.segment(annotation)


def _from_field(call: ast.Call, source: SourceText) -> str | None:
    default = argument(call, 0, "default")
    if default is not None:
        return None if is_ellipsis(default) else source.segment(default)
    factory = keyword(call, "default_factory")
    return f"{source.segment(factory)}()" if factory is not None else None


def field_default(item: AnnotatedField, source: SourceText) -> str | None:
    """The default as written: `x = 3`, `Field(3)`, `Field(default=3)`, `Field(default_factory=list)`."""
    assigned = field_call(item.value)
    if assigned is not None:
        return _from_field(assigned, source)
    if item.value is not None:
        return source.segment(item.value)
    info = field_info(item)
    return _from_field(info, source) if info is not None else None


def field_description(item: AnnotatedField) -> str | None:
    """`Field(description=...)`, else the attribute docstring below the field."""
    info = field_info(item)
    described = text_value(keyword(info, "description")) if info is not None else None
    return described or item.doc


def merged_fields(classes: ClassTree, node: ast.ClassDef) -> list[AnnotatedField]:
    """This class's fields after those inherited from its bases in the same file; later ones win."""
    by_name: dict[str, AnnotatedField] = {}
    for owner in [*classes.ancestors(node), node]:
        for item in annotated_fields(owner):
            by_name.pop(item.name, None)
            by_name[item.name] = item
    return list(by_name.values())


def nested_relations(fields: list[AnnotatedField], models: set[str]) -> list[Relation]:
    """Fields whose type is another model of the file: `items: list[Item]` → one-to-many Item."""
    relations: list[Relation] = []
    for item in fields:
        reference = referenced_record(item.annotation)
        if reference is not None and reference[0] in models:
            relations.append(Relation(item.name, reference[0], "one_to_many" if reference[1] else "related"))
    return relations
