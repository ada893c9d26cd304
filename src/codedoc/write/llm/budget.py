"""The job's hard token budget (`--max-tokens`). A call reserves its worst case before it is
sent and settles to what it really used; a call that would not fit is not sent."""

from __future__ import annotations

import threading


class TokenBudget:
    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.used = 0
        self._reserved = 0
        self._lock = threading.Lock()

    def reserve(self, tokens: int) -> bool:
        with self._lock:
            if self.limit is not None and self.used + self._reserved + tokens > self.limit:
                return False
            self._reserved += tokens
            return True

    def remaining(self) -> int | None:
        """Tokens not yet used or reserved; None without a limit."""
        with self._lock:
            return None if self.limit is None else max(0, self.limit - self.used - self._reserved)

    def settle(self, reserved: int, used: int) -> None:
        with self._lock:
            self._reserved -= reserved
            self.used += used

    def record(self, used: int) -> None:
        """Tokens spent outside a reservation (should not happen, but count them if it does)."""
        with self._lock:
            self.used += used
