"""Headless Chromium for the service's browser tests: launching it quietly, and pages that watch.

The `browser` fixture (in `conftest.py`) launches Debian's Chromium once per test module;
`open_watched` opens a page in a fresh context that records what went wrong on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# Quiet, offline Chromium: nothing it does on its own may reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS_ROOT = Path(os.environ.get("CODEDOC_TEST_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts"))
"""Screenshots and PDFs for a person to look at, one folder per test file."""
# Form controls a screen reader could not name.
UNLABELLED = """() => Array.from(document.querySelectorAll("input:not([type=hidden]), button, select, textarea"))
  .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !el.textContent.trim())
  .map((el) => el.outerHTML)"""


@contextmanager
def chromium() -> Iterator[Any]:
    """Chromium through Playwright; a missing one fails the run when the services are required, else skips."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
        if os.environ.get("CODEDOC_REQUIRE_SERVICES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A browser page that remembers console errors, failed loads, dialogs and requests that left the service."""

    def __init__(self, page: Any, service_url: str | None = None, errors: list[str] | None = None) -> None:
        self.page = page
        self.errors: list[str] = [] if errors is None else errors
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        """Requests to anywhere but `service_url` (not watched without one)."""
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        if service_url is not None:
            page.on("request", lambda request: self._request(request.url, service_url))
        page.on(
            "response",
            lambda response: response.status >= 400 and self.errors.append(f"{response.status} {response.url}"),
        )

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, url: str, service_url: str) -> None:
        if not url.startswith((service_url, "data:", "blob:", "about:")):
            self.outside.append(url)


def open_watched(
    browser: Any, service_url: str | None = None, *, errors: list[str] | None = None, **context_options: Any
) -> Watched:
    """A page in a new browser context (its own cookies): `context_options` as Playwright's `new_context` takes them."""
    context = browser.new_context(**context_options)
    return Watched(context.new_page(), service_url, errors)
