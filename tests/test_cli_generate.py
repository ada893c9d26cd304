"""End to end: `codedoc generate` / `codedoc analyze` run as a user would, on real git repositories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import fixture_repos
from repos import git, make_repo


def run_codedoc(*args: str, cwd: Path | None = None, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CODEDOC_CACHE_DIR": str(cache) if cache else "/nonexistent-codedoc-cache"}
    return subprocess.run(
        [sys.executable, "-m", "codedoc", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=240
    )


def generate(repo: Path | str, out: Path, *extra: str) -> dict[str, object]:
    done = run_codedoc("generate", str(repo), "-o", str(out), "--no-cache", *extra)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    model: dict[str, object] = json.loads((out / "codedoc.json").read_text())
    return model


def assert_verified(model: dict[str, object]) -> None:
    verification = model["verification"]
    assert isinstance(verification, dict)
    assert verification["broken_source_links"] == 0
    assert verification["unresolved_code_spans"] == 0
    assert verification["source_links"] > 0


@pytest.mark.parametrize(
    ("name", "files", "kind"),
    [
        ("python-library", fixture_repos.PYTHON_LIBRARY, "library"),
        ("web-service", fixture_repos.WEB_SERVICE, "web_service"),
        ("cli-tool", fixture_repos.CLI_TOOL, "cli"),
        ("js-ts", fixture_repos.JS_TS_PACKAGE, None),
        ("go-service", fixture_repos.GO_SERVICE, "web_service"),
        ("java-app", fixture_repos.JAVA_APP, "app"),
        ("rust-crate", fixture_repos.RUST_CRATE, "library"),
        ("monorepo", fixture_repos.MONOREPO, "monorepo"),
        ("broken-files", fixture_repos.BROKEN_FILES, None),
    ],
)
def test_generate_writes_a_verified_mkdocs_site(
    tmp_path: Path, name: str, files: dict[str, str | bytes], kind: str | None
) -> None:
    repo = make_repo(files, tmp_path / name)
    out = tmp_path / "site"
    model = generate(repo, out)
    assert (out / "mkdocs.yml").is_file()
    assert (out / "docs" / "index.md").is_file()
    assert (out / "documentation.md").read_text().strip()
    assert model["schema_version"]
    if kind is not None:
        assert model["repository"]["kind"] == kind  # type: ignore[index]
    assert_verified(model)


def test_generate_python_library_documents_every_exported_name(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.PYTHON_LIBRARY, tmp_path / "lib")
    out = tmp_path / "site"
    model = generate(repo, out)
    reference = "\n".join(
        p.read_text() for p in (out / "docs").rglob("*.md") if "reference" in p.parts or p.name.startswith("reference")
    )
    for name in ("Client", "HTTPError", "get", "request", "tinyhttp.client"):
        assert name in reference, name
    assert "_private" not in reference
    settings = {s["name"] for s in model["settings"]}  # type: ignore[attr-defined]
    assert {"TINYHTTP_PROXY", "TINYHTTP_VERBOSE"} <= settings
    deps = {d["name"]: d for d in model["dependencies"]}  # type: ignore[attr-defined]
    assert deps["PyYAML"]["imported_in"] == ["src/tinyhttp/config.py"]
    assert deps["pytest"]["dev"] is True
    assert model["repository"]["commit_sha"] == git(repo, "rev-parse", "HEAD")  # type: ignore[index]


def test_generate_web_service_lists_routes_models_and_settings(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.WEB_SERVICE, tmp_path / "shop")
    model = generate(repo, tmp_path / "site")
    routes = {(r["method"], r["path"]) for r in model["routes"]}  # type: ignore[attr-defined]
    assert {("GET", "/health"), ("GET", "/orders/{order_id}"), ("POST", "/orders/")} <= routes
    tables = {m["name"] for m in model["data_models"]}  # type: ignore[attr-defined]
    assert {"Customer", "Order"} <= tables
    assert {"SHOP_DATABASE_URL", "SHOP_DEBUG"} <= {s["name"] for s in model["settings"]}  # type: ignore[attr-defined]
    http_page = (tmp_path / "site" / "docs" / "http-api.md").read_text()
    assert "/orders/{order_id}" in http_page


def test_generate_from_a_file_url_at_a_ref(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.CLI_TOOL, tmp_path / "greet")
    first = git(repo, "rev-parse", "HEAD")
    git(repo, "tag", "v0.1.0")
    (repo / "greet" / "extra.py").write_text('"""Added later."""\n\ndef later() -> None:\n    """Later."""\n')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "later")
    model = generate(f"file://{repo}", tmp_path / "site", "--ref", "v0.1.0")
    assert model["repository"]["commit_sha"] == first  # type: ignore[index]
    assert "greet/extra.py" not in {m["path"] for m in model["modules"]}  # type: ignore[attr-defined]


def test_analyze_prints_the_code_model(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.GO_SERVICE, tmp_path / "pinger")
    done = run_codedoc("analyze", str(repo), "--no-cache", "-q")
    assert done.returncode == 0, done.stderr
    model = json.loads(done.stdout)
    assert ("GET", "/ping") in {(r["method"], r["path"]) for r in model["routes"]}
    symbols = {s["qualname"] for m in model["modules"] for s in m["symbols"]}
    assert {"Ping", "Pong"} <= symbols


@pytest.mark.parametrize(
    "source",
    ["/definitely/not/here", "ssh://git@example.com/x.git", "git@example.com:x/y.git", "ext::sh -c touch% /tmp/pwned"],
)
def test_generate_refuses_a_bad_source_with_one_clear_sentence(tmp_path: Path, source: str) -> None:
    done = run_codedoc("generate", source, "-o", str(tmp_path / "site"), "--no-cache")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("codedoc: error: ")
    assert len(last_line) > len("codedoc: error: ") + 10
    assert not (tmp_path / "site").exists()
    assert not Path("/tmp/pwned").exists()


def test_generate_ends_with_a_summary(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.PYTHON_LIBRARY, tmp_path / "lib")
    done = run_codedoc("generate", str(repo), "-o", str(tmp_path / "site"), "--no-cache")
    assert done.returncode == 0, done.stderr
    for label in ("files", "languages", "symbols", "pages", "warnings", "time"):
        assert f"  {label}" in done.stderr


def test_second_run_reuses_the_analysis_cache(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.PYTHON_LIBRARY, tmp_path / "lib")
    cache = tmp_path / "cache"
    first = run_codedoc("generate", str(repo), "-o", str(tmp_path / "a"), "--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    assert (cache / "analysis" / "analysis.sqlite3").is_file()
    second = run_codedoc("generate", str(repo), "-o", str(tmp_path / "b"), "--cache-dir", str(cache))
    assert second.returncode == 0, second.stderr
    assert (
        json.loads((tmp_path / "a" / "codedoc.json").read_text())["modules"]
        == json.loads((tmp_path / "b" / "codedoc.json").read_text())["modules"]
    )
