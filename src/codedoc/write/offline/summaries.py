"""One-line summaries when a module or package says nothing about itself: the most informative
docstring inside it, or a README sentence that names it — never an empty cell when the code or
its README has something to say. Only text from the repository is used, nothing is made up."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from codedoc.model import Component, Module, Symbol, SymbolKind, Visibility
from codedoc.write.markdown import first_sentence

_DESCRIBING_KINDS = (SymbolKind.CLASS, SymbolKind.INTERFACE, SymbolKind.STRUCT, SymbolKind.TRAIT, SymbolKind.FUNCTION)
MIN_INFORMATIVE = 20
"""A first sentence shorter than this (`Utilities.`, `TODO`) is not a summary."""
MIN_NAME = 4
"""Names shorter than this are too common to look for in a README."""


def _informative(docstring: str | None) -> str:
    sentence = first_sentence(docstring) if docstring else ""
    return sentence if len(sentence) >= MIN_INFORMATIVE else ""


def _leading_symbol(module: Module) -> Symbol | None:
    """The module's largest documented public top-level class or function: what the module is for."""
    candidates = [
        s
        for s in module.symbols
        if s.parent is None
        and s.kind in _DESCRIBING_KINDS
        and s.visibility is Visibility.PUBLIC
        and not s.name.startswith("_")
        and _informative(s.docstring)
    ]
    if not candidates:
        return None
    return max(
        candidates, key=lambda s: (s.kind is not SymbolKind.FUNCTION, s.location.end_line - s.location.start_line)
    )


def module_fallback(module: Module) -> str:
    """A module without a docstring of its own: its leading symbol's first sentence, named."""
    symbol = _leading_symbol(module)
    if symbol is None:
        return ""
    return f"{symbol.name}: {_informative(symbol.docstring)}"


def component_fallback(component: Component, modules: Sequence[Module], readme: str | None) -> str:
    """A component without a package docstring: the README's sentence naming it, else the
    docstring of its largest documented module, else of its leading class."""
    found = component_fallback_said(component, modules, readme)
    return found[1] if found else ""


def component_candidates(component: Component, modules: Sequence[Module], readme: str | None) -> list[str]:
    """Every sentence that could stand for a component without a package docstring, best first: the
    README's, then its modules' docstrings (largest module first), then their leading symbols'."""
    found: list[str] = []
    from_readme = readme_sentence(readme, _names(component))
    if from_readme:
        found.append(from_readme)
    by_size = sorted(modules, key=lambda m: (-m.line_count, m.path))
    found += [_informative(m.docstring) for m in by_size if _informative(m.docstring)]
    # The package's own module (`__init__.py`: `create_app`) speaks for it before its largest module;
    # elsewhere only a class does (what one function does is not what a whole component is for).
    for module in sorted(by_size, key=lambda m: not m.is_package):
        symbol = _leading_symbol(module)
        if symbol is not None and (module.is_package or symbol.kind is not SymbolKind.FUNCTION):
            found.append(_informative(symbol.docstring))
    return list(dict.fromkeys(found))


_EXAMPLE_FOLDERS = frozenset({"examples", "example", "samples", "sample", "demo", "demos"})
MAX_LISTED = 5


def factual_purpose(component: Component, modules: Sequence[Module], inner: Sequence[str]) -> str:
    """When nothing in the repository says what a component is for: what it holds, named.
    `inner` are the names of components inside its folder (`examples` holding `flaskr`…)."""
    folders = {part.lower() for part in component.path.split("/")}
    label = "Example applications" if folders & _EXAMPLE_FOLDERS else None
    if inner:
        names = list(inner)
        label = label or "Packages"
    else:
        names = [module.name.rsplit(".", 1)[-1].rsplit("/", 1)[-1] for module in modules]
        label = ("Example code" if label else "Modules") if names else ""
    if not names:
        return ""
    shown = names[:MAX_LISTED]
    listed = ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else shown[0]
    more = f" and {len(names) - len(shown):,} more" if len(names) > len(shown) else ""
    if more:
        listed = ", ".join(shown) + more
    return f"{label}: {listed}."


def component_fallback_said(
    component: Component, modules: Sequence[Module], readme: str | None
) -> tuple[str, str] | None:
    """(who says it, what it says) for `component_fallback`: `README`, a module's name, or a symbol's."""
    from_readme = readme_sentence(readme, _names(component))
    if from_readme:
        return ("README", from_readme)
    documented = [m for m in modules if _informative(m.docstring)]
    if documented:
        largest = max(documented, key=lambda m: (m.line_count, m.path))
        return (largest.name, _informative(largest.docstring))
    for module in sorted(modules, key=lambda m: (-m.line_count, m.path)):
        symbol = _leading_symbol(module)
        if symbol is not None:
            return (f"{module.name}.{symbol.qualname}", _informative(symbol.docstring))
    return None


def _names(component: Component) -> list[str]:
    last = re.split(r"[./:]", component.name)[-1]
    names = [component.name, component.path]
    if last and len(last) >= MIN_NAME:
        names.append(last)
    return [name for name in dict.fromkeys(names) if name and name != "." and len(name) >= MIN_NAME]


def readme_sentence(readme: str | None, names: Iterable[str]) -> str:
    """The first README sentence naming one of `names` as code (`` `name` ``) or as a path."""
    if not readme:
        return ""
    wanted = list(names)
    in_fence = False
    for line in readme.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not stripped or stripped.startswith(("#", "|", "<", "!", "[")):
            continue
        for name in wanted:
            if f"`{name}`" in stripped or f"`{name}/`" in stripped:
                sentence = first_sentence(stripped.lstrip("-*+ "))
                if len(sentence) >= MIN_INFORMATIVE:
                    return sentence
    return ""
