"""The Python analyser: symbols, imports and docstrings of one file, then the framework detectors.

Python's own `ast` reads the file when it can; source it cannot read (newer syntax, real
syntax errors, null bytes, absurd nesting) goes to the tree-sitter fallback, which documents
what it can and reports the rest as a `Diagnostic`. Nothing here raises on bad input.
"""

from __future__ import annotations

import ast
import dataclasses
import warnings

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detection import run_detectors
from codedoc.analyze.python.detectors import PYTHON_DETECTORS
from codedoc.analyze.python.extract import extract_module_and_behaviour
from codedoc.model import FileCategory

__all__ = ["analyze_python"]

_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)


def analyze_python(*, context: FileContext, text: str) -> FileFacts:
    """The facts of one Python file: its `Module` and, unless it is a test, whatever the framework detectors find."""
    # A byte-order mark decoded into the text is not Python: `ast` rejects it, tree-sitter trips on it.
    text = text.removeprefix("\ufeff")
    try:
        with warnings.catch_warnings():
            # `invalid escape sequence` and friends are the project's business, not ours.
            warnings.simplefilter("ignore")
            tree = ast.parse(text, filename=context.path)
        module, behaviour = extract_module_and_behaviour(tree, context=context, text=text)
    except _PARSE_ERRORS as error:
        # Imported here: tree-sitter loads only for the rare file `ast` cannot read.
        from codedoc.analyze.python.fallback import extract_with_tree_sitter

        fallback, diagnostics = extract_with_tree_sitter(context=context, text=text, error=error)
        return FileFacts(module=fallback, diagnostics=diagnostics)
    if context.category is FileCategory.TEST:
        # The routes, models and settings a test declares describe the test, and the analysis keeps no
        # framework facts of tests (`codedoc.analyze.orchestrate`): the detectors would work for nothing.
        return FileFacts(module=module, behaviour=behaviour)
    facts = run_detectors(PYTHON_DETECTORS, tree=tree, module=module, context=context, text=text)
    return dataclasses.replace(facts, behaviour=behaviour)
