"""The whole pipeline on one screen: acquire → scan → analyze → plan → write → verify → publish.

The CLI, the API worker and the benchmarks all call `generate` (or `build_model`). Progress goes
through a callback; cancellation is checked at every stage boundary.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from codedoc.acquire import AcquireLimits, Checkout, acquire
from codedoc.errors import JobCancelled
from codedoc.model import CodeModel, Verification
from codedoc.progress import CancelCheck, ProgressCallback, ProgressEvent, Stage, ignore_progress
from codedoc.scan import ScanLimits, scan
from codedoc.write.pages import Page, SitePlan
from codedoc.write.prose import NoExtraProse, ProseSource

if TYPE_CHECKING:
    from codedoc.acquire.url_policy import UrlPolicy
    from codedoc.publish.site import SiteFiles

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class GenerateOptions:
    ref: str | None = None
    commit: str | None = None
    """The full SHA `ref` resolved to when the job was asked for: documented even if `ref` moved since."""
    access_token: str | None = None
    url_policy: UrlPolicy | None = None
    """None for the CLI (the user's own choice of URL); the service always passes one."""
    acquire_limits: AcquireLimits = field(default_factory=AcquireLimits)
    scan_limits: ScanLimits = field(default_factory=ScanLimits)
    cache_dir: Path | None = None
    """Where per-file analysis is cached by content hash; None disables the cache."""
    workers: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 8)))
    prose: ProseSource = field(default_factory=NoExtraProse)
    work_dir: Path | None = None
    """Where temporary clones go (the system temporary folder when None)."""
    ask_index: bool = True
    """Publish the retrieval index (`ask.sqlite`, see `codedoc.ask`) with the site."""

    def checkout(
        self, source: str, *, should_cancel: CancelCheck | None = None
    ) -> contextlib.AbstractContextManager[Checkout]:
        """The source on disk at `ref`/`commit`, with these options' limits, token and URL policy."""
        return acquire(
            source,
            ref=self.ref,
            commit=self.commit,
            limits=self.acquire_limits,
            access_token=self.access_token,
            url_policy=self.url_policy,
            work_dir=self.work_dir,
            should_cancel=should_cancel,
        )


@dataclass(frozen=True)
class GenerateResult:
    model: CodeModel
    pages: tuple[Page, ...]
    output: Path | None
    timings: dict[str, float]
    """Seconds spent in each stage."""
    ask_index: Path | None = None
    """The retrieval index built for this run (published as `ask.sqlite`), if one was."""
    background: dict[str, float] = field(default_factory=dict)
    """Seconds of work done beside the stages: `ask_index` (the index's process, start to finish)
    and `ask_index_wait` (how long publishing waited for it), when it ran."""


class _Stages:
    """Times stages, reports their start and end, and checks for cancellation between them."""

    def __init__(self, progress: ProgressCallback, should_cancel: CancelCheck | None) -> None:
        self.progress = progress
        self.should_cancel = should_cancel
        self.timings: dict[str, float] = {}
        self._current: Stage | None = None
        self._started = 0.0

    def enter(self, stage: Stage, message: str = "") -> None:
        self._finish()
        if self.should_cancel is not None and self.should_cancel():
            raise JobCancelled("the job was cancelled")
        self._current, self._started = stage, time.perf_counter()
        self.progress(ProgressEvent(stage, 0.0, message or f"{stage.value}…"))

    def _finish(self) -> None:
        if self._current is not None:
            self.timings[self._current.value] = time.perf_counter() - self._started
            self.progress(ProgressEvent(self._current, 1.0, f"{self._current.value} done"))
            self._current = None

    def done(self) -> None:
        self._finish()


