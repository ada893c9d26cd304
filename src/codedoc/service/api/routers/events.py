"""/api/v1/jobs/{id}/events: Server-Sent Events, one per progress change, then `end`."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from codedoc.service.api.deps import Context, OwnedJob, Owner
from codedoc.service.api.errors import ApiError
from codedoc.service.api.job_events import JobEventHub, TooManyStreams
from codedoc.service.api.schemas import ErrorResponse
from codedoc.service.api.views import job_out
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import Job, JobStatus

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])

KEEPALIVE_SECONDS = 15.0
MAX_STREAM_SECONDS = 3600.0


def _event(name: str, data: dict[str, Any]) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, default=str)}\n\n".encode()


@router.get(
    "/{job_id}/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "`progress` events (the job as JSON) on every change, then one `end` event",
        },
        401: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        429: {"model": ErrorResponse},
    },
)
async def job_events(job: OwnedJob, request: Request, context: Context, owner: Owner) -> StreamingResponse:
    return job_event_stream(job, request, context, owner)


def _client_key(request: Request, owner: str) -> str:
    """Streams are counted per API key when there are keys, else per address."""
    if owner:
        return f"key:{owner}"
    client = request.client
    return f"ip:{client.host if client else '?'}"


def job_event_stream(job: Job, request: Request, context: ServiceContext, owner: str) -> StreamingResponse:
    """The job's progress as Server-Sent Events (also used by the web viewer's job page)."""
    hub: JobEventHub = request.app.state.job_events
    try:
        subscription = hub.subscribe(job, client=_client_key(request, owner))
    except TooManyStreams as error:
        raise ApiError(429, "too_many_streams", str(error), headers={"Retry-After": "10"}) from None

    async def stream() -> AsyncIterator[bytes]:
        try:
            current: Job | None = job
            last: tuple[Any, ...] | None = None
            started = time.monotonic()
            yield b"retry: 2000\n\n"
            while True:
                if current is None:
                    yield _event("end", {"id": job.id, "status": "deleted"})
                    return
                snapshot = (current.status, current.progress, current.current_step, current.step_detail)
                if snapshot != last:
                    last = snapshot
                    payload = job_out(current, request).model_dump(mode="json")
                    if JobStatus(current.status).is_terminal:
                        yield _event("end", payload)
                        return
                    yield _event("progress", payload)
                if time.monotonic() - started > MAX_STREAM_SECONDS or await request.is_disconnected():
                    return
                try:
                    await asyncio.wait_for(subscription.changed.wait(), timeout=KEEPALIVE_SECONDS)
                except TimeoutError:
                    yield b": keep-alive\n\n"
                    continue
                subscription.changed.clear()
                current = subscription.latest
        finally:
            hub.unsubscribe(subscription)

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )
