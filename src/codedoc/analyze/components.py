"""Components: modules grouped by package or folder, with the dependencies between the groups
collapsed from the import graph."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable

from codedoc.model import Component, ImportKind, Language, Module

_SOURCE_ROOTS = ("src", "lib", "source", "sources")
# Examples and tests are grouped one folder deep: they illustrate the product, they are not its parts.
_SUPPORT_FOLDERS = frozenset(
    {"test", "tests", "testing", "__tests__", "spec", "example", "examples", "sample", "samples", "benchmarks", "bench"}
)
_FOLDER_DEPTH = 2


def _folder_key(path: str) -> str:
    folder = posixpath.dirname(path)
    if not folder:
        return "."
    parts = folder.split("/")
    if parts[0] in _SUPPORT_FOLDERS:
        return parts[0]
    depth = _FOLDER_DEPTH + (1 if parts[0] in _SOURCE_ROOTS and len(parts) > 1 else 0)
    return "/".join(parts[:depth])


def component_key(module: Module, *, python_in_package: bool) -> str:
    """The component a module belongs to: a package (two levels deep) or a folder."""
    if module.language == Language.PYTHON and python_in_package:
        parts = module.name.split(".")
        if module.is_package:
            return ".".join(parts[:2])
        return ".".join(parts[: max(1, min(2, len(parts) - 1))])
    if module.language == Language.JAVA and "." in module.name:
        return module.name.rsplit(".", 1)[0]
    return _folder_key(module.path)


def _merge_folder_twins(groups: dict[str, list[Module]], owner: dict[str, str]) -> None:
    """Fold a folder-named group into the package-named group of the same folder.

    Files of other languages (or stray scripts) in a Python package's folder are grouped by
    folder (`openhands/controller`) while the package is grouped by name (`openhands.controller`):
    one package must be one component, and one page."""
    package_folder: dict[str, str] = {}
    for key, members in groups.items():
        if "/" in key or key == ".":
            continue
        folders = [posixpath.dirname(m.path) for m in members]
        if all(folders):
            package_folder.setdefault(posixpath.commonpath(folders), key)
    dotted = {key.replace("/", "."): key for key in groups if "/" not in key}
    for key in [k for k in groups if "/" in k]:
        twin = package_folder.get(key) or dotted.get(key.replace("/", "."))
        if twin is None or twin == key:
            continue
        for module in groups.pop(key):
            groups[twin].append(module)
            owner[module.path] = twin


def _name_root_package(groups: dict[str, list[Module]], owner: dict[str, str]) -> None:
    """A Go package at the repository root is named by its package, not `.`.

    `github.com/gin-gonic/gin`'s root folder is the package `gin`: a reader looks for that
    name, and `.` tells them nothing."""
    members = groups.get(".")
    if not members or any(m.language != Language.GO for m in members):
        return
    packages = {m.name for m in members}
    if len(packages) != 1:
        return
    name = next(iter(packages)).rsplit("/", 1)[-1]
    if not name or name in groups or name.startswith("."):
        return
    groups[name] = groups.pop(".")
    for module in groups[name]:
        owner[module.path] = name


def build_components(
    modules: Iterable[Module], *, package_dirs: set[str], readmes: dict[str, str] | None = None
) -> tuple[Component, ...]:
    """Group modules, then derive each group's dependencies, users and external packages.

    `readmes` (folder → README text) speak for a component whose folder has no package docstring
    (`src/flask/sansio/README.md` for the namespace package `flask.sansio`)."""
    groups: dict[str, list[Module]] = defaultdict(list)
    owner: dict[str, str] = {}
    for module in modules:
        # A dotted name means the file is imported through a package (regular or namespace).
        in_package = posixpath.dirname(module.path) in package_dirs or "." in module.name
        key = component_key(module, python_in_package=in_package)
        groups[key].append(module)
        owner[module.path] = key

    _merge_folder_twins(groups, owner)
    _name_root_package(groups, owner)

    depends: dict[str, set[str]] = defaultdict(set)
    used_by: dict[str, set[str]] = defaultdict(set)
    external: dict[str, set[str]] = defaultdict(set)
    for key, members in groups.items():
        for module in members:
            for item in module.imports:
                if item.kind == ImportKind.INTERNAL and item.target in owner:
                    other = owner[item.target]
                    if other != key:
                        depends[key].add(other)
                        used_by[other].add(key)
                elif item.kind == ImportKind.EXTERNAL and item.target:
                    external[key].add(item.target)

    components = []
    for key in sorted(groups):
        members = sorted(groups[key], key=lambda m: m.path)
        folders = [posixpath.dirname(m.path) for m in members]
        path = posixpath.commonpath(folders) if all(folders) else "."
        # The package module of the component's own folder describes it, not a sub-package's.
        package = next((m for m in members if m.is_package and m.docstring and posixpath.dirname(m.path) == path), None)
        components.append(
            Component(
                name=key,
                path=path or ".",
                modules=tuple(m.path for m in members),
                depends_on=tuple(sorted(depends[key])),
                used_by=tuple(sorted(used_by[key])),
                external_dependencies=tuple(sorted(external[key])),
                docstring=package.docstring if package else _readme_text((readmes or {}).get(path)),
                languages=tuple(sorted({m.language for m in members})),
                line_count=sum(m.line_count for m in members),
            )
        )
    return tuple(components)


_README_LIMIT = 4000


def _readme_text(readme: str | None) -> str | None:
    """A folder's README as a docstring: without Markdown headings, badges and HTML, cut short."""
    if not readme:
        return None
    kept = [
        line
        for line in readme[: _README_LIMIT * 2].splitlines()
        if not line.lstrip().startswith(("#", "<", "![", "[!["))
    ]
    text = "\n".join(kept).strip()
    return text[:_README_LIMIT] or None
