"""Writing the retrieval index: one SQLite file per documented commit (`ask.sqlite`).

    meta       version, repository, commit, permalink base
    docs       every record of `documents` with its location and boost (centrality)
    docs_fts   FTS5 (contentless) over each record's title, pre-split names and body, porter-stemmed:
               ranked by bm25(); the text itself is kept once: in docs (compressed unless short),
               or for a chunk of a file's source (body NULL) in files, cut out when read
    symbols    name, qualified name, signature, docstring, location — for find_symbol
    edges      calls and imports between symbols and modules — callers, callees, expansion
    files      every kept file's text (compressed): get_source and citation checks
    facts      routes, commands and settings as JSON, in the model's order
    known      the names and paths the model knows, for verifying written answers: one row per kind
               (name, path, folder, external), its values as one JSON array
    pages      the site's pages (Markdown): read_page

The file is written beside its destination and renamed into place, so a reader never opens a
half-built index. Records get ids in two runs: the pages' sections from 1, the model's from
`MODEL_RECORD_IDS`, so the model's part can be written before the pages exist.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from codedoc.ask.documents import Document, model_documents, section_documents
from codedoc.ask.graph import CodeGraph, graph_for, symbol_key
from codedoc.model import CodeModel, FileCategory
from codedoc.write.llm.grounding import KnownNames
from codedoc.write.pages import Page

INDEX_VERSION = "4"
INDEX_FILE = "ask.sqlite"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL,
    body, path TEXT, start_line INTEGER, end_line INTEGER, page TEXT, anchor TEXT,
    detail TEXT NOT NULL, boost REAL NOT NULL
);
CREATE VIRTUAL TABLE docs_fts USING fts5(
    title, names, body, content='', tokenize='porter unicode61'
);
CREATE TABLE symbols (
    key TEXT NOT NULL, name TEXT NOT NULL, qualname TEXT NOT NULL, module TEXT NOT NULL, kind TEXT NOT NULL,
    signature TEXT, docstring TEXT, path TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
    parent TEXT, centrality REAL NOT NULL
);
CREATE TABLE edges (source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL, path TEXT, line INTEGER);
CREATE TABLE files (
    path TEXT PRIMARY KEY, language TEXT NOT NULL, category TEXT NOT NULL, line_count INTEGER NOT NULL, content BLOB
);
CREATE TABLE facts (kind TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE known (kind TEXT PRIMARY KEY, "values" TEXT NOT NULL);
CREATE TABLE pages (path TEXT PRIMARY KEY, title TEXT NOT NULL, position INTEGER NOT NULL, markdown TEXT NOT NULL);
"""
# Made once the tables are full: sorting every key once costs less than keeping each index in order
# row by row.
_INDEXES = """
CREATE UNIQUE INDEX symbols_key ON symbols (key);
CREATE INDEX symbols_name ON symbols (name);
CREATE INDEX symbols_qualname ON symbols (qualname);
CREATE INDEX edges_source ON edges (source);
CREATE INDEX edges_target ON edges (target);
"""


# Sections take ids from 1, every other record from here on: the model's records can then be
# written before the pages exist (`IndexWriter`) and still come after the sections, as when the
# index was written in one go (ties in ranking keep falling in the same order).
MODEL_RECORD_IDS = 1 << 32


