"""Which parts of the model the site documents: test code, public symbols, components worth a page.

The planner and the writer both ask these questions, and must get the same answers, so the
rules live here once.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from codedoc.model import CodeModel, Component, FileCategory, Module, Symbol, SymbolKind, Visibility

_TEST_FOLDERS = frozenset({"test", "tests", "__tests__", "testing", "spec", "specs", "e2e"})
_TEST_SUFFIXES = ("_test.go", "_test.py", ".test.js", ".test.ts", ".test.tsx", ".spec.js", ".spec.ts", ".spec.tsx")

TOP_LEVEL_KINDS = frozenset(
    {
        SymbolKind.CLASS,
        SymbolKind.FUNCTION,
        SymbolKind.INTERFACE,
        SymbolKind.STRUCT,
        SymbolKind.ENUM,
        SymbolKind.TRAIT,
        SymbolKind.TYPE,
        SymbolKind.CONSTANT,
        SymbolKind.VARIABLE,
    }
)
"""Kinds that make up a module's API surface when defined at module level."""

TYPE_KINDS = frozenset(
    {SymbolKind.CLASS, SymbolKind.INTERFACE, SymbolKind.STRUCT, SymbolKind.ENUM, SymbolKind.TRAIT, SymbolKind.TYPE}
)


def file_categories(model: CodeModel) -> dict[str, FileCategory]:
    return {source.path: source.category for source in model.repository.files}


def is_test_path(path: str, categories: Mapping[str, FileCategory]) -> bool:
    """A test file, by the scan's category or, for files the scan did not list, by its name."""
    category = categories.get(path)
    if category is not None:
        return category is FileCategory.TEST
    return named_like_a_test(path)


def named_like_a_test(path: str) -> bool:
    """A test by its name or folder alone (`tests/`, `test_x.py`, `x_test.go`, `conftest.py`)."""
    parts = path.split("/")
    name = parts[-1]
    return (
        any(part in _TEST_FOLDERS for part in parts[:-1])
        or name.startswith("test_")
        or name.endswith(_TEST_SUFFIXES)
        or name == "conftest.py"
    )


def is_test_component(component: Component, categories: Mapping[str, FileCategory]) -> bool:
    return bool(component.modules) and all(is_test_path(path, categories) for path in component.modules)


def is_private_name(name: str) -> bool:
    """`_helper` is private by convention; `__init__`-style dunders are not."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def is_private_module(module: Module) -> bool:
    """A module whose own name (or a package above it) says "internal": `pkg._impl`, `_private/x.py`."""
    segments = module.name.replace("::", ".").replace("/", ".").split(".")
    return any(is_private_name(segment) for segment in segments if segment)


def public_symbols(module: Module) -> list[Symbol]:
    """Module-level public symbols, in source order. `exports` (`__all__`, `export`) decides when declared."""
    top = [symbol for symbol in module.symbols if symbol.parent is None and symbol.kind in TOP_LEVEL_KINDS]
    if module.exports is not None:
        exported = set(module.exports)
        return [symbol for symbol in top if symbol.name in exported]
    return [symbol for symbol in top if symbol.visibility is Visibility.PUBLIC and not is_private_name(symbol.name)]


def is_public_member(symbol: Symbol) -> bool:
    """A method, property or field worth documenting: public, and not `_private` (`__init__` is kept)."""
    return symbol.visibility is Visibility.PUBLIC and (not is_private_name(symbol.name) or symbol.name == "__init__")


def reexports(module: Module, modules_by_path: Mapping[str, Module]) -> list[tuple[str, Module, Symbol]]:
    """Names a package module exports but defines elsewhere: (name, defining module, symbol).

    Follows `from x import name` imports of the module to the internal module they resolve to.
    """
    if module.exports is None:
        return []
    defined = {symbol.name for symbol in module.symbols if symbol.parent is None}
    found: list[tuple[str, Module, Symbol]] = []
    wanted = [name for name in module.exports if name not in defined]
    for name in wanted:
        for item in module.imports:
            if name not in item.names or not item.target or item.target not in modules_by_path:
                continue
            source = modules_by_path[item.target]
            symbol = next((s for s in source.symbols if s.parent is None and s.name == name), None)
            if symbol is not None:
                found.append((name, source, symbol))
                break
    return found


def reference_modules(model: CodeModel, categories: Mapping[str, FileCategory]) -> list[Module]:
    """Modules the API reference covers: all but tests, by folder, each folder's package module first."""
    return sorted(
        (module for module in model.modules if not is_test_path(module.path, categories)),
        key=lambda module: (posixpath.dirname(module.path), not module.is_package, module.path),
    )
