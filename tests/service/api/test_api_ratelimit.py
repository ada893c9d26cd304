"""The token bucket: bursts, refill with time, and a look that spends nothing."""

from __future__ import annotations

from codedoc.service.api.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_the_client_waits_for_the_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=3, clock=clock)
    assert [limiter.acquire("ip:1") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire("ip:1") == 1.0  # one token a second
    assert limiter.acquire("ip:2") == 0.0  # another client has its own bucket
    clock.now += 1.0
    assert limiter.acquire("ip:1") == 0.0


def test_waiting_looks_without_spending() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    assert [limiter.waiting("ip:1") for _ in range(5)] == [0.0] * 5
    limiter.acquire("ip:1")
    limiter.acquire("ip:1")
    assert limiter.waiting("ip:1") == 1.0 and limiter.waiting("ip:1") == 1.0
    clock.now += 0.5
    assert limiter.waiting("ip:1") == 0.5


def test_a_rate_of_zero_never_limits() -> None:
    limiter = RateLimiter(per_minute=0, burst=1)
    assert not limiter.enabled
    assert [limiter.acquire("ip:1") for _ in range(10)] == [0.0] * 10
    assert limiter.waiting("ip:1") == 0.0
