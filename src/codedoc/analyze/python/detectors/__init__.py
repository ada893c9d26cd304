"""Framework detectors for Python. CONTRACT STUB: each detector has the signature
`detect(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts`."""

from __future__ import annotations

import ast
from typing import Protocol

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.model import Module


class PythonDetector(Protocol):
    def __call__(self, *, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts: ...


PYTHON_DETECTORS: tuple[PythonDetector, ...] = ()
