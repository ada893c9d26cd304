"""Where both extractors put what they find: symbols deduplicated by qualname, imports, `__all__`."""

from __future__ import annotations

from collections.abc import Iterable

from codedoc.model import Import, Symbol


class SymbolTable:
    """Symbols in source order, one per qualname.

    A name defined twice (`if sys.version_info >= …: def f() … else: def f() …`) keeps its first
    definition; a set of `@overload`s gives way to the implementation that follows them.
    """

    __slots__ = ("_index", "_overloaded", "_symbols")

    def __init__(self) -> None:
        self._symbols: list[Symbol] = []
        self._index: dict[str, int] = {}
        self._overloaded: set[str] = set()

    def accepts(self, qualname: str, *, overload: bool = False) -> bool:
        """Whether `add` would record a definition of `qualname`: asked first, a symbol that loses is never built."""
        return qualname not in self._index or (qualname in self._overloaded and not overload)

    def add(self, symbol: Symbol, *, overload: bool = False) -> bool:
        """Record `symbol`; False when an earlier definition of its qualname wins (see `accepts`)."""
        qualname = symbol.qualname
        if not self.accepts(qualname, overload=overload):
            return False
        index = self._index.get(qualname)
        if index is None:
            self._index[qualname] = len(self._symbols)
            self._symbols.append(symbol)
            if overload:
                self._overloaded.add(qualname)
        else:  # the implementation after its `@overload`s
            self._symbols[index] = symbol
            self._overloaded.discard(qualname)
        return True

    def symbols(self) -> tuple[Symbol, ...]:
        return tuple(self._symbols)


class Exports:
    """A module's literal `__all__`, assembled from `=`, `+=`, `.extend()` and `.append()`.

    Any part that is not a literal list of strings makes the whole unknown (None): claiming a
    partial `__all__` would hide public names from the reference.
    """

    __slots__ = ("_known", "_names")

    def __init__(self) -> None:
        self._names: list[str] | None = None
        self._known = True

    def assign(self, names: Iterable[str] | None) -> None:
        if names is None:
            self._known = False
            return
        self._names = list(names)

    def extend(self, names: Iterable[str] | None) -> None:
        if names is None:
            self._known = False
            return
        if self._names is None:
            self._names = []
        self._names.extend(names)

    def result(self) -> tuple[str, ...] | None:
        if not self._known or self._names is None:
            return None
        return tuple(dict.fromkeys(self._names))


def literal_names(value: object) -> list[str] | None:
    """The strings of a literal list/tuple of strings, else None."""
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return [str(item) for item in value]
    return None


def sorted_imports(imports: Iterable[Import]) -> tuple[Import, ...]:
    """Imports by line: function-level ones are found after the module level walk passes them."""
    return tuple(sorted(imports, key=lambda item: item.line))
