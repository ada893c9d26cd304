"""SQLAlchemy models: declarative classes (`__tablename__`, `Column(...)`, `Mapped[...] =
mapped_column(...)`, `relationship(...)`, `ForeignKey("table.col")`) and `Table("name", metadata,
Column(...))` objects.

A class is recognised by the shape of its body, not by its base: the declarative `Base` is
usually imported from another module. SQLModel classes are left to their own detector.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.class_bodies import (
    ClassTree,
    class_constant,
    is_optional,
    referenced_record,
    unwrap,
)
from codedoc.analyze.python.detectors.sqlmodel_models import foreign_key_table, is_sqlmodel_base
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    assigned_calls,
    bool_value,
    docstring,
    dotted_name,
    keyword,
    last_name,
    location,
    marked_statements,
    string_value,
    text_value,
)
from codedoc.model import DataModel, ModelField, Module, Relation

FRAMEWORK = "sqlalchemy"
_COLUMNS = frozenset({"Column", "mapped_column"})
_MARKERS = ("__tablename__", "mapped_column", "Column(")


@dataclass(slots=True)
class _Body:
    fields: dict[str, ModelField] = field(default_factory=dict)
    relations: dict[str, list[Relation]] = field(default_factory=dict)


def _column_call(value: ast.expr | None) -> ast.Call | None:
    if isinstance(value, ast.Call) and last_name(value.func) in _COLUMNS:
        return value
    return None


def _foreign_key_target(call: ast.Call) -> str | None:
    for arg in call.args:
        if isinstance(arg, ast.Call) and last_name(arg.func) == "ForeignKey":
            target = argument(arg, 0, "column")
            written = string_value(target)
            if written is not None:
                return foreign_key_table(written)
            name = dotted_name(target)  # ForeignKey(User.id)
            if name is not None:
                return name.rpartition(".")[0] or name
    return None


def _column_type(call: ast.Call, annotation: ast.expr | None, source: SourceText) -> str | None:
    for arg in call.args:
        if string_value(arg) is None and not (isinstance(arg, ast.Call) and last_name(arg.func) == "ForeignKey"):
            return source.segment(arg)
    if annotation is not None:
        inner = unwrap(annotation)
        return string_value(inner) or source.segment(inner)
    return None


def _column(
    name: str, call: ast.Call, annotation: ast.expr | None, source: SourceText
) -> tuple[ModelField, Relation | None]:
    primary_key = bool(bool_value(keyword(call, "primary_key")))
    nullable = bool_value(keyword(call, "nullable"))
    if nullable is None:
        # SQLAlchemy's rule: a Mapped[...] annotation decides; otherwise nullable unless primary key.
        nullable = is_optional(annotation) if annotation is not None else not primary_key
    default_node = keyword(call, "default") or keyword(call, "server_default")
    description = text_value(keyword(call, "comment")) or text_value(keyword(call, "doc"))
    target = _foreign_key_target(call)
    model_field = ModelField(
        name=name,
        type=_column_type(call, annotation, source),
        default=source.segment(default_node) if default_node is not None else None,
        nullable=False if primary_key else nullable,
        primary_key=primary_key,
        description=description,
    )
    return model_field, Relation(name, target, "foreign_key") if target else None


def _relationship(name: str, call: ast.Call, annotation: ast.expr | None) -> Relation | None:
    target_node = argument(call, 0, "argument")
    if isinstance(target_node, ast.Lambda):
        target_node = target_node.body
    target = string_value(target_node) or dotted_name(target_node)
    reference = referenced_record(annotation) if annotation is not None else None
    if target is None and reference is not None:
        target = reference[0]
    if target is None:
        return None
    if keyword(call, "secondary") is not None:
        kind = "many_to_many"
    elif bool_value(keyword(call, "uselist")) is False:
        kind = "one_to_one"
    elif reference is not None:
        kind = "one_to_many" if reference[1] else "many_to_one"
    else:
        kind = "related"
    return Relation(name, target.rpartition(".")[2], kind)


def _read_body(node: ast.ClassDef, source: SourceText, body: _Body) -> None:
    for statement in node.body:
        annotation: ast.expr | None = None
        value: ast.expr | None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value, annotation = statement.target, statement.value, statement.annotation
        else:
            continue
        if not isinstance(target, ast.Name) or target.id.startswith("__"):
            continue
        name = target.id
        column = _column_call(value)
        if isinstance(value, ast.Call) and last_name(value.func) == "relationship":
            relation = _relationship(name, value, annotation)
            if relation is not None:
                body.relations[name] = [relation]
            continue
        if column is None and not (
            value is None and annotation is not None and last_name(_head(annotation)) == "Mapped"
        ):
            continue
        if column is None:  # `name: Mapped[str]` alone is a column with everything inferred
            column = ast.Call(func=ast.Name("mapped_column"), args=[], keywords=[])
        model_field, relation = _column(name, column, annotation, source)
        body.fields[name] = model_field
        body.relations[name] = [relation] if relation else []


def _head(annotation: ast.expr) -> ast.expr:
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _is_mapped_class(node: ast.ClassDef) -> bool:
    if bool_value(class_constant(node, "__abstract__")) is True:
        return False
    if class_constant(node, "__tablename__") is not None or class_constant(node, "__table__") is not None:
        return True
    if not node.bases or node.name.endswith("Mixin"):
        return False  # a column mixin is part of other models, not a table of its own
    return any(
        isinstance(statement, ast.Assign | ast.AnnAssign) and _column_call(statement.value) is not None
        for statement in node.body
    )


def _table_models(tree: ast.Module, module: Module, context: FileContext, source: SourceText) -> list[DataModel]:
    """`users = Table("users", metadata, Column("id", Integer, primary_key=True), ...)`."""
    models: list[DataModel] = []
    for variable, call in assigned_calls(tree, marked_statements(tree, source.text, ("Table",))):
        table = string_value(argument(call, 0, "name"))
        if last_name(call.func) != "Table" or table is None:
            continue
        fields: list[ModelField] = []
        relations: list[Relation] = []
        for arg in call.args[1:]:
            column_name = string_value(argument(arg, 0, "name")) if isinstance(arg, ast.Call) else None
            if not isinstance(arg, ast.Call) or last_name(arg.func) != "Column" or column_name is None:
                continue
            model_field, relation = _column(column_name, arg, None, source)
            fields.append(model_field)
            relations.extend([relation] if relation else [])
        models.append(
            DataModel(
                table,
                f"{module.name}.{variable}",
                location(context, call),
                FRAMEWORK,
                tuple(fields),
                tuple(relations),
                table,
            )
        )
    return models


def detect_sqlalchemy_models(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if not any(marker in text for marker in _MARKERS):
        return FileFacts()
    classes = ClassTree(tree, text)
    sqlmodel = {info.qualname for info in classes.derived_from(is_sqlmodel_base)}
    source = SourceText(text)
    models: list[DataModel] = []
    for info in classes.classes:
        node = info.node
        if info.qualname in sqlmodel or not _is_mapped_class(node):
            continue
        body = _Body()
        for owner in [*classes.ancestors(node), node]:  # mixins of this file contribute columns
            _read_body(owner, source, body)
        relations = [relation for found in body.relations.values() for relation in found]
        models.append(
            DataModel(
                name=node.name,
                qualname=f"{module.name}.{info.qualname}",
                location=location(context, node),
                framework=FRAMEWORK,
                fields=tuple(body.fields.values()),
                relations=tuple(relations),
                table=string_value(class_constant(node, "__tablename__")),
                docstring=docstring(node),
            )
        )
    models.extend(_table_models(tree, module, context, source))
    return FileFacts(data_models=tuple(models))
