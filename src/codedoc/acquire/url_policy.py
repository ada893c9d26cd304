"""Which Git URLs the service accepts, and the clone-time check of the addresses they resolve to.

Two checks, because one is not enough:

- `normalize(text)` when a job is submitted: the URL's shape (scheme, host, port, path) against
  the allowed hosts; its result is the canonical form used to spot duplicate jobs.
- `resolve(url)` just before cloning: every address the host resolves to must be public (unless
  the operator listed that host themselves), and the checked addresses are then pinned for git
  (`http.curloptResolve`) so a second DNS answer cannot point the clone somewhere else.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from codedoc.acquire.addresses import METADATA_ADDRESSES, is_internal, looks_numeric, parse_address
from codedoc.errors import TransientAcquireError, UnsafeURL

DEFAULT_GIT_HOSTS: tuple[str, ...] = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
DEFAULT_GITHUB_URL = "https://github.com"
MAX_URL_LENGTH = 2048
_MAX_SEGMENTS = 20

# Public code hosts must resolve to public addresses: if one resolves to 127.0.0.1 someone is
# tampering with DNS. Hosts an operator adds (an internal GitLab) may be private.
_PUBLIC_HOSTS = frozenset(DEFAULT_GIT_HOSTS)
_DEFAULT_PORTS = {"https": 443, "http": 80}
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")
_SEGMENT = re.compile(r"^(?!-)[A-Za-z0-9._~-]{1,255}$")
_OWNER_REPO = re.compile(r"^([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,99}))/([A-Za-z0-9_.-]{1,100}?)(?:\.git)?/?$")

Resolver = Callable[[str, int], Sequence[str]]
"""`(host, port) -> addresses`; the system resolver unless a test plugs in another."""


def system_resolver(host: str, port: int) -> Sequence[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


@dataclass(frozen=True, slots=True)
class HostEntry:
    host: str
    port: int | None
    """None: https on its default port only."""

    def __str__(self) -> str:
        return self.host if self.port is None else f"{_bracket(self.host)}:{self.port}"


@dataclass(frozen=True, slots=True)
class ResolvedTarget:
    """A URL whose host passed the address check, with the addresses git must use."""

    url: str
    host: str
    port: int
    addresses: tuple[str, ...]

    @property
    def curl_resolve(self) -> str:
        """Value for `http.curloptResolve`: pins the checked addresses so git cannot re-resolve."""
        return f"{self.host}:{self.port}:{','.join(_bracket(address) for address in self.addresses)}"


@dataclass(frozen=True, slots=True)
class _ParsedURL:
    scheme: str
    host: str
    port: int
    path: tuple[str, ...]

    @property
    def url(self) -> str:
        netloc = _bracket(self.host)
        if self.port != _DEFAULT_PORTS[self.scheme]:
            netloc += f":{self.port}"
        return f"{self.scheme}://{netloc}/{'/'.join(self.path)}"


class UrlPolicy:
    """Accepts `https://` URLs of the allowed hosts and `owner/repo`; see the module docstring."""

    def __init__(
        self,
        allowed_hosts: Iterable[str] = DEFAULT_GIT_HOSTS,
        github_url: str = DEFAULT_GITHUB_URL,
        *,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.entries: tuple[HostEntry, ...] = tuple(_parse_entry(text) for text in allowed_hosts if text.strip())
        self.github_url = github_url.strip().rstrip("/")
        # The allow-list is exactly what the operator set: the `owner/repo` shorthand's host is not
        # added to it, so the shorthand works only when that host is allowed too.
        self._github = _split_base(self.github_url)
        self._resolver = resolver

    @classmethod
    def from_strings(cls, hosts_csv: str | None, github_url: str | None = None) -> UrlPolicy:
        """From the settings: `CODEDOC_GIT_HOSTS` (comma separated) and `CODEDOC_GITHUB_URL`."""
        hosts = [part.strip() for part in (hosts_csv or "").split(",") if part.strip()]
        return cls(hosts or DEFAULT_GIT_HOSTS, github_url or DEFAULT_GITHUB_URL)

    @property
    def shorthand_allowed(self) -> bool:
        """Whether `owner/repo` may be used: only when CODEDOC_GITHUB_URL's host is on the allow-list."""
        return self._entry_for(self._github) is not None

    def accepted(self) -> str:
        hosts = ", ".join(str(entry) for entry in self.entries) or "no host (CODEDOC_GIT_HOSTS is empty)"
        shorthand = f", or owner/repo for {self.github_url}" if self.shorthand_allowed else ""
        return f"CodeDoc accepts https:// URLs of {hosts}{shorthand}"

    def normalize(self, text: str) -> str:
        """The canonical clone URL for `text`, or `UnsafeURL` saying what is accepted."""
        return self._parse(text).url

    def resolve(self, url: str) -> ResolvedTarget:
        """The clone-time check: all addresses of the host must be allowed; returns them for pinning."""
        parsed = self._parse(url)
        literal = parse_address(parsed.host)
        if literal is not None:
            addresses: Sequence[str] = [str(literal)]
        else:
            try:
                addresses = self._resolver(parsed.host, parsed.port)
            except (OSError, UnicodeError) as error:
                raise TransientAcquireError(f"could not resolve {parsed.host}: {error}") from error
        if not addresses:
            raise TransientAcquireError(f"could not resolve {parsed.host}")
        entry = self._entry_for(parsed)
        may_be_internal = entry is not None and entry.host not in _PUBLIC_HOSTS
        checked: list[str] = []
        for text in addresses:
            address = parse_address(text)
            if address is None:
                raise UnsafeURL(f"{parsed.host} resolved to something that is not an address ({text!r})")
            exact_literal = literal is not None and address == literal
            if address in METADATA_ADDRESSES and not exact_literal:
                raise UnsafeURL(f"{parsed.host} resolves to a cloud metadata address ({address}), which is refused")
            if is_internal(address) and not may_be_internal:
                raise UnsafeURL(
                    f"{parsed.host} resolves to a private, loopback or link-local address ({address}), "
                    "which is refused unless that host is listed in CODEDOC_GIT_HOSTS"
                )
            if str(address) not in checked:
                checked.append(str(address))
        return ResolvedTarget(url=parsed.url, host=parsed.host, port=parsed.port, addresses=tuple(checked))

    def _entry_for(self, parsed: _ParsedURL) -> HostEntry | None:
        for entry in self.entries:
            if entry.host != parsed.host:
                continue
            if entry.port == parsed.port:
                return entry
            if entry.port is None and parsed.scheme == "https" and parsed.port == 443:
                return entry
        return None

    def _refuse(self, reason: str) -> UnsafeURL:
        return UnsafeURL(f"{reason}: {self.accepted()}")

    def _parse(self, text: str) -> _ParsedURL:
        text = text.strip()
        if not text:
            raise self._refuse("the URL is empty")
        if len(text) > MAX_URL_LENGTH:
            raise self._refuse(f"the URL is longer than {MAX_URL_LENGTH} characters")
        if any(not char.isprintable() or char.isspace() for char in text):
            raise self._refuse("the URL contains spaces or control characters")
        if text.startswith("-"):
            raise self._refuse("the URL starts with '-'")
        owner_repo = _OWNER_REPO.match(text)
        if owner_repo is not None and "://" not in text:
            if not self.shorthand_allowed:
                raise self._refuse(f"owner/repo stands for {self.github_url}, which is not an allowed Git host")
            text = f"{self.github_url}/{owner_repo.group(1)}/{owner_repo.group(2)}"
        if "://" not in text:
            raise self._refuse("not a URL (scp-style git@host:path and local paths are not accepted)")
        if "\\" in text or "%" in text:
            raise self._refuse("the URL contains '\\' or '%'-escapes")
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError as error:
            raise self._refuse(f"the URL cannot be parsed ({error})") from error
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            raise self._refuse(f"the {scheme}:// scheme is not accepted")
        if "@" in parts.netloc:
            raise self._refuse("credentials inside the URL are not accepted (pass an access_token instead)")
        if parts.query or parts.fragment or text.endswith(("?", "#")):
            raise self._refuse("the URL has a query or fragment")
        host = self._check_host(parts.hostname or "", parts.netloc)
        parsed = _ParsedURL(scheme, host, port or _DEFAULT_PORTS[scheme], _check_path(parts.path, self._refuse))
        entry = self._entry_for(parsed)
        if entry is None:
            if scheme == "http":
                raise self._refuse(f"plain http:// is accepted only for a host listed with its port, not {host}")
            raise self._refuse(f"{_bracket(host)}:{parsed.port} is not an allowed Git host")
        return parsed

    def _check_host(self, hostname: str, netloc: str) -> str:
        host = hostname.lower().rstrip(".")
        if not host:
            raise self._refuse("the URL has no host")
        if netloc.startswith("["):
            address = parse_address(host)
            if address is None:
                raise self._refuse("the host is not a valid IPv6 address")
            return str(address)
        if not host.isascii():
            raise self._refuse("the host has non-ASCII characters (use its xn-- form)")
        if looks_numeric(host):
            address = parse_address(host)
            if address is None or str(address) != host:
                raise self._refuse(f"the address {host!r} is spelled in an unusual way")
            return host
        if not _HOSTNAME.match(host):
            raise self._refuse(f"{host!r} is not a valid host name")
        return host


