"""Repository-wide facts: metadata, README, languages, project kind, and where each declared
dependency is imported."""

from __future__ import annotations

import dataclasses
import posixpath
from collections import defaultdict
from collections.abc import Sequence

from codedoc.acquire import Checkout
from codedoc.analyze.facts import ProjectMetadata
from codedoc.analyze.library_usage import main_library_package
from codedoc.model import (
    Dependency,
    EntryPoint,
    ImportKind,
    Language,
    LanguageStat,
    Module,
    ProjectKind,
    Repository,
    SourceFile,
)

_README_NAMES = ("readme.md", "readme.rst", "readme.txt", "readme", "readme.markdown")
_README_LIMIT = 200_000
_MANIFEST_PRIORITY = ("pyproject.toml", "package.json", "Cargo.toml", "go.mod", "setup.cfg", "setup.py", "pom.xml")
_NOT_LANGUAGES = frozenset({Language.OTHER, Language.TEXT})
_WORKSPACE_MANIFESTS = frozenset({"pyproject.toml", "package.json", "Cargo.toml", "go.mod", "setup.py", "pom.xml"})
_NON_PRODUCT = frozenset({"test", "tests", "example", "examples", "docs", "doc", "fixtures", "testdata", "benchmarks"})


def _pick_metadata(metadata: Sequence[ProjectMetadata]) -> ProjectMetadata:
    def rank(item: ProjectMetadata) -> tuple[int, int]:
        name = posixpath.basename(item.path)
        priority = _MANIFEST_PRIORITY.index(name) if name in _MANIFEST_PRIORITY else len(_MANIFEST_PRIORITY)
        return (item.path.count("/"), priority)

    ranked = sorted(metadata, key=rank)
    if not ranked:
        return ProjectMetadata()
    best = ranked[0]
    # A root manifest may lack a description another root manifest has (setup.cfg vs setup.py).
    for other in ranked[1:]:
        if other.path.count("/") != best.path.count("/"):
            break
        best = dataclasses.replace(
            best,
            description=best.description or other.description,
            version=best.version or other.version,
            license=best.license or other.license,
        )
    return best


def _readme(source_files: Sequence[SourceFile], texts: dict[str, str]) -> tuple[str | None, str | None]:
    for wanted in _README_NAMES:
        for source in source_files:
            if "/" not in source.path and source.path.lower() == wanted:
                return source.path, texts.get(source.path, "")[:_README_LIMIT]
    return None, None


def _languages(source_files: Sequence[SourceFile]) -> tuple[LanguageStat, ...]:
    files: dict[Language, int] = defaultdict(int)
    lines: dict[Language, int] = defaultdict(int)
    for source in source_files:
        if source.language in _NOT_LANGUAGES:
            continue
        files[source.language] += 1
        lines[source.language] += source.line_count
    stats = [LanguageStat(language, files[language], lines[language]) for language in files]
    return tuple(sorted(stats, key=lambda s: (-s.lines, s.language.value)))


def _is_monorepo(source_files: Sequence[SourceFile]) -> bool:
    """Several product manifests below the root: packages living side by side."""
    roots = set()
    for source in source_files:
        name = posixpath.basename(source.path)
        folder = posixpath.dirname(source.path)
        if name in _WORKSPACE_MANIFESTS and folder and not (set(folder.split("/")) & _NON_PRODUCT):
            roots.add(folder)
    return len(roots) >= 2


def project_kind(
    source_files: Sequence[SourceFile],
    *,
    has_routes: bool,
    has_commands: bool,
    entry_points: Sequence[EntryPoint],
    modules: Sequence[Module] = (),
) -> ProjectKind:
    if _is_monorepo(source_files):
        return ProjectKind.MONOREPO
    if not has_routes and main_library_package(modules) is not None:
        return ProjectKind.LIBRARY
    if has_routes:
        return ProjectKind.WEB_SERVICE
    if has_commands or any(e.kind in ("console_script", "npm_bin", "cargo_bin") for e in entry_points):
        return ProjectKind.CLI
    if any(e.kind == "main_function" for e in entry_points):
        return ProjectKind.APP
    return ProjectKind.LIBRARY


def describe_repository(
    checkout: Checkout,
    *,
    source_files: Sequence[SourceFile],
    skipped: dict[str, int],
    texts: dict[str, str],
    metadata: Sequence[ProjectMetadata],
    has_routes: bool,
    has_commands: bool,
    entry_points: Sequence[EntryPoint],
    dependencies: Sequence[Dependency],
    modules: Sequence[Module] = (),
) -> Repository:
    chosen = _pick_metadata(metadata)
    readme_path, readme = _readme(source_files, texts)
    return Repository(
        name=chosen.name or checkout.name,
        source_url=checkout.source_url,
        commit_sha=checkout.commit_sha,
        ref=checkout.ref,
        default_branch=checkout.default_branch,
        description=chosen.description,
        version=chosen.version,
        license=chosen.license,
        readme_path=readme_path,
        readme=readme,
        kind=project_kind(
            source_files,
            has_routes=has_routes,
            has_commands=has_commands,
            entry_points=entry_points,
            modules=modules,
        ),
        languages=_languages(source_files),
        files=tuple(source_files),
        skipped=dict(skipped),
    )


def link_dependencies(dependencies: Sequence[Dependency], modules: Sequence[Module]) -> tuple[Dependency, ...]:
    """Fill `imported_in` of each declared dependency from the modules' external imports."""
    from codedoc.analyze.manifests import import_names_for

    importers: dict[str, set[str]] = defaultdict(set)
    for module in modules:
        for item in module.imports:
            if item.kind == ImportKind.EXTERNAL:
                importers[item.module].add(module.path)
                if item.target:
                    importers[item.target].add(module.path)
    linked = []
    for dependency in dependencies:
        found: set[str] = set()
        for name in import_names_for(dependency):
            found |= importers.get(name, set())
            if dependency.ecosystem == "go":
                found |= {p for key, paths in importers.items() if key.startswith(name + "/") for p in paths}
        linked.append(dataclasses.replace(dependency, imported_in=tuple(sorted(found))))
    return tuple(linked)
