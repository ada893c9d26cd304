"""A persistent answer cache: one small JSON file per answer, named by the hash of its inputs.

The key covers (provider, model, prompt version, system prompt, user prompt, answer length), so
an unchanged page is never asked twice and any change to its inputs asks again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from codedoc.write.llm.answers import Answer, AnswerError, parse_answer


def cache_key(*, provider: str, model: str, prompt_version: str, system: str, user: str, max_output_tokens: int) -> str:
    payload = json.dumps(
        [provider, model, prompt_version, system, user, max_output_tokens], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AnswerCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Answer | None:
        """The cached answer, or None when absent or unreadable (a damaged entry is just a miss)."""
        try:
            text = self._path(key).read_text(encoding="utf-8")
            return parse_answer(text)
        except (OSError, UnicodeDecodeError, AnswerError):
            return None

    def get_raw(self, key: str) -> str | None:
        """A plan or page answer stored as written, or None."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        raw = data.get("raw") if isinstance(data, dict) else None
        return raw if isinstance(raw, str) else None

    def put_raw(self, key: str, text: str) -> None:
        self._write(key, {"raw": text})

    def put(self, key: str, answer: Answer) -> None:
        self._write(key, answer.to_json())

    def _write(self, key: str, payload: dict[str, object]) -> None:
        """Store atomically, so a concurrent reader never sees half a file. Failures are ignored:
        the cache only saves calls, it must never fail a job."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False)
            os.replace(temporary, path)
        except OSError:
            return
