"""Small stand-ins for `codedoc.pipeline.generate`, for tests of job machinery (not of the pipeline).

Also loadable by a worker subprocess through `CODEDOC_PIPELINE=service_pipelines:<name>`. Control
files live next to the worker's data folder (`options.work_dir.parent`), so each test has its own.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from codedoc.errors import JobCancelled, RepositoryNotFound, TransientAcquireError
from codedoc.pipeline import GenerateOptions
from codedoc.progress import ProgressEvent, Stage

GATE = "gate"
"""Create this file in the data folder to let `gated` jobs finish."""


def _data_dir(options: GenerateOptions) -> Path:
    """The service's data folder: `work_dir` is the attempt's folder, `<data_dir>/work/job-…`."""
    assert options.work_dir is not None
    return next(folder.parent for folder in options.work_dir.parents if folder.name == "work")


def clones_then_gated(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    """Clones `source` for real (into the attempt's folder), then waits at the gate holding the clone."""
    from codedoc.acquire import acquire

    _stage(Stage.CLONE, progress, should_cancel)
    with acquire(
        source,
        url_policy=options.url_policy,
        limits=options.acquire_limits,
        work_dir=options.work_dir,
        should_cancel=should_cancel,
    ):
        progress(ProgressEvent(Stage.ANALYZE, 0.5, "cloned; waiting at the gate"))
        gate = _data_dir(options) / GATE
        while not gate.exists():
            if should_cancel():
                raise JobCancelled("the job was cancelled")
            time.sleep(0.02)
    return quick(source, output, options, progress=progress, should_cancel=should_cancel)


def _stage(stage: Stage, progress: Any, should_cancel: Any) -> None:
    if should_cancel is not None and should_cancel():
        raise JobCancelled("the job was cancelled")
    progress(ProgressEvent(stage, 0.0, f"{stage.value}…"))
    progress(ProgressEvent(stage, 1.0, f"{stage.value} done"))


def _write_site(source: str, output: Path) -> None:
    (output / "docs").mkdir(parents=True, exist_ok=True)
    (output / "documentation.md").write_text(f"# Documentation of {source}\n", encoding="utf-8")
    (output / "codedoc.json").write_text(json.dumps({"source": source}), encoding="utf-8")
    (output / "docs" / "index.md").write_text("# Overview\n", encoding="utf-8")
    (output / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")


def _result() -> SimpleNamespace:
    repository = SimpleNamespace(commit_sha="0123456789abcdef0123456789abcdef01234567")
    return SimpleNamespace(model=SimpleNamespace(repository=repository), timings={"clone": 0.01, "analyze": 0.02})


def _count_attempt(options: GenerateOptions, name: str) -> int:
    counter = _data_dir(options) / f"attempts-{name}"
    count = int(counter.read_text()) + 1 if counter.exists() else 1
    counter.write_text(str(count))
    return count


def quick(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    for stage in Stage:
        _stage(stage, progress, should_cancel)
    _write_site(source, output)
    return _result()


def gated(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    """Stops in the analyze stage until the gate file exists (or the job is cancelled)."""
    _count_attempt(options, "gated")
    _stage(Stage.CLONE, progress, should_cancel)
    _stage(Stage.SCAN, progress, should_cancel)
    progress(ProgressEvent(Stage.ANALYZE, 0.5, "waiting at the gate"))
    gate = _data_dir(options) / GATE
    while not gate.exists():
        if should_cancel():
            raise JobCancelled("the job was cancelled")
        time.sleep(0.02)
    return quick(source, output, options, progress=progress, should_cancel=should_cancel)


def transient_once(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    if _count_attempt(options, "transient") == 1:
        raise TransientAcquireError("the Git host did not answer")
    return quick(source, output, options, progress=progress, should_cancel=should_cancel)


def always_transient(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    _count_attempt(options, "always")
    raise TransientAcquireError("the Git host did not answer")


def not_found(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    _count_attempt(options, "not_found")
    raise RepositoryNotFound("repository not found or private: pass an access_token")


def crashes(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    raise RuntimeError("Traceback secret internals /srv/app.py line 3")


def records_token(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    (_data_dir(options) / "token-seen").write_text(options.access_token or "", encoding="utf-8")
    return quick(source, output, options, progress=progress, should_cancel=should_cancel)


def kills_worker(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    """Dies like an out-of-memory kill would, in the analyze stage, every time."""
    _count_attempt(options, "kills")
    _stage(Stage.CLONE, progress, should_cancel)
    progress(ProgressEvent(Stage.ANALYZE, 0.3, "about to die"))
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def counted(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
    """Appends one line per run, so a test can prove no job ran twice."""
    with (_data_dir(options) / "runs.log").open("a", encoding="utf-8") as log:
        log.write(source + "\n")
    return quick(source, output, options, progress=progress, should_cancel=should_cancel)
