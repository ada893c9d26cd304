"""Where the prose paragraphs come from. The offline writer builds every page (tables, lists,
diagrams, citations) itself and asks a `ProseSource` only for the free-text paragraphs;
the LLM writer is another `ProseSource`. Each method returns Markdown or None (meaning: use
the offline text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from codedoc.model import CodeModel, Component, Module
from codedoc.write.pages import ConceptPage


class ProseSource(Protocol):
    def module_summary(self, module: Module, model: CodeModel) -> str | None: ...

    def component_summary(self, component: Component, model: CodeModel) -> str | None: ...

    def overview(self, model: CodeModel) -> str | None: ...

    def architecture(self, model: CodeModel) -> str | None: ...


class NoExtraProse:
    """The offline default: no paragraph is replaced."""

    def module_summary(self, module: Module, model: CodeModel) -> str | None:
        return None

    def component_summary(self, component: Component, model: CodeModel) -> str | None:
        return None

    def overview(self, model: CodeModel) -> str | None:
        return None

    def architecture(self, model: CodeModel) -> str | None:
        return None


@runtime_checkable
class ConceptSource(Protocol):
    """A prose source that also plans and writes concept pages (the LLM writer's wiki)."""

    def concept_pages(self, model: CodeModel) -> Sequence[ConceptPage]: ...

    def concept_page(self, slug: str, model: CodeModel) -> str | None: ...


def concept_pages_of(prose: object, model: CodeModel) -> Sequence[ConceptPage]:
    """The concept pages `prose` plans for `model`; none from a source without a wiki."""
    return prose.concept_pages(model) if isinstance(prose, ConceptSource) else ()
