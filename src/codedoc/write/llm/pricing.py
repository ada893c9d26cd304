"""Token accounting and cost estimates. Prices change; the user can override the table."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from codedoc.errors import CodeDocError


@dataclass(frozen=True, slots=True)
class Price:
    """US dollars per million tokens."""

    input: float
    output: float
    cached_input: float | None = None
    """Price of input tokens read from the provider's prompt cache (None: same as input)."""


DEFAULT_PRICES: dict[str, Price] = {
    "claude-haiku-4-5": Price(1.0, 5.0, 0.10),
    "claude-sonnet-4-5": Price(3.0, 15.0, 0.30),
    "claude-opus-4-1": Price(15.0, 75.0, 1.50),
    "gpt-4.1-mini": Price(0.40, 1.60, 0.10),
    "gpt-4.1": Price(2.0, 8.0, 0.50),
    "gpt-4o-mini": Price(0.15, 0.60, 0.075),
    "gpt-4o": Price(2.50, 10.0, 1.25),
    "gemini-2.5-flash": Price(0.30, 2.50, 0.075),
    "gemini-2.5-pro": Price(1.25, 10.0, 0.31),
}
"""List prices when this table was written; `--llm-prices FILE` overrides them."""


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens and calls of one call or of a whole job."""

    calls: int = 0
    """Requests sent to the provider (including retries and re-asks)."""
    cache_hits: int = 0
    """Answers taken from CodeDoc's answer cache instead of a call."""
    input_tokens: int = 0
    """Input tokens billed at the full price."""
    output_tokens: int = 0
    cached_input_tokens: int = 0
    """Input tokens the provider read from its own prompt cache."""
    cost_usd: float = 0.0
    priced: bool = True
    """False when some model had no known price (a local model: cost unknown, likely zero)."""

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            calls=self.calls + other.calls,
            cache_hits=self.cache_hits + other.cache_hits,
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cached_input_tokens=self.cached_input_tokens + other.cached_input_tokens,
            cost_usd=self.cost_usd + other.cost_usd,
            priced=self.priced and other.priced,
        )

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens + self.cached_input_tokens


def estimate_tokens(text: str) -> int:
    """About four characters a token for English and code; good enough for budgets and estimates."""
    return max(1, math.ceil(len(text) / 4))


def cost(
    prices: Mapping[str, Price], model: str, *, input_tokens: int, output_tokens: int, cached_input_tokens: int = 0
) -> float | None:
    """Dollars for one call, or None when the model has no price."""
    price = prices.get(model)
    if price is None:
        return None
    cached_price = price.input if price.cached_input is None else price.cached_input
    return (input_tokens * price.input + output_tokens * price.output + cached_input_tokens * cached_price) / 1e6


def load_prices(path: Path | None) -> dict[str, Price]:
    """The default table, overridden by a JSON file `{"model": {"input": 1.0, "output": 5.0, "cached_input": 0.1}}`."""
    prices = dict(DEFAULT_PRICES)
    if path is None:
        return prices
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the top level must be an object of models")
        for model, entry in data.items():
            if not isinstance(entry, dict):
                raise ValueError(f"{model}: expected an object with input and output prices")
            cached = entry.get("cached_input")
            prices[str(model)] = Price(
                float(entry["input"]), float(entry["output"]), None if cached is None else float(cached)
            )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CodeDocError(
            f"cannot read the price table {path}: {error}. "
            'Expected JSON like {"my-model": {"input": 1.0, "output": 5.0}} in dollars per million tokens.'
        ) from error
    return prices
