"""What a source string is: a local folder or a Git URL, and which URLs the CLI takes.

The service always goes through `UrlPolicy`; these rules are for the command line, where the
user picks the URL themselves, so any `https://`, `http://` or `file://` URL is fine — but never
a remote helper (`ext::`), SSH, or credentials inside the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from codedoc.acquire.failures import escape_for_message
from codedoc.errors import InvalidSource

CLI_SCHEMES = ("https", "http", "file")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_REMOTE_HELPER = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")
_SCP_LIKE = re.compile(r"^(?:[^@/:\s]+@)?[^/:\s]+:(?!//)")
_OWNER_REPO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True, slots=True)
class RemoteSource:
    url: str
    scheme: str


def is_url(source: str) -> bool:
    return bool(_URL.match(source) or _REMOTE_HELPER.match(source))


def cli_remote(source: str) -> RemoteSource:
    """Check a URL given on the command line."""
    shown = escape_for_message(source[:200])
    if source.startswith("-"):
        raise InvalidSource(f"{shown!r} is not a folder or URL")
    if _REMOTE_HELPER.match(source):
        helper = shown.split("::")[0]
        raise InvalidSource(f"git remote helpers such as {helper}:: are not accepted: use an https:// URL")
    try:
        parts = urlsplit(source)
    except ValueError as error:
        raise InvalidSource(f"{shown!r} is not a valid URL") from error
    scheme = parts.scheme.lower()
    if scheme not in CLI_SCHEMES:
        raise InvalidSource(f"{scheme}:// URLs are not supported: use an https:// (or file://) URL")
    if parts.username is not None or parts.password is not None:
        raise InvalidSource("credentials inside the URL are not accepted: pass an access token separately instead")
    if scheme != "file" and not parts.hostname:
        raise InvalidSource(f"{shown!r} has no host")
    if scheme == "file" and not Path(unquote(parts.path)).is_dir():
        raise InvalidSource(f"no folder at {shown}")
    return RemoteSource(url=source, scheme=scheme)


def explain_missing(source: str) -> InvalidSource:
    """The error for a source that is neither an existing path nor a URL."""
    shown = escape_for_message(source[:200])
    if _SCP_LIKE.match(source):
        return InvalidSource(f"SSH URLs such as {shown!r} are not supported: use the https:// URL of the repository")
    if _OWNER_REPO.match(source):
        return InvalidSource(
            f"no folder named {shown!r}; to document a GitHub repository pass https://github.com/{shown}"
        )
    return InvalidSource(f"no such folder: {shown}")


def strip_credentials(url: str) -> str:
    """A remote URL as it may be shown and stored: no user name, password or token."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme and parts.hostname is not None and "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    if not parts.scheme and "@" in url.split(":", 1)[0]:
        # scp-like `user@host:path`: the user is a login name, not a secret, but drop it anyway.
        return url.split("@", 1)[1]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) if parts.scheme else url


def repository_name(url_or_path: str) -> str:
    tail = url_or_path.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return tail.removesuffix(".git") or "repository"
