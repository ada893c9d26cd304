"""The model router: which model answers each kind of call.

Every call has a role — planning the wiki, writing a page, summarising a module, writing a
docstring, answering a question — and each role a tier (the cheap model for the many small calls,
the strong one where the reader sees the result). Defaults come per provider; settings override
a role with a tier or with a model name:

    settings.model_for(Role.PAGE)           # "claude-sonnet-4-5"
    CODEDOC_LLM_TIERS="page=cheap,plan=my-big-model"
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from codedoc.errors import CodeDocError


class Role(StrEnum):
    """A kind of call, as the router and the usage report see it."""

    PLAN = "plan"
    """Proposing the wiki's concept pages from the outline."""
    PAGE = "page"
    """Writing a page a reader sees first: concept pages, the overview, the architecture."""
    SUMMARY = "summary"
    """Module (and module part) and component summaries, bottom-up."""
    DOCSTRING = "docstring"
    """Docstrings for undocumented code."""
    ANSWER = "answer"
    """Answers to questions about the code."""


class Tier(StrEnum):
    CHEAP = "cheap"
    STRONG = "strong"


DEFAULT_TIERS: Mapping[Role, Tier] = {
    Role.PLAN: Tier.STRONG,
    Role.PAGE: Tier.STRONG,
    Role.SUMMARY: Tier.CHEAP,
    Role.DOCSTRING: Tier.CHEAP,
    Role.ANSWER: Tier.STRONG,
}


def parse_tiers(text: str) -> dict[str, str]:
    """`page=cheap,plan=strong,answer=some-model` as a mapping; errors say which part is wrong."""
    tiers: dict[str, str] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        role, separator, choice = (piece.strip() for piece in item.partition("="))
        if not separator or not choice:
            raise CodeDocError(f"model tier {item!r} must read ROLE=TIER (e.g. page=cheap)")
        tiers[check_role(role)] = choice
    return tiers


def check_role(role: str) -> str:
    if role not in {r.value for r in Role}:
        raise CodeDocError(f"unknown kind of LLM call {role!r}; choose one of: {', '.join(r.value for r in Role)}")
    return role


def choose_model(
    role: Role,
    *,
    cheap_model: str,
    strong_model: str,
    provider_tiers: Mapping[str, str],
    overrides: Mapping[str, str],
) -> str:
    """The model for `role`: the user's override, else the provider's default, else the general one.
    An override that is neither `cheap` nor `strong` is a model name."""
    choice = overrides.get(role.value) or provider_tiers.get(role.value) or DEFAULT_TIERS[role].value
    if choice == Tier.CHEAP:
        return cheap_model
    if choice == Tier.STRONG:
        return strong_model
    return choice
