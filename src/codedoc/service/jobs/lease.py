"""Keeping a lease alive while a job runs, and the stop check the pipeline polls."""

from __future__ import annotations

import logging
import threading
import time

from codedoc.service.jobs.state import JobStateMachine, Lease

logger = logging.getLogger("codedoc.service.jobs")


class Heartbeat:
    """Renews the lease every `interval` seconds in a thread; notices when the lease is lost."""

    def __init__(self, state: JobStateMachine, lease: Lease, *, interval: float, lease_seconds: float) -> None:
        self._state = state
        self._lease = lease
        self._interval = interval
        self._lease_seconds = lease_seconds
        self._stopped = threading.Event()
        self.lost = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{lease.job_id[:8]}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopped.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stopped.wait(self._interval):
            try:
                if not self._state.heartbeat(self._lease, lease_seconds=self._lease_seconds):
                    logger.warning("lost the lease on job %s; stopping it", self._lease.job_id)
                    self.lost.set()
                    return
            except Exception:
                # The database blinked: keep trying; if it stays away the lease expires on its own.
                logger.warning("could not renew the lease on job %s", self._lease.job_id, exc_info=True)


class StopCheck:
    """`should_cancel` for the pipeline: cancelled, deleted, lease lost, or out of time."""

    def __init__(
        self, state: JobStateMachine, lease: Lease, heartbeat: Heartbeat, *, timeout: float, min_interval: float = 0.5
    ) -> None:
        self._state = state
        self._lease = lease
        self._heartbeat = heartbeat
        self._deadline = time.monotonic() + timeout
        self._min_interval = min_interval
        self._last_check = 0.0
        self._stop = False
        self.timed_out = False

    @property
    def lease_lost(self) -> bool:
        return self._heartbeat.lost.is_set()

    def __call__(self) -> bool:
        if self._stop:
            return True
        now = time.monotonic()
        if now >= self._deadline:
            self.timed_out = self._stop = True
        elif self.lease_lost:
            self._stop = True
        elif now - self._last_check >= self._min_interval:
            # The pipeline may poll often (e.g. while git runs); the database is asked at most twice a second.
            self._last_check = now
            try:
                self._stop = self._state.should_stop(self._lease)
            except Exception:
                logger.warning("could not check job %s for cancellation", self._lease.job_id, exc_info=True)
        return self._stop
