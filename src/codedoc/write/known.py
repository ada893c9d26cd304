"""Everything the code model names, indexed for the verifier: identifiers, values, paths and folders."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from functools import cached_property

from codedoc.model import CodeModel

_SEPARATORS = re.compile(r"::|->|[.#/:]")
_PREFIXES = ("--", "-", "@", "$")


class KnownNames:
    """The spellings of names and values the model holds, and the lengths of the files it knows."""

    def __init__(self, model: CodeModel) -> None:
        line_counts: dict[str, int] = {f.path: f.line_count for f in model.repository.files}
        for module in model.modules:
            line_counts.setdefault(module.path, module.line_count)
        # Deduplicated before their other spellings are derived: SQLAlchemy's model holds
        # ~400,000 values, a quarter of them distinct.
        names = {value for value in _values(model) if value}
        names.update({stripped for value in names if _may_strip(value) and (stripped := _strip(value)) != value})
        names.discard("")
        self.names = frozenset(names)
        self.line_counts = line_counts
        self.folders = frozenset(_folders(line_counts))

    @cached_property
    def segments(self) -> frozenset[str]:
        """The pieces of every name and path between separators (`.`, `::`, `/`, ...).

        Built on first need: a piece that is itself a known identifier needs no such set, and
        nearly every piece is one (on SQLAlchemy's pages, all of them)."""
        return frozenset(_segments(self.names, self.line_counts))

    def resolves(self, span: str) -> bool:
        """True when `span` names something the model knows, in any usual spelling."""
        for candidate in _spellings(span):
            if candidate in self.names or candidate in self.line_counts or candidate in self.folders:
                return True
        core = _strip(span)
        parts = [part for part in _SEPARATORS.split(core) if part]
        # `pkg.Client.send`, `client::Client`: every piece must itself be a known name or path piece.
        return len(parts) > 1 and all(self._is_segment(part) for part in parts)

    def _is_segment(self, part: str) -> bool:
        return (part in self.names and part.isidentifier()) or part in self.segments


def _values(model: CodeModel) -> list[str | None]:
    """Every name and value the model holds, repeats and empty values included."""
    repository = model.repository
    values = [repository.name, repository.version, repository.commit_sha, (repository.commit_sha or "")[:12]]
    for module in model.modules:
        exports = module.exports or ()
        values += (module.name, module.path, *exports)
        values += [f"{module.name}.{name}" for name in exports]
        for item in module.imports:
            values += (item.module, item.target, *item.names)
        for symbol in module.symbols:
            values += (symbol.name, symbol.qualname, f"{module.name}.{symbol.qualname}", symbol.returns, symbol.value)
            values += (*symbol.bases, *symbol.decorators)
            for parameter in symbol.parameters:
                values += (parameter.name, parameter.annotation, parameter.default)
    for component in model.components:
        values += (component.name, component.path, *component.external_dependencies)
    for route in model.routes:
        values += (route.path, route.handler, route.method, route.summary)
    for command in model.commands:
        values += (command.name, command.handler, *command.name.split())
        for option in command.parameters:
            values += (option.name, option.default)
    for data_model in model.data_models:
        values += (data_model.name, data_model.qualname, data_model.table)
        for model_field in data_model.fields:
            values += (model_field.name, model_field.type, model_field.default, f"{data_model.name}.{model_field.name}")
        for relation in data_model.relations:
            values += (relation.name, relation.target)
    for setting in model.settings:
        values += (setting.name, setting.settings_class, setting.default, setting.type, setting.source)
    for entry in model.entry_points:
        values += (entry.name, entry.target)
    for dependency in model.dependencies:
        values += (dependency.name, dependency.version_spec, *dependency.imported_in)
    for task in model.tasks:
        values += (task.name, task.command)
    return values


def _may_strip(value: str) -> bool:
    """False when `_strip` surely leaves `value` as it is: an identifier, or a name that starts and
    ends with a word character has no spaces, prefix, `()` or `/` to take off (saves ~70,000 calls)."""
    return not (value.isidentifier() or (_is_word_character(value[0]) and _is_word_character(value[-1])))


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _segments(names: Iterable[str], paths: Iterable[str]) -> set[str]:
    """The pieces of every name and path between separators."""
    segments: set[str] = set()
    compound: list[str] = []
    for name in (*names, *paths):
        if name.isidentifier():  # most names: one piece, no need to split
            segments.add(name)
        else:
            compound.append(name)
    # One split of them all: "/" between two names is itself a separator, and no separator
    # can form across it, so the pieces are those of the names split one by one.
    segments.update(_SEPARATORS.split("/".join(compound)))
    segments.discard("")
    return segments


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
