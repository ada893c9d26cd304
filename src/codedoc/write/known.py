"""Everything the code model names, indexed for the verifier: identifiers, values, paths and folders."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from codedoc.model import CodeModel

_SEPARATORS = re.compile(r"::|->|[.#/:]")
_PREFIXES = ("--", "-", "@", "$")


class KnownNames:
    """The spellings of names and values the model holds, and the lengths of the files it knows."""

    def __init__(self, model: CodeModel) -> None:
        names: set[str] = set()
        add = _Adder(names)
        repository = model.repository
        add(repository.name, repository.version, repository.commit_sha, (repository.commit_sha or "")[:12])
        line_counts: dict[str, int] = {f.path: f.line_count for f in repository.files}
        for module in model.modules:
            line_counts.setdefault(module.path, module.line_count)
            add(module.name, module.path, *(module.exports or ()))
            add(*(f"{module.name}.{name}" for name in module.exports or ()))
            for item in module.imports:
                add(item.module, item.target, *item.names)
            for symbol in module.symbols:
                add(symbol.name, symbol.qualname, f"{module.name}.{symbol.qualname}", symbol.returns, symbol.value)
                add(*symbol.bases, *symbol.decorators)
                for parameter in symbol.parameters:
                    add(parameter.name, parameter.annotation, parameter.default)
        for component in model.components:
            add(component.name, component.path, *component.external_dependencies)
        for route in model.routes:
            add(route.path, route.handler, route.method, route.summary)
        for command in model.commands:
            add(command.name, command.handler, *command.name.split())
            for option in command.parameters:
                add(option.name, option.default)
        for data_model in model.data_models:
            add(data_model.name, data_model.qualname, data_model.table)
            for model_field in data_model.fields:
                add(model_field.name, model_field.type, model_field.default, f"{data_model.name}.{model_field.name}")
            for relation in data_model.relations:
                add(relation.name, relation.target)
        for setting in model.settings:
            add(setting.name, setting.settings_class, setting.default, setting.type, setting.source)
        for entry in model.entry_points:
            add(entry.name, entry.target)
        for dependency in model.dependencies:
            add(dependency.name, dependency.version_spec, *dependency.imported_in)
        for task in model.tasks:
            add(task.name, task.command)
        self.names = frozenset(names)
        self.line_counts = line_counts
        self.folders = frozenset(_folders(line_counts))
        segments: set[str] = set()
        for name in (*names, *line_counts):
            if name.isidentifier():  # most names: one piece, no need to split (verify runs on every page)
                segments.add(name)
            else:
                segments.update(segment for segment in _SEPARATORS.split(name) if segment)
        self.segments = frozenset(segments)

    def resolves(self, span: str) -> bool:
        """True when `span` names something the model knows, in any usual spelling."""
        for candidate in _spellings(span):
            if candidate in self.names or candidate in self.line_counts or candidate in self.folders:
                return True
        core = _strip(span)
        parts = [part for part in _SEPARATORS.split(core) if part]
        # `pkg.Client.send`, `client::Client`: every piece must itself be a known name or path piece.
        return len(parts) > 1 and all(part in self.segments for part in parts)


class _Adder:
    def __init__(self, names: set[str]) -> None:
        self.names = names

    def __call__(self, *values: str | None) -> None:
        for value in values:
            if value:
                self.names.add(value)
                if value.isidentifier():  # `_strip` leaves a plain identifier as it is
                    continue
                stripped = _strip(value)
                if stripped and stripped != value:
                    self.names.add(stripped)


def _strip(value: str) -> str:
    core = value.strip()
    if core.endswith("()"):
        core = core[:-2]
    for prefix in _PREFIXES:
        if core.startswith(prefix):
            core = core[len(prefix) :]
            break
    return core.rstrip("/") if len(core) > 1 else core


def _spellings(span: str) -> Iterable[str]:
    yield span
    core = _strip(span)
    yield core
    yield core.removeprefix("./")


def _folders(paths: Iterable[str]) -> set[str]:
    folders: set[str] = set()
    for path in paths:
        folder = posixpath.dirname(path)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    return folders
