"""Per-call and per-job accounting: what was sent, what it cost, and what fell back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from codedoc.write.llm.pricing import Usage
from codedoc.write.llm.prompts import CallKind, role_of
from codedoc.write.llm.router import Role


@dataclass(frozen=True, slots=True)
class Fallback:
    """A summary the LLM did not write; the offline writer's text stands in for it."""

    subject: str
    reason: str


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One page's call, for per-call accounting."""

    subject: str
    kind: CallKind
    model: str
    cache_hit: bool
    attempts: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    cost_usd: float | None = 0.0


@dataclass(frozen=True, slots=True)
class LLMReport:
    provider: str
    usage: Usage
    calls: tuple[CallRecord, ...]
    fallbacks: tuple[Fallback, ...]
    removed_names: tuple[str, ...]
    """Unknown names dropped from answers by the grounding pass, as `subject: name`."""
    secrets_redacted: int
    max_tokens: int | None
    pages: tuple[str, ...] = ()
    """Titles of the concept pages the wiki plan chose, in reading order."""
    plan_repairs: tuple[str, ...] = ()
    """What validation took out of the model's plan: unknown files and symbols, pages over the count."""
    plan_from_model: bool = False
    """False when the wiki was planned from the components (no plan, or no usable one, came back)."""

    def summary(self) -> dict[str, object]:
        """The figures a job keeps: calls, tokens, estimated cost (None when unknown), fallbacks."""
        usage = self.usage
        return {
            "provider": self.provider,
            "calls": usage.calls,
            "cache_hits": usage.cache_hits,
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "cached_input_tokens": usage.cached_input_tokens,
            "cost_usd": round(usage.cost_usd, 6) if usage.priced else None,
            "fallbacks": len(self.fallbacks),
            "by_kind": {
                role: {
                    "calls": u.calls,
                    "cache_hits": u.cache_hits,
                    "input_tokens": u.input_tokens,
                    "output_tokens": u.output_tokens,
                }
                for role, u in usage_by_role(self.calls).items()
            },
            "pages": list(self.pages),
        }


def total_usage(records: Sequence[CallRecord]) -> Usage:
    total = Usage()
    for record in records:
        total += Usage(
            calls=record.attempts,
            cache_hits=int(record.cache_hit),
            input_tokens=record.input_tokens,
            output_tokens=record.output_tokens,
            cached_input_tokens=record.cached_input_tokens,
            cost_usd=record.cost_usd or 0.0,
            priced=record.cost_usd is not None,
        )
    return total


def usage_by_role(records: Sequence[CallRecord]) -> dict[str, Usage]:
    """Calls and tokens per kind of call (the model router's roles), in a stable order."""
    grouped: dict[str, list[CallRecord]] = {}
    for record in records:
        grouped.setdefault(role_of(record.kind).value, []).append(record)
    return {role.value: total_usage(grouped[role.value]) for role in Role if role.value in grouped}
