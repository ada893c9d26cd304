"""The index built on the second core while the pages are written.

Most of the index depends on the code model alone (records of modules, symbols and source, the
symbol, edge and file tables, the known names): a forked process writes that part as soon as
the model exists, while this process writes, verifies and renders the pages; the pages' sections
follow when they arrive. The forked process inherits the model and the files' text as they are
in memory, so nothing is pickled or read again.

    background = BackgroundIndex.start(folder, model, texts)   # None: build it in-process instead
    ...write the pages...
    background.finish(pages, folder / "key.sqlite")            # raises IndexBuildFailed
    background.close()                                         # always: stops it, removes its file

A failure in the other process comes back as an exception here, never as a hang: an `OSError` or
`sqlite3.Error` as the same kind (the pipeline publishes without the index, as for an in-process
build), anything else, and a process that died, as `IndexBuildFailed` with what it said.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import sqlite3
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from codedoc.ask.build import IndexWriter, publish_index
from codedoc.ask.documents import Document, section_documents
from codedoc.errors import IndexBuildFailed
from codedoc.model import CodeModel
from codedoc.write.pages import Page

_SQLITE_ERROR = "sqlite3.Error"


class BackgroundIndex:
    """A forked process writing one index; `finish` hands it the pages and waits for the file."""

    def __init__(self, process: Any, connection: Connection, temporary: Path) -> None:
        self._process = process
        self._connection = connection
        self._temporary = temporary
        self._pages = temporary.with_suffix(".pages")
        """Where `hand_pages` leaves the pages for the other process."""
        self.seconds = 0.0
        """How long the other process worked, start to finish (known after `finish`)."""
        self.waited = 0.0
        """How long `finish` waited for it."""
        self._closed = False
        self._pages_sent = False

    @classmethod
    def start(cls, folder: Path, model: CodeModel, texts: Mapping[str, str]) -> BackgroundIndex | None:
        """Start writing the model's part of an index in `folder`, or None where that cannot be
        done safely: no `fork` on this platform, or other threads running in this process (a
        child forked while another thread holds a lock could wait on it forever)."""
        if not can_fork():
            return None
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(folder)
        handle, name = tempfile.mkstemp(prefix=".ask-", suffix=".part", dir=folder)
        os.close(handle)
        temporary = Path(name)
        ours, theirs = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")
        process = context.Process(
            target=_child, args=(theirs, ours, temporary, model, texts), name="codedoc-ask-index", daemon=True
        )
        # Every object alive now is frozen until `close`: a collection in this process would
        # otherwise write to each one's header and copy every page the two processes still share.
        gc.freeze()
        try:
            process.start()
        except OSError:
            gc.unfreeze()
            temporary.unlink(missing_ok=True)
            ours.close()
            theirs.close()
            return None
        theirs.close()
        return cls(process, ours, temporary)

    def hand_pages(self, pages: Sequence[Page]) -> None:
        """Send the pages as soon as they are verified, so the other process can index them while
        this one renders and stores the site. Only the first call sends."""
        if self._pages_sent:
            return
        self._pages_sent = True
        # If it stopped already, what it said (or how it ended) is reported by `finish`.
        # The sections are cut here, while the other process may still be busy with the model's part.
        sections = list(section_documents(pages))
        payload = pickle.dumps((tuple(pages), sections), protocol=pickle.HIGHEST_PROTOCOL)
        # Through a file, with only its name on the pipe: a pipe holds 64 KiB, so sending megabytes
        # would block this process until the other one, busy with the model's part, reads them.
        try:
            self._pages.write_bytes(payload)
            message: tuple[object, ...] = ("file", str(self._pages))
        except OSError:
            self._pages.unlink(missing_ok=True)
            message = ("pickled", payload)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, EOFError):
            self._connection.send(message)

    def finish(self, pages: Sequence[Page], destination: Path) -> Path:
        """Send the pages (unless `hand_pages` did), wait for the finished index and move it to `destination`."""
        self.hand_pages(pages)
        began = time.perf_counter()
        answer = self._answer()
        self.waited = time.perf_counter() - began
        if answer[0] == "done":
            self.seconds = float(answer[1])
            publish_index(self._temporary, destination)
            return destination
        kind, message = answer[1], answer[2]
        if kind == "OSError":
            raise OSError(message)
        if kind == _SQLITE_ERROR:
            raise sqlite3.Error(message)
        raise IndexBuildFailed(f"building the ask index failed in its background process: {message}")

    def _answer(self) -> tuple[str, ...]:
        """The child's last word; if it dies without one, how it ended. Waits on both at once."""
        ready = wait([self._connection, self._process.sentinel])
        if self._connection in ready or self._connection.poll():
            # An answer, or the end of the stream (it died): an answer sent just before dying is kept.
            with contextlib.suppress(EOFError, OSError):
                answer: tuple[str, ...] = self._connection.recv()
                return answer
        self._process.join()
        code = self._process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return ("failed", "died", f"the process stopped without finishing ({how})")

    def close(self) -> None:
        """Stop the process if it still runs and remove its unfinished file. Safe to call twice."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        if not self._closed:
            self._closed = True
            gc.unfreeze()
        self._connection.close()
        self._temporary.unlink(missing_ok=True)
        self._pages.unlink(missing_ok=True)


STALE_PART_SECONDS = 6 * 3600
"""An unfinished index file this old belongs to a run that was killed (a run's index takes minutes at most)."""


def remove_stale_parts(folder: Path, *, now: float | None = None) -> None:
    """Remove unfinished index files that a killed run left behind; another run's live file is younger."""
    moment = time.time() if now is None else now
    for part in (*folder.glob(".ask-*.part"), *folder.glob(".ask-*.pages")):
        with contextlib.suppress(OSError):
            if moment - part.stat().st_mtime > STALE_PART_SECONDS:
                part.unlink()


def can_fork() -> bool:
    return fork_available() and threading.active_count() == 1


def fork_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _child(
    connection: Connection, parents_end: Connection, temporary: Path, model: CodeModel, texts: Mapping[str, str]
) -> None:
    # Only the parent may hold its end: if the parent dies, `recv` here ends instead of waiting forever.
    parents_end.close()
    # What came from the parent lives as long as this process: the collector need never walk it,
    # and leaving it alone keeps the pages shared with the parent.
    gc.freeze()
    began = time.perf_counter()
    try:
        writer = IndexWriter(temporary)
        try:
            writer.add_model(model, texts)
            pages, sections = _received_pages(connection.recv())
            writer.add_pages(pages, sections=sections)
            writer.finish()
        except BaseException:
            writer.abandon()
            raise
    except EOFError:
        return  # the parent went away or no longer wants the index: nothing to report to
    except BaseException as error:  # every failure goes back to the parent, which decides
        kind = (
            "OSError"
            if isinstance(error, OSError)
            else _SQLITE_ERROR
            if isinstance(error, sqlite3.Error)
            else type(error).__name__
        )
        detail = f"{type(error).__name__}: {error}"
        if kind not in ("OSError", _SQLITE_ERROR):
            detail += "\n" + "".join(traceback.format_exception(error)[-6:])
        _tell(connection, ("failed", kind, detail[:4000]))
        return
    _tell(connection, ("done", repr(time.perf_counter() - began)))


def _received_pages(message: tuple[Any, ...]) -> tuple[Sequence[Page], list[Document]]:
    kind, value = message
    if kind == "file":
        path = Path(value)
        payload = path.read_bytes()
        path.unlink(missing_ok=True)
    else:
        payload = value
    pages, sections = pickle.loads(payload)  # noqa: S301 - written by our own parent process
    return pages, sections


def _tell(connection: Connection, answer: tuple[str, ...]) -> None:
    try:
        connection.send(answer)
    except OSError:
        pass  # the parent is gone
    finally:
        connection.close()
