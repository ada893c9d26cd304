"""Everything the LLM writer is told, in one immutable record, resolved and checked once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from codedoc.errors import CodeDocError
from codedoc.write.llm.pricing import DEFAULT_PRICES, Price
from codedoc.write.llm.registry import PROVIDERS, ProviderSpec
from codedoc.write.llm.router import Role, check_role, choose_model

# A placeholder for local servers that want no key: the official clients refuse an empty one.
_NO_KEY = "codedoc-no-key"


@dataclass(frozen=True)
class LLMSettings:
    provider: str
    """A key of `PROVIDERS`."""
    cheap_model: str
    """Model for module and component summaries."""
    strong_model: str
    """Model for the overview and architecture."""
    base_url: str | None = None
    api_key: str = field(default=_NO_KEY, repr=False)
    max_tokens: int | None = None
    """Hard budget for the whole job (input + output tokens); None for no limit."""
    max_output_tokens: int = 700
    """Longest answer asked of one call."""
    input_budget: int = 6_000
    """Most input tokens one call may carry; bigger modules are summarised in parts."""
    concurrency: int = 4
    timeout: float = 120.0
    """Seconds one request may take."""
    max_attempts: int = 4
    """Tries per call when the provider is rate limited, times out or fails with 5xx."""
    max_backoff: float = 60.0
    """Longest wait between two tries, whatever `Retry-After` says."""
    prices: Mapping[str, Price] = field(default_factory=lambda: dict(DEFAULT_PRICES))
    cache_dir: Path | None = None
    """Where answers are cached; None disables the cache."""
    source_root: Path | None = None
    """The checkout, when code excerpts may be read from it."""
    wiki: bool = True
    """Plan and write concept pages (a plan call, then one call per page) besides the summaries."""
    page_output_tokens: int = 2_000
    """Longest answer asked of a concept page or plan call."""
    tiers: Mapping[str, str] = field(default_factory=dict)
    """Per kind of call (`Role` value): `cheap`, `strong` or a model name, over the provider's defaults."""

    @property
    def spec(self) -> ProviderSpec:
        return PROVIDERS[self.provider]

    def max_output_tokens_for(self, kind: str) -> int:
        """Pages and plans are longer answers than summaries."""
        return self.page_output_tokens if kind in ("page", "plan") else self.max_output_tokens

    def model_for(self, role: Role) -> str:
        """The model that answers calls of `role` (see `codedoc.write.llm.router`)."""
        return choose_model(
            role,
            cheap_model=self.cheap_model,
            strong_model=self.strong_model,
            provider_tiers=dict(self.spec.tiers),
            overrides=self.tiers,
        )


def resolve_settings(
    provider: str,
    *,
    env: Mapping[str, str],
    model: str | None = None,
    cheap_model: str | None = None,
    base_url: str | None = None,
    require_key: bool = True,
    **overrides: object,
) -> LLMSettings:
    """Fill in defaults for `provider` and check that a call could be made; errors say how to fix it.

    `model` sets both tiers unless `cheap_model` is also given (a local server usually has one model).
    """
    spec = PROVIDERS.get(provider)
    if spec is None:
        raise CodeDocError(f"unknown LLM provider {provider!r}; choose one of: {', '.join(PROVIDERS)}")
    strong = model or spec.strong_model
    cheap = cheap_model or model or spec.cheap_model
    if strong is None or cheap is None:
        raise CodeDocError(f"--llm {provider} needs a model name: add --model NAME (e.g. --model qwen2.5-coder)")
    url = base_url or spec.base_url
    if url is None:
        raise CodeDocError(
            f"--llm {provider} needs the server's address: add --llm-base-url (e.g. http://localhost:11434/v1)"
        )
    key = env.get(spec.key_env, "").strip() if spec.key_env else ""
    if not key and spec.key_env and require_key:
        raise CodeDocError(f"--llm {provider} needs an API key: set the environment variable {spec.key_env}")
    settings = LLMSettings(
        provider=provider,
        cheap_model=cheap,
        strong_model=strong,
        base_url=url,
        api_key=key or _NO_KEY,
        concurrency=spec.concurrency,
    )
    return _with_overrides(settings, overrides)


def _with_overrides(settings: LLMSettings, overrides: Mapping[str, object]) -> LLMSettings:
    known = {f.name for f in fields(LLMSettings)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown LLM settings: {', '.join(sorted(unknown))}")
    given = {name: value for name, value in overrides.items() if value is not None}
    tiers = given.get("tiers")
    if isinstance(tiers, Mapping):
        given["tiers"] = {check_role(str(role)): str(choice) for role, choice in tiers.items()}
    for name in ("max_tokens", "max_output_tokens", "input_budget", "concurrency", "max_attempts"):
        value = given.get(name)
        if isinstance(value, int) and value < 1:
            raise CodeDocError(f"{name.replace('_', '-')} must be at least 1 (got {value})")
    return replace(settings, **given)  # type: ignore[arg-type]
