"""Writing the retrieval index: one SQLite file per documented commit (`ask.sqlite`).

    meta       version, repository, commit, permalink base
    docs       every record of `documents` with its location and boost (centrality)
    docs_fts   FTS5 (contentless) over each record's title, pre-split names and body, porter-stemmed:
               ranked by bm25(); the text itself is kept once, compressed, in docs
    symbols    name, qualified name, signature, docstring, location — for find_symbol
    edges      calls and imports between symbols and modules — callers, callees, expansion
    files      every kept file's text (compressed): get_source and citation checks
    facts      routes, commands and settings as JSON, in the model's order
    known      the names and paths the model knows, for verifying written answers
    pages      the site's pages (Markdown): read_page

The file is written beside its destination and renamed into place, so a reader never opens a
half-built index.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from codedoc.ask.documents import Document, documents
from codedoc.ask.graph import CodeGraph, graph_for, symbol_key
from codedoc.model import CodeModel, FileCategory
from codedoc.write.llm.grounding import KnownNames
from codedoc.write.pages import Page

INDEX_VERSION = "2"
INDEX_FILE = "ask.sqlite"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL,
    body BLOB NOT NULL, path TEXT, start_line INTEGER, end_line INTEGER, page TEXT, anchor TEXT,
    detail TEXT NOT NULL, boost REAL NOT NULL
);
CREATE VIRTUAL TABLE docs_fts USING fts5(
    title, names, body, content='', tokenize='porter unicode61'
);
CREATE TABLE symbols (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, qualname TEXT NOT NULL, module TEXT NOT NULL, kind TEXT NOT NULL,
    signature TEXT, docstring TEXT, path TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
    parent TEXT, centrality REAL NOT NULL
);
CREATE INDEX symbols_name ON symbols (name);
CREATE INDEX symbols_qualname ON symbols (qualname);
CREATE TABLE edges (source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL, path TEXT, line INTEGER);
CREATE INDEX edges_source ON edges (source);
CREATE INDEX edges_target ON edges (target);
CREATE TABLE files (
    path TEXT PRIMARY KEY, language TEXT NOT NULL, category TEXT NOT NULL, line_count INTEGER NOT NULL, content BLOB
);
CREATE TABLE facts (kind TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE known (kind TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE pages (path TEXT PRIMARY KEY, title TEXT NOT NULL, position INTEGER NOT NULL, markdown TEXT NOT NULL);
"""


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
        connection = sqlite3.connect(temporary)
        try:
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            with connection:
                _fill(connection, model, pages, texts, graph or graph_for(model))
            connection.execute("INSERT INTO docs_fts(docs_fts) VALUES ('optimize')")
            connection.commit()
        finally:
            connection.close()
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return destination


def _fill(
    db: sqlite3.Connection, model: CodeModel, pages: Sequence[Page], texts: Mapping[str, str], graph: CodeGraph
) -> None:
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
    tests = {source.path for source in repository.files if source.category is FileCategory.TEST}
    rows = []
    indexed = []
    for number, document in enumerate(documents(model, pages, texts), start=1):
        location = document.location
        indexed.append((number, document.title, document.names, document.body))
        rows.append(
            (
                number,
                document.kind,
                document.key,
                document.title,
                zlib.compress(document.body.encode("utf-8"), 1),
                location.path if location else None,
                location.start_line if location else None,
                location.end_line if location else None,
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
    db.executemany(
        "INSERT OR IGNORE INTO symbols VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                key,
                symbol.name,
                symbol.qualname,
                module.name,
                symbol.kind.value,
                symbol.signature,
                symbol.docstring,
                symbol.location.path,
                symbol.location.start_line,
                symbol.location.end_line,
                symbol.parent,
                centrality.get(key, 0.0),
            )
            for module in model.modules
            for symbol in module.symbols
            for key in (symbol_key(module.name, symbol.qualname),)
        ),
    )
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
    db.executemany(
        "INSERT OR IGNORE INTO pages VALUES (?, ?, ?, ?)",
        ((page.path, page.title, position, page.markdown) for position, page in enumerate(pages)),
    )
    known = KnownNames(model)
    db.executemany(
        "INSERT INTO known VALUES (?, ?)",
        [
            *(("name", name) for name in known.names),
            *(("path", path) for path in known.paths),
            *(("folder", folder) for folder in known.folders),
            *(("external", name) for name in known.externals),
        ],
    )


# A test names what it tests in every line, so it would outrank the code it is about; a question
# about how the code works is answered by the code first, with tests still found further down.
_TEST_BOOST = -0.5


def _boost(document: Document, centrality: Mapping[str, float], tests: set[str]) -> float:
    """The factor added to 1 that scales a record's bm25 score: centrality up, tests down."""
    if document.location is not None and document.location.path in tests:
        return _TEST_BOOST
    return centrality.get(document.key, 0.0) if document.key else 0.0
