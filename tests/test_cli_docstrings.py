"""`codedoc docstrings` run as a user would: in place, --check for CI, --patch for review or remote sources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from repos import git, make_repo

FILES = {
    "pkg/__init__.py": '"""A package."""\n',
    "pkg/geometry.py": '''
        """Geometry."""


        def area(width: float, height: float = 1.0) -> float:
            return width * height


        class Box:
            """Already documented."""

            def volume(self, depth: float) -> float:
                return depth
    ''',
    "tests/test_geometry.py": "def test_area():\n    assert True\n",
    "web/app.ts": "export function greet(name: string): string {\n  return `hi ${name}`;\n}\n",
}


def run_codedoc(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CODEDOC_CACHE_DIR": "/nonexistent-codedoc-cache"}
    return subprocess.run(
        [sys.executable, "-m", "codedoc", "docstrings", *args, "--no-cache", "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(FILES, tmp_path / "repo")


def test_docstrings_are_written_into_the_working_tree_once(repo: Path) -> None:
    done = run_codedoc(str(repo))
    assert done.returncode == 0, done.stderr
    assert "Added 3 docstrings to 2 files" in done.stderr
    geometry = (repo / "pkg" / "geometry.py").read_text()
    assert '    """Return the area.\n\n    Args:\n        width (float): The width.\n' in geometry
    assert '"""Already documented."""' in geometry and "def volume(self, depth: float) -> float:\n" in geometry
    assert (repo / "tests" / "test_geometry.py").read_text() == FILES["tests/test_geometry.py"]
    jsdoc = "/**\n * Greets `name`.\n *\n * @param name - The name.\n * @returns The result.\n */\n"
    assert (repo / "web" / "app.ts").read_text().startswith(jsdoc + "export function greet(")
    removed = [
        line for line in git(repo, "diff", "--unified=0").splitlines() if line.startswith("-") and "---" not in line
    ]
    assert removed == []

    again = run_codedoc(str(repo))
    assert again.returncode == 0 and "Added 0 docstrings" in again.stderr
    assert git(repo, "status", "--porcelain").count("\n") == 1  # the same two files, nothing new


def test_check_lists_what_is_missing_and_fails_until_it_is_written(repo: Path) -> None:
    missing = run_codedoc(str(repo), "--check")
    assert missing.returncode == 1
    assert missing.stdout.splitlines() == [
        "pkg/geometry.py:5: function area",
        "pkg/geometry.py:12: method Box.volume",
        "web/app.ts:1: function greet",
    ]
    assert git(repo, "status", "--porcelain") == ""
    assert run_codedoc(str(repo)).returncode == 0
    clean = run_codedoc(str(repo), "--check")
    assert clean.returncode == 0 and "Every public function, method and class has a docstring." in clean.stderr


def test_patch_leaves_the_tree_alone_and_applies_with_git(repo: Path, tmp_path: Path) -> None:
    patch = tmp_path / "out.diff"
    done = run_codedoc(str(repo), "--patch", str(patch))
    assert done.returncode == 0, done.stderr
    assert git(repo, "status", "--porcelain") == ""
    git(repo, "apply", str(patch))
    assert '"""Return the area.' in (repo / "pkg" / "geometry.py").read_text()


def test_a_remote_source_is_never_edited_in_place_but_can_be_patched(repo: Path, tmp_path: Path) -> None:
    url = repo.resolve().as_uri()
    refused = run_codedoc(url)
    assert refused.returncode == 2
    assert "use --patch FILE" in refused.stderr and "Traceback" not in refused.stderr
    with_ref = run_codedoc(str(repo), "--ref", "HEAD")
    assert with_ref.returncode == 2
    patched = run_codedoc(url, "--patch", "-")
    assert patched.returncode == 0, patched.stderr
    assert "+++ b/pkg/geometry.py" in patched.stdout and "+++ b/web/app.ts" in patched.stdout


def test_include_tests_documents_test_files_too(repo: Path) -> None:
    done = run_codedoc(str(repo), "--include-tests")
    assert done.returncode == 0, done.stderr
    assert '"""Test area."""' in (repo / "tests" / "test_geometry.py").read_text()


def test_llm_options_reach_the_writer_through_a_real_client(repo: Path) -> None:
    from fakes.llm_server import FakeLLMServer, FakeReply

    answer = FakeReply(text='{"summary": "Multiply `width` by `height`.", "params": {"width": "Width of the box."}}')
    with FakeLLMServer(responder=lambda request: answer) as server:
        llm = ("--llm", "openai-compatible", "--llm-base-url", server.url + "/v1", "--model", "local", "--no-llm-cache")
        dry = run_codedoc(str(repo), *llm, "--dry-run")
        assert dry.returncode == 0 and "Dry run: 3 docstrings would be written" in dry.stdout
        assert server.calls == 0 and git(repo, "status", "--porcelain") == ""
        done = run_codedoc(str(repo), *llm)
        assert done.returncode == 0, done.stderr
        assert server.calls == 3 and "llm        3 calls" in done.stderr
    geometry = (repo / "pkg" / "geometry.py").read_text()
    assert '"""Multiply `width` by `height`.' in geometry and "width (float): Width of the box." in geometry
