"""Job events for every open stream of this process, from one database poll.

Each event stream subscribes to its job; one task per process polls the database for all
subscribed jobs at once (one query, whatever the number of streams) and wakes the streams whose
job changed. Streams are capped per client and in total, so open connections cannot pile up.
The database stays the source of truth, so this works whichever process or machine runs the job.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from codedoc.service.db.models import Job
from codedoc.service.jobs.state import JobStateMachine

logger = logging.getLogger("codedoc.service.api")

POLL_SECONDS = 0.5


class TooManyStreams(Exception):
    """The client, or the whole process, has as many event streams open as allowed."""


@dataclass(eq=False)
class Subscription:
    job_id: str
    client: str
    latest: Job | None
    """The job as last seen; None once it was deleted."""
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def offer(self, job: Job | None) -> None:
        if job is None or self.latest is None or _snapshot(job) != _snapshot(self.latest):
            self.latest = job
            self.changed.set()


def _snapshot(job: Job) -> tuple[object, ...]:
    return (job.status, job.progress, job.current_step, job.step_detail, job.updated_at)


class JobEventHub:
    def __init__(
        self, state: JobStateMachine, *, max_streams: int, max_per_client: int, poll_seconds: float = POLL_SECONDS
    ) -> None:
        self._state = state
        self._max_streams = max_streams
        self._max_per_client = max_per_client
        self._poll_seconds = poll_seconds
        self._subscriptions: set[Subscription] = set()
        self._per_client: Counter[str] = Counter()
        self._poller: asyncio.Task[None] | None = None

    @property
    def open_streams(self) -> int:
        return len(self._subscriptions)

    def subscribe(self, job: Job, *, client: str) -> Subscription:
        """Call from the event loop; raises `TooManyStreams` when a cap is reached."""
        if len(self._subscriptions) >= self._max_streams:
            raise TooManyStreams(f"the server has {self._max_streams} event streams open; try again later")
        if self._per_client[client] >= self._max_per_client:
            raise TooManyStreams(f"you have {self._max_per_client} event streams open; close one first")
        subscription = Subscription(job.id, client, job)
        self._subscriptions.add(subscription)
        self._per_client[client] += 1
        if self._poller is None or self._poller.done():
            self._poller = asyncio.get_running_loop().create_task(self._poll(), name="codedoc-job-events")
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        if subscription in self._subscriptions:
            self._subscriptions.discard(subscription)
            self._per_client[subscription.client] -= 1
            if self._per_client[subscription.client] <= 0:
                del self._per_client[subscription.client]

    async def _poll(self) -> None:
        while self._subscriptions:
            await asyncio.sleep(self._poll_seconds)
            job_ids = sorted({subscription.job_id for subscription in self._subscriptions})
            if not job_ids:
                return
            try:
                jobs = await run_in_threadpool(self._state.get_many, job_ids)
            except Exception:  # the database blinked: the streams wait for the next round
                logger.warning("could not read jobs for their event streams", exc_info=True)
                continue
            polled = set(job_ids)
            for subscription in list(self._subscriptions):
                # A stream that subscribed while the query ran waits for the next round.
                if subscription.job_id in polled:
                    subscription.offer(jobs.get(subscription.job_id))
