"""The most complex functions of a large repository: the first `MOST_COMPLEX` of all of them by
complexity, name and path, ties kept in the modules' order."""

from __future__ import annotations

import random

from codedoc.analyze.insights import MOST_COMPLEX, compute_insights
from codedoc.model import Language, Location, Module, Symbol, SymbolKind


def _modules(seed: int) -> list[Module]:
    chooser = random.Random(seed)
    modules = []
    for m in range(chooser.randrange(1, 12)):
        path = f"pkg/m{m % 4}.py" if m < 4 else f"pkg/sub{m}/m.py"
        symbols = tuple(
            Symbol(
                SymbolKind.FUNCTION,
                f"f{chooser.randrange(8)}",  # repeated names: ties on complexity and name
                f"f{chooser.randrange(8)}",
                Location(path, line, line),
                complexity=chooser.choice([None, 1, 2, 2, 3, 5, 8, 13]),
            )
            for line in range(1, chooser.randrange(40))
        )
        modules.append(Module(path, f"pkg.m{m}", Language.PYTHON, symbols=symbols))
    return modules


def test_most_complex_are_the_first_of_all_functions_sorted() -> None:
    for seed in range(60):
        modules = _modules(seed)
        insights = compute_insights(modules, (), is_product=lambda path: True)
        every = sorted(
            (
                (-s.complexity, f"{m.name}.{s.qualname}", s.location.path, s.location.start_line)
                for m in modules
                for s in m.symbols
                if s.complexity is not None
            ),
            key=lambda item: item[:3],  # stable: ties stay in the modules' order
        )
        expected = [(-c, name, path, line) for c, name, path, line in every[:MOST_COMPLEX]]
        found = [(f.complexity, f.name, f.location.path, f.location.start_line) for f in insights.most_complex]
        assert found == expected
        assert insights.functions == len(every)
