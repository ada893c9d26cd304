"""The periodic sweep that keeps jobs from being lost when a worker dies (`kill -9`, OOM, power)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from codedoc.service.jobs.state import JobStateMachine, SweepResult
from codedoc.service.jobs.workspaces import remove_orphan_workspaces
from codedoc.service.queue import JobQueue, QueueError

logger = logging.getLogger("codedoc.service.sweeper")


class Sweeper:
    """Every worker runs one; conditional updates make concurrent sweeps safe."""

    def __init__(
        self,
        state: JobStateMachine,
        queue: JobQueue,
        *,
        interval: float,
        stale_pending_after: float,
        work_dir: Path | None = None,
    ) -> None:
        self._state = state
        self._work_dir = work_dir
        self._queue = queue
        self._interval = interval
        self._stale_pending_after = stale_pending_after
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep_once(self) -> SweepResult:
        result = self._state.sweep(stale_pending_after=self._stale_pending_after)
        for job_id in result.requeued:
            logger.warning("job %s: its worker stopped responding; queued again", job_id)
        for job_id in result.failed:
            logger.warning("job %s: its worker stopped responding too often; failed", job_id)
        if result.taken_over and self._work_dir is not None:
            # The dead attempts' folders, if they were on this machine (a private clone must not outlive its job).
            remove_orphan_workspaces(self._work_dir, self._state)
        for job_id in result.to_enqueue:
            try:
                self._queue.enqueue(job_id)
            except QueueError:
                logger.warning("could not queue job %s; the next sweep tries again", job_id)
        return result

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="codedoc-sweeper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while True:
            try:
                self.sweep_once()
            except Exception:
                logger.warning("the sweep failed; trying again later", exc_info=True)
            if self._stopped.wait(self._interval):
                return
