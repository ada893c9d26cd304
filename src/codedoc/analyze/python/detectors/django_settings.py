"""Django settings modules: each module-level UPPER_CASE name of `settings.py` (or of a module in
a `settings/` package) is a configuration value, though not an environment variable."""

from __future__ import annotations

import ast
import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.redaction import shown_default
from codedoc.analyze.python.detectors.syntax import SourceText, location
from codedoc.model import Module, Setting

SOURCE = "django-settings"
_SETTING_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_DJANGO_MARKERS = ("django", "INSTALLED_APPS", "ALLOWED_HOSTS", "DATABASES", "ROOT_URLCONF")


def is_settings_path(path: str) -> bool:
    return path == "settings.py" or path.endswith("/settings.py") or "/settings/" in f"/{path}"


def detect_django_settings(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if not is_settings_path(context.path) or not any(marker in text for marker in _DJANGO_MARKERS):
        return FileFacts()
    source = SourceText(text)
    settings: dict[str, Setting] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name) or not _SETTING_NAME.fullmatch(target.id):
                continue
            if target.id in settings:
                continue  # the first assignment is where the setting is introduced
            settings[target.id] = Setting(
                name=target.id,
                location=location(context, statement),
                source=SOURCE,
                default=shown_default(target.id, source.segment(value)),
                is_env_var=False,
            )
    return FileFacts(settings=tuple(settings.values()))
