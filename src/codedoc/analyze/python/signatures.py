"""One-line signatures and shortened source text, the same for both Python extractors."""

from __future__ import annotations

import re
from collections.abc import Sequence

from codedoc.model import Parameter

VALUE_LIMIT = 80
"""Values of constants, fields and defaults are cut here: a reader wants a glimpse, not a table."""
EXPRESSION_LIMIT = 240
"""Annotations, decorators and bases are small as a rule; this only guards against the odd giant."""

_OPENING_SPACE = re.compile(r"([(\[{]) ")
_CLOSING_SPACE = re.compile(r" ([)\]}])")
_TRAILING_COMMA = re.compile(r",([)\]}])")


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def one_line(text: str) -> str:
    """Source spread over several lines as a reader would write it on one: `f(a, b)`, not `f( a, b, )`."""
    text = " ".join(text.split())
    text = _OPENING_SPACE.sub(r"\1", text)
    text = _CLOSING_SPACE.sub(r"\1", text)
    return _TRAILING_COMMA.sub(r"\1", text)


def format_parameter(parameter: Parameter) -> str:
    if parameter.kind == "var_positional":
        text = f"*{parameter.name}"
    elif parameter.kind == "var_keyword":
        text = f"**{parameter.name}"
    else:
        text = parameter.name
    if parameter.annotation is not None:
        text = f"{text}: {parameter.annotation}"
    if parameter.default is not None:
        text = f"{text} = {parameter.default}" if parameter.annotation is not None else f"{text}={parameter.default}"
    return text


def format_parameters(parameters: Sequence[Parameter]) -> str:
    """The parameter list with its `/` and bare `*` markers where the kinds change."""
    parts: list[str] = []
    star_seen = False
    for index, parameter in enumerate(parameters):
        if parameter.kind == "var_positional":
            star_seen = True
        elif parameter.kind == "keyword_only" and not star_seen:
            parts.append("*")
            star_seen = True
        parts.append(format_parameter(parameter))
        following = parameters[index + 1].kind if index + 1 < len(parameters) else None
        if parameter.kind == "positional_only" and following != "positional_only":
            parts.append("/")
    return ", ".join(parts)


def function_signature(
    name: str,
    parameters: Sequence[Parameter],
    *,
    returns: str | None,
    is_async: bool,
    type_params: str = "",
) -> str:
    keyword = "async def" if is_async else "def"
    arrow = f" -> {returns}" if returns is not None else ""
    return f"{keyword} {name}{type_params}({format_parameters(parameters)}){arrow}"


def class_signature(name: str, arguments: Sequence[str], *, type_params: str = "") -> str:
    listed = f"({', '.join(arguments)})" if arguments else ""
    return f"class {name}{type_params}{listed}"


def assignment_signature(name: str, *, annotation: str | None, value: str | None) -> str:
    text = f"{name}: {annotation}" if annotation is not None else name
    return f"{text} = {value}" if value is not None else text


def type_alias_signature(name: str, value: str | None, *, type_params: str = "") -> str:
    return f"type {name}{type_params} = {value}" if value is not None else f"type {name}{type_params}"
