"""One call's shape and its acceptance: the request each kind of call sends, whether an answer is
usable for its kind, and how the wiki's page calls are fitted into the token budget."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from codedoc.write.llm.answer_checks import check_text
from codedoc.write.llm.answers import SUMMARY_SCHEMA, Answer, parse_answer
from codedoc.write.llm.grounding import KnownNames
from codedoc.write.llm.page_answer import build_page
from codedoc.write.llm.prompts import CallKind, Prompt
from codedoc.write.llm.providers import ChatRequest
from codedoc.write.llm.settings import LLMSettings
from codedoc.write.llm.wiki_plan import PLAN_SCHEMA, parse_plan
from codedoc.write.pages import ConceptPage


@dataclass(frozen=True, slots=True)
class Outcome:
    answer: Answer | None
    reason: str = ""
    raw: str | None = None
    """For plan and page calls: the accepted answer as the model wrote it (parsed again on use)."""


RAW_KINDS = frozenset({CallKind.PLAN, CallKind.PAGE})
"""Calls whose answers are kept as written (a plan, a Markdown page), not as a summary."""


def usable_answer(text: str, prompt: str) -> Answer:
    """The parsed answer when it is a real answer to `prompt` (not empty, a refusal, foreign or an echo)."""
    parsed = parse_answer(text)
    check_text(parsed.render(), prompt, raw=text)
    return parsed


def request_for(prompt: Prompt, model_name: str, settings: LLMSettings) -> ChatRequest:
    """Structured output where the answer is data (summaries, the plan); free Markdown for pages."""
    max_output = settings.max_output_tokens_for(prompt.kind)
    if prompt.kind is CallKind.PAGE:
        return ChatRequest(model_name, prompt.system, prompt.user, max_output, json_answer=False)
    if prompt.kind is CallKind.PLAN:
        return ChatRequest(
            model_name, prompt.system, prompt.user, max_output, schema=PLAN_SCHEMA, schema_name="wiki_plan"
        )
    return ChatRequest(model_name, prompt.system, prompt.user, max_output, schema=SUMMARY_SCHEMA, schema_name="summary")


def accept(prompt: Prompt, text: str, known: KnownNames) -> Outcome:
    """The answer if it is usable for its kind of call, else `AnswerError` saying why."""
    if prompt.kind is CallKind.PLAN:
        check_text(text, prompt.user, raw=text)
        parse_plan(text)
        return Outcome(None, raw=text)
    if prompt.kind is CallKind.PAGE:
        build_page(text, prompt.user, known)
        return Outcome(None, raw=text)
    return Outcome(usable_answer(text, prompt.user))


def fit_pages(
    pages: list[ConceptPage],
    build: Callable[[Sequence[ConceptPage], int], list[Prompt]],
    *,
    room: int | None,
    fixed: int,
    input_budget: int,
    reserve: Callable[[Prompt], int],
) -> tuple[list[ConceptPage], list[Prompt]]:
    """The pages (and their prompts) that fit in `room` tokens besides `fixed`: pages are made
    shorter first (a smaller input budget, down to a third), then the last in reading order go.
    A page is never cut off half-written: it is either planned whole or not at all."""
    budget = input_budget
    while True:
        prompts = build(pages, budget)
        cost = fixed + sum(reserve(prompt) for prompt in prompts)
        if room is None or cost <= room or not pages:
            return pages, prompts
        if budget > input_budget // 3:
            budget //= 2
            continue
        pages = pages[:-1]
