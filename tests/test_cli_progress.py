"""The CLI's progress bar on a terminal: drawn on each event, with no thread of its own — a thread
would keep `generate` from building the ask index in a second process."""

from __future__ import annotations

import io
import threading

from rich.console import Console

from codedoc.cli.output import progress_reporter
from codedoc.progress import ProgressEvent, Stage


def test_the_terminal_bar_draws_each_event_without_a_refresh_thread() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    before = threading.active_count()
    with progress_reporter(console=console) as report:
        report(ProgressEvent(Stage.ANALYZE, 0.5, "analysing 12 files"))
        assert threading.active_count() == before
        assert "analysing 12 files" in screen.getvalue()
        report(ProgressEvent(Stage.WRITE, 0.5, "writing pages"))
        assert "writing pages" in screen.getvalue()
    assert threading.active_count() == before
