"""Pipeline progress → the job row, at every stage change and at most a few times a second otherwise."""

from __future__ import annotations

import logging
import time

from codedoc.progress import ProgressEvent
from codedoc.service.jobs.state import JobStateMachine, Lease

logger = logging.getLogger("codedoc.service.jobs")

# 100 means "done and stored": the pipeline's own 100 still has the upload ahead of it.
MAX_RUNNING_PROGRESS = 99


class ProgressRecorder:
    def __init__(self, state: JobStateMachine, lease: Lease, *, min_interval: float = 0.3) -> None:
        self._state = state
        self._lease = lease
        self._min_interval = min_interval
        self._last: tuple[str, int] | None = None
        self._last_write = 0.0

    def __call__(self, event: ProgressEvent) -> None:
        self.record(event.stage.value, event.overall, event.message)

    def record(self, step: str, overall: int, detail: str = "") -> None:
        progress = min(MAX_RUNNING_PROGRESS, overall)
        now = time.monotonic()
        stage_changed = self._last is None or self._last[0] != step
        if not stage_changed:
            if self._last is not None and self._last[1] == progress:
                return
            if now - self._last_write < self._min_interval:
                return
        self._last, self._last_write = (step, progress), now
        try:
            self._state.report(self._lease, step=step, progress=progress, detail=detail)
        except Exception:
            # Progress is informative; a failed write must not fail the job.
            logger.warning("could not record progress of job %s", self._lease.job_id, exc_info=True)
