"""The docstrings stage on a source: acquire → scan → analyze → plan, write and insert, with the
checkout still on disk while the files are read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from codedoc.docstrings.run import DocstringRun, DocstringWriter, add_docstrings
from codedoc.errors import JobCancelled
from codedoc.progress import CancelCheck
from codedoc.scan import scan

if TYPE_CHECKING:
    from codedoc.pipeline import GenerateOptions

StageProgress = Callable[[float, str], None]


def docstrings_for_source(
    source: str,
    options: GenerateOptions,
    *,
    writer: DocstringWriter | None = None,
    include_tests: bool = False,
    plan_only: bool = False,
    progress: StageProgress | None = None,
    should_cancel: CancelCheck | None = None,
) -> tuple[DocstringRun, str | None]:
    """The run for `source` at `options.ref`, and the commit it was made at (when known)."""
    from codedoc.analyze import analyze

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    def check_cancel() -> None:
        if should_cancel is not None and should_cancel():
            raise JobCancelled("the job was cancelled")

    report(0.0, f"fetching {source}")
    with options.checkout(source, should_cancel=should_cancel) as checkout:
        check_cancel()
        report(0.1, "listing files")
        scanned = scan(checkout.root, limits=options.scan_limits)
        check_cancel()
        report(0.2, f"analysing {len(scanned.files)} files")
        model = analyze(checkout, scanned, cache_dir=options.cache_dir, workers=options.workers)
        check_cancel()
        report(0.5, "writing docstrings")
        run = add_docstrings(
            checkout.root,
            model,
            writer=writer,
            include_tests=include_tests,
            plan_only=plan_only,
            progress=lambda fraction, message: report(0.5 + fraction * 0.5, message),
        )
        return run, checkout.commit_sha
