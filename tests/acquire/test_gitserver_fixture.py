"""The shared `GitHttpServer` fixture serves work trees and bare repositories, and counts requests."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from codedoc.acquire import acquire
from gitserver import GitHttpServer
from repos import git, make_repo


def test_serves_a_bare_repository_with_or_without_dot_git(tmp_path: Path) -> None:
    source = make_repo({"a.py": "A = 1\n"}, tmp_path / "source")
    git(tmp_path, "clone", "-q", "--bare", str(source), str(tmp_path / "srv" / "acme" / "bare.git"))
    with GitHttpServer(tmp_path / "srv") as server:
        for url in (f"{server.url}/acme/bare", f"{server.url}/acme/bare.git"):
            with acquire(url) as checkout:
                assert (checkout.root / "a.py").read_text() == "A = 1\n"


def test_counts_every_request(tmp_path: Path) -> None:
    (tmp_path / "srv").mkdir()
    with GitHttpServer(tmp_path / "srv") as server:
        assert server.requests == 0
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{server.url}/nobody/nothing/info/refs?service=git-upload-pack")
        assert server.requests == 1
        assert server.paths == ["/nobody/nothing/info/refs?service=git-upload-pack"]


def test_redirects_a_path_prefix(tmp_path: Path) -> None:
    (tmp_path / "srv").mkdir()
    with GitHttpServer(tmp_path / "srv", redirect_to={"/old/": "http://127.0.0.1:9/new/"}) as server:
        request = urllib.request.Request(f"{server.url}/old/repo/info/refs?service=git-upload-pack")
        opener = urllib.request.build_opener(_NoRedirect())
        with pytest.raises(urllib.error.HTTPError) as caught:
            opener.open(request)
    assert caught.value.code == 302
    assert caught.value.headers["Location"] == "http://127.0.0.1:9/new/repo/info/refs?service=git-upload-pack"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
