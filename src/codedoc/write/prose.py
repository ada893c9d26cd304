"""Where the prose paragraphs come from. The offline writer builds every page (tables, lists,
diagrams, citations) itself and asks a `ProseSource` only for the free-text paragraphs;
the LLM writer is another `ProseSource`. Each method returns Markdown or None (meaning: use
the offline text)."""

from __future__ import annotations

from typing import Protocol

from codedoc.model import CodeModel, Component, Module


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
