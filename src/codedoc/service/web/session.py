"""Who is using the viewer: with API keys configured, the key typed into the sign-in form.

The key travels in a cookie the browser's scripts cannot read and other sites cannot send
(`HttpOnly`, `SameSite=Strict`), so forms on other origins cannot act for the user. The key
itself is never rendered into a page.
"""

from __future__ import annotations

from fastapi import Request

from codedoc.service.api.deps import key_is_valid, owner_of_key
from codedoc.service.context import ServiceContext

COOKIE = "codedoc_key"


def viewer_owner(request: Request, context: ServiceContext) -> str | None:
    """The owner the viewer acts for: "" when the service has no keys, None when a key is needed."""
    keys = context.settings.api_key_list()
    if not keys:
        return ""
    given = request.cookies.get(COOKIE, "")
    return owner_of_key(given) if key_is_valid(given, keys) else None
