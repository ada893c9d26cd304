"""Short-lived answers to "can this user read that repository now?", so reading docs stays fast."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

MAX_ENTRIES = 10_000


class AccessCache:
    def __init__(self, ttl_seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl_seconds
        self._clock = clock
        self._answers: dict[tuple[int | None, str], tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: int | None, full_name: str) -> bool | None:
        with self._lock:
            entry = self._answers.get((user_id, full_name.lower()))
        if entry is None or entry[1] <= self._clock():
            return None
        return entry[0]

    def put(self, user_id: int | None, full_name: str, readable: bool) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            if len(self._answers) >= MAX_ENTRIES:
                now = self._clock()
                self._answers = {key: value for key, value in self._answers.items() if value[1] > now}
                if len(self._answers) >= MAX_ENTRIES:
                    self._answers.clear()
            self._answers[(user_id, full_name.lower())] = (readable, self._clock() + self.ttl)

    def forget(self, user_id: int | None) -> None:
        with self._lock:
            self._answers = {key: value for key, value in self._answers.items() if key[0] != user_id}

    def forget_repository(self, full_name: str) -> None:
        """Every cached answer about this repository (GitHub said it was deleted or made private)."""
        with self._lock:
            self._answers = {key: value for key, value in self._answers.items() if key[1] != full_name.lower()}
