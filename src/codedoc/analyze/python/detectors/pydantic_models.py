"""Pydantic models: `BaseModel` subclasses (also `pydantic.BaseModel`, and subclasses of those in
the same file), fields from annotations with `Field(default, description=...)`.

`BaseSettings` subclasses are configuration, not data: the settings detector reads them.
SQLModel classes have their own detector.
"""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.class_bodies import AnnotatedField, ClassTree, is_optional
from codedoc.analyze.python.detectors.pydantic_fields import (
    annotation_text,
    field_default,
    field_description,
    merged_fields,
    nested_relations,
)
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    docstring,
    last_name,
    location,
)
from codedoc.model import DataModel, ModelField, Module

FRAMEWORK = "pydantic"
_ROOTS = frozenset({"BaseModel", "RootModel"})


def model_fields(fields: list[AnnotatedField], source: SourceText) -> list[ModelField]:
    return [
        ModelField(
            name=item.name,
            type=annotation_text(item.annotation, source),
            default=field_default(item, source),
            nullable=is_optional(item.annotation),
            description=field_description(item),
        )
        for item in fields
    ]


def detect_pydantic_models(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "BaseModel" not in text:
        return FileFacts()
    classes = ClassTree(tree, text)
    found = classes.derived_from(lambda base: last_name(base) in _ROOTS)
    if not found:
        return FileFacts()
    source = SourceText(text)
    names = {info.node.name for info in found}
    models: list[DataModel] = []
    for info in found:
        fields = merged_fields(classes, info.node)
        models.append(
            DataModel(
                name=info.node.name,
                qualname=f"{module.name}.{info.qualname}",
                location=location(context, info.node),
                framework=FRAMEWORK,
                fields=tuple(model_fields(fields, source)),
                relations=tuple(nested_relations(fields, names)),
                docstring=docstring(info.node),
            )
        )
    return FileFacts(data_models=tuple(models))
