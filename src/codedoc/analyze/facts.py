"""What analysing one file yields. Per-file results are pure functions of (context, text),
so they are cached by content hash and computed in parallel; the repository-level steps
(import resolution, components, project kind) run afterwards on all of them together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from codedoc.analyze.behaviour.sites import Behaviour
from codedoc.model import (
    Command,
    DataModel,
    Dependency,
    Diagnostic,
    EntryPoint,
    FileCategory,
    Language,
    Module,
    Route,
    Setting,
    Task,
    fast_pickling,
)


@dataclass(frozen=True, slots=True)
class FileContext:
    """What an analyser knows about the file besides its text."""

    path: str
    """POSIX path relative to the repository root."""
    language: Language
    category: FileCategory
    module_name: str
    """Dotted import name computed from the repository layout (`pkg.sub.mod`; for a package `pkg.sub`)."""
    is_package: bool = False
    """True for `__init__.py`, `index.js`, `mod.rs`, `lib.rs`…"""


@dataclass(frozen=True, slots=True)
class ProjectMetadata:
    """Facts about the project itself, from a manifest (pyproject, package.json, Cargo.toml…)."""

    name: str | None = None
    description: str | None = None
    version: str | None = None
    license: str | None = None
    path: str = ""
    """The manifest the metadata came from."""


@dataclass(frozen=True, slots=True)
class FileFacts:
    module: Module | None = None
    routes: tuple[Route, ...] = ()
    commands: tuple[Command, ...] = ()
    data_models: tuple[DataModel, ...] = ()
    settings: tuple[Setting, ...] = ()
    entry_points: tuple[EntryPoint, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    tasks: tuple[Task, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    metadata: ProjectMetadata | None = None
    behaviour: Behaviour | None = None
    """Raw call sites, typed names and registrations, resolved across files after analysis."""


def merge_facts(base: FileFacts, others: Iterable[FileFacts]) -> FileFacts:
    """Add the facts of `others` to `base`, keeping base's module and first metadata found."""
    routes, commands, data_models = list(base.routes), list(base.commands), list(base.data_models)
    settings, entry_points = list(base.settings), list(base.entry_points)
    dependencies, tasks, diagnostics = list(base.dependencies), list(base.tasks), list(base.diagnostics)
    metadata = base.metadata
    for other in others:
        routes += other.routes
        commands += other.commands
        data_models += other.data_models
        settings += other.settings
        entry_points += other.entry_points
        dependencies += other.dependencies
        tasks += other.tasks
        diagnostics += other.diagnostics
        metadata = metadata or other.metadata
    return FileFacts(
        module=base.module,
        behaviour=base.behaviour,
        routes=tuple(routes),
        commands=tuple(commands),
        data_models=tuple(data_models),
        settings=tuple(settings),
        entry_points=tuple(entry_points),
        dependencies=tuple(dependencies),
        tasks=tuple(tasks),
        diagnostics=tuple(diagnostics),
        metadata=metadata,
    )


fast_pickling(FileContext, ProjectMetadata, FileFacts)
