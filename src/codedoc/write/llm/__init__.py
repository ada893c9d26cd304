"""The LLM writer: richer prose from Anthropic, OpenAI, Gemini or any OpenAI-compatible server,
grounded in the code model, cached, and checked.

    settings = resolve_settings("anthropic", env=os.environ, cache_dir=...)
    prose = LLMProse(settings)            # a ProseSource for `GenerateOptions(prose=...)`
    prose.usage()                         # tokens and calls so far
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codedoc.errors import CodeDocError

if TYPE_CHECKING:
    from codedoc.write.llm.accounting import CallRecord, Fallback, LLMReport
    from codedoc.write.llm.dryrun import DryRunEstimate, estimate_run, format_estimate
    from codedoc.write.llm.pricing import Price, Usage, load_prices
    from codedoc.write.llm.registry import PROVIDERS, ProviderSpec
    from codedoc.write.llm.router import Role, parse_tiers
    from codedoc.write.llm.settings import LLMSettings, resolve_settings
    from codedoc.write.llm.writer import LLMProse

# Imported on first use: the offline pipeline imports `codedoc.write.llm.grounding` (and the CLI
# the provider names) without paying for the writer, its prompts and the secret scanner.
_EXPORTS = {
    "CallRecord": "accounting",
    "Fallback": "accounting",
    "LLMReport": "accounting",
    "DryRunEstimate": "dryrun",
    "estimate_run": "dryrun",
    "format_estimate": "dryrun",
    "Price": "pricing",
    "Usage": "pricing",
    "load_prices": "pricing",
    "PROVIDERS": "registry",
    "ProviderSpec": "registry",
    "Role": "router",
    "parse_tiers": "router",
    "LLMSettings": "settings",
    "resolve_settings": "settings",
    "LLMProse": "writer",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "PROVIDERS",
    "CallRecord",
    "DryRunEstimate",
    "Fallback",
    "LLMProse",
    "LLMReport",
    "LLMSettings",
    "Price",
    "ProviderSpec",
    "Role",
    "Usage",
    "estimate_run",
    "format_estimate",
    "load_prices",
    "parse_tiers",
    "prose_from_env",
    "resolve_settings",
    "settings_from_env",
]

_OFF = {"", "none", "off", "offline"}


def settings_from_env(env: Mapping[str, str], *, cache_dir: Path | None) -> LLMSettings | None:
    """Settings from `CODEDOC_LLM_*` variables and the provider's usual key variable; None when off.

    CODEDOC_LLM_PROVIDER (anthropic, openai, gemini, openai-compatible), CODEDOC_LLM_MODEL,
    CODEDOC_LLM_CHEAP_MODEL, CODEDOC_LLM_BASE_URL, CODEDOC_LLM_MAX_TOKENS, CODEDOC_LLM_CONCURRENCY,
    CODEDOC_LLM_PRICES (a JSON price table), CODEDOC_LLM_TIERS (`page=cheap,plan=strong`: the router),
    CODEDOC_LLM_WIKI=0 (no concept pages).
    `cache_dir` is the answer cache itself (None: no cache).
    """
    from codedoc.write.llm.pricing import load_prices
    from codedoc.write.llm.router import parse_tiers
    from codedoc.write.llm.settings import resolve_settings

    provider = env.get("CODEDOC_LLM_PROVIDER", "").strip().lower()
    if provider in _OFF:
        return None
    prices_file = env.get("CODEDOC_LLM_PRICES", "").strip()
    return resolve_settings(
        provider,
        env=env,
        model=env.get("CODEDOC_LLM_MODEL") or None,
        cheap_model=env.get("CODEDOC_LLM_CHEAP_MODEL") or None,
        base_url=env.get("CODEDOC_LLM_BASE_URL") or None,
        max_tokens=_int(env, "CODEDOC_LLM_MAX_TOKENS"),
        concurrency=_int(env, "CODEDOC_LLM_CONCURRENCY"),
        prices=load_prices(Path(prices_file)) if prices_file else None,
        cache_dir=cache_dir,
        tiers=parse_tiers(env.get("CODEDOC_LLM_TIERS", "")) or None,
        wiki=False if env.get("CODEDOC_LLM_WIKI", "").strip().lower() in ("0", "false", "no", "off") else None,
    )


def prose_from_env(env: Mapping[str, str], *, cache_dir: Path | None) -> LLMProse | None:
    """The service's LLM writer, or None when `CODEDOC_LLM_PROVIDER` is unset (offline prose)."""
    from codedoc.write.llm.writer import LLMProse

    settings = settings_from_env(env, cache_dir=cache_dir)
    return LLMProse(settings) if settings is not None else None


def _int(env: Mapping[str, str], name: str) -> int | None:
    value = env.get(name, "").strip().replace("_", "").replace(",", "")
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise CodeDocError(f"{name} must be a whole number (got {value!r})") from None
