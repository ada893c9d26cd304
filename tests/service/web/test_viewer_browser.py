"""End to end in headless Chromium: submit, watch, read, search — and nothing planted ever runs.

Screenshots (light, dark, narrow) and a printed PDF land in `test-artifacts/viewer/` for a person
to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import service_pipelines
from service_backends import Backend
from service_browser import ARTIFACTS_ROOT, UNLABELLED, open_watched
from service_http import ServiceFactory, wait_until_done

from gitserver import GitHttpServer

pytestmark = pytest.mark.slow

ARTIFACTS = ARTIFACTS_ROOT / "viewer"
LONG = 90_000  # ms: a real clone and analysis on a busy shared machine
# WCAG contrast of an element's text against the page background.
CONTRAST = """(selector) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const fg = getComputedStyle(document.querySelector(selector)).color;
  const bg = getComputedStyle(document.body).backgroundColor;
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.fixture
def backend() -> Backend:
    """The browser tests look at pages, which are the same on every back end: the embedded one is enough."""
    return Backend("embedded")


@pytest.fixture(scope="module")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


def test_submit_watch_read_and_search_in_a_real_browser(
    browser: Any, artifacts: Path, make_service: ServiceFactory, widgets_server: GitHttpServer
) -> None:
    service = make_service(git_hosts=widgets_server.url.removeprefix("http://"), workers=1)
    watched = open_watched(browser, service.url, viewport={"width": 1400, "height": 900}, color_scheme="light")
    page = watched.page
    page.goto(f"{service.url}/")

    # Inline validation while typing, before anything is sent.
    page.fill("#github_url", "file:///etc/passwd")
    message = page.locator("#github_url-message")
    message.filter(has_text="https://").wait_for()
    assert page.get_attribute("#github_url", "aria-invalid") == "true"
    page.screenshot(path=str(artifacts / "submit-invalid.png"))
    page.fill("#github_url", f"{widgets_server.url}/acme/widgets")
    message.filter(has_text="Will document").wait_for()
    page.click("button[type=submit]")

    # The job page follows the job live, then links the documentation.
    page.wait_for_url("**/jobs/*")
    page.get_by_role("link", name="Read the documentation").wait_for(timeout=LONG)
    assert page.locator("#job-status").text_content() == "completed"
    page.screenshot(path=str(artifacts / "job-completed.png"))

    page.get_by_role("link", name="Read the documentation").click()
    page.wait_for_url("**/docs/")
    assert "Makes widgets for everyone." in page.locator("article").inner_text()
    assert page.evaluate("window.__codedocPwned") is None  # the README's script never ran
    assert "<script>" in page.locator("article").inner_text()  # it is shown as text
    page.screenshot(path=str(artifacts / "docs-light.png"), full_page=True)

    # Diagrams are drawn to SVG by Mermaid, served by CodeDoc itself.
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Architecture").click()
    page.wait_for_url("**/docs/architecture")
    page.locator("pre.mermaid svg").first.wait_for(timeout=30_000)
    assert page.locator("body").get_attribute("data-diagrams") == "rendered"
    assert page.locator("pre.mermaid svg").first.locator("text=widgets").count() >= 1
    page.screenshot(path=str(artifacts / "architecture-light.png"), full_page=True)

    # Search finds the function; the keyboard opens it at its heading.
    page.fill("#search-input", "make_widget")
    first = page.locator("#search-results a").first
    first.wait_for()
    assert first.locator(".title").inner_text().startswith("make_widget")
    page.screenshot(path=str(artifacts / "search.png"))
    page.press("#search-input", "ArrowDown")
    page.press("#search-input", "Enter")
    page.wait_for_url("**#make_widget*")
    assert page.evaluate("window.__codedocPwned") is None  # nor did the docstring's
    page.locator("code.hljs").first.wait_for()  # code is highlighted

    assert watched.dialogs == []
    assert watched.outside == [], "the viewer reached outside the service"
    assert watched.errors == [], watched.errors  # includes any Content-Security-Policy refusal


