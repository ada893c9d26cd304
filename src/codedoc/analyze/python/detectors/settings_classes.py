"""pydantic-settings classes: every field of a `BaseSettings` subclass is an environment variable.

The variable name follows pydantic-settings: the field name upper-cased behind the class's
`env_prefix` (from `model_config = SettingsConfigDict(env_prefix=...)`, a `model_config` dict,
a class keyword, or pydantic v1's inner `class Config`), unless `Field(alias=...)`,
`Field(validation_alias=...)` or v1's `Field(env=...)` names it outright.
"""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.class_bodies import ClassTree, class_constant, inner_class
from codedoc.analyze.python.detectors.pydantic_fields import (
    annotation_text,
    field_default,
    field_description,
    field_info,
    merged_fields,
)
from codedoc.analyze.python.detectors.redaction import shown_default
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    bool_value,
    keyword,
    last_name,
    location,
    string_value,
)
from codedoc.model import Module, Setting

SOURCE = "pydantic-settings"


def _config_value(node: ast.ClassDef, name: str) -> ast.expr | None:
    for item in node.keywords:  # class Settings(BaseSettings, env_prefix="APP_")
        if item.arg == name:
            return item.value
    config = class_constant(node, "model_config")
    if isinstance(config, ast.Call):
        return keyword(config, name)
    if isinstance(config, ast.Dict):
        for key, value in zip(config.keys, config.values, strict=False):
            if string_value(key) == name:
                return value
    legacy = inner_class(node, "Config")
    return class_constant(legacy, name) if legacy is not None else None


def _inherited_config(classes: ClassTree, node: ast.ClassDef, name: str) -> ast.expr | None:
    for owner in [node, *reversed(classes.ancestors(node))]:
        value = _config_value(owner, name)
        if value is not None:
            return value
    return None


def _alias(call: ast.Call | None) -> str | None:
    if call is None:
        return None
    for name in ("validation_alias", "alias", "env"):
        value = keyword(call, name)
        if (text := string_value(value)) is not None:
            return text
        if isinstance(value, ast.Call) and last_name(value.func) == "AliasChoices":
            first = string_value(argument(value, 0))
            if first is not None:
                return first
        if isinstance(value, ast.List | ast.Tuple) and value.elts and (first := string_value(value.elts[0])):
            return first  # v1: Field(env=["A", "B"])
    return None


def detect_settings_classes(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "BaseSettings" not in text:
        return FileFacts()
    classes = ClassTree(tree, text)
    source = SourceText(text)
    settings: list[Setting] = []
    for info in classes.derived_from(lambda base: last_name(base) == "BaseSettings"):
        node = info.node
        prefix = string_value(_inherited_config(classes, node, "env_prefix")) or ""
        case_sensitive = bool_value(_inherited_config(classes, node, "case_sensitive")) is True
        for item in merged_fields(classes, node):
            call = field_info(item)
            name = _alias(call)
            if name is None:
                name = prefix + item.name
                if not case_sensitive:
                    name = name.upper()
            settings.append(
                Setting(
                    name=name,
                    location=location(context, item.node),
                    source=SOURCE,
                    default=shown_default(name, field_default(item, source)),
                    type=annotation_text(item.annotation, source),
                    settings_class=f"{module.name}.{info.qualname}",
                    description=field_description(item),
                )
            )
    return FileFacts(settings=tuple(settings))
