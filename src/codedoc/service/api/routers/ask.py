"""POST /api/v1/jobs/{id}/ask: cited results, or a written answer (streamed or whole)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from codedoc.ask.answer import AnswerEvents, known_names, stream_answer
from codedoc.errors import CodeDocError
from codedoc.service.api.deps import OwnedJob, Owner
from codedoc.service.api.errors import ApiError
from codedoc.service.api.schemas import ErrorResponse
from codedoc.service.ask import AskService

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "API key missing or wrong"},
    404: {"model": ErrorResponse, "description": "No such job (or not yours)"},
    409: {"model": ErrorResponse, "description": "The job has no index yet, or no LLM is configured"},
    422: {"model": ErrorResponse, "description": "Invalid question"},
    429: {"model": ErrorResponse, "description": "Too many questions"},
}

router = APIRouter(prefix="/api/v1/jobs", tags=["ask"], responses=_ERRORS)


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=1000, description="A question in plain words, or names.")
    limit: int = Field(default=8, ge=1, le=25, description="How many results (offline) or excerpts (answer).")
    answer: bool = Field(default=False, description="Write an answer with the service's LLM (else cited results).")
    stream: bool = Field(default=False, description="With answer: stream it as server-sent events.")


def ask_service(request: Request) -> AskService:
    service: AskService = request.app.state.ask
    return service


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_stream(events: AnswerEvents, done: Any = None) -> Iterator[str]:
    """`piece` events as checked text arrives, then `done` with the whole answer and its accounting."""
    try:
        for piece in events:
            yield sse("piece", {"text": piece})
    except CodeDocError as error:  # the provider failed for good: said in the stream, not a cut-off response
        yield sse("error", {"message": str(error)[:300]})
        return
    yield sse("done", done(events.answer) if done else events.answer.to_json())


@router.post("/{job_id}/ask", responses={200: {"content": {"text/event-stream": {}}}})
def ask(job: OwnedJob, body: AskRequest, request: Request, owner: Owner) -> Response:
    """Ask a question about the job's repository: every result and claim is cited `path:start-end`."""
    service = ask_service(request)
    service.check_rate(owner, request.client.host if request.client else "?")
    index = service.index(job)
    if not body.answer:
        return JSONResponse(index.search(body.question, limit=body.limit).to_json())
    settings = service.llm()
    if settings is None:
        raise ApiError(409, "no_llm", "this service has no LLM configured; ask without `answer` for cited results")
    events = stream_answer(index, body.question, settings, known=known_names(index), limit=body.limit)
    if body.stream:
        return StreamingResponse(
            answer_stream(events), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )
    for _piece in events:
        pass
    return JSONResponse(events.answer.to_json())
