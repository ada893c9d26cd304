"""The providers CodeDoc can talk to, in one table. Adding a provider is one entry here."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class WireProtocol(StrEnum):
    """Which official client speaks to the provider."""

    ANTHROPIC = "anthropic"
    """Anthropic Messages, through the `anthropic` client."""
    OPENAI = "openai"
    """OpenAI Chat Completions, through the `openai` client (also Gemini and local servers)."""


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    name: str
    protocol: WireProtocol
    base_url: str | None
    """Default endpoint; None means the user must give one."""
    key_env: str | None
    """Environment variable holding the API key; None when no key is needed."""
    cheap_model: str | None
    """Default model for the many per-module and per-component calls."""
    strong_model: str | None
    """Default model for the overview and architecture."""
    max_tokens_param: str = "max_tokens"
    """Name of the output-length parameter (OpenAI's own API renamed it)."""
    json_mode: bool = False
    """Whether the endpoint accepts `response_format={"type": "json_object"}`."""
    json_schema: bool = False
    """Whether the endpoint enforces `response_format={"type": "json_schema", …}`."""
    concurrency: int = 4
    """Default number of calls in flight at once."""
    tiers: tuple[tuple[str, str], ...] = ()
    """This provider's own defaults for the model router, as (role, tier) pairs."""


PROVIDERS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        ProviderSpec(
            name="anthropic",
            protocol=WireProtocol.ANTHROPIC,
            base_url="https://api.anthropic.com",
            key_env="ANTHROPIC_API_KEY",
            cheap_model="claude-haiku-4-5",
            strong_model="claude-sonnet-4-5",
        ),
        ProviderSpec(
            name="openai",
            protocol=WireProtocol.OPENAI,
            base_url="https://api.openai.com/v1",
            key_env="OPENAI_API_KEY",
            cheap_model="gpt-4.1-mini",
            strong_model="gpt-4.1",
            max_tokens_param="max_completion_tokens",
            json_mode=True,
            json_schema=True,
        ),
        ProviderSpec(
            name="gemini",
            protocol=WireProtocol.OPENAI,
            base_url="https://generativelanguage.googleapis.com/v1beta/openai/",
            key_env="GEMINI_API_KEY",
            cheap_model="gemini-2.5-flash",
            strong_model="gemini-2.5-pro",
            json_mode=True,
            # Flash writes pages well at a fraction of Pro's price and latency.
            tiers=(("page", "cheap"),),
        ),
        ProviderSpec(
            # Ollama, vLLM, llama.cpp, LM Studio…: the user names the server and the model.
            name="openai-compatible",
            protocol=WireProtocol.OPENAI,
            base_url=None,
            key_env=None,
            cheap_model=None,
            strong_model=None,
            concurrency=2,
        ),
    )
}