def build_model(
    source: str,
    options: GenerateOptions = GenerateOptions(),
    *,
    progress: ProgressCallback = ignore_progress,
    should_cancel: CancelCheck | None = None,
    on_checkout: Callable[[Path, CodeModel], None] | None = None,
    cache_model: bool = True,
    _stages: _Stages | None = None,
) -> CodeModel:
    """acquire → scan → analyze: the code model of `source` (a folder or a Git URL).

    `on_checkout` gets the checkout's folder and the model as soon as the model exists (before it
    is cached), while the checkout's files can still be read. With `cache_model` False the caller
    stores the model (`codedoc.analyze.orchestrate.store_model`) when it suits it."""
    from codedoc.analyze import analyze

    stages = _stages or _Stages(progress, should_cancel)
    stages.enter(Stage.CLONE, f"fetching {source}")
    with options.checkout(source, should_cancel=should_cancel) as checkout:
        stages.enter(Stage.SCAN, "listing files")
        scanned = scan(checkout.root, limits=options.scan_limits)
        stages.enter(Stage.ANALYZE, f"analysing {len(scanned.files)} files")
        model = analyze(
            checkout,
            scanned,
            cache_dir=options.cache_dir,
            workers=options.workers,
            progress=lambda fraction, message: progress(ProgressEvent(Stage.ANALYZE, fraction, message)),
            on_model=(lambda analysed: on_checkout(checkout.root, analysed)) if on_checkout is not None else None,
            cache_model=cache_model,
        )
    if _stages is None:
        stages.done()
    return model


@dataclass(frozen=True)
class _WrittenSite:
    pages: tuple[Page, ...]
    verification: Verification
    files: SiteFiles
    """The rendered output files, by path (see `codedoc.publish.site.render_site_files`)."""


def _write_site(
    plan: SitePlan,
    model: CodeModel,
    options: GenerateOptions,
    progress: ProgressCallback,
    stages: _Stages,
    on_writing: Callable[[], None] = lambda: None,
    on_verified: Callable[[tuple[Page, ...]], None] = lambda pages: None,
) -> _WrittenSite:
    """write → verify → render, or the same site from the cache when the model and writer are unchanged.

    `on_writing` is called when the pages are about to be written, `on_verified` with them once
    verified, before they are rendered and stored (neither when they come from the cache)."""
    from codedoc.analyze.cache import open_cache
    from codedoc.publish.site import render_site_files
    from codedoc.write.offline import write_site
    from codedoc.write.site_cache import site_key
    from codedoc.write.verify import verify_pages

    # Only the offline writer is a pure function of the model; LLM prose has its own cache.
    cache = open_cache(options.cache_dir) if isinstance(options.prose, NoExtraProse) else None
    try:
        key = site_key(model) if cache else ""
        cached = cache.get_site(key) if cache else None
        if isinstance(cached, _WrittenSite):
            stages.enter(Stage.VERIFY, "unchanged since the last run: re-using its pages")
            return cached
        on_writing()
        pages = write_site(
            plan,
            model,
            prose=options.prose,
            progress=lambda fraction, message: progress(ProgressEvent(Stage.WRITE, fraction, message)),
        )
        stages.enter(Stage.VERIFY, "checking every name and link")
        pages, verification = verify_pages(pages, model)
        on_verified(pages)
        files = render_site_files(pages, dataclasses.replace(model, verification=verification))
        site = _WrittenSite(pages, verification, files)
        if cache:
            cache.put_site(key, site)
        return site
    finally:
        if cache:
            cache.close()


def _site_is_cached(model: CodeModel, options: GenerateOptions) -> bool:
    from codedoc.analyze.cache import open_cache
    from codedoc.write.site_cache import site_key

    cache = open_cache(options.cache_dir) if isinstance(options.prose, NoExtraProse) else None
    if cache is None:
        return False
    try:
        return cache.has_site(site_key(model))
    finally:
        cache.close()


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """The pipeline allocates millions of objects that live until it ends (the model, the pages):
    at the default threshold (every 700 allocations) the cyclic collector walks them again and
    again and frees next to nothing. The threshold is restored afterwards."""
    from codedoc.analyze.dispatch import YOUNG_COLLECTION_EVERY

    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_COLLECTION_EVERY), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def generate(
    source: str,
    output: Path | None,
    options: GenerateOptions = GenerateOptions(),
    *,
    progress: ProgressCallback = ignore_progress,
    should_cancel: CancelCheck | None = None,
    ask_folder: Path | None = None,
) -> GenerateResult:
    """The whole pipeline. With `output` None, nothing is written (a dry run of the writer).

    The retrieval index is built into `ask_folder` (by content, so an unchanged repository re-uses
    it) when given, else into a temporary folder when the site is published with it."""
    with _fewer_collections():
        return _generate(source, output, options, progress, should_cancel, ask_folder)


