"""SQLModel models: `class Hero(SQLModel, table=True)` tables and the plain SQLModel schemas they
share fields with; `Field(primary_key=True, foreign_key="team.id")`, `Relationship()`."""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.class_bodies import (
    AnnotatedField,
    ClassTree,
    class_constant,
    is_optional,
    referenced_record,
)
from codedoc.analyze.python.detectors.pydantic_fields import (
    annotation_text,
    field_default,
    field_description,
    field_info,
    merged_fields,
    nested_relations,
)
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    bool_value,
    docstring,
    keyword,
    last_name,
    location,
    string_value,
)
from codedoc.model import DataModel, ModelField, Module, Relation

FRAMEWORK = "sqlmodel"


def is_sqlmodel_base(base: ast.expr) -> bool:
    return last_name(base) == "SQLModel"


def _is_table(node: ast.ClassDef) -> bool:
    return any(item.arg == "table" and bool_value(item.value) is True for item in node.keywords)


def foreign_key_table(target: str) -> str:
    """`"team.id"` → `team`; `"auth.user.id"` (schema-qualified) → `auth.user`."""
    table, dot, _ = target.rpartition(".")
    return table if dot else target


def detect_sqlmodel_models(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "SQLModel" not in text:
        return FileFacts()
    classes = ClassTree(tree, text)
    source = SourceText(text)
    models: list[DataModel] = []
    found = classes.derived_from(is_sqlmodel_base)
    names = {info.node.name for info in found}
    for info in found:
        node = info.node
        is_table = _is_table(node)
        fields: list[ModelField] = []
        relations: list[Relation] = []
        plain: list[AnnotatedField] = []
        for item in merged_fields(classes, node):
            relationship = field_info(item, frozenset({"Relationship"}))
            if relationship is not None:
                reference = referenced_record(item.annotation)
                if reference is not None:
                    relations.append(
                        Relation(item.name, reference[0], "one_to_many" if reference[1] else "many_to_one")
                    )
                continue
            call = field_info(item)
            plain.append(item)
            foreign_key = string_value(keyword(call, "foreign_key")) if call is not None else None
            if foreign_key:
                relations.append(Relation(item.name, foreign_key_table(foreign_key), "foreign_key"))
            nullable = bool_value(keyword(call, "nullable")) if call is not None else None
            fields.append(
                ModelField(
                    name=item.name,
                    type=annotation_text(item.annotation, source),
                    default=field_default(item, source),
                    nullable=is_optional(item.annotation) if nullable is None else nullable,
                    primary_key=bool(call is not None and bool_value(keyword(call, "primary_key"))),
                    description=field_description(item),
                )
            )
        # A schema nesting another (`data: list[UserPublic]`) points to it.
        relations.extend(relation for relation in nested_relations(plain, names) if relation not in relations)
        table = None
        if is_table:
            table = string_value(class_constant(node, "__tablename__")) or node.name.lower()
        models.append(
            DataModel(
                name=node.name,
                qualname=f"{module.name}.{info.qualname}",
                location=location(context, node),
                framework=FRAMEWORK,
                fields=tuple(fields),
                relations=tuple(relations),
                table=table,
                docstring=docstring(node),
            )
        )
    return FileFacts(data_models=tuple(models))
