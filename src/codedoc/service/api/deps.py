"""Dependencies shared by the routers: the service context, the caller's identity, their job."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from codedoc.service.api.errors import ApiError, not_found
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import Job

_bearer = HTTPBearer(auto_error=False, description="Needed when the server sets CODEDOC_API_KEYS.")


def get_context(request: Request) -> ServiceContext:
    context: ServiceContext = request.app.state.context
    return context


Context = Annotated[ServiceContext, Depends(get_context)]


def owner_of_key(key: str) -> str:
    """Jobs remember a digest of the key that made them, never the key."""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def key_is_valid(given: str, keys: list[str]) -> bool:
    """Whether `given` is one of the service's API keys (the API's bearer token or the viewer's cookie)."""
    # Compare against every key, so the time taken says nothing about which one nearly matched.
    matches = [hmac.compare_digest(given.encode(), key.encode()) for key in keys]
    return bool(given) and any(matches)


def get_owner(context: Context, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    keys = context.settings.api_key_list()
    if not keys:
        return ""
    given = credentials.credentials if credentials is not None else ""
    if not key_is_valid(given, keys):
        raise ApiError(
            401,
            "unauthorized",
            "an API key is required: send Authorization: Bearer <key>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return owner_of_key(given)


Owner = Annotated[str, Depends(get_owner)]

JobId = Annotated[str, Path(max_length=64, description="The job's id.")]


def get_job(job_id: JobId, context: Context, owner: Owner) -> Job:
    """The caller's job; someone else's job is reported missing (404), not forbidden."""
    job = context.state.get(job_id, owner=owner)
    if job is None:
        raise not_found()
    return job


OwnedJob = Annotated[Job, Depends(get_job)]
