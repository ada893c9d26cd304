"""The persistent answer cache."""

from __future__ import annotations

from pathlib import Path

from codedoc.write.llm.answers import Answer
from codedoc.write.llm.cache import AnswerCache, cache_key

KEY_ARGS = {
    "provider": "anthropic",
    "model": "m",
    "prompt_version": "1",
    "system": "s",
    "user": "u",
    "max_output_tokens": 10,
}


def test_answer_round_trips(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    key = cache_key(**KEY_ARGS)  # type: ignore[arg-type]
    cache.put(key, Answer("Does X.", ("One.",)))
    assert AnswerCache(tmp_path).get(key) == Answer("Does X.", ("One.",))


def test_every_input_is_part_of_the_key() -> None:
    base = cache_key(**KEY_ARGS)  # type: ignore[arg-type]
    for name in KEY_ARGS:
        changed = {**KEY_ARGS, name: 11 if name == "max_output_tokens" else "other"}
        assert cache_key(**changed) != base  # type: ignore[arg-type]


def test_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    key = cache_key(**KEY_ARGS)  # type: ignore[arg-type]
    cache.put(key, Answer("Does X."))
    next(tmp_path.rglob("*.json")).write_text("{not json")
    assert cache.get(key) is None


def test_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    AnswerCache(blocker / "cache").put("ab" * 32, Answer("Does X."))  # must not raise
