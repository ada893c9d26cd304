"""Which repositories the service accepts: the acquire stage's URL policy, built from the settings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from codedoc.errors import UnsafeURL

if TYPE_CHECKING:
    from codedoc.acquire.url_policy import UrlPolicy
    from codedoc.service.settings import ServiceSettings

MAX_URL_LENGTH = 2048
# Branch, tag or commit names: git's own rules are looser, but nothing legitimate needs more.
_REF = re.compile(r"^(?!-)(?!.*\.\.)(?!.*//)(?!.*@\{)[A-Za-z0-9._/+-]{1,255}(?<![./])$")


def build_url_policy(settings: ServiceSettings) -> UrlPolicy:
    from codedoc.acquire.url_policy import UrlPolicy

    return UrlPolicy.from_strings(settings.git_hosts, settings.github_url)


def normalize_source(policy: UrlPolicy, text: str) -> str:
    """The canonical clone URL for `text`, or UnsafeURL saying what is accepted."""
    if len(text) > MAX_URL_LENGTH:
        raise UnsafeURL(f"the URL is longer than {MAX_URL_LENGTH} characters")
    normalized: str = policy.normalize(text.strip())
    return normalized


def check_ref(ref: str) -> str:
    if not _REF.match(ref) or ref.endswith(".lock"):
        raise ValueError(
            "ref must be a branch, tag or commit name: letters, digits and . _ / + -, "
            "not starting with '-', at most 255 characters"
        )
    return ref
