"""The web viewer through real HTTP: pages, forms, documentation, search and downloads."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import httpx
import pytest
import service_pipelines
from service_http import Service, ServiceFactory, wait_until, wait_until_done
from viewer_repo import PLANTED

from gitserver import GitHttpServer

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _browser(service: Service, **headers: str) -> httpx.Client:
    return httpx.Client(base_url=service.url, headers={**BROWSER, **headers}, timeout=30, follow_redirects=False)


def browser_get(service: Service, path: str) -> str:
    with _browser(service) as browser:
        response = browser.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.text


def _submit(browser: httpx.Client, url: str, **fields: str) -> httpx.Response:
    return browser.post("/jobs", data={"github_url": url, **fields})


def _job_id(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    match = re.fullmatch(r"/jobs/([0-9a-f-]+)", response.headers["location"])
    assert match, response.headers["location"]
    return match.group(1)


@pytest.fixture
def documented(make_service: ServiceFactory, widgets_server: GitHttpServer) -> tuple[Service, str, dict[str, Any]]:
    service = make_service(git_hosts=widgets_server.url.removeprefix("http://"), workers=1)
    with _browser(service) as browser:
        job_id = _job_id(_submit(browser, f"{widgets_server.url}/acme/widgets"))
    job = wait_until_done(service.client, job_id)
    assert job["status"] == "completed", job["error_message"]
    return service, job_id, job


def test_root_is_the_viewer_for_a_browser_and_name_and_version_for_a_script(service: Service) -> None:
    assert service.client.get("/").json()["name"] == "CodeDoc"
    assert service.client.get("/", headers={"Accept": "application/json"}).json()["docs_url"] == "/docs"
    with _browser(service) as browser:
        page = browser.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert '<label for="github_url">Repository</label>' in page.text
    assert "No jobs yet" in page.text
    assert service.client.get("/ui/static/viewer.js").status_code == 200
    assert service.client.get("/ui/static/viewer.css").headers["content-type"].startswith("text/css")
    # Static files share one latency label instead of one per file.
    assert 'route="/ui/static"' in service.client.get("/metrics").text


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "Enter a repository"),
        ("file:///etc/passwd", "https://"),
        ("https://user:secret@github.com/o/r", "credentials"),
        ("https://127.0.0.1/o/r", "not an allowed git host"),
        ("https://github.com/" + "a" * 3000, "longer than"),
    ],
)
def test_a_bad_url_is_explained_next_to_the_field_before_and_after_submitting(
    service: Service, url: str, message: str
) -> None:
    checked = service.client.get("/ui/check-url", params={"github_url": url}).json()
    assert checked["ok"] is False
    assert message.lower() in checked["message"].lower(), checked
    with _browser(service) as browser:
        page = _submit(browser, url)
    assert page.status_code == 422
    field = page.text.split('id="github_url-message"', 1)[1].split("</p>", 1)[0]
    assert message.lower() in field.lower(), field
    assert 'aria-invalid="true"' in page.text
    assert "secret" not in page.text  # credentials typed into the URL are not shown back
    assert service.client.get("/api/v1/jobs").json() == []  # nothing was created


def test_a_good_url_is_confirmed_and_a_bad_ref_is_refused(service: Service) -> None:
    checked = service.client.get("/ui/check-url", params={"github_url": "acme/widgets"}).json()
    assert checked == {"ok": True, "message": "Will document https://github.com/acme/widgets", "url": checked["url"]}
    with _browser(service) as browser:
        page = _submit(browser, "acme/widgets", ref="--upload-pack=evil")
    assert page.status_code == 422
    assert "The ref is not valid" in page.text
    assert service.client.get("/api/v1/jobs").json() == []


def test_submitting_shows_the_job_and_lists_it(service: Service) -> None:
    with _browser(service) as browser:
        job_id = _job_id(_submit(browser, "acme/widgets", access_token="ghp_" + "x" * 36))
        job = wait_until_done(service.client, job_id)
        assert job["status"] == "completed"
        page = browser.get(f"/jobs/{job_id}")
        home = browser.get("/")
    assert page.status_code == 200
    assert "github.com/acme/widgets" in page.text
    assert f'href="/jobs/{job_id}/docs/"' in page.text
    assert "ghp_" not in page.text and "ghp_" not in home.text
    assert f'href="/jobs/{job_id}"' in home.text
    assert "status-completed" in home.text


def test_the_same_repository_twice_opens_the_existing_job(service: Service) -> None:
    with _browser(service) as browser:
        first = _job_id(_submit(browser, "https://github.com/acme/widgets"))
        second = _job_id(_submit(browser, "acme/widgets"))
    assert first == second


@pytest.mark.slow
def test_documentation_is_read_in_the_viewer_safely(documented: tuple[Service, str, dict[str, Any]]) -> None:
    service, job_id, _job = documented
    with _browser(service) as browser:
        overview = browser.get(f"/jobs/{job_id}/docs/")
        assert overview.status_code == 200, overview.text
        assert browser.get(f"/jobs/{job_id}/docs").headers["location"] == f"/jobs/{job_id}/docs/"
        architecture = browser.get(f"/jobs/{job_id}/docs/architecture")
    text = overview.text
    assert "Makes widgets for everyone." in text
    # The planted script, handler and link arrive as text or not at all: never as markup.
    assert PLANTED not in re.sub(r"&lt;script&gt;" + re.escape(PLANTED), "", text) or "<script>window" not in text
    assert "<script>window" not in text and "onerror=" not in text.replace("onerror=&quot;", "")
    assert 'href="javascript:' not in text
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/ui/static/viewer.js" defer>']
    assert "script-src 'self'" in overview.headers["content-security-policy"]
    # The sidebar lists the pages, the current one marked.
    assert f'<a href="/jobs/{job_id}/docs/" aria-current="page" class="current">Overview</a>' in text
    assert f'href="/jobs/{job_id}/docs/architecture"' in text
    # Citations open the exact lines at the documented commit, in a new tab, without a referrer.
    commit, repository = _job["commit_sha"], _job["github_url"].removesuffix(".git")
    reference = browser_get(service, f"/jobs/{job_id}/docs/reference/")
    assert re.search(
        rf'href="{re.escape(repository)}/blob/{commit}/widgets/core\.py#L\d+-L\d+" target="_blank" '
        r'rel="noopener noreferrer nofollow"',
        reference,
    ), reference[:2000]
    assert '<pre class="mermaid">' in architecture.text
    assert 'name="codedoc-mermaid"' in architecture.text
    assert 'nav class="toc" aria-label="On this page"' in architecture.text


@pytest.mark.slow
def test_search_finds_a_function_and_its_link_opens_it(documented: tuple[Service, str, dict[str, Any]]) -> None:
    service, job_id, _job = documented
    with _browser(service) as browser:
        hits = browser.get(f"/jobs/{job_id}/search", params={"q": "make_widget", "format": "json"}).json()
        assert hits, "search found nothing"
        first = hits[0]
        assert first["title"].startswith("make_widget")
        page_path, anchor = first["url"].split("#")
        page = browser.get(page_path)
        assert page.status_code == 200
        assert f'id="{anchor}"' in page.text
        results = browser.get(f"/jobs/{job_id}/search", params={"q": "make_widget"})
        nothing = browser.get(f"/jobs/{job_id}/search", params={"q": "zzqqxx_nowhere"})
    assert results.status_code == 200 and first["url"] in results.text
    assert "Nothing matches" in nothing.text


@pytest.mark.slow
def test_the_site_the_markdown_and_the_model_can_be_downloaded(
    documented: tuple[Service, str, dict[str, Any]],
) -> None:
    service, job_id, _job = documented
    with _browser(service) as browser:
        archive = browser.get(f"/jobs/{job_id}/download/site.zip")
        markdown = browser.get(f"/jobs/{job_id}/download/documentation.md")
        model = browser.get(f"/jobs/{job_id}/download/codedoc.json")
        missing = browser.get(f"/jobs/{job_id}/download/secret.key")
    assert archive.headers["content-disposition"] == 'attachment; filename="widgets-docs.zip"'
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert {"widgets/mkdocs.yml", "widgets/docs/index.md", "widgets/codedoc.json", "widgets/documentation.md"} <= set(
        names
    )
    assert all(name.startswith("widgets/") and ".." not in name for name in names)
    assert "make_widget" in markdown.text
    assert markdown.headers["content-disposition"] == 'attachment; filename="widgets-documentation.md"'
    assert json.loads(model.content)["schema_version"]
    assert missing.status_code == 404 and "no such download" in missing.text


@pytest.mark.slow
def test_missing_or_unready_things_are_explained_on_a_page(
    documented: tuple[Service, str, dict[str, Any]], make_service: ServiceFactory
) -> None:
    service, job_id, _job = documented
    with _browser(service) as browser:
        for path, status, words in [
            ("/jobs/00000000-0000-0000-0000-000000000000", 404, "no such job"),
            (f"/jobs/{job_id}/docs/nope", 404, "no such page"),
            (f"/jobs/{job_id}/docs/..%2F..%2Fcodedoc.json", 404, "no such page"),
            (f"/jobs/{job_id}/docs/reference/%2e%2e/%2e%2e/mkdocs", 404, "no such page"),
            ("/no/such/path", 404, "no such page"),
        ]:
            page = browser.get(path)
            assert page.status_code == status, (path, page.status_code)
            assert page.headers["content-type"].startswith("text/html"), path
            assert words in page.text.lower(), (path, page.text[:300])
    # A script still gets JSON errors.
    assert service.client.get("/no/such/path").json()["error"]["code"] == "not_found"


def test_an_unfinished_job_has_no_documentation_yet(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.gated)
    with _browser(service) as browser:
        job_id = _job_id(_submit(browser, "acme/widgets"))
        wait_until(service.client, job_id, lambda job: job["current_step"] == "analyze")
        page = browser.get(f"/jobs/{job_id}/docs/")
        job_page = browser.get(f"/jobs/{job_id}")
        assert page.status_code == 409 and "not ready" in page.text
        assert f'data-events="/jobs/{job_id}/events"' in job_page.text
        assert 'id="cancel-button"' in job_page.text
        with browser.stream("GET", f"/jobs/{job_id}/events") as events:
            assert events.headers["content-type"].startswith("text/event-stream")
            first = next(line for line in events.iter_lines() if line.startswith("data:"))
        assert json.loads(first.removeprefix("data:"))["current_step"] == "analyze"
        cancelled = browser.post(f"/jobs/{job_id}/cancel")
        assert cancelled.status_code == 303 and cancelled.headers["location"] == f"/jobs/{job_id}"
        assert wait_until_done(service.client, job_id)["status"] == "cancelled"
        retry_page = browser.get(f"/jobs/{job_id}")
        assert 'id="retry-button"' in retry_page.text
        (service.data_dir / service_pipelines.GATE).touch()
        assert browser.post(f"/jobs/{job_id}/retry").status_code == 303
        assert wait_until_done(service.client, job_id)["status"] == "completed"
        again = browser.post(f"/jobs/{job_id}/retry")
        assert again.status_code == 409 and "only failed or cancelled jobs can be retried" in again.text.lower()
        assert browser.post(f"/jobs/{job_id}/delete").status_code == 303
        assert browser.get(f"/jobs/{job_id}").status_code == 404


def test_a_failed_job_shows_its_message_plainly(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.not_found)
    with _browser(service) as browser:
        job_id = _job_id(_submit(browser, "acme/widgets"))
        job = wait_until_done(service.client, job_id)
        page = browser.get(f"/jobs/{job_id}")
    assert job["status"] == "failed"
    alert = page.text.split('id="job-error"', 1)[1].split("</p>", 1)[0]
    assert job["error_message"] in alert.replace("&#39;", "'")
    assert "hidden" not in alert.split(">", 1)[0]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1.evil.example"])
def test_forms_posted_from_another_site_are_refused(service: Service, origin: str) -> None:
    with _browser(service, Origin=origin) as browser:
        page = _submit(browser, "acme/widgets")
        cancel = browser.post("/jobs/00000000-0000-0000-0000-000000000000/cancel")
    assert page.status_code == 403 and cancel.status_code == 403
    assert "another site" in page.text
    assert service.client.get("/api/v1/jobs").json() == []


def test_forms_posted_from_the_viewer_itself_are_accepted(service: Service) -> None:
    with _browser(service, Origin=service.url) as browser:
        assert _submit(browser, "acme/widgets").status_code == 303


def test_with_api_keys_the_viewer_asks_for_one_and_shows_only_its_jobs(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.quick, api_keys="key-one,key-two")
    other = service.client.post(
        "/api/v1/jobs", json={"github_url": "acme/other"}, headers={"Authorization": "Bearer key-two"}
    ).json()
    with _browser(service) as browser:
        assert browser.get("/").headers["location"] == "/login?next=/"
        assert browser.get(f"/jobs/{other['id']}").status_code == 303
        wrong = browser.post("/login", data={"key": "key-three", "next": "/"})
        assert wrong.status_code == 401 and "not valid" in wrong.text
        signed_in = browser.post("/login", data={"key": "key-one", "next": "//evil.example/x"})
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
        cookie = signed_in.headers["set-cookie"].lower()
        # A random session id (signed), never the key; Lax so the GitHub sign-in's redirect back keeps it.
        assert "httponly" in cookie and "samesite=lax" in cookie and "key-one" not in cookie
        home = browser.get("/")
        assert home.status_code == 200 and "key-one" not in home.text
        assert "acme/other" not in home.text
        assert browser.get(f"/jobs/{other['id']}").status_code == 404
        job_id = _job_id(_submit(browser, "acme/mine"))
        assert "acme/mine" in browser.get("/").text
    mine = service.client.get(f"/api/v1/jobs/{job_id}", headers={"Authorization": "Bearer key-one"})
    assert mine.status_code == 200
