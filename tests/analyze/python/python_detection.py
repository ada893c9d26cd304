"""Run the Python framework detectors on a snippet the way the Python analyser does: parse once,
build the `Module` and `FileContext`, call every registered detector, merge what they return."""

from __future__ import annotations

import ast
import textwrap

from codedoc.analyze.facts import FileContext, FileFacts, merge_facts
from codedoc.analyze.python.detectors import PYTHON_DETECTORS, PythonDetector
from codedoc.model import FileCategory, Language, Module


def module_name_for(path: str) -> str:
    stem = path.removesuffix(".py").replace("/", ".")
    return stem.removesuffix(".__init__")


def inputs(text: str, path: str = "app/main.py") -> tuple[ast.Module, Module, FileContext, str]:
    text = textwrap.dedent(text)
    is_package = path.endswith("__init__.py")
    name = module_name_for(path)
    context = FileContext(path, Language.PYTHON, FileCategory.CODE, name, is_package)
    module = Module(path, name, Language.PYTHON, is_package=is_package, line_count=len(text.splitlines()))
    return ast.parse(text), module, context, text


def detect(text: str, path: str = "app/main.py") -> FileFacts:
    """All detectors on one file, merged."""
    tree, module, context, text = inputs(text, path)
    found = [detector(tree=tree, module=module, context=context, text=text) for detector in PYTHON_DETECTORS]
    return merge_facts(FileFacts(module=module), found)


def detect_with(detector: PythonDetector, text: str, path: str = "app/main.py") -> FileFacts:
    tree, module, context, text = inputs(text, path)
    return detector(tree=tree, module=module, context=context, text=text)
