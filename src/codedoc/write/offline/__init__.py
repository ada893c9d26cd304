"""The offline writer: every page built from the code model alone, deterministically, with no network.

Free-text paragraphs are first asked of a `ProseSource` (the LLM writer plugs in there); when it
has no answer, the writer composes its own from the facts. Everything else (tables, diagrams,
citations) is always built here.
"""

from __future__ import annotations

from collections.abc import Callable

from codedoc.model import CodeModel
from codedoc.write.offline.architecture import write_architecture
from codedoc.write.offline.cli import write_cli
from codedoc.write.offline.component import write_component
from codedoc.write.offline.concept import write_concept
from codedoc.write.offline.configuration import write_configuration
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.data_models import write_data_models
from codedoc.write.offline.dependencies import write_dependencies
from codedoc.write.offline.getting_started import write_getting_started
from codedoc.write.offline.http_api import write_http_api
from codedoc.write.offline.insights import write_insights
from codedoc.write.offline.overview import write_overview
from codedoc.write.offline.reference import write_reference
from codedoc.write.offline.testing import write_testing
from codedoc.write.pages import Page, PageKind, PagePlan, SitePlan
from codedoc.write.prose import NoExtraProse, ProseSource

__all__ = ["write_site"]

PageWriter = Callable[[SiteContext, PagePlan], str]
WriteProgress = Callable[[float, str], None]

PAGE_WRITERS: dict[PageKind, PageWriter] = {
    PageKind.OVERVIEW: write_overview,
    PageKind.GETTING_STARTED: write_getting_started,
    PageKind.ARCHITECTURE: write_architecture,
    PageKind.COMPONENT: write_component,
    PageKind.API_REFERENCE: write_reference,
    PageKind.HTTP_API: write_http_api,
    PageKind.CLI: write_cli,
    PageKind.DATA_MODELS: write_data_models,
    PageKind.CONFIGURATION: write_configuration,
    PageKind.DEPENDENCIES: write_dependencies,
    PageKind.TESTING: write_testing,
    PageKind.INSIGHTS: write_insights,
    PageKind.CONCEPT: write_concept,
}


def _ignore(fraction: float, message: str) -> None:
    """The default progress callback: report nothing."""


def write_site(
    plan: SitePlan,
    model: CodeModel,
    *,
    prose: ProseSource | None = None,
    progress: WriteProgress = _ignore,
) -> tuple[Page, ...]:
    """Every page of `plan`, in plan order. `progress(fraction, message)` is called once per page."""
    ctx = SiteContext(model=model, plan=plan, prose=prose if prose is not None else NoExtraProse())
    pages: list[Page] = []
    total = len(plan.pages) or 1
    for index, page in enumerate(plan.pages):
        progress(index / total, f"writing {page.path}")
        markdown = PAGE_WRITERS[page.kind](ctx, page)
        pages.append(Page(path=page.path, title=page.title, kind=page.kind, markdown=markdown))
    progress(1.0, f"wrote {len(pages)} pages")
    return tuple(pages)
