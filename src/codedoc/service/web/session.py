"""Who is using the viewer: a signed-in browser (GitHub or an API key), or anyone when the service is open.

The cookie holds a random session id, signed, `HttpOnly` and `SameSite=Lax` (`Secure` over https);
the row it names says whose jobs the browser sees. A browser signed in with an API key stays signed in
only while that key is still one of the service's keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response

from codedoc.service.accounts import COOKIE
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import User


@dataclass(frozen=True, slots=True)
class Viewer:
    owner: str
    user: User | None = None
    """The GitHub user, when signed in with GitHub."""


def current_viewer(request: Request, context: ServiceContext) -> Viewer | None:
    """The signed-in viewer; anyone ("" owner) on a service without API keys; None when a sign-in is needed."""
    cached: Viewer | bool | None = getattr(request.state, "codedoc_viewer", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    viewer = _find_viewer(request, context)
    request.state.codedoc_viewer = viewer
    return viewer


def _find_viewer(request: Request, context: ServiceContext) -> Viewer | None:
    keys = context.settings.api_key_list()
    cookie = request.cookies.get(COOKIE)
    if cookie:
        accounts = context.accounts
        signed_in = accounts.sessions.find(cookie)
        if signed_in is not None and signed_in.user_id is not None:
            user = accounts.store.user(signed_in.user_id)
            if user is not None:
                return Viewer(signed_in.owner, user)
        elif signed_in is not None and any(context.owners.of_key(key) == signed_in.owner for key in keys):
            return Viewer(signed_in.owner)
    return None if keys else Viewer("")


def viewer_owner(request: Request, context: ServiceContext) -> str | None:
    viewer = current_viewer(request, context)
    return viewer.owner if viewer is not None else None


def set_session_cookie(request: Request, response: Response, value: str, *, max_age: int) -> None:
    response.set_cookie(
        COOKIE, value, httponly=True, samesite="lax", secure=request.url.scheme == "https", max_age=max_age
    )


def same_origin(request: Request) -> bool:
    """A form post from this service: its `Origin` is one of the service's own origins (scheme, host
    and port, from the Host allow-list), never compared with the request's own `Host`."""
    policy = request.app.state.host_policy
    return bool(policy.same_origin(request.scope, request.headers.get("origin")))
