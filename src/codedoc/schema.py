"""JSON encoding of the code model, and its JSON Schema, generated from the model types."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from codedoc.model import SCHEMA_VERSION, CodeModel


@cache
def _adapter() -> TypeAdapter[CodeModel]:
    return TypeAdapter(CodeModel)


def model_to_dict(model: CodeModel) -> dict[str, Any]:
    data: dict[str, Any] = _adapter().dump_python(model, mode="json")
    return data


def dump_model(model: CodeModel, *, indent: int | None = 1) -> str:
    """The model as JSON text (what `codedoc.json` holds), serialised by pydantic-core: ten times
    faster than `json.dumps` on a large model."""
    return dump_model_bytes(model, indent=indent).decode("utf-8")


def dump_model_bytes(model: CodeModel, *, indent: int | None = 1) -> bytes:
    """`dump_model` encoded as UTF-8, as it is written to a file: without a round trip through
    `str` (SQLAlchemy's codedoc.json is 39 MB)."""
    return _adapter().dump_json(model, indent=indent)


def load_model(text: str | bytes) -> CodeModel:
    """Read a model written by `dump_model`; refuses another major schema version."""
    data = json.loads(text)
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"codedoc.json has schema version {version!r}; this CodeDoc reads {SCHEMA_VERSION}")
    return _adapter().validate_python(data)


def model_json_schema() -> dict[str, Any]:
    """The JSON Schema of `codedoc.json`."""
    schema = _adapter().json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"CodeDoc code model {SCHEMA_VERSION}"
    return schema
