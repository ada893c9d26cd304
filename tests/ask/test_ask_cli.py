"""`codedoc ask` offline: from a published site, and from a repository with the index cached by content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ask_repos import NETKIT
from codedoc.ask.paths import checked_path
from codedoc.cli import main
from codedoc.errors import AskError
from repos import make_repo


def test_ask_a_published_site_without_running_anything_again(tmp_path: Path) -> None:
    repo = make_repo(NETKIT, tmp_path / "netkit")
    runner = CliRunner()
    site = tmp_path / "site"
    assert runner.invoke(main, ["generate", str(repo), "-o", str(site), "-q", "--no-cache"]).exit_code == 0
    result = runner.invoke(main, ["ask", str(site), "http adapter", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["results"][0]["symbol"] == "netkit.adapters.HTTPAdapter"
    assert answer["results"][0]["citation"].startswith("netkit/adapters.py:")
    assert len(answer["results"]) <= 3
    text = runner.invoke(main, ["ask", str(site), "which adapter does a session use for a URL?"])
    assert "1. Session.get_adapter  [netkit/sessions.py:13-18]" in text.stdout
    assert "why: definition" in text.stdout


def test_ask_a_repository_builds_the_index_once(tmp_path: Path) -> None:
    repo = make_repo(NETKIT, tmp_path / "netkit")
    cache = tmp_path / "cache"
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(main, ["ask", str(repo), "get adapter", "-q", "--cache-dir", str(cache)])
        assert result.exit_code == 0, result.output
        assert "Session.get_adapter" in result.stdout
    assert len(list((cache / "ask").glob("*.sqlite"))) == 1  # the second run re-used the first index


@pytest.mark.parametrize(
    "path", ["../../etc/passwd", "/etc/passwd", "netkit/../../x", "C:/Windows/win.ini", "~/.ssh/id_rsa", "a\\..\\b", ""]
)
def test_paths_that_could_leave_the_repository_are_refused(path: str) -> None:
    with pytest.raises(AskError):
        checked_path(path)


def test_relative_paths_inside_are_kept() -> None:
    assert checked_path("netkit/sessions.py") == "netkit/sessions.py"
    assert checked_path("./netkit/./sessions.py") == "netkit/sessions.py"
