"""Python's naming conventions, shared by the `ast` extractor and the tree-sitter fallback.

Both extractors must turn the same source into the same symbols, so every rule that decides a
kind, a visibility or an import's absolute name lives here, fed with plain strings.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from codedoc.analyze.facts import FileContext
from codedoc.model import ImportKind, SymbolKind, Visibility

_STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}
_ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum"})
_INTERFACE_BASES = frozenset({"Protocol", "ABC"})
_INTERFACE_METACLASSES = frozenset({"ABCMeta"})
_PROPERTY_DECORATORS = frozenset({"property", "cached_property", "abstractproperty", "hybrid_property"})
_PROPERTY_ACCESSORS = (".setter", ".getter", ".deleter")
_TYPE_FACTORIES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "NewType", "TypeAliasType"})
_CONSTANT_NAME = re.compile(r"_*[A-Z][A-Z0-9_]*")
_KEPT_DUNDERS = frozenset({"__version__"})


def last_part(dotted: str) -> str:
    """`typing.Protocol[T]` → `Protocol`: the name a base or decorator is known by."""
    return dotted.split("[", 1)[0].rsplit(".", 1)[-1].strip()


def is_dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def visibility(name: str, *, in_private: bool) -> Visibility:
    if in_private or (name.startswith("_") and not is_dunder(name)):
        return Visibility.PRIVATE
    return Visibility.PUBLIC


def class_kind(bases: Sequence[str], keywords: Sequence[str]) -> SymbolKind:
    """ENUM for enum bases, INTERFACE for protocols and abstract bases, else CLASS."""
    names = {last_part(base) for base in bases}
    if names & _ENUM_BASES:
        return SymbolKind.ENUM
    if names & _INTERFACE_BASES:
        return SymbolKind.INTERFACE
    for keyword in keywords:
        key, _, value = keyword.partition("=")
        if key.strip() == "metaclass" and last_part(value) in _INTERFACE_METACLASSES:
            return SymbolKind.INTERFACE
    return SymbolKind.CLASS


def function_kind(decorators: Sequence[str], *, in_class: bool) -> SymbolKind:
    if not in_class:
        return SymbolKind.FUNCTION
    for decorator in decorators:
        if last_part(decorator) in _PROPERTY_DECORATORS or decorator.endswith(_PROPERTY_ACCESSORS):
            return SymbolKind.PROPERTY
    return SymbolKind.METHOD


def is_overload(decorators: Sequence[str]) -> bool:
    return any(last_part(decorator) == "overload" for decorator in decorators)


def is_type_factory(callee: str) -> bool:
    """`TypeVar("T")`, `typing.NewType(...)`: calls whose result is a type."""
    return last_part(callee) in _TYPE_FACTORIES


def looks_like_type_name(expression: str) -> bool:
    """A bare name or dotted name that starts upper-case (`Foo`, `models.Base`): a class, probably."""
    last = last_part(expression)
    # An all-capitals name is a constant (`DEFAULT = OTHER_DEFAULT`), not a class.
    return bool(last) and last[0].isupper() and not last.isupper() and last.replace("_", "").isalnum()


def module_variable_kind(
    name: str, *, annotation: str | None, type_like: bool, type_factory: bool = False
) -> SymbolKind | None:
    """The kind of a module-level assignment, or None when it is too minor to document.

    `type_like`: the value looks like a type (`list[int]`, `A | B`, `Base`), which only counts
    for a capitalised name; `type_factory`: it is made by `TypeVar(…)`/`NewType(…)`, which
    counts whatever the name. Lower-case unannotated assignments (`log = getLogger()`) are
    skipped to keep the model lean; everything a reader might import or configure is kept.
    """
    annotation_name = last_part(annotation) if annotation else None
    if annotation_name in ("TypeAlias", "TypeAliasType") or type_factory:
        return SymbolKind.TYPE
    if _CONSTANT_NAME.fullmatch(name) or annotation_name == "Final":
        return SymbolKind.CONSTANT
    bare = name.lstrip("_")
    capitalised = bool(bare) and bare[0].isupper()
    if type_like and capitalised:
        return SymbolKind.TYPE
    if annotation is not None or capitalised or name in _KEPT_DUNDERS:
        return SymbolKind.VARIABLE
    return None


def keep_class_attribute(name: str) -> bool:
    """Class-level assignments are fields, except dunders (`__slots__`, `__tablename__`)."""
    return not is_dunder(name)


def absolute_import(module: str | None, level: int, context: FileContext) -> str:
    """The absolute dotted name of `from <level dots><module> import …` in this file.

    In a package's `__init__`, `.` is the package itself; in `pkg/mod.py` it is `pkg`. An import
    that climbs above the top package is returned as written, so that it stays unresolved.
    """
    if level == 0:
        return module or ""
    parts = context.module_name.split(".") if context.module_name else []
    base = parts if context.is_package else parts[:-1]
    keep = len(base) - (level - 1)
    if keep <= 0:
        return "." * level + (module or "")
    prefix = ".".join(base[:keep])
    return f"{prefix}.{module}" if module else prefix


def import_kind(module: str, *, relative: bool) -> ImportKind:
    """STDLIB for the standard library; the orchestrator decides internal vs external later."""
    if not relative and module.split(".", 1)[0] in _STDLIB:
        return ImportKind.STDLIB
    return ImportKind.UNRESOLVED


def count_lines(text: str) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)
