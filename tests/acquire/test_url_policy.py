"""The service's URL policy: what is accepted, the canonical form, and the clone-time address check."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from codedoc.acquire import AcquireLimits, acquire
from codedoc.acquire.url_policy import UrlPolicy
from codedoc.errors import CloneTimeout, UnsafeURL
from conftest import HangingServer, ServedRepo


def _resolver(answers: dict[str, Sequence[str]]):  # type: ignore[no-untyped-def]
    def resolve(host: str, port: int) -> Sequence[str]:
        return answers[host]

    return resolve


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://github.com/psf/requests", "https://github.com/psf/requests"),
        ("https://GitHub.COM/psf/requests.git", "https://github.com/psf/requests"),
        ("https://github.com/psf/requests/", "https://github.com/psf/requests"),
        ("https://github.com:443/psf/requests", "https://github.com/psf/requests"),
        ("  psf/requests  ", "https://github.com/psf/requests"),
        ("psf/requests.git", "https://github.com/psf/requests"),
        ("https://gitlab.com/group/subgroup/project", "https://gitlab.com/group/subgroup/project"),
        ("https://codeberg.org/forgejo/forgejo", "https://codeberg.org/forgejo/forgejo"),
    ],
)
def test_normalize_gives_the_canonical_url(text: str, expected: str) -> None:
    assert UrlPolicy().normalize(text) == expected


def test_owner_repo_resolves_against_github_enterprise() -> None:
    policy = UrlPolicy.from_strings("github.com,git.example.com", "https://git.example.com")
    assert policy.normalize("team/service") == "https://git.example.com/team/service"


def test_listed_host_with_port_accepts_plain_http() -> None:
    policy = UrlPolicy.from_strings("git.internal:8080")
    assert policy.normalize("http://git.internal:8080/a/b.git") == "http://git.internal:8080/a/b"


def test_plain_http_is_refused_for_a_host_listed_without_port() -> None:
    with pytest.raises(UnsafeURL, match="http://"):
        UrlPolicy().normalize("http://github.com/psf/requests")


def test_https_on_another_port_of_a_listed_host_is_refused() -> None:
    with pytest.raises(UnsafeURL, match="not an allowed"):
        UrlPolicy().normalize("https://github.com:8443/psf/requests")


def test_from_strings_reads_a_comma_separated_list() -> None:
    policy = UrlPolicy.from_strings(" gitea.example.org , 127.0.0.1:3000 ,")
    assert policy.normalize("https://gitea.example.org/a/b") == "https://gitea.example.org/a/b"
    assert policy.normalize("http://127.0.0.1:3000/a/b") == "http://127.0.0.1:3000/a/b"
    with pytest.raises(UnsafeURL):
        policy.normalize("https://gitlab.com/a/b")


@pytest.mark.parametrize(
    "text",
    [
        "file:///etc/passwd",
        "file://localhost/srv/repo",
        "ext::sh -c touch% /tmp/pwned",
        "ext::sh",
        "ssh://git@github.com/psf/requests.git",
        "git://github.com/psf/requests.git",
        "git@github.com:psf/requests.git",
        "/srv/repos/requests",
        "../requests",
        "./requests",
        "-uhttps://github.com/psf/requests",
        "--upload-pack=touch /tmp/pwned",
        "https://user:pass@github.com/psf/requests",
        "https://ghp_token@github.com/psf/requests",
        "https://github.com@evil.example/psf/requests",
        "https://evil.example/psf/requests",
        "https://github.com.evil.example/psf/requests",
        "https://127.0.0.1/a/b",
        "https://127.1/a/b",
        "https://0x7f000001/a/b",
        "https://2130706433/a/b",
        "https://0177.0.0.1/a/b",
        "https://[::ffff:127.0.0.1]/a/b",
        "https://[::1]/a/b",
        "https://169.254.169.254/latest/meta-data",
        "http://169.254.169.254/a/b",
        "https://10.0.0.1/a/b",
        "https://localhost/a/b",
        "https://github.com/psf/../../etc/passwd",
        "https://github.com/psf/%2e%2e/requests",
        "https://github.com/psf/requests?ref=main",
        "https://github.com/psf/requests#main",
        "https://github.com//requests",
        "https://github.com/psf",
        "https://github.com/",
        "https://github.com\\@evil.example/a/b",
        "https://github.com/psf/re quests",
        "https://github.com/psf/req\nuests",
        "https://github.com/psf/req\x1bests",
        "https://github.com/" + "a/" * 30 + "b",
        "https://github.com/psf/" + "r" * 3000,
        "https://githüb.com/psf/requests",
        "javascript:alert(1)",
        "",
    ],
)
def test_hostile_urls_are_refused_with_what_is_accepted(text: str) -> None:
    with pytest.raises(UnsafeURL) as caught:
        UrlPolicy().normalize(text)
    assert "accepts https:// URLs of github.com" in str(caught.value)


def test_refusal_does_not_echo_credentials() -> None:
    with pytest.raises(UnsafeURL) as caught:
        UrlPolicy().normalize("https://bob:hunter2@github.com/psf/requests")
    assert "hunter2" not in str(caught.value)


def test_public_host_resolving_to_loopback_is_refused() -> None:
    policy = UrlPolicy(resolver=_resolver({"github.com": ["140.82.112.3", "127.0.0.1"]}))
    with pytest.raises(UnsafeURL, match="loopback"):
        policy.resolve("https://github.com/psf/requests")


@pytest.mark.parametrize(
    "address", ["10.1.2.3", "192.168.0.10", "172.16.0.1", "::1", "fe80::1", "0.0.0.0", "224.0.0.1"]
)
def test_public_host_resolving_to_an_internal_address_is_refused(address: str) -> None:
    policy = UrlPolicy(resolver=_resolver({"gitlab.com": [address]}))
    with pytest.raises(UnsafeURL):
        policy.resolve("https://gitlab.com/a/b")


def test_metadata_address_is_refused_even_for_a_listed_internal_host() -> None:
    policy = UrlPolicy.from_strings("git.corp", None)
    policy = UrlPolicy([str(entry) for entry in policy.entries], resolver=_resolver({"git.corp": ["169.254.169.254"]}))
    with pytest.raises(UnsafeURL, match="metadata"):
        policy.resolve("https://git.corp/a/b")


def test_operator_listed_host_may_resolve_to_a_private_address() -> None:
    policy = UrlPolicy(["git.corp"], resolver=_resolver({"git.corp": ["10.0.0.5", "10.0.0.6"]}))
    target = policy.resolve("https://git.corp/team/app")
    assert target.addresses == ("10.0.0.5", "10.0.0.6")
    assert target.curl_resolve == "git.corp:443:10.0.0.5,10.0.0.6"


def test_public_addresses_are_pinned() -> None:
    policy = UrlPolicy(resolver=_resolver({"github.com": ["140.82.112.3", "2606:50c0:8000::153"]}))
    target = policy.resolve("https://github.com/psf/requests")
    assert target.curl_resolve == "github.com:443:140.82.112.3,[2606:50c0:8000::153]"


def test_listed_loopback_host_clones(served_repo: ServedRepo, work_dir: Path) -> None:
    host = served_repo.server.url.removeprefix("http://")
    policy = UrlPolicy.from_strings(host)
    with acquire(served_repo.url + ".git/", url_policy=policy, work_dir=work_dir) as checkout:
        assert checkout.commit_sha == served_repo.head_commit
        assert checkout.source_url == served_repo.url
    assert list(work_dir.iterdir()) == []


def test_unlisted_loopback_host_is_refused_without_a_connection(served_repo: ServedRepo) -> None:
    with pytest.raises(UnsafeURL), acquire(served_repo.url, url_policy=UrlPolicy()):
        pass
    assert served_repo.server.requests == 0


def test_rebinding_of_a_public_host_to_loopback_makes_no_connection(served_repo: ServedRepo) -> None:
    port = served_repo.server.port
    policy = UrlPolicy([f"github.com:{port}"], resolver=_resolver({"github.com": ["127.0.0.1"]}))
    with (
        pytest.raises(UnsafeURL, match="loopback"),
        acquire(f"http://github.com:{port}/acme/widget", url_policy=policy),
    ):
        pass
    assert served_repo.server.requests == 0


def test_clone_uses_the_checked_address_not_a_new_lookup(served_repo: ServedRepo, work_dir: Path) -> None:
    # `git.codedoc.test` exists in no DNS: the clone can only succeed through the pinned address.
    port = served_repo.server.port
    policy = UrlPolicy([f"git.codedoc.test:{port}"], resolver=_resolver({"git.codedoc.test": ["127.0.0.1"]}))
    url = f"http://git.codedoc.test:{port}/acme/widget"
    with acquire(url, url_policy=policy, work_dir=work_dir) as checkout:
        assert checkout.commit_sha == served_repo.head_commit
    assert served_repo.server.requests > 0


def test_service_clone_ignores_proxy_variables(
    served_repo: ServedRepo, hanging_server: HangingServer, work_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A proxy would make the pinned, checked address meaningless.
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, hanging_server.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    policy = UrlPolicy.from_strings(served_repo.server.url.removeprefix("http://"))
    with acquire(served_repo.url, url_policy=policy, work_dir=work_dir) as checkout:
        assert checkout.commit_sha == served_repo.head_commit
    assert not hanging_server.connected.is_set()


def test_command_line_clone_uses_the_users_proxy(
    served_repo: ServedRepo, hanging_server: HangingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", hanging_server.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    with pytest.raises(CloneTimeout), acquire(served_repo.url, limits=AcquireLimits(timeout_seconds=1.0)):
        pass
    assert hanging_server.connected.is_set()
    assert served_repo.server.requests == 0
