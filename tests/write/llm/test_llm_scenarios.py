"""Answers from any model: each scripted model behaviour, through the real clients and the whole
pipeline on a small real repository. Each test checks what lands in the pages, what was removed
and counted, what fell back, and the calls made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from llm_fixtures import settings_for

from codedoc.pipeline import GenerateOptions, GenerateResult, generate
from codedoc.write.llm import LLMProse
from fakes.llm_scenarios import SCENARIOS, task_line
from fakes.llm_server import FakeLLMServer, FakeReply, FakeRequest
from repos import git, make_repo

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
    tmp_path: Path, server: FakeLLMServer, *, provider: str = "openai-compatible", cache: bool = True, wiki: bool = True
) -> tuple[GenerateResult, LLMProse]:
    repo = tmp_path / "shop"
    if not repo.exists():
        make_repo(FILES, repo)
    cache_dir = tmp_path / "llm" if cache else None
    # Code excerpts come from the checkout, as the CLI reads them for a local folder.
    settings = settings_for(
        server.url, provider=provider, cache_dir=cache_dir, concurrency=1, wiki=wiki, source_root=repo
    )
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


def concept_pages(result: GenerateResult) -> dict[str, str]:
    return {page.path: page.markdown for page in result.pages if page.kind.value == "concept"}


@pytest.mark.parametrize("provider", ["openai-compatible", "anthropic"])
def test_json_model_writes_concept_pages_with_sections_sources_and_rendered_diagrams(
    tmp_path: Path, server: FakeLLMServer, provider: str
) -> None:
    server.responder = SCENARIOS["json"]
    result, prose = run(tmp_path, server, provider=provider)
    pages = concept_pages(result)
    assert set(pages) == {"concepts/how-shop-works.md", "concepts/how-works.md"}
    shop = pages["concepts/how-shop-works.md"]
    assert "written by the fake model from the code" in shop
    assert "## What it does" in shop and "Sources: `shop/" in shop
    assert "```mermaid\nflowchart LR" in shop and "```diagram" not in shop
    assert "[API reference of `shop`](../reference/index.md)" in shop  # concept pages link into the reference
    paths = [page.path for page in result.pages]
    assert (
        paths.index("architecture.md") < paths.index("concepts/how-shop-works.md") < paths.index("reference/index.md")
    )
    assert prose.report().pages == ("How shop works", "How . works")
    nav = (tmp_path / "site" / "mkdocs.yml").read_text()
    assert "- How it works:\n  - How shop works: concepts/how-shop-works.md" in nav
    by_kind = prose.report().summary()["by_kind"]
    assert isinstance(by_kind, dict) and by_kind["plan"]["calls"] == 1 and by_kind["page"]["calls"] == 4
    if provider == "anthropic":  # the plan came back as a forced tool call, the pages as text
        plan_request = next(r for r in server.requests if task_line(r).startswith("Plan the wiki"))
        assert plan_request.body["tool_choice"] == {"type": "tool", "name": "wiki_plan"}
        assert any(reply.text.startswith('{"pages"') for reply in server.replies)


def test_invented_code_in_pages_is_removed_and_counted(tmp_path: Path, server: FakeLLMServer) -> None:
    server.responder = SCENARIOS["invented"]
    result, prose = run(tmp_path, server)
    shop = concept_pages(result)["concepts/how-shop-works.md"]
    assert "written by the fake model" in shop
    for gone in ("frobnicate_everything", "src/nowhere.py", "900-950"):
        assert gone not in shop
    removed = prose.report().removed_names
    assert any(name.startswith("page how-shop-works:") and "shop/cart.py:900-950" in name for name in removed)


def test_prose_only_model_plans_the_wiki_from_its_list(tmp_path: Path, server: FakeLLMServer) -> None:
    server.responder = SCENARIOS["prose_only"]
    result, prose = run(tmp_path, server)
    assert prose.report().pages == ("How shop works", "How . works")
    assert all("written by the fake model" in text for text in concept_pages(result).values())


def test_a_failed_page_falls_back_to_its_offline_text_alone(tmp_path: Path, server: FakeLLMServer) -> None:
    def responder(request: FakeRequest) -> FakeReply:
        if task_line(request).startswith("Write the wiki page `How shop works`"):
            return FakeReply(text="")
        return SCENARIOS["json"](request)

    server.responder = responder
    result, prose = run(tmp_path, server)
    pages = concept_pages(result)
    assert "## Files" in pages["concepts/how-shop-works.md"] and "fake model" not in pages["concepts/how-shop-works.md"]
    assert "written by the fake model" in pages["concepts/how-works.md"]
    assert [f.subject for f in prose.report().fallbacks] == ["page how-shop-works"]


def test_one_file_change_rewrites_only_the_pages_citing_it_and_keeps_the_plan(
    tmp_path: Path, server: FakeLLMServer
) -> None:
    server.responder = SCENARIOS["json"]
    run(tmp_path, server)
    first = server.calls
    repo = tmp_path / "shop"
    (repo / "shop" / "payments.py").write_text(
        '"""Payments."""\n\n\ndef charge(amount: int) -> str:\n    return "paid"\n'
    )
    git(repo, "commit", "-qam", "change")
    server.reset_counts()
    _, prose = run(tmp_path, server)
    sent = sorted(record.subject for record in prose.report().calls if not record.cache_hit)
    assert sent == ["architecture", "component shop", "module shop/payments.py", "overview", "page how-shop-works"]
    assert server.calls == 5 < first


def test_token_budget_plans_fewer_pages_instead_of_cutting_them(tmp_path: Path, server: FakeLLMServer) -> None:
    server.responder = SCENARIOS["json"]
    _, unlimited = run(tmp_path, server, cache=False)
    calls = unlimited.report().calls
    before_pages = sum(
        r.input_tokens + r.output_tokens for r in calls if r.kind.value not in ("overview", "architecture", "page")
    )
    last_level = sum(r.input_tokens + 700 for r in calls if r.kind.value in ("overview", "architecture"))
    first_page = next(r.input_tokens + 2_000 for r in calls if r.kind.value == "page")
    limit = before_pages + last_level + first_page + 100  # room for one page, not two
    server.reset_counts()
    settings = settings_for(server.url, provider="openai-compatible", concurrency=1, wiki=True, max_tokens=limit)
    prose = LLMProse(settings)
    result = generate(str(tmp_path / "shop"), tmp_path / "site2", GenerateOptions(prose=prose, cache_dir=None))
    assert prose.usage().total_tokens <= limit
    assert prose.report().pages == ("How shop works",)
    assert list(concept_pages(result)) == ["concepts/how-shop-works.md"]  # fewer pages, each one whole
    assert "written by the fake model" in concept_pages(result)["concepts/how-shop-works.md"]
    assert [f.subject for f in prose.report().fallbacks] == ["page How . works"]


def test_a_plan_purpose_naming_invented_code_loses_that_sentence(tmp_path: Path, server: FakeLLMServer) -> None:
    def responder(request: FakeRequest) -> FakeReply:
        if task_line(request).startswith("Plan the wiki"):
            page = {
                "title": "Carts",
                "purpose": "How carts work. It calls `teleport_cart()`.",
                "files": ["shop/cart.py"],
            }
            return FakeReply(text=json.dumps({"pages": [{**page, "symbols": ["Cart"]}]}))
        return SCENARIOS["json"](request)

    server.responder = responder
    result, prose = run(tmp_path, server)
    carts = concept_pages(result)["concepts/carts.md"]
    assert "How carts work." in carts and "teleport_cart" not in carts
    assert "plan shop: teleport_cart()" in prose.report().removed_names
