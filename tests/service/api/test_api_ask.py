"""POST /api/v1/jobs/{id}/ask and the per-job MCP endpoint, on a job documented by the real pipeline."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from service_http import ServiceFactory, sse_events, wait_until_done

from ask_repos import NETKIT
from fakes.llm_server import FakeLLMServer, FakeReply, FakeRequest
from gitserver import GitHttpServer
from mcp_checks import exercise
from repos import commit_all, make_repo

ALICE = {"Authorization": "Bearer key-alice"}
BOB = {"Authorization": "Bearer key-bob"}
QUESTION = "which adapter does a session use for a URL?"


@pytest.fixture
def netkit_server(tmp_path: Path) -> Iterator[GitHttpServer]:
    repo = make_repo(NETKIT, tmp_path / "repos" / "acme" / "netkit")
    os.symlink("/etc/passwd", repo / "passwd_link")
    commit_all(repo, "a link out")
    with GitHttpServer(tmp_path / "repos") as server:
        yield server


def _documented(make_service: ServiceFactory, netkit_server: GitHttpServer, **settings: object) -> tuple[object, str]:
    service = make_service(
        git_hosts=netkit_server.url.removeprefix("http://"), workers=1, api_keys="key-alice,key-bob", **settings
    )
    created = service.client.post(
        "/api/v1/jobs", json={"github_url": f"{netkit_server.url}/acme/netkit"}, headers=ALICE
    ).json()
    service.client.headers.update(ALICE)
    assert wait_until_done(service.client, created["id"])["status"] == "completed"
    return service, created["id"]


def test_ask_returns_cited_results_to_the_owner_only(
    make_service: ServiceFactory, netkit_server: GitHttpServer
) -> None:
    service, job_id = _documented(make_service, netkit_server)
    client = service.client  # type: ignore[attr-defined]
    answer = client.post(f"/api/v1/jobs/{job_id}/ask", json={"question": QUESTION, "limit": 5})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert results[0]["symbol"] == "netkit.sessions.Session.get_adapter"
    assert all(hit["why"] for hit in results)
    assert results[0]["citation"] == "netkit/sessions.py:13-18"
    assert client.post(f"/api/v1/jobs/{job_id}/ask", json={"question": QUESTION}, headers=BOB).status_code == 404
    no_key = client.post(f"/api/v1/jobs/{job_id}/ask", json={"question": QUESTION}, headers={"Authorization": ""})
    assert no_key.status_code == 401
    for bad in ({"question": ""}, {"question": "x" * 1001}, {"question": "q", "limit": 0}, {"question": "q", "x": 1}):
        assert client.post(f"/api/v1/jobs/{job_id}/ask", json=bad).status_code == 422
    assert client.post(f"/api/v1/jobs/{job_id}/ask", json={"question": "q", "answer": True}).status_code == 409


def test_questions_are_rate_limited_per_user(make_service: ServiceFactory, netkit_server: GitHttpServer) -> None:
    service, job_id = _documented(make_service, netkit_server, ask_rate_limit=1, ask_rate_burst=2)
    client = service.client  # type: ignore[attr-defined]
    statuses = [client.post(f"/api/v1/jobs/{job_id}/ask", json={"question": QUESTION}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = client.post(f"/api/v1/jobs/{job_id}/ask", json={"question": QUESTION})
    assert int(limited.headers["retry-after"]) >= 1


def test_a_written_answer_streams_with_citations_and_usage(
    make_service: ServiceFactory, netkit_server: GitHttpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeLLMServer() as llm:

        def answers(request: FakeRequest) -> FakeReply:
            if "answer a developer's question" in request.system:
                return FakeReply(
                    text="`Session.get_adapter` matches the prefix `netkit/sessions.py:13-18`. "
                    "It calls `Router.magic` too."
                )
            return FakeReply.summary("A summary by the fake model.")

        llm.responder = answers
        monkeypatch.setenv("CODEDOC_LLM_PROVIDER", "openai-compatible")
        monkeypatch.setenv("CODEDOC_LLM_BASE_URL", f"{llm.url}/v1")
        monkeypatch.setenv("CODEDOC_LLM_MODEL", "local-model")
        service, job_id = _documented(make_service, netkit_server)
        client = service.client  # type: ignore[attr-defined]
        body = {"question": QUESTION, "answer": True, "stream": True}
        with client.stream("POST", f"/api/v1/jobs/{job_id}/ask", json=body) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            events = list(sse_events(response))
    pieces = [data["text"] for name, data in events if name == "piece"]
    name, done = events[-1]
    assert name == "done" and len(pieces) >= 1
    assert "".join(pieces).strip() == done["answer"]
    assert done["citations"] == ["netkit/sessions.py:13-18"]
    assert done["removed_identifiers"] == ["Router.magic"]
    assert done["usage"]["input_tokens"] > 0 and done["usage"]["output_tokens"] > 0


def test_a_job_without_an_index_cannot_be_asked(make_service: ServiceFactory) -> None:
    import service_pipelines

    service = make_service(pipeline=service_pipelines.quick)
    job = service.client.post("/api/v1/jobs", json={"github_url": "https://github.com/acme/widgets"}).json()
    assert wait_until_done(service.client, job["id"])["status"] == "completed"
    refused = service.client.post(f"/api/v1/jobs/{job['id']}/ask", json={"question": "anything"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "no_index"


def test_mcp_over_http_lists_and_calls_every_tool_with_the_api_key(
    make_service: ServiceFactory, netkit_server: GitHttpServer
) -> None:
    service, job_id = _documented(make_service, netkit_server)
    url = f"{service.url}/api/v1/jobs/{job_id}/mcp"  # type: ignore[attr-defined]

    async def run() -> None:
        async with (
            create_mcp_http_client(headers=ALICE) as http,
            streamable_http_client(url, http_client=http) as (read, write),
            ClientSession(read, write) as session,
        ):
            await exercise(session)

    anyio.run(run)
    client = service.client  # type: ignore[attr-defined]
    initialize = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
    headers = {"Accept": "application/json, text/event-stream"}
    assert client.post(f"/api/v1/jobs/{job_id}/mcp", json=initialize, headers={**headers, **BOB}).status_code == 404
    no_key = client.post(f"/api/v1/jobs/{job_id}/mcp", json=initialize, headers={**headers, "Authorization": ""})
    assert no_key.status_code == 401
