"""A token bucket per client, in memory (per API process): bursts up to `burst`, then `per_minute`."""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self, *, per_minute: int, burst: int, max_clients: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def acquire(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it could."""
        return self._take(client, spend=True)

    def waiting(self, client: str) -> float:
        """What `acquire` would answer, without spending anything: 0 while the client has a token left."""
        return self._take(client, spend=False)

    def _take(self, client: str, *, spend: bool) -> float:
        if not self.enabled:
            return 0.0
        # Keys may be API keys: keep only a digest in memory.
        key = hashlib.sha256(client.encode()).hexdigest()
        now = self._clock()
        tokens, last = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            tokens -= 1.0 if spend else 0.0
            wait = 0.0
        else:
            wait = (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait
