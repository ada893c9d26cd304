"""The wiki plan is repaired or replaced, never trusted: unknown files and symbols go, left-out
components get a page, the page count stays proportionate, and a missing plan falls back."""

from __future__ import annotations

import json

import pytest
from llm_fixtures import sample_model

from codedoc.write.llm.answers import AnswerError
from codedoc.write.llm.outline import build_outline
from codedoc.write.llm.wiki_plan import deterministic_plan, parse_plan, validate_plan

MODEL = sample_model()
OUTLINE = build_outline(MODEL)


def plan_of(pages: list[dict[str, object]], *, max_pages: int = 8) -> object:
    return validate_plan(parse_plan(json.dumps({"pages": pages})), MODEL, OUTLINE, max_pages=max_pages)


def test_outline_names_areas_central_symbols_and_readme_headings_without_line_numbers() -> None:
    text = OUTLINE.text()
    assert "- area `shop` (component `shop`" in text and "`shop/cart.py`" in text
    assert "`Cart`" in text and "route `GET /cart/{cart_id}`" in text
    assert "tests/test_cart.py" not in text  # tests are not a concept
    assert not any(char.isdigit() for line in text.splitlines() if "files:" in line for char in line.split("files:")[1])


def test_unknown_files_and_symbols_are_dropped_and_counted() -> None:
    plan = plan_of(
        [
            {"title": "Carts", "purpose": "p", "files": ["shop/cart.py", "shop/ghost.py"], "symbols": ["Cart", "Nope"]},
            {"title": "API", "purpose": "p", "files": ["api/server.py"], "symbols": []},
        ]
    )
    (carts, api) = plan.pages  # type: ignore[attr-defined]
    assert carts.files == ("shop/cart.py",) and carts.symbols == ("Cart",)
    assert api.slug == "api"
    assert {"file shop/ghost.py", "symbol Nope"} <= set(plan.dropped)  # type: ignore[attr-defined]


def test_a_page_with_only_invented_files_goes() -> None:
    plan = plan_of(
        [
            {"title": "Ghosts", "purpose": "p", "files": ["ghost.py"], "symbols": []},
            {"title": "Everything", "purpose": "p", "files": ["shop/cart.py", "api/server.py"], "symbols": []},
        ]
    )
    assert [page.title for page in plan.pages] == ["Everything"]  # type: ignore[attr-defined]
    assert "page Ghosts" in plan.dropped  # type: ignore[attr-defined]


def test_a_component_the_plan_left_out_gets_a_page() -> None:
    plan = plan_of([{"title": "Serving carts", "purpose": "p", "files": ["api/server.py"], "symbols": []}])
    titles = [page.title for page in plan.pages]  # type: ignore[attr-defined]
    assert titles[0] == "Serving carts"
    assert any("shop/cart.py" in page.files for page in plan.pages)  # type: ignore[attr-defined]


def test_two_hundred_pages_for_a_small_repository_are_cut_to_its_size() -> None:
    pages = [{"title": f"Page {i}", "purpose": "p", "files": ["shop/cart.py"], "symbols": []} for i in range(200)]
    plan = plan_of(pages, max_pages=OUTLINE.max_pages())
    assert len(plan.pages) == OUTLINE.max_pages() <= 8  # type: ignore[attr-defined]
    assert any("api/server.py" in page.files for page in plan.pages)  # type: ignore[attr-defined]


def test_page_budget_grows_with_the_repository() -> None:
    small = OUTLINE.max_pages()
    large = type(OUTLINE)(OUTLINE.repository, OUTLINE.kind, OUTLINE.areas, (), (), 400_000).max_pages()
    assert small <= 8 and 30 <= large <= 60


def test_a_markdown_list_plan_from_a_prose_model_is_understood() -> None:
    text = "Here is a plan:\n\n1. **Carts** — how `shop/cart.py` keeps `Cart`\n2. **Serving** - `api/server.py`\n"
    plan = validate_plan(parse_plan(text), MODEL, OUTLINE, max_pages=8)
    assert [(p.title, p.files) for p in plan.pages][:2] == [
        ("Carts", ("shop/cart.py",)),
        ("Serving", ("api/server.py",)),
    ]


@pytest.mark.parametrize("text", ["", "I would rather not.", '{"pages": "none"}', '{"pages": []}'])
def test_no_usable_plan_is_an_error_the_writer_asks_again_about(text: str) -> None:
    with pytest.raises(AnswerError):
        parse_plan(text)


def test_the_built_in_plan_covers_the_components() -> None:
    plan = deterministic_plan(OUTLINE)
    assert not plan.from_model
    assert {path for page in plan.pages for path in page.files} >= {"shop/cart.py", "api/server.py"}


def test_page_prompts_carry_the_call_graph_once_the_model_has_one() -> None:
    from types import SimpleNamespace

    from codedoc.model import Location
    from codedoc.write.llm.wiki_prompts import call_lines

    calls = (
        SimpleNamespace(caller="checkout", callee="charge", location=Location("shop/cart.py", 50, 50)),
        SimpleNamespace(caller="create_app", callee="Cart", location=Location("api/server.py", 7, 7)),
    )
    model = SimpleNamespace(calls=calls)
    assert call_lines(model, {"shop/cart.py"}) == ["calls:", "- `checkout` calls `charge` at `shop/cart.py:50-50`"]  # type: ignore[arg-type]
    assert call_lines(MODEL, {"shop/cart.py"}) == []  # no call graph yet: nothing


def test_a_page_prompt_holds_its_files_facts_summaries_and_its_own_symbols_code_first() -> None:
    from codedoc.write.llm.redact import redact
    from codedoc.write.llm.wiki_prompts import page_prompt
    from codedoc.write.pages import ConceptPage

    page = ConceptPage("Paying", "How checkout charges.", ("shop/cart.py",), ("checkout",), "paying")
    prompt = page_prompt(
        page,
        MODEL,
        summaries={"shop/cart.py": "Keeps the cart.", "api/server.py": "Serves HTTP."},
        excerpts=lambda module: "\n".join(f"--- {module.path}:{s.location.start_line}" for s in module.symbols),
        budget_tokens=6_000,
        redactor=redact,
    )
    assert prompt.user.startswith("Write the wiki page `Paying` of the repository `shop`.")
    assert "- function `checkout` at `shop/cart.py:42-60`" in prompt.user
    assert "Keeps the cart." in prompt.user and "Serves HTTP." not in prompt.user  # only its own files
    code = prompt.user.split('source="code excerpts"', 1)[1]
    assert code.index("shop/cart.py:42") < code.index("shop/cart.py:5")  # its own symbol's code first
