"""Running the framework detectors on a parsed file, so that one broken detector costs a warning."""

from __future__ import annotations

import ast
from collections.abc import Iterable

from codedoc.analyze.facts import FileContext, FileFacts, merge_facts
from codedoc.analyze.python.detectors import PythonDetector
from codedoc.model import Diagnostic, Module


def run_detectors(
    detectors: Iterable[PythonDetector], *, tree: ast.Module, module: Module, context: FileContext, text: str
) -> FileFacts:
    """`module` with every detector's facts merged in; a detector that raises adds a `Diagnostic`."""
    found: list[FileFacts] = []
    for detector in detectors:
        try:
            found.append(detector(tree=tree, module=module, context=context, text=text))
        except Exception as error:  # a bug in one detector must not cost the file its other facts
            name = getattr(detector, "__name__", None) or type(detector).__name__
            message = f"detector {name} failed ({type(error).__name__}: {error})"[:300]
            found.append(FileFacts(diagnostics=(Diagnostic(path=context.path, message=message),)))
    return merge_facts(FileFacts(module=module), found)
