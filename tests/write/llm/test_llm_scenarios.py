"""Answers from any model: each scripted model behaviour, through the real clients and the whole
pipeline on a small real repository. Each test checks what lands in the pages, what was removed
and counted, what fell back, and the calls made."""

from __future__ import annotations

from pathlib import Path

import pytest
from llm_fixtures import settings_for

from codedoc.pipeline import GenerateOptions, GenerateResult, generate
from codedoc.write.llm import LLMProse
from fakes.llm_scenarios import SCENARIOS
from fakes.llm_server import FakeLLMServer
from repos import make_repo

FILES: dict[str, str | bytes] = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "1.0"\ndescription = "A small shop."\n',
    "README.md": "# Shop\n\nA small web shop.\n\n## Usage\n\nAdd items to a cart.\n",
    "tiny.py": '"""Greetings."""\n\n\ndef hello() -> str:\n    return "hi"\n',
    "shop/__init__.py": '"""The shop."""\n',
    "shop/cart.py": '''\
        """The cart."""

        from shop.payments import charge


        class Cart:
            """A shopping cart."""

            def total(self) -> int:
                return 0

            def pay(self) -> str:
                return charge(self.total())
        ''',
    "shop/payments.py": '''\
        """Payments."""


        def charge(amount: int) -> str:
            return "ok"
        ''',
}


def run(
    tmp_path: Path, server: FakeLLMServer, *, provider: str = "openai-compatible", cache: bool = True
) -> tuple[GenerateResult, LLMProse]:
    repo = tmp_path / "shop"
    if not repo.exists():
        make_repo(FILES, repo)
    settings = settings_for(server.url, provider=provider, cache_dir=tmp_path / "llm" if cache else None, concurrency=1)
    prose = LLMProse(settings)
    result = generate(str(repo), tmp_path / "site", GenerateOptions(prose=prose, cache_dir=None))
    return result, prose


def text_of(result: GenerateResult) -> str:
    return "\n".join(page.markdown for page in result.pages)


@pytest.mark.parametrize("provider", ["openai-compatible", "anthropic"])
def test_prose_only_model_writes_the_pages_and_a_rerun_makes_no_calls(
    tmp_path: Path, server: FakeLLMServer, provider: str
) -> None:
    server.responder = SCENARIOS["prose_only"]
    result, prose = run(tmp_path, server, provider=provider)
    output = text_of(result)
    assert output.count("plain prose by a model that ignores JSON") >= 4
    assert "## Summary" not in output  # headings nobody asked for are not copied into paragraphs
    assert prose.report().fallbacks == ()
    first = server.calls
    assert first > 0
    server.reset_counts()
    _, again = run(tmp_path, server, provider=provider)
    assert server.calls == 0
    assert again.usage().cache_hits > 0


@pytest.mark.parametrize("scenario", ["fenced", "preamble", "json"])
def test_json_in_fences_or_after_preambles_is_used(tmp_path: Path, server: FakeLLMServer, scenario: str) -> None:
    server.responder = SCENARIOS[scenario]
    result, prose = run(tmp_path, server)
    assert "is summarised by the fake model" in text_of(result)
    assert prose.report().fallbacks == ()
    assert all(record.attempts <= 1 for record in prose.report().calls)  # nothing was asked twice


def test_truncated_json_keeps_its_whole_sentences(tmp_path: Path, server: FakeLLMServer) -> None:
    server.responder = SCENARIOS["truncated"]
    result, prose = run(tmp_path, server)
    output = text_of(result)
    assert "is summarised before the cut" in output
    assert "goes on to expl" not in output
    assert prose.report().fallbacks == ()


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [
        ("refusal", "refusal"),
        ("empty", "empty"),
        ("french", "not in English"),
        ("echo", "repeats the facts"),
    ],
)
def test_non_answers_are_asked_again_once_then_fall_back_uncached(
    tmp_path: Path, server: FakeLLMServer, scenario: str, reason: str
) -> None:
    server.responder = SCENARIOS[scenario]
    result, prose = run(tmp_path, server)
    report = prose.report()
    summaries = [record for record in report.calls if not record.cache_hit]
    assert summaries and all(record.attempts == 1 for record in summaries)
    assert server.calls == 2 * len({record.subject for record in summaries})  # each asked once more
    assert report.fallbacks and all(reason in fallback.reason for fallback in report.fallbacks)
    assert any("could not be used" in prompt and reason in prompt for prompt in server.prompts())
    assert "Le module" not in text_of(result) and "I'm sorry" not in text_of(result)
    server.reset_counts()
    run(tmp_path, server)
    assert server.calls > 0  # a failed call is never cached


def test_invented_names_and_files_are_removed_and_counted(tmp_path: Path, server: FakeLLMServer) -> None:
    server.responder = SCENARIOS["invented"]
    result, prose = run(tmp_path, server)
    output = text_of(result)
    assert "is real" in output
    assert "frobnicate_everything" not in output and "src/nowhere.py" not in output
    assert any(name.endswith("frobnicate_everything()") for name in prose.report().removed_names)
