"""Headless Chromium: sign in with GitHub, pick a private repository, read its docs; nobody else can."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from github_flow import GitHubWorld
from service_backends import Backend
from service_browser import ARTIFACTS_ROOT, open_watched

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = ARTIFACTS_ROOT / "github"
LONG = 120_000


@pytest.fixture
def backend() -> Backend:
    """Pages are the same on every back end: the embedded one is enough."""
    return Backend("embedded")


def _page(browser: Any, errors: list[str]) -> Any:
    return open_watched(browser, errors=errors, viewport={"width": 1300, "height": 900}).page


def _signed_in(browser: Any, world: GitHubWorld, service_url: str, login: str, errors: list[str]) -> Any:
    """A page where `login` has signed in from the home page, through the fake GitHub, back on their repositories."""
    world.fake.authorizing_login = login
    page = _page(browser, errors)
    page.goto(f"{service_url}/")
    page.click("#github-sign-in")
    page.wait_for_url("**/repos")
    return page


def test_sign_in_document_a_private_repository_and_keep_it_private(browser: Any, world: GitHubWorld) -> None:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    for index in range(35):  # enough for a second page of repositories
        world.fake.add_repo(f"alice/tool-{index:02}", None)
    service = world.service()
    errors: list[str] = []

    # Alice signs in: to GitHub (the fake) and straight back to her repositories.
    alice = _signed_in(browser, world, service.url, "alice", errors)
    assert "@alice" in alice.locator("header").inner_text()
    assert "37 repositories" in alice.locator("#repo-count").inner_text()
    assert alice.get_by_role("navigation", name="Pages of repositories").is_visible()
    alice.screenshot(path=str(ARTIFACTS / "repositories.png"), full_page=True)

    # The filter finds the private one, marked private and writable; Document starts the job.
    alice.fill("#repo-filter", "secret")
    alice.press("#repo-filter", "Enter")
    alice.wait_for_url("**/repos?q=secret")
    row = alice.locator("tr[data-repo='alice/secret']")
    assert "private" in row.inner_text() and "you can write" in row.inner_text()
    row.get_by_role("button", name="Document alice/secret").click()
    alice.wait_for_url("**/jobs/*")
    job_url = alice.url
    alice.get_by_role("link", name="Read the documentation").wait_for(timeout=LONG)
    assert alice.locator("#job-status").text_content() == "completed"
    assert "you can write" in alice.locator("#job-access").inner_text()
    alice.screenshot(path=str(ARTIFACTS / "job.png"), full_page=True)
    alice.get_by_role("link", name="Read the documentation").click()
    alice.wait_for_url("**/docs/")
    assert "vault" in alice.locator("article").inner_text().lower()
    docs_url = alice.url
    alice.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=True)

    # She can write to it: Open a pull request, and the job page links it.
    alice.goto(job_url)
    alice.get_by_role("button", name="Open a pull request").click()
    alice.wait_for_url(job_url)
    link = alice.locator("#pull-request-link")
    assert link.get_attribute("href", timeout=LONG).endswith("/alice/secret/pull/1")
    assert alice.get_by_role("button", name="Update the pull request").is_visible()
    alice.screenshot(path=str(ARTIFACTS / "job-pull-request.png"), full_page=True)

    # Bob signs in too: he cannot open Alice's job or its docs, and does not see it listed.
    world.fake.authorizing_login = "bob"
    bob = _page(browser, [])
    bob.goto(f"{service.url}/login")
    bob.get_by_role("link", name="Sign in with GitHub").first.click()
    bob.wait_for_url("**/repos")
    assert "alice/secret" not in bob.locator("main").inner_text()
    for url in (job_url, docs_url):
        response = bob.goto(url)
        assert response is not None and response.status == 404
    bob.goto(f"{service.url}/")
    assert "alice/secret" not in bob.locator("main").inner_text()

    # A signed-out visitor gets 404 as well.
    visitor = _page(browser, [])
    for url in (job_url, docs_url):
        response = visitor.goto(url)
        assert response is not None and response.status == 404

    assert errors == [], errors  # no script error, no failed load on Alice's pages so far

    # Alice signs out: her browser can no longer open the docs.
    alice.goto(f"{service.url}/repos")
    alice.get_by_role("button", name="Sign out").click()
    alice.wait_for_url("**/login")
    response = alice.goto(docs_url)
    assert response is not None and response.status == 404
    response = alice.goto(f"{service.url}/repos")
    assert alice.url.endswith("/login?next=/repos")

    token_values = [token.value for token in world.fake.tokens.values()]
    for shot in ARTIFACTS.iterdir():
        assert shot.stat().st_size > 1000
    assert not any(value in alice.content() for value in token_values)


def test_type_a_docs_folder_then_open_a_pull_request_with_the_pages_in_it(browser: Any, world: GitHubWorld) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    service = world.service()
    errors: list[str] = []
    alice = _signed_in(browser, world, service.url, "alice", errors)
    alice.locator("tr[data-repo='alice/secret']").get_by_role("button", name="Document alice/secret").click()
    alice.wait_for_url("**/jobs/*")
    job_url = alice.url
    alice.get_by_role("link", name="Read the documentation").wait_for(timeout=LONG)
    folder = alice.get_by_label("Docs folder in the repository")
    assert folder.input_value() == "docs/codedoc"  # nothing chosen yet: the default

    # A bad folder: the page comes back with the reason beside the field and what was typed; nothing pushed.
    for bad, reason in (
        ("../x", "'..' is not allowed in the docs folder"),
        ("/srv/docs", "must be a relative path"),
        (".git/hooks", "'.git' is not allowed in the docs folder"),
    ):
        folder.fill(bad)
        with alice.expect_navigation():
            alice.get_by_role("button", name="Open a pull request").click()
        assert reason in alice.locator("#docs-folder-message").inner_text()
        assert folder.input_value() == bad and folder.get_attribute("aria-invalid") == "true"
    alice.screenshot(path=str(ARTIFACTS / "job-bad-docs-folder.png"), full_page=True)
    assert "alice/secret" not in world.fake.pulls and not world.fake.ref_updates

    folder.fill("handbook/api")
    alice.get_by_role("button", name="Open a pull request").click()
    alice.wait_for_url(job_url)
    assert alice.locator("#pull-request-link").get_attribute("href", timeout=LONG).endswith("/alice/secret/pull/1")
    assert folder.input_value() == "handbook/api"  # offered again: the folder this pull request used last
    assert folder.get_attribute("aria-invalid") is None and alice.locator("#docs-folder-message").inner_text() == ""
    committed = world.git("alice/secret", "diff", "--name-only", "main", "codedoc/docs-main").split()
    assert "handbook/api/index.md" in committed and all(path.startswith("handbook/api/") for path in committed)
    (pull,) = world.fake.pulls["alice/secret"]
    assert "under `handbook/api/`" in pull.body
    # The refused forms answered 422 (Chromium reports each as a failed load); nothing else went wrong.
    assert [error for error in errors if "422" not in error] == [], errors