def _generate(
    source: str,
    output: Path | None,
    options: GenerateOptions,
    progress: ProgressCallback,
    should_cancel: CancelCheck | None,
    ask_folder: Path | None,
) -> GenerateResult:
    from codedoc.analyze.orchestrate import store_model
    from codedoc.ask.background import BackgroundIndex
    from codedoc.ask.store import SourceCapture, ensure_index, remove_folder, temporary_index_folder
    from codedoc.publish.site import publish_site
    from codedoc.write.plan import plan_site
    from codedoc.write.prose import concept_pages_of

    stages = _Stages(progress, should_cancel)
    wants_index = options.ask_index and (output is not None or ask_folder is not None)
    if ask_folder is None and options.cache_dir is not None:
        ask_folder = options.cache_dir / "ask-index"
    capture = SourceCapture() if wants_index else None
    index: Path | None = None
    scratch = temporary_index_folder() if capture and ask_folder is None else None
    folder = ask_folder if ask_folder is not None else scratch
    background: list[BackgroundIndex] = []

    def start_index(analysed: CodeModel) -> None:
        # Most of the index needs only the model: it is written on the other core while this one
        # caches the model and writes the pages. Not when the pages will come from the cache.
        if capture is not None and folder is not None and not background:
            started = BackgroundIndex.start(folder, analysed, capture.sources.texts)
            background.extend([started] if started is not None else [])

    def on_checkout(root: Path, analysed: CodeModel) -> None:
        if capture is not None:
            capture.capture(root, analysed)
            if not _site_is_cached(analysed, options):
                start_index(analysed)

    def on_verified(pages: tuple[Page, ...]) -> None:
        # The other core indexes the pages while this one stores the model, renders and stores the site.
        if background:
            background[0].hand_pages(pages)
        store_model(options.cache_dir, model)

    try:
        model = build_model(
            source,
            options,
            progress=progress,
            should_cancel=should_cancel,
            on_checkout=on_checkout,
            cache_model=False,
            _stages=stages,
        )
        stages.enter(Stage.PLAN, "choosing pages")
        plan = plan_site(model, concepts=concept_pages_of(options.prose, model))
        stages.enter(Stage.WRITE, f"writing {len(plan.pages)} pages")
        site = _write_site(
            plan, model, options, progress, stages, on_writing=lambda: start_index(model), on_verified=on_verified
        )
        store_model(options.cache_dir, model)  # when the pages came from the cache (else a no-op now)
        model = dataclasses.replace(model, verification=site.verification)
        if capture is not None or output is not None:
            stages.enter(Stage.PUBLISH, f"writing {output}" if output is not None else "indexing for questions")

        def finish_index() -> Path | None:
            nonlocal index
            if capture is None or folder is None:
                return None
            try:
                index = ensure_index(
                    folder, model, site.pages, capture.sources, background=background[0] if background else None
                )
            except (OSError, sqlite3.Error) as error:
                # Questions are an extra: the documentation is published without them.
                logger.warning("the ask index could not be built: %s", error)
            return index

        if output is None:
            finish_index()
        else:
            # The index is waited for once the site's own files are written: writing them overlaps its end.
            publish_site(site.pages, model, output, files=site.files, binaries={"ask.sqlite": finish_index})
            if index is not None and scratch is not None:
                index = output / "ask.sqlite"
    finally:
        for running in background:
            running.close()
        if scratch is not None:
            remove_folder(scratch)
    stages.done()
    beside = {"ask_index": background[0].seconds, "ask_index_wait": background[0].waited} if background else {}
    return GenerateResult(
        model=model, pages=site.pages, output=output, timings=stages.timings, ask_index=index, background=beside
    )
