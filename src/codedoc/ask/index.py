"""Reading the retrieval index: search, symbols, source, pages and facts, all from one SQLite file.

Ranking is SQLite's: FTS5's `bm25()` with column weights (a match in a name counts more than one
in a docstring or in code), multiplied by `1 + centrality`. Results about the same symbol (its
record and its source) are merged; then the best symbols' neighbours along the call graph (or
the import graph, until the model has calls) join the results.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from codedoc.ask.build import INDEX_VERSION, unpack_body
from codedoc.ask.documents import source_piece
from codedoc.ask.paths import checked_path
from codedoc.ask.results import Citation, Hit, SearchResult, SourceExcerpt, SymbolInfo
from codedoc.ask.tokens import index_words, match_expression, question_words, stems
from codedoc.errors import AskError
from codedoc.model import Location, Repository
from codedoc.write.llm.grounding import KnownNames

MAX_RESULTS = 25
MAX_SOURCE_LINES = 400
MAX_SNIPPET_LINES = 12
MAX_LIST = 200
_WEIGHTS = (8.0, 4.0, 1.0)
"""bm25 weights of the title, names and body columns."""
_EXPANSIONS = 3
"""How many of the best symbols have their neighbours added."""
_KIND_LABELS = {
    "section": "documentation section",
    "symbol": "definition",
    "module": "module",
    "route": "HTTP route",
    "command": "CLI command",
    "setting": "setting",
    "source": "source",
}


class AskIndex:
    """An open, read-only index. Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise AskError(f"no ask index at {self.path}")
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self.meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as error:
            raise AskError(f"the ask index {self.path} cannot be read: {error}") from error
        if self.meta.get("version") != INDEX_VERSION:
            raise AskError(f"the ask index {self.path} is from another CodeDoc version; document the repository again")
        self._lock = threading.Lock()
        self._repository = Repository(
            name=self.meta.get("name", ""),
            source_url=self.meta.get("source_url") or None,
            commit_sha=self.meta.get("commit_sha") or None,
        )
        self.has_calls = self.meta.get("has_calls") == "1"
        self._line_counts: dict[str, int] | None = None
        self._known: KnownNames | None = None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _rows(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, tuple(parameters)).fetchall()

    @property
    def name(self) -> str:
        return str(self.meta.get("name", ""))

    def citation(self, path: str, start: int, end: int) -> Citation:
        permalink = self._repository.permalink(Location(path, start, end))
        return Citation(path, start, end, permalink)

    # -- search ------------------------------------------------------------------------------

    def search(self, question: str, *, limit: int = 8, kinds: Iterable[str] | None = None) -> SearchResult:
        started = time.perf_counter()
        limit = max(1, min(limit, MAX_RESULTS))
        words = question_words(question[:1000])
        expression = match_expression(words)
        if not expression:
            return SearchResult(question, ())
        wanted = tuple(kinds or ())
        kind_filter = f" AND d.kind IN ({','.join('?' * len(wanted))})" if wanted else ""
        rows = self._rows(
            "SELECT d.kind, d.key, d.title, d.body, d.path, d.start_line, d.end_line, d.page, d.anchor,"
            " d.detail, d.boost, bm25(docs_fts, ?, ?, ?) * (1.0 + d.boost) AS score"
            " FROM docs_fts JOIN docs d ON d.id = docs_fts.rowid"
            f" WHERE docs_fts MATCH ?{kind_filter} ORDER BY score LIMIT ?",
            (*_WEIGHTS, expression, *wanted, limit * 4),
        )
        probes = stems(words)
        hits: list[Hit] = []
        seen_keys: set[str] = set()
        seen_places: set[tuple[Any, ...]] = set()
        seen_names: set[str] = set()
        files: dict[str, list[str]] = {}
        for row in rows:
            kind, key, title, packed, path, start, end, page, anchor, detail, boost, score = row
            place = (path, start, end) if path else (page, anchor)
            if (key and key in seen_keys) or place in seen_places:
                continue
            if kind == "section" and title.split(" (", 1)[0] in seen_names:
                continue  # the reference section of a definition already shown
            seen_names.add(title)
            body = unpack_body(packed) if packed is not None else self._source_body(path, start, end, files)
            if key:
                seen_keys.add(key)
            seen_places.add(place)
            hits.append(
                Hit(
                    kind=kind,
                    title=title,
                    why=_why(kind, title, body, probes, boost),
                    score=-float(score),
                    snippet=_snippet(kind, body.removeprefix(detail) if kind == "symbol" else body, probes),
                    detail=detail,
                    key=key,
                    citation=self.citation(path, start, end) if path else None,
                    page=page,
                    anchor=anchor,
                )
            )
            if len(hits) >= limit:
                break
        if not wanted or "symbol" in wanted:
            hits = self._expand(hits, seen_keys, limit)
        return SearchResult(question, tuple(hits), {"search": time.perf_counter() - started})

    def _source_body(self, path: str, start: int, end: int, files: dict[str, list[str]]) -> str:
        """A source chunk's body, cut from its file's text (read once per search into `files`)."""
        if path not in files:
            text = self.file_text(path)
            files[path] = text.splitlines() if text is not None else []
        return source_piece(files[path], start, end)

    def _expand(self, hits: list[Hit], seen: set[str], limit: int) -> list[Hit]:
        """Add what the best symbols call and what calls them (or imports them, without a call graph)."""
        anchors = [hit for hit in hits if hit.key and hit.kind in ("symbol", "source")][:_EXPANSIONS]
        extra: list[Hit] = []
        for anchor in anchors:
            for neighbour, relation in self._neighbours(anchor.key, limit=2):
                if neighbour in seen:
                    continue
                info = self._symbol_row(neighbour)
                if info is None:
                    module = self._module_hit(neighbour, f"{relation} `{anchor.title}`, a top result", anchor.score)
                    if module is not None:
                        seen.add(neighbour)
                        extra.append(module)
                    continue
                seen.add(neighbour)
                extra.append(
                    Hit(
                        kind="symbol",
                        title=info.qualname,
                        why=f"{relation} `{anchor.title}`, a top result",
                        score=anchor.score * 0.5,
                        snippet=(info.docstring or "").strip().split("\n", 1)[0][:200],
                        detail=info.signature or "",
                        key=info.key,
                        citation=info.citation,
                    )
                )
        # Neighbours take at most a third of the places, after the results that matched themselves.
        room = min(limit // 3, len(extra))
        if room == 0:
            return hits
        kept = hits[: limit - room] if len(hits) + room > limit else hits
        return [*kept, *extra[:room]]

    def _module_hit(self, key: str, why: str, score: float) -> Hit | None:
        rows = self._rows(
            "SELECT title, path, start_line, end_line, detail FROM docs WHERE kind = 'module' AND key = ? LIMIT 1",
            (key,),
        )
        if not rows:
            return None
        title, path, start, end, detail = rows[0]
        return Hit(
            kind="module",
            title=title,
            why=why,
            score=score * 0.5,
            detail=detail,
            key=key,
            citation=self.citation(path, start, end),
        )

    def _neighbours(self, key: str, *, limit: int) -> list[tuple[str, str]]:
        if self.has_calls:
            callees = self._rows(
                "SELECT target FROM edges WHERE source = ? AND kind = 'calls' GROUP BY target LIMIT ?", (key, limit)
            )
            callers = self._rows(
                "SELECT source FROM edges WHERE target = ? AND kind = 'calls' GROUP BY source LIMIT ?", (key, limit)
            )
            return [(row[0], "called by") for row in callees] + [(row[0], "calls") for row in callers]
        # No call graph yet: the modules that import the symbol by name are where it is used.
        importers = self._rows(
            "SELECT source FROM edges WHERE target = ? AND kind = 'imports' GROUP BY source LIMIT ?", (key, limit)
        )
        return [(row[0], "imports") for row in importers]

    # -- symbols -----------------------------------------------------------------------------

    def _symbol_row(self, key: str) -> SymbolInfo | None:
        rows = self._rows(_SYMBOL_SQL + " WHERE key = ?", (key,))
        return self._symbol(rows[0]) if rows else None

    def _symbol(self, row: tuple[Any, ...], *, neighbours: bool = False) -> SymbolInfo:
        key, name, qualname, module, kind, signature, docstring, path, start, end = row
        callers: tuple[str, ...] = ()
        callees: tuple[str, ...] = ()
        imported_by: tuple[str, ...] = ()
        if neighbours:
            edges = self._rows(
                "SELECT source, target, kind FROM edges WHERE (source = ? OR target = ?) LIMIT 400", (key, key)
            )
            callers = tuple(dict.fromkeys(s for s, t, k in edges if k == "calls" and t == key))[:50]
            callees = tuple(dict.fromkeys(t for s, t, k in edges if k == "calls" and s == key))[:50]
            imported_by = tuple(dict.fromkeys(s for s, t, k in edges if k == "imports" and t == key))[:50]
        return SymbolInfo(
            key=key,
            name=name,
            qualname=qualname,
            module=module,
            kind=kind,
            signature=signature,
            docstring=docstring,
            citation=self.citation(path, start, end),
            callers=callers,
            callees=callees,
            imported_by=imported_by,
            has_calls=self.has_calls,
        )

    def find_symbol(self, name: str, *, limit: int = 5) -> list[SymbolInfo]:
        """Symbols named `name` (a name, a qualified name or `module.qualname`), most central first."""
        name = name.strip()[:300]
        if not name:
            raise AskError("give a symbol name")
        limit = max(1, min(limit, 20))
        order = " ORDER BY (key = ?) DESC, (qualname = ?) DESC, centrality DESC, key LIMIT ?"
        # Exact spellings first (each has an index); a partly qualified name (`sessions.Session.get`) after.
        rows = self._rows(
            _SYMBOL_SQL + " WHERE key = ? OR qualname = ? OR name = ?" + order, (name, name, name, name, name, limit)
        )
        if not rows:
            rows = self._rows(
                _SYMBOL_SQL + " WHERE key LIKE ? ESCAPE '\\'" + order, ("%." + _like(name), name, name, limit)
            )
        return [self._symbol(row, neighbours=True) for row in rows]

    # -- source and pages --------------------------------------------------------------------

    def line_counts(self) -> dict[str, int]:
        if self._line_counts is None:
            self._line_counts = {path: lines for path, lines in self._rows("SELECT path, line_count FROM files")}
        return self._line_counts

    def file_text(self, path: str) -> str | None:
        rows = self._rows("SELECT content FROM files WHERE path = ?", (path,))
        if not rows or rows[0][0] is None:
            return None
        text: str = zlib.decompress(rows[0][0]).decode("utf-8", "replace")
        return text

    def get_source(self, path: str, start_line: int = 1, end_line: int | None = None) -> SourceExcerpt:
        """Lines `start_line`..`end_line` of a file of the repository, cited; never anything outside it."""
        relative = checked_path(path)
        text = self.file_text(relative)
        if text is None:
            raise AskError(f"{relative!r} is not a readable file of the repository (symbolic links are not followed)")
        lines = text.splitlines()
        start = max(1, int(start_line))
        end = int(end_line) if end_line is not None else start + MAX_SOURCE_LINES - 1
        if end < start:
            raise AskError("end_line must not be before start_line")
        if start > max(1, len(lines)):
            raise AskError(f"{relative} has {len(lines)} lines")
        truncated = end - start + 1 > MAX_SOURCE_LINES
        end = min(end, start + MAX_SOURCE_LINES - 1, max(1, len(lines)))
        return SourceExcerpt(self.citation(relative, start, end), "\n".join(lines[start - 1 : end]), truncated)

    def pages(self) -> list[tuple[str, str]]:
        return [(path, title) for path, title in self._rows("SELECT path, title FROM pages ORDER BY position")]

    def read_page(self, path: str) -> tuple[str, str]:
        rows = self._rows("SELECT title, markdown FROM pages WHERE path = ?", (path.strip().lstrip("/")[:300],))
        if not rows:
            raise AskError(f"no page {path!r}; read_page without a path lists the pages")
        return rows[0][0], rows[0][1]

    def facts(self, kind: str, *, offset: int = 0, limit: int = 50) -> tuple[list[dict[str, Any]], int]:
        """The model's routes, commands or settings, in its order, and how many there are."""
        limit = max(1, min(limit, MAX_LIST))
        total = self._rows("SELECT count(*) FROM facts WHERE kind = ?", (kind,))[0][0]
        rows = self._rows(
            "SELECT data FROM facts WHERE kind = ? ORDER BY position LIMIT ? OFFSET ?", (kind, limit, max(0, offset))
        )
        return [json.loads(row[0]) for row in rows], int(total)

    def known_names(self) -> KnownNames:
        """The grounding pass's names, from the index alone (no code model needed); read once."""
        if self._known is None:
            found: dict[str, list[str]] = {"name": [], "path": [], "folder": [], "external": []}
            for kind, values in self._rows('SELECT kind, "values" FROM known'):
                found[kind] = json.loads(values)
            known = KnownNames.from_parts(
                names=found["name"],
                paths=found["path"],
                folders=found["folder"],
                externals=found["external"],
                line_counts=self.line_counts(),
            )
            self._known = known
        return self._known


_SYMBOL_SQL = "SELECT key, name, qualname, module, kind, signature, docstring, path, start_line, end_line FROM symbols"


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matched(text: str, probes: dict[str, str]) -> list[str]:
    lowered = text.lower()
    return list(dict.fromkeys(word for probe, word in probes.items() if probe in lowered))


def _why(kind: str, title: str, body: str, probes: dict[str, str], boost: float) -> str:
    label = _KIND_LABELS.get(kind, kind)
    in_name = _matched(f"{title} {index_words(title)}", probes)
    in_body = [word for word in _matched(body, probes) if word not in in_name]
    where = {"source": "the code", "section": "the text"}.get(kind, "its description")
    parts = []
    if in_name:
        parts.append(f"its name matches {', '.join(in_name[:4])}")
    if in_body:
        parts.append(f"{where} mentions {', '.join(in_body[:4])}")
    reason = " and ".join(parts) or "matches the question"
    central = "; central in the code" if boost >= 0.5 else ""
    return f"{label}: {reason}{central}"


def _snippet(kind: str, body: str, probes: dict[str, str]) -> str:
    if kind == "source":
        lines = body.splitlines()
        first = next((i for i, line in enumerate(lines) if any(p in line.lower() for p in probes)), 0)
        start = max(0, min(first - 2, len(lines) - MAX_SNIPPET_LINES))
        return "\n".join(lines[start : start + MAX_SNIPPET_LINES])
    flat = " ".join(body.split())
    lowered = flat.lower()
    positions = [lowered.find(p) for p in probes if p in lowered]
    start = max(0, min(positions) - 60) if positions else 0
    piece = flat[start : start + 240]
    return ("…" if start else "") + piece + ("…" if start + 240 < len(flat) else "")
