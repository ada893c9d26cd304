"""The job queue: Huey, on SQLite (embedded, durable) or Redis, chosen by one URL.

The queue only carries job ids. The job row is the truth: a task for a job that is no longer
pending does nothing, so duplicate or stale tasks are harmless and the sweeper may re-enqueue
freely.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

logger = logging.getLogger("codedoc.service.queue")

TASK_NAME = "codedoc.run_job"
JobHandler = Callable[[str], None]


class QueueError(Exception):
    """The queue cannot be reached."""


class JobQueue:
    def __init__(self, url: str, *, name: str = "codedoc") -> None:
        self.url = url
        self.huey = _create_huey(url, name)
        self._handler: JobHandler | None = None

        @self.huey.task(name=TASK_NAME)
        def run_job(job_id: str) -> None:
            if self._handler is None:
                raise RuntimeError("this process does not run jobs")
            self._handler(job_id)

        self._task = run_job

    def set_handler(self, handler: JobHandler) -> None:
        """Make this process a worker: `handler(job_id)` runs each dequeued job."""
        self._handler = handler

    def enqueue(self, job_id: str, *, delay: float = 0.0) -> None:
        try:
            if delay > 0:
                self._task.schedule((job_id,), delay=delay)
            else:
                self._task(job_id)
        except Exception as error:  # redis/sqlite raise many kinds; callers need one
            raise QueueError(f"the job queue cannot be reached: {type(error).__name__}") from error

    def depth(self) -> int:
        """Tasks waiting: queued now plus scheduled for later (retries)."""
        try:
            return int(self.huey.pending_count()) + int(self.huey.scheduled_count())
        except Exception as error:
            raise QueueError(f"the job queue cannot be reached: {type(error).__name__}") from error

    def check(self) -> None:
        self.depth()

    def consumer(self, *, workers: int, poll_seconds: float, embedded: bool) -> Consumer:
        """A Huey consumer with thread workers; `embedded` ones leave signal handling to the host."""
        consumer_class = _EmbeddedConsumer if embedded else Consumer
        return consumer_class(
            self.huey,
            workers=workers,
            worker_type="thread",
            periodic=False,
            initial_delay=min(0.1, poll_seconds),
            max_delay=poll_seconds,
            backoff=1.5,
            check_worker_health=True,
        )

    def close(self) -> None:
        try:
            self.huey.storage.close()
        except Exception:  # closing is best effort
            logger.debug("closing the queue storage failed", exc_info=True)


class _EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """Runs inside `codedoc serve`: uvicorn owns the signals, so the consumer must not take them."""

    def _set_signal_handlers(self) -> None:
        pass


def _create_huey(url: str, name: str) -> Huey:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(path), results=False, utc=True)
    # Blocking pops with a short read timeout: idle workers wake at once and still stop quickly.
    return RedisHuey(name, url=url, results=False, utc=True, blocking=True, read_timeout=1)
