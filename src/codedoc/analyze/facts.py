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
    Location,
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
class RouteMount:
    """A router mounted on another with a path prefix, where one of the two may live in another file:
    `app.include_router(items.router, prefix="/v1")`, `app.register_blueprint(bp)`,
    `path("api/", include("shop.urls"))`, `app.use("/api", usersRouter)`.

    Routers are named `module:variable`; a name the file imports gives several candidates (the
    imported name may be a module or a variable), resolved once every file is analysed."""

    parent: tuple[str, ...]
    child: tuple[str, ...]
    location: Location
    framework: str
    prefix: str = ""
    prefix_name: str | None = None
    """A setting or constant whose value is the prefix (`settings.API_V1_STR` → `API_V1_STR`)."""
    prefix_locations: tuple[Location, ...] = ()
    """Where the parent's own prefix comes from (same-file mounts already applied to `prefix`)."""
    replaces: bool = False
    """The mount's prefix replaces the child's own (Flask's `register_blueprint(bp, url_prefix=…)`
    overrides `Blueprint(…, url_prefix=…)`) instead of being put in front of it."""


@dataclass(frozen=True, slots=True)
class RouterPrefix:
    """The prefix a router declares for itself (`Blueprint("auth", __name__, url_prefix="/auth")`),
    already part of its routes' paths; a mount that `replaces` it takes it out again."""

    router: str
    """`module:variable`, as in `RouteMount`."""
    prefix: str
    location: Location


@dataclass(frozen=True, slots=True)
class PluginEntryPoint:
    """An entry point of a group other than console/GUI scripts (`[project.entry-points."pytest11"]`,
    setup.py's `entry_points={"flask.commands": [...]}`): a plugin the package offers to another
    program, which finds it by its group. Becomes a `Registration` once the target is resolved."""

    group: str
    name: str
    target: str
    """`package.module:attribute` (or a module), as written."""
    location: Location


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
    mounts: tuple[RouteMount, ...] = ()
    router_prefixes: tuple[RouterPrefix, ...] = ()
    plugins: tuple[PluginEntryPoint, ...] = ()
    behaviour: Behaviour | None = None
    """Raw call sites, typed names and registrations, resolved across files after analysis."""


def merge_facts(base: FileFacts, others: Iterable[FileFacts]) -> FileFacts:
    """Add the facts of `others` to `base`, keeping base's module and first metadata found."""
    routes, commands, data_models = list(base.routes), list(base.commands), list(base.data_models)
    settings, entry_points = list(base.settings), list(base.entry_points)
    dependencies, tasks, diagnostics = list(base.dependencies), list(base.tasks), list(base.diagnostics)
    metadata = base.metadata
    mounts, router_prefixes = list(base.mounts), list(base.router_prefixes)
    plugins = list(base.plugins)
    for other in others:
        plugins += other.plugins
        mounts += other.mounts
        router_prefixes += other.router_prefixes
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
        mounts=tuple(mounts),
        router_prefixes=tuple(router_prefixes),
        plugins=tuple(plugins),
    )


fast_pickling(FileContext, ProjectMetadata, RouteMount, RouterPrefix, PluginEntryPoint, FileFacts)
