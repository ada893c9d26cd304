"""The cheap grounding pass: sentences naming code the model does not know are dropped."""

from __future__ import annotations

import dataclasses

import llm_fixtures
import pytest
from llm_fixtures import sample_model

from codedoc.write.llm.grounding import KnownNames, ground

KNOWN = KnownNames(sample_model())


@pytest.mark.parametrize(
    "span",
    [
        "Cart",
        "Cart.add_item",
        "shop.cart.Cart.total",
        "checkout()",
        "self.total",
        "shop/cart.py",
        "cart.py",
        "shop/cart.py:10-20",
        "shop",
        "stripe.Charge",
        "quantity",
        "Decimal",
        "GET /cart/{cart_id}",
        "None",
        "pip install -e .",
    ],
)
def test_known_or_uncheckable_spans_are_kept(span: str) -> None:
    assert KNOWN.knows(span)


@pytest.mark.parametrize("span", ["frobnicate", "Cart.explode", "shop/missing.py", "payments.refund_all()"])
def test_invented_spans_are_unknown(span: str) -> None:
    assert not KNOWN.knows(span)


def test_sentence_with_invented_identifier_is_dropped() -> None:
    result = ground("The `Cart` holds items. Call `Cart.explode` to clear it. Then `checkout` charges.", KNOWN)
    assert result.text == "The `Cart` holds items. Then `checkout` charges."
    assert result.removed == ("Cart.explode",)


def test_bare_invented_call_is_dropped() -> None:
    result = ground("Items are added one by one. Run refund_everything() nightly.", KNOWN)
    assert result.text == "Items are added one by one."
    assert result.removed == ("refund_everything()",)


def test_list_item_with_invented_name_is_dropped_whole() -> None:
    result = ground("Summary.\n\n- Uses `Cart`.\n- Uses `Ghost`. Really.", KNOWN)
    assert result.text == "Summary.\n\n- Uses `Cart`."


def test_a_top_level_file_the_prompt_named_is_never_unknown() -> None:
    model = sample_model(big_module=dataclasses.replace(llm_fixtures.tests_module(), path="tiny.py", name="tiny"))
    known = KnownNames(model)
    grounded = ground("`tiny.py` greets people with `hello`. It lives next to `shop/cart.py`.", known)
    assert grounded.removed == ("hello",)  # `hello` is not in this model; `tiny.py` is
    assert ground("`tiny.py` greets people.", known).text == "`tiny.py` greets people."
    assert not known.knows("other.py")


@pytest.mark.parametrize(
    ("span", "known"),
    [
        ("shop/cart.py:10-20", True),
        ("shop/cart.py:60", True),
        ("cart.py:5-40", True),
        ("shop/cart.py:50-61", False),
        ("shop/cart.py:0-3", False),
        ("cart.py:900", False),
    ],
)
def test_citations_must_point_at_lines_that_exist(span: str, known: bool) -> None:
    assert KNOWN.knows(span) is known
