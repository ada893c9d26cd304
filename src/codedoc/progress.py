"""Progress reporting: the pipeline calls a callback; the CLI draws a bar, the service persists it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    CLONE = "clone"
    SCAN = "scan"
    ANALYZE = "analyze"
    PLAN = "plan"
    WRITE = "write"
    VERIFY = "verify"
    PUBLISH = "publish"


# Share of the whole job each stage usually takes, so `overall` moves evenly.
_STAGE_WEIGHTS: dict[Stage, int] = {
    Stage.CLONE: 15,
    Stage.SCAN: 5,
    Stage.ANALYZE: 40,
    Stage.PLAN: 2,
    Stage.WRITE: 25,
    Stage.VERIFY: 5,
    Stage.PUBLISH: 8,
}


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    stage: Stage
    fraction: float
    """Progress within the stage, 0.0 to 1.0."""
    message: str = ""

    @property
    def overall(self) -> int:
        """Progress of the whole pipeline, 0 to 100."""
        done = 0
        for stage, weight in _STAGE_WEIGHTS.items():
            if stage == self.stage:
                return min(100, int(done + weight * max(0.0, min(1.0, self.fraction))))
            done += weight
        return 100


ProgressCallback = Callable[[ProgressEvent], None]
CancelCheck = Callable[[], bool]


def ignore_progress(event: ProgressEvent) -> None:
    """The default callback: report nothing."""
