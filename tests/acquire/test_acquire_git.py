"""The git wrapper: how git's complaints map onto the error tree, and the version warning."""

from __future__ import annotations

import logging

import pytest

from codedoc.acquire.addresses import is_internal, parse_address
from codedoc.acquire.failures import classify_failure, escape_for_message
from codedoc.acquire.git import SAFE_GIT_VERSION, GitError, check_git_version, installed_git_version
from codedoc.errors import RefNotFound, RepositoryNotFound, TransientAcquireError


@pytest.mark.parametrize(
    ("stderr", "expected"),
    [
        ("fatal: repository 'https://github.com/a/b/' not found", RepositoryNotFound),
        ("fatal: could not read Username for 'https://github.com': terminal prompts disabled", RepositoryNotFound),
        ("fatal: Authentication failed for 'https://github.com/a/b/'", RepositoryNotFound),
        ("fatal: Remote branch nope not found in upstream origin", RefNotFound),
        ("fatal: couldn't find remote ref refs/heads/nope", RefNotFound),
        ("fatal: remote error: upload-pack: not our ref 0123", RefNotFound),
        ("fatal: unable to access 'https://x/': Could not resolve host: x", TransientAcquireError),
        ("fatal: unable to access 'https://x/': Failed to connect to x port 443", TransientAcquireError),
        ("error: RPC failed; curl 56 GnuTLS recv error\nfatal: early EOF", TransientAcquireError),
        ("fatal: unable to access 'https://x/': The requested URL returned error: 502", TransientAcquireError),
        ("fatal: something nobody expected", GitError),
    ],
)
def test_git_failures_map_onto_the_error_tree(stderr: str, expected: type[Exception]) -> None:
    assert type(classify_failure(stderr, args=("clone",))) is expected


def test_transient_errors_are_marked_retryable() -> None:
    assert classify_failure("fatal: Could not resolve host: example.com").transient


def test_unknown_failure_message_names_the_command_and_escapes_control_characters() -> None:
    error = classify_failure("fatal: weird \x1b[31mred\x1b[0m thing", args=("fetch",))
    assert "git fetch failed" in str(error)
    assert "\x1b" not in str(error)


def test_escape_for_message_keeps_text_printable() -> None:
    assert escape_for_message("a\nb\x1b[2Jc") == "a\\nb\\x1b[2Jc"


def test_old_git_is_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    check_git_version.cache_clear()
    with caplog.at_level(logging.WARNING, logger="codedoc.acquire.git"):
        check_git_version()
    version = installed_git_version()
    assert version is not None
    warned = any("CVE-2024-32002" in record.getMessage() for record in caplog.records)
    assert warned == (version < SAFE_GIT_VERSION)


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("127.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1"),
        ("169.254.169.254", "169.254.169.254"),
    ],
)
def test_every_spelling_of_an_internal_address_is_recognised(spelling: str, canonical: str) -> None:
    address = parse_address(spelling)
    assert str(address) == canonical
    assert address is not None and is_internal(address)


@pytest.mark.parametrize("text", ["140.82.112.3", "2606:50c0:8000::153", "8.8.8.8"])
def test_public_addresses_are_not_internal(text: str) -> None:
    address = parse_address(text)
    assert address is not None and not is_internal(address)


@pytest.mark.parametrize("text", ["github.com", "1.2.3.4.5", "256.1.1.1", "0x1ffffffff"])
def test_non_addresses_parse_to_none(text: str) -> None:
    assert parse_address(text) is None