def build_index(
    destination: Path,
    model: CodeModel,
    pages: Sequence[Page],
    texts: Mapping[str, str],
    *,
    graph: CodeGraph | None = None,
) -> Path:
    """Write the index of `model`, its `pages` and its files' `texts` to `destination`."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    os.close(handle)
    try:
        writer = IndexWriter(Path(temporary))
        try:
            writer.add_model(model, texts, graph=graph)
            writer.add_pages(pages)
            writer.finish()
        except BaseException:
            writer.abandon()
            raise
        publish_index(Path(temporary), destination)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return destination


def publish_index(written: Path, destination: Path) -> None:
    """Move a finished index into place: a reader never opens a half-built one."""
    os.chmod(written, 0o644)
    os.replace(written, destination)


class IndexWriter:
    """Writes an index into an empty file in two parts: `add_model` (everything the code model
    alone decides: records of modules, symbols, source and facts, the symbol and edge tables,
    the files, the known names) and `add_pages` (the sections of the written pages, and the
    pages), in either order. The parts can run at different times, in
    a different process from the one that writes the pages (`codedoc.ask.background`); `finish`
    completes the file."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path)
        # A fresh file nobody reads until it is renamed into place: no journal, no syncing. Larger
        # pages than the default 4 KiB and a cache that holds most of the file while it is written
        # cost less time per row; the file is about the same size.
        self._db.executescript(
            "PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
            + _SCHEMA
        )
        self._db.execute("BEGIN")
        _tune_full_text(self._db)

    def add_model(self, model: CodeModel, texts: Mapping[str, str], *, graph: CodeGraph | None = None) -> None:
        graph = graph or graph_for(model)
        centrality = graph.centrality()
        tests = {source.path for source in model.repository.files if source.category is FileCategory.TEST}
        _fill_model(self._db, model, texts, graph)
        for statement in filter(str.strip, _INDEXES.split(";")):
            self._db.execute(statement)  # one by one: `executescript` would commit the open transaction
        # The files whose text the files table keeps: their chunks' bodies are cut from it when read.
        kept = {source.path for source in model.repository.files if source.path in texts}
        _insert_documents(self._db, model_documents(model, texts), MODEL_RECORD_IDS, centrality, tests, kept)

    def add_pages(self, pages: Sequence[Page], *, sections: Iterable[Document] | None = None) -> None:
        """The pages and their sections' records (`section_documents(pages)` unless given)."""
        _insert_documents(self._db, section_documents(pages) if sections is None else sections, 1, {}, set())
        self._db.executemany(
            "INSERT OR IGNORE INTO pages VALUES (?, ?, ?, ?)",
            ((page.path, page.title, position, page.markdown) for position, page in enumerate(pages)),
        )

    def finish(self) -> None:
        """Complete the file (after both parts) and close it.

        The full-text index stays as written: a segment per part (a very large repository's may
        have a few more, which FTS5 merges as it goes). Merging them into one ('optimize') gives
        the same results, cost a tenth of a second on SQLAlchemy and left the file 4 MB larger
        (the pages it freed)."""
        try:
            self._db.commit()
        finally:
            self._db.close()

    def abandon(self) -> None:
        """Close without completing: the caller removes the file."""
        self._db.close()


FULL_TEXT_BUFFER = 64 << 20
"""Bytes of new full-text entries held in memory before they are written out as one segment."""


def _tune_full_text(db: sqlite3.Connection) -> None:
    """A segment per part rather than one per megabyte of entries (FTS5's default), which it then
    merges again and again while the index fills."""
    # An SQLite without the setting keeps its default buffer: the same index, built more slowly.
    with contextlib.suppress(sqlite3.OperationalError):
        db.execute("INSERT INTO docs_fts(docs_fts, rank) VALUES ('hashsize', ?)", (FULL_TEXT_BUFFER,))


