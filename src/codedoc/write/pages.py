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


@dataclass(frozen=True, slots=True)
class PagePlan:
    kind: PageKind
    path: str
    """Path of the Markdown file inside the docs folder, e.g. `components/codedoc-scan.md`."""
    title: str
    component: str | None = None
    """For component pages: the `Component.name` the page describes."""


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
