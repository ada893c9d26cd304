"""What the CLI shows while it works: a progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from codedoc.progress import ProgressCallback, ProgressEvent, Stage


@contextmanager
def progress_reporter(*, quiet: bool = False, console: Console | None = None) -> Iterator[ProgressCallback]:
    """A progress callback drawing a bar on a TTY (stderr) and one line per stage otherwise."""
    console = console or Console(stderr=True)
    if quiet:
        yield lambda event: None
        return
    if not console.is_terminal:
        seen: set[Stage] = set()

        def plain(event: ProgressEvent) -> None:
            if event.stage not in seen and event.fraction < 1.0:
                seen.add(event.stage)
                print(f"[{event.overall:3d}%] {event.stage.value}: {event.message}", file=sys.stderr, flush=True)

        yield plain
        return
    bar = Progress(
        TextColumn("[bold]{task.fields[stage]:<8}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        # No refresh thread: the bar is redrawn on each event instead. A thread would keep the
        # pipeline from forking the ask index onto the other core (it never forks beside threads).
        auto_refresh=False,
    )
    task: TaskID = bar.add_task("starting", total=100, stage="")

    def draw(event: ProgressEvent) -> None:
        bar.update(task, completed=event.overall, description=event.message[:60], stage=event.stage.value)
        bar.refresh()

    with bar:
        yield draw
