"""/health and /metrics (`/` belongs to the web viewer, which answers scripts with name and version)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from codedoc.service.api.deps import Context
from codedoc.service.api.schemas import Health
from codedoc.service.metrics import CONTENT_TYPE

logger = logging.getLogger("codedoc.service.api")

router = APIRouter(tags=["service"])


def _probe(name: str, check: Callable[[], object]) -> str:
    try:
        check()
    except Exception:
        logger.warning("health check: %s is down", name, exc_info=True)
        return "unavailable"
    return "ok"


@router.get("/health", response_model=Health, responses={503: {"model": Health, "description": "Something is down"}})
def health(context: Context) -> JSONResponse:
    report = Health(
        status="healthy",
        database=_probe("database", context.state.ping),
        queue=_probe("queue", context.queue.check),
        storage=_probe("storage", context.storage.check),
    )
    healthy = report.database == report.queue == report.storage == "ok"
    if not healthy:
        report.status = "unhealthy"
    return JSONResponse(report.model_dump(), status_code=200 if healthy else 503)


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE: {}}}})
def metrics(context: Context) -> Response:
    return Response(content=context.metrics.render(), media_type=CONTENT_TYPE)
