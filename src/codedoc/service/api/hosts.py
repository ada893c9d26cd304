"""Which `Host` and `Origin` the service answers to: the defence against DNS rebinding.

A web page on a domain that an attacker re-points at 127.0.0.1 reaches a local service with the
attacker's name in `Host` and `Origin`. So every request's `Host` must be one the operator allowed
(by default the loopback names and the address the connection arrived on, taken from the socket,
not from the client), and a form post's `Origin` must be one of the service's own origins — built
from the allowed names, the connection's scheme and port, and `CODEDOC_PUBLIC_URL` — never from the
request's own `Host`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _normalize(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    if ":" in host and not host.startswith("["):
        return f"[{host}]"  # a bare IPv6 address, as sockets report it
    return host


def split_host(value: str) -> tuple[str, int | None]:
    """`name:port`, `[v6]:port` or `name` → (normalized name, port or None); ("", None) when malformed."""
    value = value.strip()
    try:
        parts = urlsplit(f"//{value}")
        port = parts.port
    except ValueError:
        return "", None
    if parts.username is not None or parts.path or parts.query or parts.fragment or not parts.hostname:
        return "", None
    return _normalize(parts.hostname), port


@dataclass(frozen=True)
class HostPolicy:
    """The host names (`*`, `*.example.com` or exact names) and public origin the service answers to."""

    names: tuple[str, ...]
    public_origin: str | None = None
    """`scheme://host[:port]` of CODEDOC_PUBLIC_URL, when set."""

    @classmethod
    def from_settings(cls, allowed_hosts: str, public_url: str) -> HostPolicy:
        listed = [_normalize(name) for name in allowed_hosts.split(",") if name.strip()]
        origin = origin_of(public_url) if public_url else None
        if not listed:
            listed = list(LOOPBACK_NAMES)
            if origin is not None:
                listed.append(split_host(origin.split("://", 1)[1])[0])
        return cls(tuple(dict.fromkeys(listed)), origin)

    @property
    def any_host(self) -> bool:
        return "*" in self.names

    def allows(self, name: str, *, server_address: str | None) -> bool:
        if not name:
            return False
        if self.any_host or name in self.names:
            return True
        if server_address is not None and name == _normalize(server_address):
            return True
        return any(entry.startswith("*.") and name.endswith(entry[1:]) for entry in self.names)

    def own_origins(self, scope: Scope) -> set[str]:
        """This service's origins for one connection: allowed names on its scheme and port, and the public URL."""
        scheme = scope.get("scheme", "http")
        server = scope.get("server") or (None, None)
        origins = {self.public_origin} if self.public_origin else set()
        if server[1] is not None:
            names: Iterable[str] = [name for name in self.names if "*" not in name]
            if server[0]:
                names = [*names, _normalize(server[0])]
            origins |= {_origin(scheme, name, int(server[1])) for name in names}
        return origins

    def same_origin(self, scope: Scope, origin: str | None) -> bool:
        """A form post from one of our own pages. Browsers send `Origin` on POST; a missing one is a
        non-browser client (no cookie to abuse across sites), `null` is a sandboxed or opaque page."""
        if origin is None:
            return True
        normalized = origin_of(origin)
        return normalized is not None and normalized in self.own_origins(scope)


def _origin(scheme: str, host: str, port: int) -> str:
    return f"{scheme}://{host}" if _DEFAULT_PORTS.get(scheme) == port else f"{scheme}://{host}:{port}"


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` with the default port dropped, or None when `url` is not an http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname or parts.username is not None:
        return None
    return _origin(scheme, _normalize(parts.hostname), port or _DEFAULT_PORTS[scheme])


class TrustedHostMiddleware:
    """400 for a request whose `Host` is not allowed — before routing, metrics labels or logs use it."""

    def __init__(self, app: ASGIApp, *, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.policy.any_host:
            await self.app(scope, receive, send)
            return
        raw = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        name, _port = split_host(raw)
        server = scope.get("server")
        if self.policy.allows(name, server_address=server[0] if server else None):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps(
            {
                "error": {
                    "code": "invalid_host",
                    "message": "this host name is not served here (see CODEDOC_ALLOWED_HOSTS)",
                    "request_id": None,
                }
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


def public_base_url(scope: Scope, public_url: str) -> str:
    """Where absolute links point: CODEDOC_PUBLIC_URL, else this connection's own scheme, address and
    port as the socket reports them — never the client's `Host`."""
    if public_url:
        return public_url.rstrip("/")
    scheme = scope.get("scheme", "http")
    server = scope.get("server") or ("127.0.0.1", None)
    host = _normalize(server[0] or "127.0.0.1")
    if host in ("0.0.0.0", "[::]"):  # noqa: S104 - a wildcard bind reported as the local address
        host = "127.0.0.1"
    return _origin(scheme, host, int(server[1])) if server[1] is not None else f"{scheme}://{host}"
