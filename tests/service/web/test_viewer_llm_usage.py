"""A job written with the LLM writer keeps what it used; the API and the job page show it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from service_http import Service, ServiceFactory, wait_until_done

from fakes.llm_server import FakeLLMServer
from gitserver import GitHttpServer

pytestmark = pytest.mark.slow


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as fake:
        yield fake


def test_tokens_used_are_kept_on_the_job_and_shown(
    make_service: ServiceFactory,
    widgets_server: GitHttpServer,
    llm_server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The service reads the same variables as the CLI, at each job.
    monkeypatch.setenv("CODEDOC_LLM_PROVIDER", "openai-compatible")
    monkeypatch.setenv("CODEDOC_LLM_BASE_URL", f"{llm_server.url}/v1")
    monkeypatch.setenv("CODEDOC_LLM_MODEL", "local-model")
    service = make_service(git_hosts=widgets_server.url.removeprefix("http://"), workers=1)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{widgets_server.url}/acme/widgets"}).json()
    job = wait_until_done(service.client, created["id"])
    assert job["status"] == "completed", job["error_message"]

    usage = job["llm_usage"]
    assert usage["provider"] == "openai-compatible"
    assert usage["calls"] == llm_server.calls > 0
    assert usage["input_tokens"] + usage["cached_input_tokens"] > 0 and usage["output_tokens"] > 0
    assert usage["fallbacks"] == 0
    assert usage["cost_usd"] is None  # a local model has no price

    page = service.client.get(f"/jobs/{job['id']}", headers={"Accept": "text/html"}).text
    shown = re.sub(r"\s+", " ", page.split('id="llm-usage">', 1)[1].split("</dd>", 1)[0])
    assert shown.startswith(f"openai-compatible: {usage['calls']} calls")
    assert f"{usage['output_tokens']:,} out" in shown
    # Calls per kind of call, and the wiki's concept pages, on the job and its page.
    assert usage["by_kind"]["plan"]["calls"] == 1 and usage["by_kind"]["summary"]["calls"] > 0
    assert sum(kind["calls"] for kind in usage["by_kind"].values()) == usage["calls"]
    assert usage["pages"]
    assert "plan: 1 call" in page and usage["pages"][0] in page.split('id="llm-pages">', 1)[1]


def test_a_job_written_offline_has_no_llm_usage(service: Service) -> None:
    client = service.client
    job = wait_until_done(client, client.post("/api/v1/jobs", json={"github_url": "acme/widgets"}).json()["id"])
    assert job["llm_usage"] is None
    assert 'id="llm-usage"' not in client.get(f"/jobs/{job['id']}", headers={"Accept": "text/html"}).text
