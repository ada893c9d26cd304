"""Is the repository mainly a library? A package imported by most of the repository's other code
and exporting a large public API is one, even when it also ships a console script (Flask's `flask`
command does not make Flask a command-line tool)."""

from __future__ import annotations

from collections.abc import Sequence

from codedoc.model import ImportKind, Language, Module, Visibility

MIN_PUBLIC_API = 15
"""Public names a package's `__init__` must offer to count as a library's API."""
MIN_IMPORTER_SHARE = 0.5
"""Share of the other Python modules that must import the package."""


def _public_api(package: Module) -> int:
    """Names the package offers at its top level: `__all__`, else public definitions and re-exports."""
    if package.exports is not None:
        return sum(1 for name in package.exports if not name.startswith("_"))
    defined = {s.name for s in package.symbols if s.parent is None and s.visibility is Visibility.PUBLIC}
    imported = {
        name
        for item in package.imports
        if item.kind is ImportKind.INTERNAL
        for name in item.names
        if not name.startswith("_") and name != "*"
    }
    return len(defined | imported)


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder) if folder else "/" not in path


def main_library_package(modules: Sequence[Module]) -> Module | None:
    """The top-level package most of the other code imports, when it exports a large API."""
    python = [m for m in modules if m.language is Language.PYTHON]
    best: tuple[int, Module] | None = None
    for package in python:
        if not package.is_package or "." in package.name or _public_api(package) < MIN_PUBLIC_API:
            continue
        folder = package.path.rsplit("/", 1)[0] + "/" if "/" in package.path else ""
        others = [m for m in python if not _inside(m.path, folder)]
        importers = sum(
            1
            for module in others
            if any(
                item.kind is ImportKind.INTERNAL and item.target and _inside(item.target, folder)
                for item in module.imports
            )
        )
        if others and importers >= MIN_IMPORTER_SHARE * len(others) and (best is None or importers > best[0]):
            best = (importers, package)
    return best[1] if best else None
