"""The service's settings: `CODEDOC_LLM_*` and the providers' usual key variables."""

from __future__ import annotations

from pathlib import Path

import pytest
from llm_fixtures import sample_model

from codedoc.errors import CodeDocError
from codedoc.write.llm import LLMProse, prose_from_env
from fakes.llm_server import FakeLLMServer


def test_no_provider_means_offline_prose() -> None:
    assert prose_from_env({}, cache_dir=None) is None
    assert prose_from_env({"CODEDOC_LLM_PROVIDER": "none"}, cache_dir=None) is None


def test_provider_model_and_key_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "CODEDOC_LLM_PROVIDER": "gemini",
        "CODEDOC_LLM_MODEL": "gemini-2.5-pro",
        "GEMINI_API_KEY": "g-key",
        "CODEDOC_LLM_MAX_TOKENS": "100_000",
    }
    prose = prose_from_env(env, cache_dir=tmp_path)
    assert isinstance(prose, LLMProse)
    assert prose.settings.strong_model == prose.settings.cheap_model == "gemini-2.5-pro"
    assert prose.settings.api_key == "g-key" and prose.settings.max_tokens == 100_000
    assert prose.settings.cache_dir == tmp_path


def test_missing_key_is_a_clear_error() -> None:
    with pytest.raises(CodeDocError, match="OPENAI_API_KEY"):
        prose_from_env({"CODEDOC_LLM_PROVIDER": "openai"}, cache_dir=None)


def test_bad_number_is_a_clear_error() -> None:
    with pytest.raises(CodeDocError, match="CODEDOC_LLM_MAX_TOKENS must be a whole number"):
        prose_from_env(
            {"CODEDOC_LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "k", "CODEDOC_LLM_MAX_TOKENS": "lots"},
            cache_dir=None,
        )


def test_job_can_read_tokens_used(server: FakeLLMServer) -> None:
    env = {
        "CODEDOC_LLM_PROVIDER": "openai-compatible",
        "CODEDOC_LLM_BASE_URL": server.url + "/v1",
        "CODEDOC_LLM_MODEL": "qwen2.5-coder",
    }
    prose = prose_from_env(env, cache_dir=None)
    assert prose is not None
    prose.prepare(sample_model())
    usage = prose.usage()
    assert usage.calls == 10  # 7 summaries, the wiki plan and 2 concept pages
    assert usage.input_tokens + usage.output_tokens == server.input_tokens + server.output_tokens
    assert not usage.priced  # no price is known for a local model


def test_tiers_come_from_the_environment_and_bad_ones_say_why() -> None:
    from codedoc.errors import CodeDocError
    from codedoc.write.llm import Role, settings_from_env

    env = {"CODEDOC_LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "k", "CODEDOC_LLM_TIERS": "page=cheap, plan=x"}
    settings = settings_from_env(env, cache_dir=None)
    assert settings is not None
    assert settings.model_for(Role.PAGE) == "claude-haiku-4-5"
    assert settings.model_for(Role.PLAN) == "x"
    assert settings.model_for(Role.SUMMARY) == "claude-haiku-4-5"
    with pytest.raises(CodeDocError, match="unknown kind of LLM call"):
        settings_from_env({**env, "CODEDOC_LLM_TIERS": "pages=cheap"}, cache_dir=None)
