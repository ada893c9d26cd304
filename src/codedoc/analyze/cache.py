"""A persistent cache of per-file analysis, keyed by a hash of the file's content and of the
analyser code itself, so a re-run (into any output folder) only analyses what changed."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import re
import sqlite3
import tempfile
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
        _drop_old_tables(self._db)
        # Whole sites and models are tens of megabytes: as files (see `PickleShelf`), not rows.
        self._sites = PickleShelf(folder / "sites", keep=20)
        self._models = PickleShelf(folder / "models", keep=3)

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
        return self._sites.get(key)

    def has_site(self, key: str) -> bool:
        """Whether `put_site` stored a site under `key` (without reading it)."""
        return self._sites.has(key)

    def put_site(self, key: str, value: object) -> None:
        self._sites.put(key, value)

    def get_model(self, key: str) -> object | None:
        """A whole code model stored by `put_model` (keyed by its fingerprint), or None."""
        return self._models.get(key)

    def has_model(self, key: str) -> bool:
        return self._models.has(key)

    def put_model(self, key: str, value: object) -> None:
        """Keep the assembled model: an unchanged re-run then skips loading every file's facts and
        resolving the call graph again."""
        self._models.put(key, value)

    def close(self) -> None:
        self._db.close()


def _drop_old_tables(db: sqlite3.Connection) -> None:
    """Caches written before sites and models became files hold them as rows: up to a gigabyte."""
    old = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE name IN ('sites', 'models')")]
    if old:
        for name in old:
            db.execute(f"DROP TABLE {name}")  # one of the two names above, never input
        db.commit()
        db.execute("VACUUM")


class PickleShelf:
    """Large pickled values, one file per key in a folder, the newest `keep` kept.

    SQLite copies a blob of tens of megabytes through its pages and its journal, costing more CPU
    than pickling it; a file is written once. Each file is written beside its final name and
    renamed into place, so a reader in another process never sees half of one."""

    def __init__(self, folder: Path, *, keep: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._folder = folder
        self._keep = keep

    def _path(self, key: str) -> Path:
        # Keys are hashes; anything else could name a file outside the folder.
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self._folder / f"{key}.pickle"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> object | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            value: object = pickle.loads(data)  # noqa: S301 - written by this cache only
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry means doing the work again, never a failure
            logger.debug("dropping unreadable cache entry %s", path)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept by `_prune` over older entries
        return value

    def put(self, key: str, value: object) -> None:
        path = self._path(key)
        handle, temporary = tempfile.mkstemp(prefix=".", suffix=".part", dir=self._folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._prune()

    def _prune(self) -> None:
        entries = []
        for entry in self._folder.glob("*.pickle"):
            with contextlib.suppress(OSError):
                entries.append((entry.stat().st_mtime, entry))
        for _, stale in sorted(entries, reverse=True)[self._keep :]:
            with contextlib.suppress(OSError):
                stale.unlink()


_KEY = re.compile(r"[0-9a-f]{16,128}")


def open_cache(folder: Path | None) -> AnalysisCache | None:
    if folder is None:
        return None
    try:
        return AnalysisCache(folder)
    except (OSError, sqlite3.Error) as error:
        logger.warning("analysis cache disabled: cannot open %s (%s)", folder, error)
        return None
