"""`--dry-run`: the same bottom-up run with a stand-in provider that sends nothing and answers
with a placeholder of typical length, so the report counts the very calls a real run would make
(cache hits, parts of big modules, budget cut-offs included) and estimates their tokens and cost."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from codedoc.model import CodeModel
from codedoc.write.llm.accounting import Fallback, usage_by_role
from codedoc.write.llm.pricing import Usage, estimate_tokens
from codedoc.write.llm.prompts import CallKind
from codedoc.write.llm.providers import ChatAnswer, ChatRequest
from codedoc.write.llm.router import Role
from codedoc.write.llm.settings import LLMSettings
from codedoc.write.llm.writer import LLMProse

TYPICAL_ANSWER_SHARE = 0.5
"""Answers use about half of the allowed output length."""


class EstimatingProvider:
    """Answers every request at once, without a network, with a placeholder of typical length."""

    name = "estimate"

    def __init__(self, settings: LLMSettings) -> None:
        words = max(8, int(settings.max_output_tokens * TYPICAL_ANSWER_SHARE * 0.75))
        self._text = json.dumps({"summary": ("Placeholder text of typical length. " * (words // 5 + 1)).strip()})
        page_words = max(40, int(settings.page_output_tokens * TYPICAL_ANSWER_SHARE * 0.75))
        self._page = "## Placeholder\n\n" + ("This is placeholder text of a typical length. " * (page_words // 8 + 1))

    def complete(self, request: ChatRequest) -> ChatAnswer:
        text = self._text if request.json_answer else self._page
        return ChatAnswer(
            text=text,
            input_tokens=estimate_tokens(request.system + request.user),
            output_tokens=estimate_tokens(text),
        )


@dataclass(frozen=True, slots=True)
class DryRunEstimate:
    provider: str
    cheap_model: str
    strong_model: str
    summaries: Counter[CallKind]
    """Summaries that would be written, by kind (module parts counted separately)."""
    usage: Usage
    """`calls` are the calls that would be sent; `cache_hits` those answered from the cache."""
    fallbacks: tuple[Fallback, ...]
    secrets_redacted: int
    max_tokens: int | None
    by_role: dict[str, Usage] = field(default_factory=dict)
    """Calls and tokens per kind of call (plan, page, summary…)."""
    models: dict[str, str] = field(default_factory=dict)
    """The model the router picks for each kind of call."""
    pages: tuple[str, ...] = ()
    """The concept pages the plan would write."""


def estimate_run(settings: LLMSettings, model: CodeModel) -> DryRunEstimate:
    writer = LLMProse(settings, provider=EstimatingProvider(settings), sleep=lambda _: None, dry_run=True)
    writer.prepare(model)
    report = writer.report()
    return DryRunEstimate(
        provider=settings.provider,
        cheap_model=settings.cheap_model,
        strong_model=settings.strong_model,
        summaries=Counter(record.kind for record in report.calls),
        usage=report.usage,
        fallbacks=report.fallbacks,
        secrets_redacted=report.secrets_redacted,
        max_tokens=settings.max_tokens,
        by_role=usage_by_role(report.calls),
        models={role.value: settings.model_for(role) for role in (Role.PLAN, Role.PAGE, Role.SUMMARY)},
        pages=report.pages,
    )


def format_estimate(estimate: DryRunEstimate, *, pages: int | None = None) -> str:
    usage, kinds = estimate.usage, estimate.summaries
    modules = kinds[CallKind.MODULE] + sum(1 for f in estimate.fallbacks if f.subject.startswith("module "))
    lines = [f"Dry run: nothing was sent to {estimate.provider}."]
    if pages is not None:
        lines.append(f"  pages      {pages}")
    lines += [
        f"  summaries  {modules} modules ({kinds[CallKind.MODULE_PART]} module parts), "
        f"{kinds[CallKind.COMPONENT]} components, overview, architecture",
        f"  calls      {usage.calls} to send, {usage.cache_hits} answered from the cache",
        "  models     " + ", ".join(f"{role} {model}" for role, model in estimate.models.items()),
        f"  tokens     ~{usage.input_tokens:,} in, ~{usage.output_tokens:,} out (estimated)",
        "  cost       "
        + (
            f"~${usage.cost_usd:,.2f} at list prices (override with --llm-prices FILE)"
            if usage.priced
            else "unknown: no price for this model (a local model costs nothing)"
        ),
    ]
    for role, used in estimate.by_role.items():
        lines.append(
            f"  {role:<10} {used.calls} calls, {used.cache_hits} cached, ~{used.input_tokens:,} in, "
            f"~{used.output_tokens:,} out"
        )
    if estimate.pages:
        shown = ", ".join(estimate.pages[:12]) + (", …" if len(estimate.pages) > 12 else "")
        lines.append(
            f"  concepts   {len(estimate.pages)} concept pages (the built-in plan; the model proposes its own): {shown}"
        )
    if estimate.secrets_redacted:
        lines.append(f"  secrets    {estimate.secrets_redacted} found and redacted from the prompts")
    if estimate.max_tokens is not None:
        over = [f.subject for f in estimate.fallbacks if "budget" in f.reason]
        lines.append(
            f"  budget     --max-tokens {estimate.max_tokens:,}: "
            + (
                f"{len(over)} summaries would use the offline text ({', '.join(over[:5])}"
                + (", …" if len(over) > 5 else "")
                + ")"
                if over
                else "everything fits"
            )
        )
    return "\n".join(lines)
