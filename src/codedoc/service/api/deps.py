"""Dependencies shared by the routers: the service context, the caller's identity, their job."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from codedoc.errors import GitHostError
from codedoc.service.api.errors import ApiError, from_codedoc_error, not_found
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import Job

_bearer = HTTPBearer(auto_error=False, description="Needed when the server sets CODEDOC_API_KEYS.")


def get_context(request: Request) -> ServiceContext:
    context: ServiceContext = request.app.state.context
    return context


Context = Annotated[ServiceContext, Depends(get_context)]


def key_is_valid(given: str, keys: list[str]) -> bool:
    """Whether `given` is one of the service's API keys (the API's bearer token or the viewer's cookie)."""
    # Compare against every key, so the time taken says nothing about which one nearly matched.
    matches = [hmac.compare_digest(given.encode(), key.encode()) for key in keys]
    return bool(given) and any(matches)


def owner_of_key(context: ServiceContext, given: str) -> str:
    """The owner an API key stands for: "" when the service has no keys, 401 when `given` is not one of them.

    The REST API and the MCP endpoint both check keys here."""
    keys = context.settings.api_key_list()
    if not keys:
        return ""
    if not key_is_valid(given, keys):
        raise ApiError(
            401,
            "unauthorized",
            "an API key is required: send Authorization: Bearer <key>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    # Jobs remember a salted HMAC of the key that made them, never the key.
    return context.owners.of_key(given)


def get_owner(context: Context, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    return owner_of_key(context, credentials.credentials if credentials is not None else "")


Owner = Annotated[str, Depends(get_owner)]

JobId = Annotated[str, Path(max_length=64, description="The job's id.")]


def get_job(job_id: JobId, context: Context, owner: Owner) -> Job:
    """The caller's job; someone else's job is reported missing (404), not forbidden."""
    job = context.state.get(job_id, owner=owner)
    if job is None or not job_readable(context, job):
        raise not_found()
    return job


def job_readable(context: ServiceContext, job: Job) -> bool:
    """A GitHub repository's docs are shown only while GitHub says the job's user may read it."""
    if job.user_id is None and job.repository_private is not False:
        return True
    try:
        return context.accounts.can_read(job)
    except GitHostError as error:
        raise from_codedoc_error(error) from None


OwnedJob = Annotated[Job, Depends(get_job)]
