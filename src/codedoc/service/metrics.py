"""Prometheus metrics: jobs by status, stage durations, queue depth, HTTP latency.

Each app owns its registry, so several apps (tests, benchmarks) can live in one process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

logger = logging.getLogger("codedoc.service.metrics")

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _LiveCollector(Collector):
    """Figures read at scrape time from the database and the queue (shared by all processes)."""

    def __init__(self, jobs_by_status: Callable[[], dict[str, int]], queue_depth: Callable[[], int]) -> None:
        self._jobs_by_status = jobs_by_status
        self._queue_depth = queue_depth

    def collect(self) -> Iterator[Metric]:
        jobs = GaugeMetricFamily("codedoc_jobs", "Jobs by status.", labels=["status"])
        try:
            for status, count in sorted(self._jobs_by_status().items()):
                jobs.add_metric([status], count)
        except Exception:  # a scrape must not fail because the database blinked
            logger.warning("could not count jobs for metrics", exc_info=True)
        yield jobs
        depth = GaugeMetricFamily("codedoc_queue_depth", "Tasks waiting in the queue (now or scheduled).")
        try:
            depth.add_metric([], self._queue_depth())
        except Exception:
            logger.warning("could not read the queue depth for metrics", exc_info=True)
        yield depth


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.http_latency = Histogram(
            "codedoc_http_request_duration_seconds",
            "HTTP request latency.",
            ["method", "route", "status"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.stage_duration = Histogram(
            "codedoc_stage_duration_seconds",
            "Time spent in each pipeline stage (jobs run by this process).",
            ["stage"],
            registry=self.registry,
            buckets=(0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600),
        )
        self.job_outcomes = Counter(
            "codedoc_job_outcomes",
            "Attempts finished by this process, by outcome.",
            ["outcome"],
            registry=self.registry,
        )

    def watch(self, *, jobs_by_status: Callable[[], dict[str, int]], queue_depth: Callable[[], int]) -> None:
        self.registry.register(_LiveCollector(jobs_by_status, queue_depth))

    def observe_stages(self, timings: dict[str, float]) -> None:
        for stage, seconds in timings.items():
            self.stage_duration.labels(stage=stage).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
