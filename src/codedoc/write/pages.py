"""Pages: what the plan asks for, and what the writer returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PageKind(StrEnum):
    OVERVIEW = "overview"
    GETTING_STARTED = "getting_started"
    ARCHITECTURE = "architecture"
    COMPONENT = "component"
    API_REFERENCE = "api_reference"
    HTTP_API = "http_api"
    CLI = "cli"
    DATA_MODELS = "data_models"
    CONFIGURATION = "configuration"
    DEPENDENCIES = "dependencies"
    TESTING = "testing"
    INSIGHTS = "insights"
    CONCEPT = "concept"


@dataclass(frozen=True, slots=True)
class ConceptPage:
    """A page that explains one concept of the system (planned by the LLM writer's wiki plan)."""

    title: str
    purpose: str
    files: tuple[str, ...]
    """Module paths the page covers, most important first."""
    symbols: tuple[str, ...] = ()
    slug: str = ""


@dataclass(frozen=True, slots=True)
class PagePlan:
    kind: PageKind
    path: str
    """Path of the Markdown file inside the docs folder, e.g. `components/codedoc-scan.md`."""
    title: str
    component: str | None = None
    """For component pages: the `Component.name` the page describes."""
    concept: ConceptPage | None = None
    """For concept pages: what the page covers."""


@dataclass(frozen=True, slots=True)
class SitePlan:
    site_name: str
    pages: tuple[PagePlan, ...]


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    title: str
    kind: PageKind
    markdown: str
