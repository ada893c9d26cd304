"""The `analyze` fixture: run the tree-sitter analyser for one file, as the orchestrator does, and
look its results up by name."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter import TREE_SITTER_ANALYZERS
from codedoc.model import FileCategory, Import, Language, Module, Symbol


@dataclass(frozen=True)
class Analysis:
    facts: FileFacts

    @property
    def module(self) -> Module:
        assert self.facts.module is not None
        return self.facts.module

    @property
    def qualnames(self) -> list[str]:
        return [s.qualname for s in self.module.symbols]

    @property
    def imports(self) -> list[tuple[str, str, tuple[str, ...]]]:
        return [(i.module, i.kind.value, i.names) for i in self.module.imports]

    def symbol(self, qualname: str) -> Symbol:
        found = [s for s in self.module.symbols if s.qualname == qualname]
        assert len(found) == 1, f"{qualname!r} not once in {self.qualnames}"
        return found[0]

    def import_of(self, module: str) -> Import:
        found = [i for i in self.module.imports if i.module == module]
        assert found, f"{module!r} not in {self.imports}"
        return found[0]


def run_analyzer(
    language: Language, path: str, source: str, *, module_name: str | None = None, is_package: bool = False
) -> Analysis:
    context = FileContext(
        path=path,
        language=language,
        category=FileCategory.CODE,
        module_name=module_name or path.rsplit(".", 1)[0],
        is_package=is_package,
    )
    return Analysis(TREE_SITTER_ANALYZERS[language](context=context, text=textwrap.dedent(source)))


AnalyzeFile = Callable[..., Analysis]


@pytest.fixture
def analyze() -> AnalyzeFile:
    return run_analyzer
