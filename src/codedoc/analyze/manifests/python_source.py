"""Parsing Python build files (setup.py, noxfile.py) with `ast` — read, never executed."""

from __future__ import annotations

import ast
import warnings

from codedoc.analyze.manifests.guard import ManifestProblem


def parse_python(text: str, path: str, name: str) -> ast.Module:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in old files are not our business
            return ast.parse(text, filename=path)
    except (SyntaxError, ValueError, MemoryError) as error:
        line = getattr(error, "lineno", None)
        raise ManifestProblem(f"{name} could not be parsed: {_reason(error)}", line) from None


def _reason(error: Exception) -> str:
    if isinstance(error, MemoryError):
        return "nested too deeply"  # CPython's parser gives up on deep nesting with a MemoryError
    return str(getattr(error, "msg", "") or error)
