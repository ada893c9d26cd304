"""The ask index written in a forked process beside the pages: the same index as one written in
this process, and every way it can fail comes back as an error — never a hang, never a stray file."""

from __future__ import annotations

import gc
import logging
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from ask_repos import NETKIT
from codedoc.ask import AskIndex, build_index
from codedoc.ask import background as background_module
from codedoc.ask.background import BackgroundIndex, can_fork
from codedoc.ask.build import IndexWriter
from codedoc.ask.sources import read_sources
from codedoc.errors import IndexBuildFailed
from codedoc.model import CodeModel
from codedoc.pipeline import GenerateOptions, build_model, generate
from codedoc.write.offline import write_site
from codedoc.write.pages import Page, PageKind
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from repos import make_repo

_TABLES = ("meta", "docs", "symbols", "edges", "files", "facts", "known", "pages")
_QUESTIONS = ("how does a session send a request", "retry backoff", "pool size", "Session", "adapter")


def _inputs(tmp_path: Path) -> tuple[CodeModel, tuple[Page, ...], dict[str, str]]:
    repo = make_repo(NETKIT, tmp_path / "netkit")
    texts: dict[str, str] = {}
    model = build_model(str(repo), on_checkout=lambda root, model: texts.update(read_sources(root, model).texts))
    pages, _verification = verify_pages(write_site(plan_site(model), model), model)
    return model, pages, texts


def _contents(path: Path) -> dict[str, object]:
    """Every row of every table in rowid order, and what searching finds, in order."""
    with sqlite3.connect(path) as db:
        found: dict[str, object] = {
            table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in _TABLES
        }
    index = AskIndex(path)
    try:
        found["answers"] = [[(hit.kind, hit.title, hit.score) for hit in index.search(q).hits] for q in _QUESTIONS]
    finally:
        index.close()
    return found


