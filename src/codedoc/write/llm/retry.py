"""Retries with backoff that honour `Retry-After`, and a per-provider limit on calls in flight."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from codedoc.write.llm.providers import ChatAnswer, ChatRequest, Provider, ProviderCallError

Sleep = Callable[[float], None]

_SLOTS: dict[tuple[str, str], threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def provider_slots(provider: str, base_url: str | None, concurrency: int) -> threading.BoundedSemaphore:
    """One semaphore per endpoint in this process, so concurrent jobs share the provider's limit."""
    key = (provider, base_url or "")
    with _SLOTS_LOCK:
        slots = _SLOTS.get(key)
        if slots is None:
            slots = _SLOTS[key] = threading.BoundedSemaphore(max(1, concurrency))
        return slots


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int = 4
    base_delay: float = 1.0
    max_backoff: float = 60.0
    """A provider asking for a longer wait than this is treated as a failure, not waited for."""

    def delay(self, attempt: int, error: ProviderCallError) -> float | None:
        """Seconds to wait before try `attempt + 1`, or None to give up."""
        if not error.transient or attempt >= self.max_attempts:
            return None
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self.max_backoff else None
        backoff = min(self.max_backoff, self.base_delay * 2.0 ** (attempt - 1))
        # Full jitter keeps many workers from retrying in step after a shared rate limit.
        return backoff / 2 + random.uniform(0, backoff / 2)


@dataclass(frozen=True, slots=True)
class CallOutcome:
    answer: ChatAnswer | None
    attempts: int
    error: ProviderCallError | None = None


def call_with_retries(
    provider: Provider,
    request: ChatRequest,
    *,
    policy: RetryPolicy,
    slots: threading.BoundedSemaphore,
    sleep: Sleep,
) -> CallOutcome:
    """Send `request`, retrying transient failures; never raises `ProviderCallError`."""
    attempt = 0
    while True:
        attempt += 1
        try:
            with slots:
                answer = provider.complete(request)
        except ProviderCallError as error:
            wait = policy.delay(attempt, error)
            if wait is None:
                return CallOutcome(None, attempt, _final(error, attempt, policy))
            sleep(wait)
            continue
        return CallOutcome(answer, attempt)


def _final(error: ProviderCallError, attempts: int, policy: RetryPolicy) -> ProviderCallError:
    if not error.transient:
        return error
    if error.retry_after is not None and error.retry_after > policy.max_backoff:
        message = f"{error}; asked to wait {error.retry_after:.0f}s, more than the {policy.max_backoff:.0f}s allowed"
    else:
        message = f"{error}; gave up after {attempts} attempts"
    return ProviderCallError(message, transient=True, status=error.status)
