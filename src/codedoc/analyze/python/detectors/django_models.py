"""Django models: subclasses of `models.Model` (and of such classes in the same file) with
`models.XField(...)` fields; `ForeignKey`, `OneToOneField` and `ManyToManyField` become relations.

Abstract models (`class Meta: abstract = True`) are not tables: they are left out, and their
fields appear in the models that inherit them. The table name is `Meta.db_table`, or Django's
default `<app_label>_<model name>`.
"""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.class_bodies import ClassTree, class_constant, inner_class
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    bool_value,
    docstring,
    dotted_name,
    keyword,
    last_name,
    location,
    string_value,
    text_value,
)
from codedoc.model import DataModel, ModelField, Module, Relation

FRAMEWORK = "django"
_ROOTS = frozenset({"models.Model", "Model", "django.db.models.Model"})
_RELATIONS = {"ForeignKey": "foreign_key", "OneToOneField": "one_to_one", "ManyToManyField": "many_to_many"}
_OTHER_FIELDS = frozenset({"GenericForeignKey", "GenericRelation"})


def _meta(node: ast.ClassDef, name: str) -> ast.expr | None:
    meta = inner_class(node, "Meta")
    return class_constant(meta, name) if meta is not None else None


def _is_abstract(node: ast.ClassDef) -> bool:
    return bool_value(_meta(node, "abstract")) is True


def app_label(module_name: str) -> str:
    """The app a models module belongs to: `shop` for `shop.models` and `shop.models.order`."""
    parts = module_name.split(".")
    if "models" in parts:
        index = parts.index("models")
        if index > 0:
            return parts[index - 1]
    return parts[-2] if len(parts) > 1 else parts[0]


def _field_call(value: ast.expr) -> ast.Call | None:
    if not isinstance(value, ast.Call):
        return None
    kind = last_name(value.func) or ""
    if kind.endswith("Field") or kind in _RELATIONS or kind in _OTHER_FIELDS:
        return value
    return None


def _has_model_fields(node: ast.ClassDef) -> bool:
    """`x = models.CharField(...)` in the body: a model even when its base comes from another module."""
    return any(
        isinstance(statement, ast.Assign)
        and (call := _field_call(statement.value)) is not None
        and (dotted_name(call.func) or "").startswith("models.")
        for statement in node.body
    )


def _relation_target(call: ast.Call, owner: str) -> str | None:
    target = argument(call, 0, "to")
    written = string_value(target)
    if written is not None:
        return owner if written == "self" else written.rpartition(".")[2]
    name = dotted_name(target)
    return name.rpartition(".")[2] if name else None


def _fields(node: ast.ClassDef, owner: str, source: SourceText) -> tuple[list[ModelField], list[Relation]]:
    fields: list[ModelField] = []
    relations: list[Relation] = []
    for statement in node.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            continue
        call = _field_call(statement.value)
        if call is None:
            continue
        name, kind = statement.targets[0].id, last_name(call.func) or ""
        default = keyword(call, "default")
        description = text_value(keyword(call, "help_text")) or text_value(keyword(call, "verbose_name"))
        fields.append(
            ModelField(
                name=name,
                type=kind,
                default=source.segment(default) if default is not None else None,
                nullable=bool(bool_value(keyword(call, "null"))),
                primary_key=bool(bool_value(keyword(call, "primary_key"))),
                description=description,
            )
        )
        if kind in _RELATIONS and (target := _relation_target(call, owner)) is not None:
            relations.append(Relation(name, target, _RELATIONS[kind]))
    return fields, relations


def detect_django_models(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "django" not in text or "Model" not in text:
        return FileFacts()
    classes = ClassTree(tree, text)
    source = SourceText(text)
    models: list[DataModel] = []
    for info in classes.derived_from(lambda base: dotted_name(base) in _ROOTS, _has_model_fields):
        node = info.node
        if _is_abstract(node):
            continue
        fields: list[ModelField] = []
        relations: list[Relation] = []
        # Abstract bases give their fields to each child; concrete bases keep theirs in their own table.
        for owner in [*(a for a in classes.ancestors(node) if _is_abstract(a)), node]:
            owner_fields, owner_relations = _fields(owner, node.name, source)
            fields.extend(owner_fields)
            relations.extend(owner_relations)
        table = string_value(_meta(node, "db_table"))
        if table is None:
            label = string_value(_meta(node, "app_label")) or app_label(module.name)
            table = f"{label}_{node.name.lower()}"
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
