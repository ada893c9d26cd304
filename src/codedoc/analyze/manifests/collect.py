"""Collecting one manifest's facts as they are found, and reading loosely typed parsed data
(TOML/JSON values from strangers can be any type)."""

from __future__ import annotations

from typing import Any

from codedoc.analyze.facts import FileContext, FileFacts, PluginEntryPoint, ProjectMetadata
from codedoc.analyze.manifests.lines import Span
from codedoc.model import Command, Dependency, Diagnostic, EntryPoint, Location, Setting, Task


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: object) -> str | None:
    """A non-empty string, stripped; numbers as written (`version = 1.0` in a sloppy file)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def first_line(value: str | None, limit: int = 200) -> str | None:
    """A license text or description reduced to what fits in a sentence."""
    if value is None:
        return None
    line = next((part.strip() for part in value.splitlines() if part.strip()), "")
    return line[:limit] or None


class Facts:
    """The facts of one manifest, in the order they are written."""

    def __init__(self, context: FileContext) -> None:
        self.path = context.path
        self.dependencies: list[Dependency] = []
        self.commands: list[Command] = []
        self.entry_points: list[EntryPoint] = []
        self.tasks: list[Task] = []
        self.settings: list[Setting] = []
        self.diagnostics: list[Diagnostic] = []
        self.plugins: list[PluginEntryPoint] = []

    def location(self, span: Span | int) -> Location:
        start, end = (span, span) if isinstance(span, int) else span
        return Location(self.path, start, max(start, end))

    def dependency(
        self, name: str, ecosystem: str, span: Span | int, *, version: str | None = None, dev: bool = False
    ) -> None:
        self.dependencies.append(Dependency(name, ecosystem, self.location(span), version or None, dev))

    def task(self, name: str, command: str, *, kind: str, source: str, span: Span | int) -> None:
        self.tasks.append(Task(name, command, kind, source, self.location(span)))

    def script(self, name: str, target: str, span: Span | int, *, framework: str, kind: str) -> None:
        """A program the package installs: both a command users run and an entry point."""
        location = self.location(span)
        self.commands.append(Command(name=name, location=location, framework=framework, handler=target))
        self.entry_points.append(EntryPoint(name=name, target=target, kind=kind, location=location))

    def plugin(self, group: str, name: str, target: str, span: Span | int) -> None:
        """An entry point of a plugin group (not a script): where the package registers a plugin."""
        self.plugins.append(PluginEntryPoint(group, name, target, self.location(span)))

    def entry_point(self, name: str, target: str, span: Span | int, *, kind: str) -> None:
        self.entry_points.append(EntryPoint(name=name, target=target, kind=kind, location=self.location(span)))

    def setting(self, name: str, span: Span | int, *, source: str, default: str | None) -> None:
        self.settings.append(Setting(name=name, location=self.location(span), source=source, default=default))

    def warn(self, message: str, line: int | None = None) -> None:
        self.diagnostics.append(Diagnostic(path=self.path, message=message, line=line))

    def result(self, metadata: ProjectMetadata | None = None) -> FileFacts:
        return FileFacts(
            commands=tuple(self.commands),
            entry_points=tuple(self.entry_points),
            dependencies=tuple(self.dependencies),
            tasks=tuple(self.tasks),
            settings=tuple(self.settings),
            diagnostics=tuple(self.diagnostics),
            metadata=metadata,
            plugins=tuple(self.plugins),
        )


def project_metadata(
    path: str,
    *,
    name: str | None,
    description: str | None = None,
    version: str | None = None,
    license: str | None = None,
) -> ProjectMetadata | None:
    """Metadata only when the file names or describes a project; a tool-only file has none."""
    if not (name or description or version or license):
        return None
    return ProjectMetadata(
        name=name, description=first_line(description, 500), version=version, license=license, path=path
    )
