"""What every page writer needs: the model indexed once, links between pages, citations, prose."""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from codedoc.model import CodeModel, Component, FileCategory, Module, Symbol
from codedoc.write.citations import Citer
from codedoc.write.markdown import code, link, neutralize_html
from codedoc.write.pages import PageKind, PagePlan, SitePlan
from codedoc.write.plan import documented_components
from codedoc.write.prose import ProseSource
from codedoc.write.reference_layout import ReferencePage, reference_layout
from codedoc.write.selection import file_categories, is_test_component

logger = logging.getLogger(__name__)

MAX_PROSE_CHARS = 20_000
"""A prose answer longer than this is cut: a page must stay readable whatever a source returns."""


@dataclass
class SiteContext:
    """The model, indexed for the page writers; built once per site."""

    model: CodeModel
    plan: SitePlan
    prose: ProseSource
    citer: Citer = field(init=False)
    categories: dict[str, FileCategory] = field(init=False)
    modules: dict[str, Module] = field(init=False)
    """By path."""
    components: dict[str, Component] = field(init=False)
    """By name."""
    component_of: dict[str, str] = field(init=False)
    """Module path → component name."""
    component_pages: dict[str, str] = field(init=False)
    """Component name → its page path, for components that have one."""
    reference_layout: dict[str, ReferencePage] = field(init=False)
    """The API reference's pages by path, as planned."""
    reference_pages: dict[str, str] = field(init=False)
    """Component name → the (first) reference page that documents its modules."""
    test_components: frozenset[str] = field(init=False)
    """Names of components made only of tests."""
    listed_components: list[Component] = field(init=False)
    """Components without a page of their own (tiny, or beyond the cap)."""
    purposes: dict[str, str] = field(init=False, default_factory=dict)
    """Component name → its one-line purpose, filled on first use (`describe.component_purpose`)."""

    def __post_init__(self) -> None:
        model = self.model
        self.citer = Citer.for_repository(model.repository, ((m.path, m.line_count) for m in model.modules))
        self.categories = file_categories(model)
        self.modules = {module.path: module for module in model.modules}
        self.components = {component.name: component for component in model.components}
        self.component_of = {path: c.name for c in model.components for path in c.modules}
        self.component_pages = {
            page.component: page.path for page in self.plan.pages if page.kind is PageKind.COMPONENT and page.component
        }
        planned = {page.path for page in self.plan.pages if page.kind is PageKind.API_REFERENCE}
        self.reference_layout = {page.path: page for page in reference_layout(model) if page.path in planned}
        self.reference_pages = {}
        for page in self.reference_layout.values():
            for path in page.modules:
                owner = self.component_of.get(path)
                if owner is not None:
                    self.reference_pages.setdefault(owner, page.path)
        _, self.listed_components = documented_components(model)
        self.test_components = frozenset(c.name for c in model.components if is_test_component(c, self.categories))

    @cached_property
    def model_symbols(self) -> dict[str, tuple[Module, Symbol]]:
        """Every symbol by its symbol id (`module.qualname`), as calls and flows name them."""
        found: dict[str, tuple[Module, Symbol]] = {}
        for module in self.model.modules:
            for symbol in module.symbols:
                found.setdefault(f"{module.name}.{symbol.qualname}", (module, symbol))
        return found

    def page(self, kind: PageKind) -> PagePlan | None:
        return next((page for page in self.plan.pages if page.kind is kind and page.component is None), None)

    # -- links -------------------------------------------------------------------------------

    @staticmethod
    def href(from_page: str, to_page: str) -> str:
        """A relative link from one docs page to another, as MkDocs resolves them."""
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")

    def page_link(self, from_page: str, to_page: str, label_markdown: str) -> str:
        return link(label_markdown, self.href(from_page, to_page))

    def component_link(self, from_page: str, name: str) -> str:
        """The component's name linked to its page, or as a code span when it has none."""
        target = self.component_pages.get(name)
        if target is None or target == from_page:
            return code(name)
        return link(code(name), self.href(from_page, target))

    def reference_link(self, from_page: str, component: str, label_markdown: str) -> str:
        target = self.reference_pages.get(component)
        if not target or target == from_page:
            return label_markdown
        return link(label_markdown, self.href(from_page, target))

    # -- prose -------------------------------------------------------------------------------

    def ask(self, question: Callable[[], str | None], subject: str) -> str | None:
        """A prose source's answer, made inert and bounded; None when it has none or fails."""
        try:
            answer = question()
        except Exception:  # a prose source must cost a paragraph, never the site
            logger.warning("the prose source failed for %s; using the offline text", subject, exc_info=True)
            return None
        if not answer or not answer.strip():
            return None
        return neutralize_html(answer.strip()[:MAX_PROSE_CHARS])