def _check_path(path: str, refuse: Callable[[str], UnsafeURL]) -> tuple[str, ...]:
    path = path.rstrip("/")
    segments = path.split("/")[1:] if path.startswith("/") else []
    if segments and segments[-1].lower().endswith(".git"):
        segments[-1] = segments[-1][:-4]
    if len(segments) < 2:
        raise refuse("the URL must name a repository (host/owner/repo)")
    if len(segments) > _MAX_SEGMENTS:
        raise refuse("the URL path is too deep")
    for segment in segments:
        if segment in ("", ".", "..") or not _SEGMENT.match(segment):
            raise refuse(f"the URL path has an invalid part {segment!r}")
    return tuple(segments)


def _parse_entry(text: str) -> HostEntry:
    text = text.strip().lower().rstrip("/")
    if "://" in text:
        raise ValueError(f"CODEDOC_GIT_HOSTS lists host or host:port, not URLs: {text!r}")
    try:
        parts = urlsplit(f"//{text}")
        port = parts.port
    except ValueError as error:
        raise ValueError(f"invalid entry in CODEDOC_GIT_HOSTS: {text!r}") from error
    host = (parts.hostname or "").rstrip(".")
    if not host or parts.path or "@" in parts.netloc:
        raise ValueError(f"invalid entry in CODEDOC_GIT_HOSTS: {text!r}")
    address = parse_address(host) if (":" in host or looks_numeric(host)) else None
    if address is not None:
        host = str(address)
    return HostEntry(host, port)


def _split_base(url: str) -> _ParsedURL:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        raise ValueError(f"CODEDOC_GITHUB_URL must be an http(s) URL without credentials, not {url!r}")
    host = parts.hostname.lower().rstrip(".")
    address = parse_address(host) if (":" in host or looks_numeric(host)) else None
    return _ParsedURL(scheme, str(address) if address else host, parts.port or _DEFAULT_PORTS[scheme], ())


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host else host
