"""The plan: which pages this repository deserves, in reading order.

Every site has an overview, a getting-started page, the architecture, one page per component
worth one, and an API reference. The rest appear only when the model has facts for them: HTTP
routes, CLI commands, data models, settings, dependencies, tests. What the project mainly *is*
(its kind) decides which of those come first.

Page paths are built from slugs (`[a-z0-9-]` only), never from raw names, and are unique.
"""

from __future__ import annotations

from collections.abc import Sequence

from codedoc.model import CodeModel, Component, FileCategory, ProjectKind
from codedoc.write.pages import ConceptPage, PageKind, PagePlan, SitePlan
from codedoc.write.reference_layout import reference_layout
from codedoc.write.selection import file_categories, is_test_component, is_test_path, public_symbols
from codedoc.write.slugs import safe_title, unique_slugs

MAX_COMPONENT_PAGES = 60
"""Huge repositories get pages for their largest components; the rest are listed on the architecture page."""
TINY_COMPONENT_LINES = 20
"""A component this small with no public symbol is folded into the architecture page."""

# Feature pages by what the project mainly is: the first ones come before the components.
_LEADING: dict[ProjectKind, tuple[PageKind, ...]] = {
    ProjectKind.WEB_SERVICE: (PageKind.HTTP_API, PageKind.DATA_MODELS, PageKind.CONFIGURATION),
    ProjectKind.CLI: (PageKind.CLI, PageKind.CONFIGURATION),
    ProjectKind.APP: (PageKind.CONFIGURATION,),
    ProjectKind.LIBRARY: (),
    ProjectKind.MONOREPO: (),
}
_FEATURES = (PageKind.HTTP_API, PageKind.CLI, PageKind.DATA_MODELS, PageKind.CONFIGURATION)
_TITLES = {
    PageKind.OVERVIEW: "Overview",
    PageKind.GETTING_STARTED: "Getting started",
    PageKind.ARCHITECTURE: "Architecture",
    PageKind.API_REFERENCE: "API reference",
    PageKind.HTTP_API: "HTTP API",
    PageKind.CLI: "Command line",
    PageKind.DATA_MODELS: "Data models",
    PageKind.CONFIGURATION: "Configuration",
    PageKind.DEPENDENCIES: "Dependencies",
    PageKind.TESTING: "Testing",
    PageKind.INSIGHTS: "Insights",
}
_PATHS = {
    PageKind.OVERVIEW: "index.md",
    PageKind.GETTING_STARTED: "getting-started.md",
    PageKind.ARCHITECTURE: "architecture.md",
    PageKind.API_REFERENCE: "reference/index.md",
    PageKind.HTTP_API: "http-api.md",
    PageKind.CLI: "cli.md",
    PageKind.DATA_MODELS: "data-models.md",
    PageKind.CONFIGURATION: "configuration.md",
    PageKind.DEPENDENCIES: "dependencies.md",
    PageKind.TESTING: "testing.md",
    PageKind.INSIGHTS: "insights.md",
}


def documented_components(model: CodeModel) -> tuple[list[Component], list[Component]]:
    """(components with a page, components only listed), both sorted by name.

    Test-only and empty components are left out of both; tiny components without any public
    symbol, and those beyond the `MAX_COMPONENT_PAGES` largest, are only listed.
    """
    categories = file_categories(model)
    modules = {module.path: module for module in model.modules}
    candidates: list[Component] = []
    listed: list[Component] = []
    for component in model.components:
        if not component.modules or is_test_component(component, categories):
            continue
        has_api = any(public_symbols(modules[path]) for path in component.modules if path in modules)
        if component.line_count < TINY_COMPONENT_LINES and not has_api:
            listed.append(component)
        else:
            candidates.append(component)
    if len(candidates) > MAX_COMPONENT_PAGES:
        by_size = sorted(candidates, key=lambda c: (-c.line_count, c.name))
        candidates, rest = by_size[:MAX_COMPONENT_PAGES], by_size[MAX_COMPONENT_PAGES:]
        listed.extend(rest)
    return sorted(candidates, key=lambda c: c.name), sorted(listed, key=lambda c: c.name)


def has_tests(model: CodeModel) -> bool:
    if any(source.category is FileCategory.TEST for source in model.repository.files):
        return True
    if any(task.kind == "test" for task in model.tasks):
        return True
    categories = file_categories(model)
    return any(is_test_path(module.path, categories) for module in model.modules)


def _feature_pages(model: CodeModel) -> dict[PageKind, bool]:
    return {
        PageKind.HTTP_API: bool(model.routes),
        PageKind.CLI: bool(model.commands),
        PageKind.DATA_MODELS: bool(model.data_models),
        PageKind.CONFIGURATION: bool(model.settings),
        PageKind.DEPENDENCIES: bool(model.dependencies),
        PageKind.TESTING: has_tests(model),
    }


def _page(kind: PageKind) -> PagePlan:
    return PagePlan(kind=kind, path=_PATHS[kind], title=_TITLES[kind])


def _component_pages(components: list[Component]) -> list[PagePlan]:
    slugs = unique_slugs(component.name for component in components)
    return [
        PagePlan(
            kind=PageKind.COMPONENT,
            path=f"components/{slugs[component.name]}.md",
            title=safe_title(component.name) or slugs[component.name],
            component=component.name,
        )
        for component in components
    ]


def _reference_pages(model: CodeModel) -> list[PagePlan]:
    return [
        PagePlan(kind=PageKind.API_REFERENCE, path=page.path, title=page.title, component=page.component)
        for page in reference_layout(model)
    ]


def plan_site(model: CodeModel, *, concepts: Sequence[ConceptPage] = ()) -> SitePlan:
    """The pages to write for `model`, in the order a reader should meet them; concept pages (from
    the LLM writer's wiki plan) come after the architecture, before the reference."""
    present = _feature_pages(model)
    leading = [kind for kind in _LEADING.get(model.repository.kind, ()) if present[kind]]
    trailing = [kind for kind in _FEATURES if present[kind] and kind not in leading]
    with_page, _ = documented_components(model)

    pages = [_page(PageKind.OVERVIEW), _page(PageKind.GETTING_STARTED), _page(PageKind.ARCHITECTURE)]
    pages += [PagePlan(kind=PageKind.CONCEPT, path=f"concepts/{c.slug}.md", title=c.title, concept=c) for c in concepts]
    pages += [_page(kind) for kind in leading]
    pages += _component_pages(with_page)
    pages += _reference_pages(model)
    pages += [_page(kind) for kind in trailing]
    pages += [_page(kind) for kind in (PageKind.DEPENDENCIES, PageKind.TESTING) if present[kind]]
    insights = model.insights
    if insights is not None and (insights.functions or insights.component_coverage or insights.cycles):
        pages.append(_page(PageKind.INSIGHTS))
    return SitePlan(site_name=site_name(model), pages=tuple(pages))


def site_name(model: CodeModel) -> str:
    """The repository's name, fit for a page title and `mkdocs.yml`."""
    return safe_title(model.repository.name) or "Documentation"
