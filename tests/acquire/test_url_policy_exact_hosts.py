"""The Git host allow-list is exactly what the operator set: github.com is not added behind their back."""

from __future__ import annotations

import pytest

from codedoc.acquire.url_policy import UrlPolicy
from codedoc.errors import UnsafeURL


def test_github_is_refused_when_the_operator_did_not_list_it() -> None:
    policy = UrlPolicy.from_strings("git.internal:8443")
    with pytest.raises(UnsafeURL, match="not an allowed Git host"):
        policy.normalize("https://github.com/psf/requests")


def test_owner_repo_is_refused_when_its_host_is_not_allowed() -> None:
    policy = UrlPolicy.from_strings("git.internal:8443")
    with pytest.raises(UnsafeURL, match=r"owner/repo stands for https://github\.com"):
        policy.normalize("psf/requests")
    assert "owner/repo" not in policy.accepted()
    assert [str(entry) for entry in policy.entries] == ["git.internal:8443"]


def test_owner_repo_resolves_when_its_host_is_allowed() -> None:
    policy = UrlPolicy.from_strings("git.internal:8443", "http://git.internal:8443")
    assert policy.normalize("team/tool") == "http://git.internal:8443/team/tool"
    assert "owner/repo for http://git.internal:8443" in policy.accepted()


def test_enterprise_github_url_is_not_added_to_the_hosts() -> None:
    policy = UrlPolicy.from_strings("gitlab.com", "https://github.example.com")
    with pytest.raises(UnsafeURL):
        policy.normalize("https://github.example.com/team/tool")
    with pytest.raises(UnsafeURL):
        policy.normalize("team/tool")
