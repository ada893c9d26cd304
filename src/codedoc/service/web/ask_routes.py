"""The viewer's Ask box: `/jobs/{id}/ask?q=` answers with cited results as a plain HTML page (no
script needed); when the service has an LLM, `ask.js` streams a written, checked answer from
`/jobs/{id}/ask/answer?q=` into the same page, with every citation a permalink."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from codedoc.ask.answer import WrittenAnswer, known_names, stream_answer
from codedoc.ask.index import AskIndex
from codedoc.service.api.deps import Context
from codedoc.service.api.errors import ApiError
from codedoc.service.api.routers.ask import answer_stream
from codedoc.service.ask import AskService
from codedoc.service.web.routes import _completed_site, _job, page, page_url

router = APIRouter(include_in_schema=False)
MAX_QUESTION = 1000


def _service(request: Request) -> AskService:
    service: AskService = request.app.state.ask
    return service


def _viewer_index(service: AskService, job: Any) -> AskIndex | None:
    try:
        return service.index(job)
    except ApiError:
        return None


@router.get("/jobs/{job_id}/ask")
def ask_page(
    request: Request, context: Context, job_id: str, q: Annotated[str, Query(max_length=MAX_QUESTION)] = ""
) -> HTMLResponse:
    job, _owner = _job(request, context, job_id)
    site = _completed_site(context, job)
    service = _service(request)
    index = _viewer_index(service, job)
    # Offline results cost what the viewer's search costs; only written answers count against the limit.
    hits = index.search(q, limit=10).hits if index is not None and q.strip() else ()
    streams = bool(q.strip()) and index is not None and service.llm() is not None
    return page(
        request,
        "ask.html",
        job=job,
        site=site,
        current=None,
        query="",
        ask_query=q,
        hits=hits,
        has_index=index is not None,
        answer_url=f"/jobs/{job.id}/ask/answer?q={quote(q)}" if streams else "",
        page_url=lambda target, anchor="": page_url(job.id, target, anchor or ""),
    )


@router.get("/jobs/{job_id}/ask/answer")
async def ask_answer(
    request: Request, context: Context, job_id: str, q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION)]
) -> StreamingResponse:
    job, owner = await run_in_threadpool(_job, request, context, job_id)
    service = _service(request)
    index = await run_in_threadpool(service.index, job)
    settings = service.llm()
    if settings is None:
        raise ApiError(409, "no_llm", "this service has no LLM configured")
    service.check_rate(owner, request.client.host if request.client else "?")
    known = await run_in_threadpool(known_names, index)
    # Retrieval and redaction are blocking work: kept off the event loop like the answer's stream.
    events = await run_in_threadpool(lambda: stream_answer(index, q, settings, known=known))

    def done(answer: WrittenAnswer) -> dict[str, Any]:
        data = answer.to_json()
        data["links"] = {
            str(citation): index.citation(citation.path, citation.start_line, citation.end_line).permalink
            for citation in answer.report.citations
        }
        return data

    return StreamingResponse(
        answer_stream(events, done), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )
