"""A concept page from a model's answer: sections and true sentences kept, diagrams from data
rendered by CodeDoc with known nodes only, invented names and citations removed and counted."""

from __future__ import annotations

import json

import pytest
from llm_fixtures import sample_model

from codedoc.write.llm.answers import AnswerError
from codedoc.write.llm.grounding import KnownNames
from codedoc.write.llm.page_answer import build_page, render_diagram

KNOWN = KnownNames(sample_model())
PROSE = (
    "The cart keeps every item a customer picked, and the total is computed when it is needed. "
    "This is how the checkout starts for each customer of the shop, from the first item to the receipt."
)


def page(*sections: str) -> str:
    return "\n\n".join(sections)


def diagram(data: object) -> str:
    return "```diagram\n" + json.dumps(data) + "\n```"


def test_sections_and_valid_sources_are_kept() -> None:
    text = page("# Carts", PROSE + " `Cart` holds them.", "Sources: `shop/cart.py:5-40`")
    result = build_page(text, "prompt", KNOWN)
    assert result.markdown.startswith("## Carts\n\nThe cart keeps")
    assert "Sources: `shop/cart.py:5-40`" in result.markdown
    assert result.removed == ()


def test_invented_names_and_lines_past_the_end_of_a_file_are_removed_and_counted() -> None:
    text = page(
        "## Carts",
        PROSE + " It is reset by `frobnicate_cart()`. Totals live at `shop/cart.py:900-950`.",
        "Sources: `shop/cart.py:5-40`, `shop/ghost.py:1-2`, `shop/cart.py:50-99`",
    )
    result = build_page(text, "prompt", KNOWN)
    for gone in ("frobnicate_cart", "900-950", "ghost", "50-99"):
        assert gone not in result.markdown
    assert set(result.removed) == {
        "frobnicate_cart()",
        "shop/cart.py:900-950",
        "shop/ghost.py:1-2",
        "shop/cart.py:50-99",
    }


def test_diagram_data_becomes_mermaid_with_known_nodes_only() -> None:
    data = {
        "kind": "sequence",
        "nodes": ["Cart", "checkout", "MagicEngine", "shop/payments.py"],
        "edges": [
            {"from": "Cart", "to": "checkout", "label": "is paid by"},
            {"from": "checkout", "to": "MagicEngine", "label": "asks"},
            ["checkout", "shop/payments.py", "charges via"],
        ],
    }
    result = build_page(page("## Flow", PROSE, diagram(data)), "prompt", KNOWN)
    assert result.diagrams == 1
    assert "```mermaid\nsequenceDiagram" in result.markdown
    assert "MagicEngine" not in result.markdown and "diagram node MagicEngine" in result.removed
    assert "->>n2: charges via" in result.markdown


def test_mermaid_written_by_the_model_is_never_copied() -> None:
    text = page("## Flow", PROSE, "```mermaid\ngraph TD; A-->B;click A call evil()\n```")
    assert "mermaid" not in build_page(text, "prompt", KNOWN).markdown


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "flowchart", "nodes": ["Ghost", "Phantom"], "edges": [{"from": "Ghost", "to": "Phantom"}]},
        {"kind": "flowchart", "nodes": ["Cart"], "edges": []},
        "not json",
    ],
)
def test_a_diagram_with_too_little_that_is_real_is_left_out(data: object) -> None:
    rendered, _ = render_diagram(data if isinstance(data, str) else json.dumps(data), KNOWN)
    assert rendered is None


@pytest.mark.parametrize(
    "text",
    ["", "I'm sorry, but I can't help with that.", "## Only a heading", "Sources: `shop/cart.py:5-40`"],
)
def test_pages_without_text_are_errors(text: str) -> None:
    with pytest.raises(AnswerError):
        build_page(text, "prompt", KNOWN)