@pytest.fixture(autouse=True)
def _idle_threads_of_other_tests_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads earlier tests left idle (a service's stream poller) are not this test's: it forks when it
    starts no thread of its own, and declines as soon as it does."""
    baseline = threading.active_count()

    def can_fork_here() -> bool:
        return background_module.fork_available() and threading.active_count() <= baseline

    monkeypatch.setattr(background_module, "can_fork", can_fork_here)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_background_index_is_the_index_built_in_process(tmp_path: Path) -> None:
    model, pages, texts = _inputs(tmp_path)
    serial = build_index(tmp_path / "serial" / "ask.sqlite", model, pages, texts)
    frozen = gc.get_freeze_count()
    running = BackgroundIndex.start(tmp_path / "parallel", model, texts)
    assert running is not None
    # While it runs, what both processes share is left alone by this process's collector.
    assert gc.get_freeze_count() > frozen
    try:
        parallel = running.finish(pages, tmp_path / "parallel" / "ask.sqlite")
    finally:
        running.close()
    running.close()  # twice is harmless
    assert gc.get_freeze_count() == frozen
    serial_contents, parallel_contents = _contents(serial), _contents(parallel)
    assert serial_contents["answers"] and all(serial_contents["answers"])  # type: ignore[arg-type]
    assert parallel_contents == serial_contents
    assert _leftovers(tmp_path / "parallel") == []


def test_handing_over_the_pages_does_not_wait_for_the_other_process_to_read_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Megabytes of pages do not fit in a pipe: this process goes on while the other one is still busy."""
    model, pages, texts = _inputs(tmp_path)
    big = Page(path="big.md", title="Big", kind=PageKind.API_REFERENCE, markdown="# Big\n\n" + "word " * 200_000)
    pages = (*pages, big)
    release, busy_done = tmp_path / "release", tmp_path / "busy-done"
    add_model = IndexWriter.add_model

    def slow_add_model(self: IndexWriter, *args: object, **kwargs: object) -> None:
        for _ in range(600):  # at most a minute: a blocked hand-over fails the test instead of hanging it
            if release.exists():
                break
            time.sleep(0.1)
        busy_done.touch()
        add_model(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(IndexWriter, "add_model", slow_add_model)
    running = BackgroundIndex.start(tmp_path / "parallel", model, texts)
    assert running is not None
    try:
        running.hand_pages(pages)
        assert not busy_done.exists()  # handed over while the other process was still on the model
        release.touch()
        index = running.finish(pages, tmp_path / "parallel" / "ask.sqlite")
    finally:
        running.close()
    with sqlite3.connect(index) as db:
        assert db.execute("SELECT title FROM pages WHERE path = 'big.md'").fetchone() == ("Big",)
    assert _leftovers(tmp_path / "parallel") == []


def test_sections_keep_their_place_before_the_models_records(tmp_path: Path) -> None:
    """Ties in ranking fall in record order, so sections stay first, as in one-go builds."""
    model, pages, texts = _inputs(tmp_path)
    path = build_index(tmp_path / "ask.sqlite", model, pages, texts)
    with sqlite3.connect(path) as db:
        kinds = [kind for (kind,) in db.execute("SELECT kind FROM docs ORDER BY id")]
    sections = kinds.count("section")
    assert sections > 0
    assert kinds[:sections] == ["section"] * sections
    assert "section" not in kinds[sections:]


def test_pipeline_index_is_the_same_with_and_without_the_background_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(NETKIT, tmp_path / "netkit")
    started: list[BackgroundIndex | None] = []
    original = BackgroundIndex.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[BackgroundIndex], *args: object) -> BackgroundIndex | None:
        started.append(original(cls, *args))
        return started[-1]

    monkeypatch.setattr(BackgroundIndex, "start", classmethod(spy))
    parallel = generate(str(repo), tmp_path / "a", GenerateOptions(workers=1))
    assert started and started[0] is not None  # it did run beside the pages
    monkeypatch.setattr(background_module, "can_fork", lambda: False)
    monkeypatch.setattr(BackgroundIndex, "start", classmethod(original))
    serial = generate(str(repo), tmp_path / "b", GenerateOptions(workers=1))
    assert parallel.ask_index is not None and serial.ask_index is not None
    assert _contents(parallel.ask_index) == _contents(serial.ask_index)


def test_a_bug_in_the_background_process_is_raised_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model, pages, texts = _inputs(tmp_path)

    def broken(self: IndexWriter, *args: object, **kwargs: object) -> None:
        raise RuntimeError("records went missing")

    monkeypatch.setattr(IndexWriter, "add_model", broken)  # the forked process inherits the patch
    running = BackgroundIndex.start(tmp_path / "ask", model, texts)
    assert running is not None
    try:
        with pytest.raises(IndexBuildFailed, match="RuntimeError: records went missing"):
            running.finish(pages, tmp_path / "ask" / "ask.sqlite")
    finally:
        running.close()
    assert not (tmp_path / "ask" / "ask.sqlite").exists()
    assert _leftovers(tmp_path / "ask") == []


def test_a_background_process_that_dies_is_reported_not_waited_for(tmp_path: Path) -> None:
    model, pages, texts = _inputs(tmp_path)
    running = BackgroundIndex.start(tmp_path / "ask", model, texts)
    assert running is not None
    os.kill(running._process.pid, signal.SIGKILL)
    try:
        with pytest.raises(IndexBuildFailed, match="killed by signal 9"):
            running.finish(pages, tmp_path / "ask" / "ask.sqlite")
    finally:
        running.close()
    assert not (tmp_path / "ask" / "ask.sqlite").exists()
    assert _leftovers(tmp_path / "ask") == []


def test_a_disk_error_in_the_background_publishes_the_site_without_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    repo = make_repo(NETKIT, tmp_path / "netkit")

    def full_disk(self: IndexWriter, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(IndexWriter, "add_model", full_disk)
    with caplog.at_level(logging.WARNING, logger="codedoc.pipeline"):
        result = generate(str(repo), tmp_path / "site", GenerateOptions(workers=1))
    assert result.ask_index is None
    assert not (tmp_path / "site" / "ask.sqlite").exists()
    assert (tmp_path / "site" / "docs" / "index.md").is_file()
    assert "the ask index could not be built" in caplog.text and "No space left on device" in caplog.text


def test_an_index_already_built_stops_the_background_process(tmp_path: Path) -> None:
    model, pages, texts = _inputs(tmp_path)
    folder = tmp_path / "ask"
    from codedoc.ask.store import SourceCapture, ensure_index

    sources = SourceCapture().sources
    sources.texts.update(texts)
    first = ensure_index(folder, model, pages, sources)
    running = BackgroundIndex.start(folder, model, texts)
    assert running is not None
    again = ensure_index(folder, model, pages, sources, background=running)
    assert again == first
    assert not running._process.is_alive()
    assert _leftovers(folder) == []


def test_no_fork_while_other_threads_run(tmp_path: Path) -> None:
    model, _pages, texts = _inputs(tmp_path)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        assert not background_module.can_fork()
        assert BackgroundIndex.start(tmp_path / "ask", model, texts) is None
    finally:
        release.set()
        other.join()
    assert background_module.can_fork()


def test_short_records_are_kept_as_text_and_long_ones_compressed(tmp_path: Path) -> None:
    from codedoc.ask.build import SMALL_BODY, pack_body, unpack_body

    short, long = "a line of text", "word " * (SMALL_BODY // 2)
    assert pack_body(short) == short
    assert isinstance(pack_body(long), bytes) and len(pack_body(long)) < len(long)
    assert unpack_body(pack_body(short)) == short and unpack_body(pack_body(long)) == long
    model, pages, texts = _inputs(tmp_path)
    path = build_index(tmp_path / "ask.sqlite", model, pages, texts)
    with sqlite3.connect(path) as db:
        lengths = [length for (length,) in db.execute("SELECT length(body) FROM docs WHERE typeof(body) = 'text'")]
        stored = {kind for (kind,) in db.execute("SELECT DISTINCT typeof(body) FROM docs WHERE kind != 'source'")}
        sources = {kind for (kind,) in db.execute("SELECT DISTINCT typeof(body) FROM docs WHERE kind = 'source'")}
    assert lengths and max(lengths) <= SMALL_BODY
    assert stored <= {"text", "blob"}
    assert sources == {"null"}  # a chunk of a file is kept once, in the files table
    index = AskIndex(path)
    try:
        hits = index.search("Session send adapter", limit=20).hits
    finally:
        index.close()
    assert any(hit.kind == "source" and "class HTTPAdapter(BaseAdapter):" in hit.snippet for hit in hits)


def test_a_cancelled_run_stops_the_background_process_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codedoc.errors import JobCancelled

    repo = make_repo(NETKIT, tmp_path / "netkit")
    started: list[BackgroundIndex] = []
    original = BackgroundIndex.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[BackgroundIndex], *args: object) -> BackgroundIndex | None:
        running = original(cls, *args)
        started.append(running)
        return running  # type: ignore[no-any-return]

    monkeypatch.setattr(BackgroundIndex, "start", classmethod(spy))
    with pytest.raises(JobCancelled):
        # Cancelled at the first stage boundary after the index started (before the pages exist).
        generate(str(repo), tmp_path / "site", GenerateOptions(workers=1), should_cancel=lambda: bool(started))
    assert len(started) == 1
    assert not started[0]._process.is_alive()
    assert not started[0]._temporary.exists()
    assert not (tmp_path / "site").exists()


def test_unfinished_files_of_a_killed_run_are_removed_but_a_live_runs_file_is_kept(tmp_path: Path) -> None:
    """A run SIGKILLed mid-index leaves its `.ask-*.part`; the next run in that folder removes it once it is
    older than any run could be, and leaves alone the file of a run still writing."""
    from codedoc.ask.background import STALE_PART_SECONDS, remove_stale_parts

    stale, live, other = tmp_path / ".ask-old.part", tmp_path / ".ask-new.part", tmp_path / "ask.sqlite"
    stale_pages = tmp_path / ".ask-old.pages"
    for path in (stale, stale_pages, live, other):
        path.write_bytes(b"x")
    long_ago = stale.stat().st_mtime - STALE_PART_SECONDS - 60
    for old in (stale, stale_pages, other):
        os.utime(old, (long_ago, long_ago))
    remove_stale_parts(tmp_path)
    assert not stale.exists() and not stale_pages.exists()
    assert live.exists() and other.exists()
