"""The Ask box in headless Chromium: a streamed, cited answer with script, cited results without."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_backends import Backend
from service_browser import ARTIFACTS_ROOT, UNLABELLED, open_watched
from service_http import ServiceFactory, wait_until_done

from ask_repos import NETKIT
from fakes.llm_server import FakeLLMServer, FakeReply, FakeRequest
from gitserver import GitHttpServer
from repos import make_repo

pytestmark = pytest.mark.slow

PLANTED = "window.__codedocPwned = true"
ANSWER = (
    "A session asks `Session.get_adapter` for the adapter whose prefix matches the URL "
    "`netkit/sessions.py:13-18`. It then consults `Router.magic_table` as well. "
    f'The adapter is <img src=x onerror="{PLANTED}"> chosen by prefix <script>{PLANTED}</script> too.'
)
HOSTILE_NETKIT = {
    **NETKIT,
    "netkit/hostile.py": f'''\
        """Adapter helpers <script>{PLANTED}</script>."""


        def adapter_name(url: str) -> str:
            """The adapter for a URL <img src=x onerror="{PLANTED}">."""
            return url
        ''',
}


@pytest.fixture(scope="module")
def artifacts() -> Path:
    """Screenshots beside the viewer's own (whose fixture empties its folder): `test-artifacts/ask/`."""
    folder = ARTIFACTS_ROOT / "ask"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def backend() -> Backend:
    """Pages are the same on every back end: the embedded one is enough."""
    return Backend("embedded")


@pytest.fixture
def netkit_server(tmp_path: Path) -> Iterator[GitHttpServer]:
    make_repo(HOSTILE_NETKIT, tmp_path / "repos" / "acme" / "netkit")
    with GitHttpServer(tmp_path / "repos") as server:
        yield server


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as server:

        def answers(request: FakeRequest) -> FakeReply:
            if "answer a developer's question" in request.system:
                return FakeReply(text=ANSWER)
            return FakeReply.summary("A summary by the fake model.")

        server.responder = answers
        monkeypatch.setenv("CODEDOC_LLM_PROVIDER", "openai-compatible")
        monkeypatch.setenv("CODEDOC_LLM_BASE_URL", f"{server.url}/v1")
        monkeypatch.setenv("CODEDOC_LLM_MODEL", "local-model")
        yield server


def test_ask_box_streams_a_cited_answer_and_works_without_javascript(
    browser: Any,
    artifacts: Path,
    make_service: ServiceFactory,
    netkit_server: GitHttpServer,
    llm: FakeLLMServer,
) -> None:
    service = make_service(git_hosts=netkit_server.url.removeprefix("http://"), workers=1)
    job = service.client.post("/api/v1/jobs", json={"github_url": f"{netkit_server.url}/acme/netkit"}).json()
    assert wait_until_done(service.client, job["id"])["status"] == "completed"
    docs = f"{service.url}/jobs/{job['id']}/docs/"

    watched = open_watched(browser, service.url, viewport={"width": 1300, "height": 900})
    page = watched.page
    page.goto(docs)
    assert page.evaluate(UNLABELLED) == []
    # Keyboard only: focus the box, type, Enter.
    page.focus("#ask-input")
    page.keyboard.type("which adapter does a session use for a URL/prefix?")  # "/" stays in the box
    page.keyboard.press("Enter")
    page.wait_for_url("**/ask?q=*")
    assert "URL%2Fprefix" in page.url
    citation = page.locator("#ask-answer a.citation")
    citation.first.wait_for(timeout=30_000)
    assert page.locator("#ask-answer").get_attribute("aria-busy") == "false"
    answer = page.locator("#ask-answer-text").inner_text()
    assert "Session.get_adapter" in answer
    assert "magic_table" not in answer  # an invented name never reaches the reader
    assert "netkit/sessions.py#L13-L18" in (citation.first.get_attribute("href") or "")
    assert "1 unverified" in page.locator("#ask-answer-status").inner_text()
    results = page.locator("ol.ask-hits > li")
    assert results.count() >= 1
    assert "Session.get_adapter" in results.first.inner_text()
    citation.first.focus()  # the citation is a link a keyboard reaches
    assert page.evaluate("document.activeElement.classList.contains('citation')")
    assert "onerror" not in answer and "<script>" not in answer  # HTML in an answer is removed …
    assert "adapter_name" in page.locator("ol.ask-hits").inner_text()  # … and in results shown as text
    assert page.evaluate("window.__codedocPwned") is None
    page.screenshot(path=str(artifacts / "ask-answer.png"), full_page=True)
    assert watched.errors == [] and watched.outside == [] and watched.dialogs == []

    plain = open_watched(browser, service.url, viewport={"width": 1300, "height": 900}, java_script_enabled=False)
    plain.page.goto(docs)
    plain.page.fill("#ask-input", "http adapter")
    plain.page.press("#ask-input", "Enter")
    plain.page.wait_for_url("**/ask?q=*")
    first = plain.page.locator("ol.ask-hits > li").first
    assert "HTTPAdapter" in first.inner_text()
    assert "netkit/adapters.py:" in first.locator(".citation").inner_text()
    assert plain.page.locator("#ask-answer").is_hidden()
    plain.page.screenshot(path=str(artifacts / "ask-no-script.png"), full_page=True)
    assert plain.errors == [] and plain.outside == []
