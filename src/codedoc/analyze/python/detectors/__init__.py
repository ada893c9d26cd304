"""Framework detectors for Python, registered in one table.

Each detector has the same keyword-only shape,
`detect(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts`,
so new arguments never break one. The Python analyser parses the file once and calls every
detector on the tree. They run on every Python file of a repository, so each first checks the
text for a marker of its framework and returns empty facts at once when there is none; on odd
code they return what they found rather than raise.

Adding a framework is one module and one line here.
"""

from __future__ import annotations

import ast
from typing import Protocol

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.argparse_commands import detect_argparse_commands
from codedoc.analyze.python.detectors.click_commands import detect_click_commands
from codedoc.analyze.python.detectors.django_models import detect_django_models
from codedoc.analyze.python.detectors.django_settings import detect_django_settings
from codedoc.analyze.python.detectors.django_urls import detect_django_urls
from codedoc.analyze.python.detectors.entry_points import detect_entry_points
from codedoc.analyze.python.detectors.env_vars import detect_env_vars
from codedoc.analyze.python.detectors.fastapi_routes import detect_fastapi_routes
from codedoc.analyze.python.detectors.flask_routes import detect_flask_routes
from codedoc.analyze.python.detectors.pydantic_models import detect_pydantic_models
from codedoc.analyze.python.detectors.settings_classes import detect_settings_classes
from codedoc.analyze.python.detectors.sqlalchemy_models import detect_sqlalchemy_models
from codedoc.analyze.python.detectors.sqlmodel_models import detect_sqlmodel_models
from codedoc.analyze.python.detectors.starlette_routes import detect_starlette_routes
from codedoc.analyze.python.detectors.typer_commands import detect_typer_commands
from codedoc.model import Module


class PythonDetector(Protocol):
    def __call__(self, *, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts: ...


PYTHON_DETECTORS: tuple[PythonDetector, ...] = (
    # HTTP routes
    detect_fastapi_routes,
    detect_starlette_routes,
    detect_flask_routes,
    detect_django_urls,
    # command-line commands
    detect_click_commands,
    detect_typer_commands,
    detect_argparse_commands,
    # data models
    detect_sqlalchemy_models,
    detect_sqlmodel_models,
    detect_django_models,
    detect_pydantic_models,
    # configuration
    detect_env_vars,
    detect_settings_classes,
    detect_django_settings,
    # entry points
    detect_entry_points,
)

__all__ = ["PYTHON_DETECTORS", "PythonDetector"]
