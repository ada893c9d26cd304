"""`codedoc generate --llm …`: the options, the dry run and the end-of-run summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from llm_fixtures import sample_model

from codedoc.cli.llm import dry_run_report, llm_options, llm_summary_lines, prose_from_options
from codedoc.errors import CodeDocError
from codedoc.write.llm import LLMProse
from fakes.llm_server import FakeLLMServer, FakeReply


def parse(*args: str) -> dict[str, Any]:
    """The params dict click builds from `args`, as the generate command receives it."""
    seen: dict[str, Any] = {}

    @click.command()
    @llm_options
    def command(**params: Any) -> None:
        seen.update(params)

    result = CliRunner().invoke(command, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return seen


def test_no_llm_means_offline_prose() -> None:
    assert prose_from_options(parse(), model_cache_dir=None) is None


def test_missing_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(CodeDocError, match="set the environment variable ANTHROPIC_API_KEY"):
        prose_from_options(parse("--llm", "anthropic"), model_cache_dir=None)


def test_local_server_needs_a_base_url_and_a_model() -> None:
    with pytest.raises(CodeDocError, match="--llm-base-url"):
        prose_from_options(parse("--llm", "openai-compatible", "--model", "qwen2.5-coder"), model_cache_dir=None)
    with pytest.raises(CodeDocError, match="--model"):
        prose_from_options(
            parse("--llm", "openai-compatible", "--llm-base-url", "http://127.0.0.1:1/v1"), model_cache_dir=None
        )


def test_options_reach_the_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    options = parse(
        "--llm", "openai", "--model", "big", "--cheap-model", "small", "--max-tokens", "5000", "--llm-concurrency", "2"
    )
    prose = prose_from_options(options, model_cache_dir=tmp_path)
    assert isinstance(prose, LLMProse)
    settings = prose.settings
    assert (settings.strong_model, settings.cheap_model, settings.max_tokens, settings.concurrency) == (
        "big",
        "small",
        5000,
        2,
    )
    assert settings.cache_dir == tmp_path / "llm"
    assert "sk-test" not in repr(settings)


def test_price_file_overrides_the_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k")
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"claude-haiku-4-5": {"input": 100, "output": 200}}))
    prose = prose_from_options(parse("--llm", "anthropic", "--llm-prices", str(prices)), model_cache_dir=None)
    assert isinstance(prose, LLMProse)
    assert prose.settings.prices["claude-haiku-4-5"].input == 100


def test_dry_run_sends_nothing_and_reports_calls_tokens_and_cost(
    server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    options = parse(
        "--llm", "anthropic", "--llm-base-url", server.url, "--dry-run", "--llm-cache-dir", str(tmp_path / "cache")
    )
    assert prose_from_options(options, model_cache_dir=None) is not None  # no key needed for a dry run
    report = dry_run_report(options, sample_model())
    assert server.calls == 0
    assert "nothing was sent to anthropic" in report
    assert "10 to send, 0 answered from the cache" in report  # 7 summaries, the plan, 2 concept pages
    assert "concepts   2 concept pages" in report
    assert "3 modules (0 module parts), 2 components" in report
    assert "~$" in report
    assert not (tmp_path / "cache").exists()


def test_dry_run_counts_cached_answers(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k")
    options = parse("--llm", "anthropic", "--llm-base-url", server.url, "--llm-cache-dir", str(tmp_path))
    prose = prose_from_options(options, model_cache_dir=None)
    assert isinstance(prose, LLMProse)
    prose.prepare(sample_model())
    report = dry_run_report({**options, "dry_run": True}, sample_model())
    assert "0 to send, 10 answered from the cache" in report


def test_dry_run_shows_what_the_budget_leaves_out(server: FakeLLMServer) -> None:
    options = parse(
        "--llm", "anthropic", "--llm-base-url", server.url, "--dry-run", "--max-tokens", "2000", "--no-llm-cache"
    )
    report = dry_run_report(options, sample_model())
    assert "--max-tokens 2,000:" in report and "would use the offline text" in report


def test_summary_lines_show_tokens_cost_and_fallbacks(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k")
    server.script(FakeReply(status=400))
    options = parse("--llm", "anthropic", "--llm-base-url", server.url, "--no-llm-cache", "--llm-concurrency", "1")
    prose = prose_from_options(options, model_cache_dir=None)
    assert isinstance(prose, LLMProse)
    prose.prepare(sample_model())
    text = "\n".join(llm_summary_lines(prose))
    assert "anthropic: 10 calls, 0 answers from the cache" in text
    assert f"{server.input_tokens:,} in, {server.output_tokens:,} out" in text
    assert "cost ~$" in text
    assert "1 summary uses the offline text" in text and "module shop/cart.py: anthropic: HTTP 400" in text


def test_generate_command_offers_the_llm_options() -> None:
    from codedoc.cli import main

    result = CliRunner().invoke(main, ["generate", "--help"])
    assert result.exit_code == 0
    for option in (
        "--llm [anthropic|openai|gemini|openai-compatible]",
        "--model",
        "--llm-base-url",
        "--max-tokens",
        "--dry-run",
        "--llm-cache-dir",
    ):
        assert option in result.output


def test_generate_dry_run_from_the_command_line(
    server: FakeLLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codedoc.cli import main
    from repos import make_repo

    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    repo = make_repo(
        {"shop/__init__.py": '"""Shop."""\n', "shop/cart.py": "def total() -> int:\n    return 1\n"}, tmp_path / "repo"
    )
    result = CliRunner().invoke(
        main,
        [
            "generate",
            str(repo),
            "-q",
            "--no-cache",
            "--cache-dir",
            str(tmp_path / "c"),
            "--llm",
            "anthropic",
            "--llm-base-url",
            server.url,
            "--dry-run",
        ],
    )
    if isinstance(result.exception, NotImplementedError):
        pytest.skip("a pipeline stage is still a stub")
    assert result.exit_code == 0, result.output
    assert "nothing was sent to anthropic" in result.output
    assert server.calls == 0


def test_no_llm_wiki_writes_only_the_summaries(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "k")
    options = parse("--llm", "anthropic", "--llm-base-url", server.url, "--no-llm-cache", "--no-llm-wiki")
    prose = prose_from_options(options, model_cache_dir=None)
    assert isinstance(prose, LLMProse)
    prose.prepare(sample_model())
    assert server.calls == 7 and prose.report().pages == ()
