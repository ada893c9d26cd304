"""GitHub webhooks: the signature check and the few events CodeDoc acts on.

`X-Hub-Signature-256` is `sha256=` + HMAC-SHA256 of the raw body under the webhook secret; it is
compared in constant time, and a delivery without it is refused like a wrong one.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

OUR_BRANCH_PREFIX = "codedoc/"
"""Branches CodeDoc pushes itself: pushes to them never start a job."""


def signature_is_valid(secret: str, body: bytes, header: str | None) -> bool:
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.strip().encode())


@dataclass(frozen=True, slots=True)
class Push:
    """A push that may deserve new documentation."""

    full_name: str
    branch: str
    commit: str
    default_branch: str

    @property
    def to_default_branch(self) -> bool:
        return self.branch == self.default_branch

    @property
    def to_our_branch(self) -> bool:
        return self.branch.startswith(OUR_BRANCH_PREFIX)


def parse_push(payload: Any) -> Push | None:
    """The push in a `push` event's payload, or None for a tag, a deleted branch or a malformed body."""
    if not isinstance(payload, dict) or payload.get("deleted"):
        return None
    ref, after, repository = payload.get("ref"), payload.get("after"), payload.get("repository")
    if not isinstance(ref, str) or not ref.startswith("refs/heads/") or not isinstance(repository, dict):
        return None
    full_name, default = repository.get("full_name"), repository.get("default_branch")
    if not isinstance(after, str) or len(after) != 40 or not all(c in "0123456789abcdef" for c in after):
        return None
    if not isinstance(full_name, str) or full_name.count("/") != 1 or not isinstance(default, str):
        return None
    return Push(full_name=full_name, branch=ref.removeprefix("refs/heads/"), commit=after, default_branch=default)


def repository_hidden(payload: Any) -> str | None:
    """`owner/name` when a `repository` event says it was deleted or made private, else None."""
    if not isinstance(payload, dict) or payload.get("action") not in ("deleted", "privatized"):
        return None
    repository = payload.get("repository")
    name = repository.get("full_name") if isinstance(repository, dict) else None
    return name if isinstance(name, str) else None
