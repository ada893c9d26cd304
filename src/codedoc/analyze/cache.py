"""A persistent cache of per-file analysis, keyed by a hash of the file's content and of the
analyser code itself, so a re-run (into any output folder) only analyses what changed."""

from __future__ import annotations

import hashlib
import logging
import pickle
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from codedoc.analyze.facts import FileContext, FileFacts

logger = logging.getLogger(__name__)

_ANALYZE_PACKAGE = Path(__file__).parent


@cache
def analyzer_version() -> str:
    """A hash of the analysis code: editing an analyser invalidates what it produced before."""
    digest = hashlib.sha256()
    for source in sorted(_ANALYZE_PACKAGE.rglob("*.py")):
        digest.update(source.relative_to(_ANALYZE_PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    model_source = _ANALYZE_PACKAGE.parent / "model.py"
    digest.update(model_source.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(context: FileContext, content_sha256: str) -> str:
    fields = (
        analyzer_version(),
        context.path,
        context.language.value,
        context.category.value,
        context.module_name,
        str(context.is_package),
        content_sha256,
    )
    return hashlib.sha256("\0".join(fields).encode()).hexdigest()


class AnalysisCache:
    """SQLite file of pickled `FileFacts`. Only CodeDoc writes it, in the user's own cache folder."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "analysis.sqlite3"
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS sites (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS models (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    def get_many(self, keys: Iterable[str]) -> dict[str, FileFacts]:
        found: dict[str, FileFacts] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            marks = ",".join("?" * len(batch))
            for key, blob in self._db.execute(f"SELECT key, value FROM facts WHERE key IN ({marks})", batch):
                try:
                    found[key] = pickle.loads(blob)  # noqa: S301 - written by this cache only
                except Exception:  # a stale or damaged entry is recomputed, never fatal
                    logger.debug("dropping unreadable cache entry %s", key)
        return found

    def put_many(self, items: Iterable[tuple[str, FileFacts]]) -> None:
        rows = [(key, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)) for key, facts in items]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO facts (key, value) VALUES (?, ?)", rows)

    def put_pickled(self, items: Iterable[tuple[str, bytes]]) -> None:
        """`put_many` for facts already pickled (by the worker that computed them)."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO facts (key, value) VALUES (?, ?)", list(items))

    def get_site(self, key: str) -> object | None:
        """A whole written site (pages and verification) stored by `put_site`, or None."""
        row = self._db.execute("SELECT value FROM sites WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            value: object = pickle.loads(row[0])  # noqa: S301 - written by this cache only
        except Exception:  # a damaged entry means writing the site again, never a failure
            return None
        return value

    def has_site(self, key: str) -> bool:
        """Whether `put_site` stored a site under `key` (without reading it)."""
        return self._db.execute("SELECT 1 FROM sites WHERE key = ?", (key,)).fetchone() is not None

    def put_site(self, key: str, value: object) -> None:
        with self._db:
            # Whole sites are large: keep the newest few so the file does not grow run after run.
            self._db.execute(
                "DELETE FROM sites WHERE rowid NOT IN (SELECT rowid FROM sites ORDER BY rowid DESC LIMIT 20)"
            )
            self._db.execute(
                "INSERT OR REPLACE INTO sites (key, value) VALUES (?, ?)",
                (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)),
            )

    def get_model(self, key: str) -> object | None:
        """A whole code model stored by `put_model` (keyed by its fingerprint), or None."""
        row = self._db.execute("SELECT value FROM models WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            value: object = pickle.loads(row[0])  # noqa: S301 - written by this cache only
        except Exception:  # a damaged entry means assembling the model again, never a failure
            return None
        return value

    def put_model(self, key: str, value: object) -> None:
        """Keep the assembled model: an unchanged re-run then skips loading every file's facts and
        resolving the call graph again."""
        with self._db:
            self._db.execute(
                "DELETE FROM models WHERE rowid NOT IN (SELECT rowid FROM models ORDER BY rowid DESC LIMIT 3)"
            )
            self._db.execute(
                "INSERT OR REPLACE INTO models (key, value) VALUES (?, ?)",
                (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)),
            )

    def close(self) -> None:
        self._db.close()


def open_cache(folder: Path | None) -> AnalysisCache | None:
    if folder is None:
        return None
    try:
        return AnalysisCache(folder)
    except (OSError, sqlite3.Error) as error:
        logger.warning("analysis cache disabled: cannot open %s (%s)", folder, error)
        return None
