"""Command-line options that also read an environment variable (`click.option(..., envvar="X")`,
`typer.Option(envvar="X")`): configuration inputs as much as parameters, so they are settings too."""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext
from codedoc.analyze.python.detectors.redaction import shown_default
from codedoc.analyze.python.detectors.syntax import keyword, string_value, strings
from codedoc.model import CommandParameter, Location, Setting


def envvar_settings(call: ast.Call, parameter: CommandParameter, context: FileContext, *, source: str) -> list[Setting]:
    value = keyword(call, "envvar")
    single = string_value(value)
    names = [single] if single else list(strings(value))
    where = Location(context.path, call.lineno, call.end_lineno or call.lineno)
    return [
        Setting(
            name=name,
            location=where,
            source=source,
            default=shown_default(name, parameter.default),
            description=parameter.help,
        )
        for name in names
        if name
    ]
