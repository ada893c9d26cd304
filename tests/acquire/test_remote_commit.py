"""`remote_commit`: the commit a remote ref points at, from one hardened `git ls-remote`."""

from __future__ import annotations

import pytest

from codedoc.acquire.remote_commit import remote_commit
from codedoc.acquire.url_policy import UrlPolicy
from codedoc.errors import RefNotFound, UnsafeURL
from conftest import ServedRepo
from repos import git


def _policy(served: ServedRepo) -> UrlPolicy:
    return UrlPolicy([f"127.0.0.1:{served.server.port}"])


def test_default_branch_branch_and_tags_resolve_to_their_commits(served_repo: ServedRepo) -> None:
    git(served_repo.path, "tag", "-a", "v2", "-m", "annotated", served_repo.first_commit)
    policy = _policy(served_repo)
    assert remote_commit(served_repo.url, ref=None, url_policy=policy) == served_repo.head_commit
    assert remote_commit(served_repo.url, ref="feature", url_policy=policy) == served_repo.feature_commit
    assert remote_commit(served_repo.url, ref="v1", url_policy=policy) == served_repo.first_commit
    assert remote_commit(served_repo.url, ref="v2", url_policy=policy) == served_repo.first_commit  # peeled


def test_missing_ref_is_ref_not_found(served_repo: ServedRepo) -> None:
    with pytest.raises(RefNotFound, match="no branch or tag named 'nothing'"):
        remote_commit(served_repo.url, ref="nothing", url_policy=_policy(served_repo))


def test_a_full_sha_needs_no_request(served_repo: ServedRepo) -> None:
    before = served_repo.server.requests
    sha = served_repo.first_commit.upper()
    assert remote_commit(served_repo.url, ref=sha, url_policy=_policy(served_repo)) == served_repo.first_commit
    assert served_repo.server.requests == before


def test_a_host_outside_the_policy_is_never_contacted(served_repo: ServedRepo) -> None:
    with pytest.raises(UnsafeURL):
        remote_commit(served_repo.url, ref=None, url_policy=UrlPolicy(["github.com"]))
    assert served_repo.server.requests == 0
