"""Which symbols lack a docstring: the public functions, methods and classes of the code model."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from codedoc.model import CodeModel, FileCategory, Language, Module, Symbol, SymbolKind, Visibility

SUPPORTED_LANGUAGES = frozenset(
    {Language.PYTHON, Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX, Language.GO, Language.JAVA, Language.RUST}
)
_DOCUMENTED_KINDS = frozenset(
    {
        SymbolKind.CLASS,
        SymbolKind.FUNCTION,
        SymbolKind.METHOD,
        SymbolKind.INTERFACE,
        SymbolKind.STRUCT,
        SymbolKind.ENUM,
        SymbolKind.TRAIT,
    }
)
_OVERLOAD = frozenset({"overload", "typing.overload", "typing_extensions.overload"})


@dataclass(frozen=True, slots=True)
class Target:
    """One symbol that should have a docstring and has none."""

    module: Module
    symbol: Symbol
    init: Symbol | None = None
    """For a Python class: its `__init__`, whose parameters the class docstring documents."""
    fields: tuple[Symbol, ...] = ()
    """For a Python class: its public fields (dataclass fields, annotated class attributes)."""

    @property
    def path(self) -> str:
        return self.module.path

    @property
    def language(self) -> Language:
        return self.module.language


def plan_docstrings(model: CodeModel, *, include_tests: bool = False) -> tuple[Target, ...]:
    """Every public function, method and class without a docstring, in file and line order.

    Skipped on purpose: stubs (`.pyi`), `@overload` variants and property setters (the
    implementation and the getter carry the docstring), dunder methods (the class docstring
    documents construction), symbols nested in a private scope and — unless `include_tests` —
    test files, whose names already say what they check.
    """
    categories = {f.path: f.category for f in model.repository.files}
    targets: list[Target] = []
    for module in sorted(model.modules, key=lambda m: m.path):
        if module.language not in SUPPORTED_LANGUAGES or module.path.endswith(".pyi"):
            continue
        if not include_tests and categories.get(module.path) == FileCategory.TEST:
            continue
        private_scopes = {s.qualname for s in module.symbols if s.visibility is not Visibility.PUBLIC}
        inits = _python_inits(module)
        fields = _python_fields(module)
        for symbol in module.symbols:
            if not _wants_docstring(symbol, module, private_scopes):
                continue
            targets.append(Target(module, symbol, inits.get(symbol.qualname), fields.get(symbol.qualname, ())))
    return tuple(sorted(targets, key=lambda t: (t.path, t.symbol.location.start_line)))


def _wants_docstring(symbol: Symbol, module: Module, private_scopes: set[str]) -> bool:
    if symbol.docstring or symbol.visibility is not Visibility.PUBLIC:
        return False
    kind_ok = symbol.kind in _DOCUMENTED_KINDS or (
        symbol.kind is SymbolKind.PROPERTY and module.language is Language.PYTHON
    )
    if not kind_ok:
        return False
    if symbol.name.startswith("__") and symbol.name.endswith("__"):
        return False
    if _OVERLOAD & set(symbol.decorators) or any(d.endswith((".setter", ".deleter")) for d in symbol.decorators):
        return False  # the implementation, and the property's getter, carry the docstring
    parent = symbol.parent
    while parent:
        if parent in private_scopes:
            return False
        parent = parent.rpartition(".")[0] or None
    return True


def _python_inits(module: Module) -> dict[str, Symbol]:
    if module.language is not Language.PYTHON:
        return {}
    found: dict[str, Symbol] = {}
    for symbol in module.symbols:
        if symbol.name == "__init__" and symbol.parent:
            found.setdefault(symbol.parent, symbol)
    return found


def _python_fields(module: Module) -> dict[str, tuple[Symbol, ...]]:
    if module.language is not Language.PYTHON:
        return {}
    found: dict[str, list[Symbol]] = defaultdict(list)
    for symbol in module.symbols:
        if symbol.kind is SymbolKind.FIELD and symbol.parent and symbol.visibility is Visibility.PUBLIC:
            found[symbol.parent].append(symbol)
    return {parent: tuple(symbols) for parent, symbols in found.items()}


def targets_by_file(targets: tuple[Target, ...]) -> dict[str, list[Target]]:
    grouped: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        grouped[target.path].append(target)
    return dict(grouped)
