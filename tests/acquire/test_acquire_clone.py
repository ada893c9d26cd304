"""Cloning over smart HTTP from a real `git http-backend`: refs, errors, limits, cancellation."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from codedoc.acquire import AcquireLimits, acquire
from codedoc.errors import CloneTimeout, JobCancelled, RefNotFound, RepositoryNotFound, RepositoryTooLarge
from conftest import HangingServer, ServedRepo
from gitserver import GitHttpServer
from repos import make_repo


def test_clone_of_default_branch_records_commit_and_branch(served_repo: ServedRepo, work_dir: Path) -> None:
    with acquire(served_repo.url, work_dir=work_dir) as checkout:
        assert checkout.commit_sha == served_repo.head_commit
        assert checkout.default_branch == "main"
        assert checkout.ref == "main"
        assert checkout.source_url == served_repo.url
        assert checkout.name == "widget"
        assert (checkout.root / "pkg" / "extra.py").is_file()


def test_clone_is_shallow(served_repo: ServedRepo, work_dir: Path) -> None:
    with acquire(served_repo.url, work_dir=work_dir) as checkout:
        assert (checkout.root / ".git" / "shallow").is_file()


@pytest.mark.parametrize(
    ("ref", "commit_attr", "present", "absent"),
    [
        ("feature", "feature_commit", "pkg/feature.py", None),
        ("v1", "first_commit", "pkg/core.py", "pkg/extra.py"),
        ("FIRST", "first_commit", "pkg/core.py", "pkg/extra.py"),
    ],
)
def test_clone_of_branch_tag_or_commit(
    served_repo: ServedRepo, work_dir: Path, ref: str, commit_attr: str, present: str, absent: str | None
) -> None:
    expected = getattr(served_repo, commit_attr)
    ref = served_repo.first_commit if ref == "FIRST" else ref
    with acquire(served_repo.url, ref=ref, work_dir=work_dir) as checkout:
        assert checkout.commit_sha == expected
        assert checkout.ref == ref
        assert checkout.default_branch == "main"
        assert (checkout.root / present).is_file()
        if absent is not None:
            assert not (checkout.root / absent).exists()


def test_clone_url_with_dot_git_suffix_works(served_repo: ServedRepo, work_dir: Path) -> None:
    with acquire(served_repo.url + ".git", work_dir=work_dir) as checkout:
        assert checkout.commit_sha == served_repo.head_commit


def test_bad_branch_is_ref_not_found(served_repo: ServedRepo, work_dir: Path) -> None:
    with pytest.raises(RefNotFound, match="no-such-branch"), acquire(served_repo.url, ref="no-such-branch"):
        pass


def test_short_sha_explains_that_a_full_sha_is_needed(served_repo: ServedRepo) -> None:
    with pytest.raises(RefNotFound, match="full 40-character SHA"), acquire(served_repo.url, ref="abcdef12"):
        pass


def test_unknown_commit_is_ref_not_found(served_repo: ServedRepo) -> None:
    with pytest.raises(RefNotFound, match="no commit"), acquire(served_repo.url, ref="0" * 40):
        pass


def test_missing_repository_is_repository_not_found(served_repo: ServedRepo, work_dir: Path) -> None:
    url = f"{served_repo.server.url}/acme/nope"
    with pytest.raises(RepositoryNotFound, match="not found or private"), acquire(url, work_dir=work_dir):
        pass
    assert list(work_dir.iterdir()) == []


def test_unreachable_host_is_transient(hanging_server: HangingServer) -> None:
    # A port nothing listens on: the server's own port once it is closed.
    url = hanging_server.url + "/acme/widget"
    hanging_server.close()
    with pytest.raises(Exception) as caught, acquire(url):
        pass
    assert getattr(caught.value, "transient", False), caught.value


def _private_server(tmp_path: Path, token: str) -> GitHttpServer:
    make_repo({"secret.py": "S = 1\n"}, tmp_path / "private" / "acme" / "vault")
    return GitHttpServer(tmp_path / "private", require_token=token)


def test_private_repository_without_token_is_not_found(tmp_path: Path) -> None:
    server = _private_server(tmp_path, "tok-123")
    with server, pytest.raises(RepositoryNotFound, match="access_token"), acquire(f"{server.url}/acme/vault"):
        pass


def test_private_repository_clones_with_token_in_a_header(tmp_path: Path) -> None:
    token = "ghp_TopSecretToken123"
    with _private_server(tmp_path, token) as server:
        with acquire(f"{server.url}/acme/vault", access_token=token) as checkout:
            assert (checkout.root / "secret.py").is_file()
            assert checkout.source_url is not None and token not in checkout.source_url
            git_files = [path for path in (checkout.root / ".git").rglob("*") if path.is_file()]
            assert all(token.encode() not in path.read_bytes() for path in git_files)
            assert "x-access-token" not in (checkout.root / ".git" / "config").read_text()
        assert server.authorizations
        assert all(token not in path for path in server.paths)


def test_token_never_appears_in_git_argv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = "ghp_ArgvCanary987"
    log = tmp_path / "argv.log"
    wrapper_dir = tmp_path / "bin"
    wrapper_dir.mkdir()
    real_git = next(
        Path(folder) / "git" for folder in os.environ["PATH"].split(os.pathsep) if (Path(folder) / "git").is_file()
    )
    wrapper = wrapper_dir / "git"
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {log}\nexec {real_git} "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{wrapper_dir}{os.pathsep}{os.environ['PATH']}")
    with _private_server(tmp_path, token) as server, acquire(f"{server.url}/acme/vault", access_token=token):
        pass
    recorded = log.read_text()
    assert "clone" in recorded
    assert token not in recorded
    assert "extraHeader" not in recorded


def test_wrong_token_error_does_not_contain_the_token(tmp_path: Path) -> None:
    token = "ghp_WrongToken456"
    server = _private_server(tmp_path, "the-right-one")
    with server, pytest.raises(RepositoryNotFound) as caught, acquire(f"{server.url}/acme/vault", access_token=token):
        pass
    assert token not in str(caught.value)
    assert token not in repr(caught.value.args)


def test_repository_over_the_byte_limit_is_refused(tmp_path: Path, work_dir: Path) -> None:
    # Random-looking content so compression cannot make it small.
    blob = os.urandom(200_000)
    make_repo({"big.bin": blob}, tmp_path / "srv" / "acme" / "big")
    with GitHttpServer(tmp_path / "srv") as server:
        limits = AcquireLimits(max_bytes=100_000)
        with (
            pytest.raises(RepositoryTooLarge, match="larger than"),
            acquire(f"{server.url}/acme/big", limits=limits, work_dir=work_dir),
        ):
            pass
    assert list(work_dir.iterdir()) == []


def test_repository_over_the_file_limit_is_refused_before_checkout(tmp_path: Path, work_dir: Path) -> None:
    make_repo({f"f{index}.py": f"X = {index}\n" for index in range(30)}, tmp_path / "srv" / "acme" / "many")
    with GitHttpServer(tmp_path / "srv") as server:
        limits = AcquireLimits(max_files=10)
        with (
            pytest.raises(RepositoryTooLarge, match="files"),
            acquire(f"{server.url}/acme/many", limits=limits, work_dir=work_dir),
        ):
            pass
    assert list(work_dir.iterdir()) == []


def test_stalled_server_times_out(hanging_server: HangingServer, work_dir: Path) -> None:
    limits = AcquireLimits(timeout_seconds=1.0)
    with (
        pytest.raises(CloneTimeout, match="longer than"),
        acquire(f"{hanging_server.url}/acme/widget", limits=limits, work_dir=work_dir),
    ):
        pass
    assert hanging_server.connected.is_set()
    assert list(work_dir.iterdir()) == []


def test_cancel_kills_git_and_removes_the_folder(hanging_server: HangingServer, work_dir: Path) -> None:
    with (
        pytest.raises(JobCancelled),
        acquire(f"{hanging_server.url}/acme/widget", work_dir=work_dir, should_cancel=hanging_server.connected.is_set),
    ):
        pass
    # The connection closes because the whole git process group was killed.
    assert hanging_server.closed_by_client.wait(timeout=30)
    assert list(work_dir.iterdir()) == []


def test_cancel_before_start_makes_no_connection(served_repo: ServedRepo) -> None:
    with pytest.raises(JobCancelled), acquire(served_repo.url, should_cancel=lambda: True):
        pass
    assert served_repo.server.requests == 0


def test_redirect_is_not_followed(served_repo: ServedRepo, tmp_path: Path) -> None:
    with GitHttpServer(tmp_path / "empty", redirect_to={"/moved/": f"{served_repo.server.url}/acme/"}) as front:
        with pytest.raises(RepositoryNotFound, match="redirect"), acquire(f"{front.url}/moved/widget"):
            pass
        assert front.requests >= 1
    assert served_repo.server.requests == 0