def test_dark_narrow_and_printed_pages(
    browser: Any, artifacts: Path, make_service: ServiceFactory, widgets_server: GitHttpServer
) -> None:
    service = make_service(git_hosts=widgets_server.url.removeprefix("http://"), workers=1)
    job = service.client.post("/api/v1/jobs", json={"github_url": f"{widgets_server.url}/acme/widgets"}).json()
    assert wait_until_done(service.client, job["id"])["status"] == "completed"
    architecture = f"{service.url}/jobs/{job['id']}/docs/architecture"

    dark = open_watched(browser, service.url, viewport={"width": 1400, "height": 900}, color_scheme="dark")
    dark.page.goto(architecture)
    dark.page.locator("pre.mermaid svg").first.wait_for(timeout=30_000)
    background = dark.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(13, 17, 23)"
    dark.page.screenshot(path=str(artifacts / "architecture-dark.png"), full_page=True)

    narrow = open_watched(
        browser, service.url, viewport={"width": 390, "height": 844}, color_scheme="light", is_mobile=True
    )
    narrow.page.goto(architecture)
    narrow.page.locator("pre.mermaid svg").first.wait_for(timeout=30_000)
    assert narrow.page.evaluate("document.getElementById('sidebar').open") is False  # pages behind a toggle
    assert narrow.page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    narrow.page.screenshot(path=str(artifacts / "architecture-narrow.png"), full_page=True)
    narrow.page.get_by_text("Pages", exact=True).click()
    assert narrow.page.evaluate("document.getElementById('sidebar').open") is True
    narrow.page.screenshot(path=str(artifacts / "sidebar-narrow.png"))

    printed = open_watched(browser, service.url, viewport={"width": 1000, "height": 800}, color_scheme="light")
    printed.page.goto(architecture)
    printed.page.locator("pre.mermaid svg").first.wait_for(timeout=30_000)
    printed.page.emulate_media(media="print")
    assert printed.page.locator("#sidebar").is_hidden()
    assert printed.page.locator("header.topbar").is_hidden()
    printed.page.pdf(path=str(artifacts / "architecture.pdf"))
    assert (artifacts / "architecture.pdf").stat().st_size > 1000

    for watched in (dark, open_watched(browser, service.url, color_scheme="light")):
        watched.page.goto(architecture)
        for selector in ("article p", ".toc a", ".sidebar a", ".footer", ".markdown h2"):
            ratio = watched.page.evaluate(CONTRAST, selector)
            assert ratio >= 4.5, (selector, ratio)

    keyboard = open_watched(browser, service.url, viewport={"width": 1400, "height": 900})
    keyboard.page.goto(architecture)
    keyboard.page.keyboard.press("Tab")
    assert keyboard.page.evaluate("document.activeElement.className") == "skip-link"
    keyboard.page.keyboard.press("Enter")
    assert keyboard.page.evaluate("document.activeElement.id") == "main"
    keyboard.page.keyboard.press("/")  # the search shortcut
    assert keyboard.page.evaluate("document.activeElement.id") == "search-input"
    for url in (f"{service.url}/", architecture):
        keyboard.page.goto(url)
        unlabelled = keyboard.page.evaluate(UNLABELLED)
        assert unlabelled == [], unlabelled
    for watched in (dark, narrow, printed, keyboard):
        assert watched.errors == [] and watched.outside == []


def test_progress_updates_live_and_cancel_and_retry_work(
    browser: Any, artifacts: Path, make_service: ServiceFactory
) -> None:
    service = make_service(pipeline=service_pipelines.gated)
    watched = open_watched(browser, service.url, viewport={"width": 1200, "height": 800})
    page = watched.page
    page.goto(f"{service.url}/")
    page.fill("#github_url", "acme/widgets")
    page.click("button[type=submit]")
    page.wait_for_url("**/jobs/*")
    # The step changes on the page without a reload: the event stream drives it.
    page.locator("#job-step", has_text="analyze").wait_for(timeout=30_000)
    assert page.locator("#job-detail").inner_text() == "waiting at the gate"
    assert int(page.locator("#job-progress").get_attribute("value") or 0) > 0
    page.screenshot(path=str(artifacts / "job-running.png"))

    page.click("#cancel-button")
    page.locator("#job-status", has_text="cancelled").wait_for(timeout=30_000)
    (service.data_dir / service_pipelines.GATE).touch()
    page.click("#retry-button")
    page.get_by_role("link", name="Read the documentation").wait_for(timeout=LONG)  # reloaded at the end, by itself

    page.goto(f"{service.url}/")
    assert page.locator("table.jobs .badge").first.text_content() == "completed"
    assert watched.errors == [] and watched.outside == []


def test_add_docstrings_button_then_the_patch_link(
    browser: Any, make_service: ServiceFactory, widgets_server: GitHttpServer
) -> None:
    service = make_service(git_hosts=widgets_server.url.removeprefix("http://"), workers=1)
    job = service.client.post("/api/v1/jobs", json={"github_url": f"{widgets_server.url}/acme/widgets"}).json()
    assert wait_until_done(service.client, job["id"])["status"] == "completed"
    watched = open_watched(browser, service.url, viewport={"width": 1400, "height": 900}, color_scheme="light")
    page = watched.page
    page.goto(f"{service.url}/jobs/{job['id']}")
    assert page.locator("#docstrings-download").count() == 0
    page.get_by_role("button", name="Add docstrings").click()
    # The job runs its docstrings steps live on the page, which reloads when they end.
    link = page.get_by_role("link", name="Docstrings (.diff)")
    link.wait_for(timeout=LONG)
    assert page.locator("#job-status").text_content() == "completed"
    assert link.get_attribute("href") == f"/jobs/{job['id']}/download/docstrings.diff"
    assert page.get_by_role("button", name="Add docstrings again").count() == 1
    patch = page.request.get(f"{service.url}/jobs/{job['id']}/download/docstrings.diff")
    # Every public symbol of the widgets already has a docstring: nothing to add, and nothing invented.
    assert patch.ok and patch.text() == ""
    assert service.client.get(f"/api/v1/jobs/{job['id']}/commented-code").json() == []
    assert watched.errors == [] and watched.outside == []


def test_api_documentation_renders_without_leaving_the_service(browser: Any, make_service: ServiceFactory) -> None:
    """/docs and /redoc draw the API from the service's own copies of Swagger UI and ReDoc (air-gapped)."""
    service = make_service(worker=False)
    for path, rendered in (("/docs", ".opblock-summary-path"), ("/redoc", "[data-section-id^='tag/jobs']")):
        watched = open_watched(browser, service.url)
        watched.page.goto(f"{service.url}{path}")
        watched.page.locator(rendered).first.wait_for(timeout=LONG)
        assert "/api/v1/jobs" in watched.page.content(), path
        assert watched.outside == [], (path, watched.outside)
        assert watched.errors == [], (path, watched.errors)