def _insert_documents(
    db: sqlite3.Connection,
    records: Iterable[Document],
    first_id: int,
    centrality: Mapping[str, float],
    tests: set[str],
    kept_files: Container[str] = frozenset(),
) -> None:
    rows = []
    indexed = []
    for number, document in enumerate(records, start=first_id):
        location = document.location
        indexed.append((number, document.title, document.names, document.body))
        path, start, end = (location.path, location.start_line, location.end_line) if location else (None, None, None)
        rows.append(
            (
                number,
                document.kind,
                document.key,
                document.title,
                None if document.from_file and path in kept_files else pack_body(document.body),
                path,
                start,
                end,
                document.page,
                document.anchor,
                document.detail,
                _boost(document, centrality, tests),
            )
        )
    db.executemany(
        "INSERT INTO docs (id, kind, key, title, body, path, start_line, end_line, page, anchor, detail, boost)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.executemany("INSERT INTO docs_fts (rowid, title, names, body) VALUES (?, ?, ?, ?)", indexed)


# Most records are a few lines: compressing them costs more time than the space is worth (one
# `zlib.compress` call sets up a whole deflate state), so they are kept as text. Under 1000
# characters, compressing saved about 1 MB of SQLAlchemy's index for 0.08 s.
SMALL_BODY = 1024


def pack_body(body: str) -> str | bytes:
    """A record's body as stored: short ones as text, longer ones compressed (`unpack_body`)."""
    return body if len(body) <= SMALL_BODY else zlib.compress(body.encode("utf-8"), 1)


def unpack_body(stored: str | bytes) -> str:
    return stored if isinstance(stored, str) else zlib.decompress(stored).decode("utf-8", "replace")


def _fill_model(db: sqlite3.Connection, model: CodeModel, texts: Mapping[str, str], graph: CodeGraph) -> None:
    repository = model.repository
    meta = {
        "version": INDEX_VERSION,
        "name": repository.name,
        "source_url": repository.source_url or "",
        "commit_sha": repository.commit_sha or "",
        "fingerprint": model.fingerprint or "",
        "has_calls": "1" if any(edge.kind == "calls" for edge in graph.edges()) else "0",
    }
    db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    centrality = graph.centrality()
    db.executemany("INSERT INTO symbols VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _symbol_rows(model, centrality))
    db.executemany(
        "INSERT INTO edges VALUES (?, ?, ?, ?, ?)",
        ((edge.source, edge.target, edge.kind, edge.path, edge.line) for edge in graph.edges()),
    )
    db.executemany(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
        (
            (
                source.path,
                source.language.value,
                source.category.value,
                source.line_count,
                zlib.compress(texts[source.path].encode("utf-8"), 1) if source.path in texts else None,
            )
            for source in repository.files
        ),
    )
    facts = [
        *(("route", asdict(route)) for route in model.routes),
        *(("command", asdict(command)) for command in model.commands),
        *(("setting", asdict(setting)) for setting in model.settings),
    ]
    db.executemany(
        "INSERT INTO facts VALUES (?, ?, ?)",
        ((kind, position, json.dumps(data, default=str)) for position, (kind, data) in enumerate(facts)),
    )
    known = KnownNames(model)
    # A hundred thousand names: one array per kind costs a fraction of one row per name.
    kinds = {"name": known.names, "path": known.paths, "folder": known.folders, "external": known.externals}
    db.executemany("INSERT INTO known VALUES (?, ?)", [(kind, json.dumps(list(some))) for kind, some in kinds.items()])


def _symbol_rows(model: CodeModel, centrality: Mapping[str, float]) -> Iterator[tuple[object, ...]]:
    """One row per symbol key, the first definition of a name when a module has several (the
    table's unique index is made after the rows are in, so duplicates are left out here)."""
    keys: set[str] = set()
    for module in model.modules:
        for symbol in module.symbols:
            key = symbol_key(module.name, symbol.qualname)
            if key in keys:
                continue
            keys.add(key)
            location = symbol.location
            yield (
                key,
                symbol.name,
                symbol.qualname,
                module.name,
                symbol.kind.value,
                symbol.signature,
                symbol.docstring,
                location.path,
                location.start_line,
                location.end_line,
                symbol.parent,
                centrality.get(key, 0.0),
            )


# A test names what it tests in every line, so it would outrank the code it is about; a question
# about how the code works is answered by the code first, with tests still found further down.
_TEST_BOOST = -0.5


def _boost(document: Document, centrality: Mapping[str, float], tests: set[str]) -> float:
    """The factor added to 1 that scales a record's bm25 score: centrality up, tests down."""
    if document.location is not None and document.location.path in tests:
        return _TEST_BOOST
    return centrality.get(document.key, 0.0) if document.key else 0.0
