"""A worker: Huey consumer threads running jobs, plus the sweeper. Embedded in `serve` or standalone."""

from __future__ import annotations

import logging

from huey.consumer import Consumer

from codedoc.service.context import ServiceContext
from codedoc.service.jobs.runner import JobRunner, Pipeline
from codedoc.service.jobs.sweeper import Sweeper
from codedoc.service.jobs.workspaces import remove_orphan_workspaces

logger = logging.getLogger("codedoc.service.worker")


class Worker:
    def __init__(self, context: ServiceContext, *, pipeline: Pipeline | None = None, embedded: bool) -> None:
        settings = context.settings
        self.context = context
        self.runner: JobRunner = context.runner(pipeline)
        self.sweeper = Sweeper(
            context.state,
            context.queue,
            interval=settings.sweep_seconds,
            # A pending job this old without a worker picking it up may have lost its queue entry.
            stale_pending_after=max(600.0, 10 * settings.lease_seconds),
            work_dir=settings.work_dir,
        )
        context.queue.set_handler(self.runner.run)
        self.consumer: Consumer = context.queue.consumer(
            workers=settings.workers, poll_seconds=settings.poll_seconds, embedded=embedded
        )

    def remove_orphan_workspaces(self) -> None:
        """Folders of attempts killed before they could clean up (this machine's earlier processes)."""
        try:
            remove_orphan_workspaces(self.context.settings.work_dir, self.context.state)
        except Exception:  # a start-up chore: never a reason not to start
            logger.warning("could not remove the workspaces of earlier attempts", exc_info=True)

    def start(self) -> None:
        """Run in background threads (inside `codedoc serve`)."""
        self.remove_orphan_workspaces()
        self.sweeper.start()
        self.consumer.start()
        logger.info("worker %s started with %d job threads", self.runner.worker_id, self.context.settings.workers)

    def stop(self) -> None:
        self.consumer.stop(graceful=False)
        self.sweeper.stop()
        self.release_leases()

    def run_forever(self) -> None:
        """Run in the foreground (`codedoc worker`) until SIGINT/SIGTERM."""
        self.remove_orphan_workspaces()
        self.sweeper.start()
        logger.info("worker %s starting with %d job threads", self.runner.worker_id, self.context.settings.workers)
        try:
            self.consumer.run()
        finally:
            self.sweeper.stop()
            self.release_leases()

    def release_leases(self) -> None:
        """Hand running jobs back to the queue so another worker starts them without waiting for the lease."""
        for lease in list(self.runner.active.values()):
            try:
                if self.context.state.release(lease):
                    self.context.queue.enqueue(lease.job_id)
                    logger.info("job %s handed back to the queue", lease.job_id)
            except Exception:
                logger.warning("could not hand job %s back; its lease will expire", lease.job_id, exc_info=True)
