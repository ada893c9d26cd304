"""Whole sites and models in the analysis cache: one file per key, damaged ones a miss, the newest kept."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from codedoc.analyze.cache import PickleShelf, open_cache

KEY_A, KEY_B, KEY_C = "a" * 64, "b" * 64, "c" * 64


def test_a_value_comes_back_and_an_unknown_key_is_a_miss(tmp_path: Path) -> None:
    shelf = PickleShelf(tmp_path / "sites", keep=3)
    shelf.put(KEY_A, {"pages": ("index.md",), "size": 3})
    assert shelf.has(KEY_A) and not shelf.has(KEY_B)
    assert shelf.get(KEY_A) == {"pages": ("index.md",), "size": 3}
    assert shelf.get(KEY_B) is None
    assert [p.name for p in (tmp_path / "sites").iterdir()] == [f"{KEY_A}.pickle"]  # no leftover part file


def test_a_damaged_entry_is_a_miss_and_is_replaced_by_the_next_put(tmp_path: Path) -> None:
    shelf = PickleShelf(tmp_path / "models", keep=3)
    shelf.put(KEY_A, "model")
    (tmp_path / "models" / f"{KEY_A}.pickle").write_bytes(b"\x80\x05truncated")
    assert shelf.get(KEY_A) is None
    shelf.put(KEY_A, "model again")
    assert shelf.get(KEY_A) == "model again"


@pytest.mark.parametrize("key", ["../../etc/passwd", "", "ABC", "a" * 15, "a" * 64 + "/x", "g" * 64])
def test_a_key_that_is_not_a_hash_is_refused_before_touching_a_file(tmp_path: Path, key: str) -> None:
    shelf = PickleShelf(tmp_path / "sites", keep=3)
    for attempt in (lambda: shelf.put(key, "x"), lambda: shelf.get(key), lambda: shelf.has(key)):
        with pytest.raises(ValueError, match="not a cache key"):
            attempt()
    assert list((tmp_path / "sites").iterdir()) == []


def test_only_the_newest_entries_are_kept_and_reading_one_keeps_it(tmp_path: Path) -> None:
    shelf = PickleShelf(tmp_path / "sites", keep=2)
    shelf.put(KEY_A, 1)
    shelf.put(KEY_B, 2)
    folder = tmp_path / "sites"
    os.utime(folder / f"{KEY_A}.pickle", (1_000, 1_000))
    os.utime(folder / f"{KEY_B}.pickle", (2_000, 2_000))
    assert shelf.get(KEY_A) == 1  # now the most recently used
    shelf.put(KEY_C, 3)
    assert sorted(p.name for p in folder.iterdir()) == [f"{KEY_A}.pickle", f"{KEY_C}.pickle"]


def test_the_cache_keeps_sites_and_models_beside_its_database(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "analysis")
    assert cache is not None
    try:
        cache.put_site(KEY_A, "site")
        cache.put_model(KEY_A, "model")
        assert cache.has_site(KEY_A) and cache.get_site(KEY_A) == "site" and cache.get_model(KEY_A) == "model"
    finally:
        cache.close()
    assert (tmp_path / "analysis" / "sites" / f"{KEY_A}.pickle").is_file()
    assert (tmp_path / "analysis" / "models" / f"{KEY_A}.pickle").is_file()


def test_sites_and_models_left_as_rows_by_an_older_cache_are_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "analysis"
    folder.mkdir()
    with sqlite3.connect(folder / "analysis.sqlite3") as db:
        db.execute("CREATE TABLE facts (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("INSERT INTO facts VALUES ('k', x'00')")
        for table in ("sites", "models"):
            db.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            db.execute(f"INSERT INTO {table} VALUES ('k', zeroblob(1000000))")
    db.close()
    cache = open_cache(folder)
    assert cache is not None
    cache.close()
    with sqlite3.connect(folder / "analysis.sqlite3") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"facts"} and db.execute("SELECT key FROM facts").fetchall() == [("k",)]
    db.close()
    assert (folder / "analysis.sqlite3").stat().st_size < 100_000
