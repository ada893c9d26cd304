"""Code excerpts for module prompts are read only from inside the checkout."""

from __future__ import annotations

from pathlib import Path

from llm_fixtures import cart_module, sample_model, settings_for

from codedoc.write.llm import LLMProse
from codedoc.write.llm.excerpts import read_excerpts
from fakes.llm_server import FakeLLMServer

CART_SOURCE = "\n".join(f"# line {n}" for n in range(1, 61))


def test_excerpts_are_the_first_lines_of_each_definition(tmp_path: Path) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "cart.py").write_text(CART_SOURCE)
    excerpts = read_excerpts(tmp_path, cart_module(), lines_per_symbol=3)
    assert excerpts.splitlines() == [
        "--- shop/cart.py:5-7",
        "# line 5",
        "# line 6",
        "# line 7",
        "--- shop/cart.py:42-44",
        "# line 42",
        "# line 43",
        "# line 44",
    ]


def test_symlink_out_of_the_checkout_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(CART_SOURCE)
    root = tmp_path / "repo"
    (root / "shop").mkdir(parents=True)
    (root / "shop" / "cart.py").symlink_to(outside)
    assert read_excerpts(root, cart_module()) == ""


def test_no_checkout_means_no_excerpts() -> None:
    assert read_excerpts(None, cart_module()) == ""


def test_module_prompt_carries_excerpts_when_a_checkout_is_given(server: FakeLLMServer, tmp_path: Path) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "cart.py").write_text(CART_SOURCE)
    LLMProse(settings_for(server.url, source_root=tmp_path)).prepare(sample_model())
    cart = next(r for r in server.requests if r.prompt.startswith("Summarise what the module `shop/cart.py`"))
    assert "code excerpts:\n--- shop/cart.py:5-12\n# line 5" in cart.prompt
