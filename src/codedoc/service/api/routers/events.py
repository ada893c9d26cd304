"""/api/v1/jobs/{id}/events: Server-Sent Events, one per progress change, then `end`."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from codedoc.service.api.deps import Context, OwnedJob, Owner
from codedoc.service.api.schemas import ErrorResponse
from codedoc.service.api.views import job_out
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import Job, JobStatus

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"])

POLL_SECONDS = 0.5
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


def job_event_stream(job: Job, request: Request, context: ServiceContext, owner: str) -> StreamingResponse:
    """The job's progress as Server-Sent Events (also used by the web viewer's job page)."""

    # Polls the database, so it works whichever process or machine runs the job.
    async def stream() -> AsyncIterator[bytes]:
        current = job
        last: tuple[Any, ...] | None = None
        started = last_sent = time.monotonic()
        yield b"retry: 2000\n\n"
        while True:
            snapshot = (current.status, current.progress, current.current_step, current.step_detail)
            if snapshot != last:
                last, last_sent = snapshot, time.monotonic()
                payload = job_out(current, request).model_dump(mode="json")
                if JobStatus(current.status).is_terminal:
                    yield _event("end", payload)
                    return
                yield _event("progress", payload)
            elif time.monotonic() - last_sent >= KEEPALIVE_SECONDS:
                last_sent = time.monotonic()
                yield b": keep-alive\n\n"
            if time.monotonic() - started > MAX_STREAM_SECONDS or await request.is_disconnected():
                return
            await asyncio.sleep(POLL_SECONDS)
            refreshed = await run_in_threadpool(context.state.get, job.id, owner=owner)
            if refreshed is None:
                yield _event("end", {"id": job.id, "status": "deleted"})
                return
            current = refreshed

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )
