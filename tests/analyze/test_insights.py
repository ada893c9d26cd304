"""Insights through the real analysis stage: cyclomatic complexity of known functions in each of the
five languages (from the same parse), documentation coverage, and an import cycle between components."""

from __future__ import annotations

import pytest

from codedoc.model import CodeModel
from codedoc.pipeline import GenerateOptions, build_model
from repos import make_repo

SOURCES = {
    "shop/__init__.py": '"""The shop."""\n',
    # 1 + if + elif + and + for + comprehension (for + if) + except + conditional expression = 9
    "shop/pricing.py": '''
        """Prices."""

        def price(order, rate):
            """The price of an order."""
            if not order:
                return 0
            elif rate > 1 and order.vip:
                rate = 1
            for line in order.lines:
                rate += 0
            kept = [x for x in order.lines if x]
            try:
                total = sum(kept)
            except ValueError:
                total = 0
            return total if rate else 0

        def flat():
            return 1

        def nested():
            def inner(x):
                if x:
                    return 1
                return 2
            return inner
        ''',
    # 1 + if + && + for + ternary + case = 6; the arrow function is measured on its own (1 + if = 2)
    "web/cart.js": """
        export function total(items, coupon) {
          if (coupon && coupon.valid) {
            coupon.use()
          }
          for (const item of items) {
            item.touch()
          }
          const pick = (x) => {
            if (x) { return 1 }
            return 0
          }
          switch (items.length) {
            case 0:
              return 0
            default:
              return coupon ? 1 : 2
          }
        }
        """,
    "go.mod": "module example.com/shop\n\ngo 1.22\n",
    # 1 + if + || + for + case = 5
    "svc/stock.go": """
        package svc

        // Reserve holds stock.
        func Reserve(n int) int {
            if n < 0 || n > 100 {
                return 0
            }
            for i := 0; i < n; i++ {
            }
            switch n {
            case 1:
                return 1
            default:
                return 2
            }
        }
        """,
    # 1 + if + && + catch + case = 5
    "src/main/java/com/shop/Billing.java": """
        package com.shop;

        public class Billing {
            @Deprecated
            public int charge(int amount) {
                try {
                    if (amount > 0 && amount < 10) {
                        return 1;
                    }
                } catch (Exception e) {
                    return 0;
                }
                switch (amount) {
                    case 5: return 5;
                    default: return 0;
                }
            }
        }
        """,
    # 1 + (3 arms - 1) + while = 4
    "src/lib.rs": """
        /// Ships an order.
        pub fn ship(n: i32) -> i32 {
            while n > 10 {
                break;
            }
            match n {
                1 => 1,
                2 => 2,
                _ => 0,
            }
        }
        """,
    # An import cycle: shop.a ↔ shop.b (two sub-packages).
    "shop/a/__init__.py": "from shop.b import helper\n\ndef run():\n    return helper()\n",
    "shop/b/__init__.py": "def helper():\n    from shop.a import run\n    return run\n",
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> CodeModel:
    repo = make_repo(SOURCES, tmp_path_factory.mktemp("insights") / "repo")
    return build_model(str(repo), GenerateOptions(workers=1))


def _complexity(model: CodeModel, path: str, qualname: str) -> int | None:
    module = next(m for m in model.modules if m.path == path)
    return next(s.complexity for s in module.symbols if s.qualname == qualname)


@pytest.mark.parametrize(
    ("path", "qualname", "expected"),
    [
        ("shop/pricing.py", "price", 9),
        ("shop/pricing.py", "flat", 1),
        ("shop/pricing.py", "nested", 1),
        ("web/cart.js", "total", 6),
        ("svc/stock.go", "Reserve", 5),
        ("src/main/java/com/shop/Billing.java", "Billing.charge", 5),
        ("src/lib.rs", "ship", 4),
    ],
)
def test_cyclomatic_complexity_of_known_functions(model: CodeModel, path: str, qualname: str, expected: int) -> None:
    assert _complexity(model, path, qualname) == expected


def test_classes_have_no_complexity(model: CodeModel) -> None:
    assert _complexity(model, "src/main/java/com/shop/Billing.java", "Billing") is None


def test_most_complex_functions_come_first_with_their_location(model: CodeModel) -> None:
    assert model.insights is not None
    top = model.insights.most_complex[0]
    assert (top.name, top.complexity, top.location.path, top.component) == (
        "shop.pricing.price",
        9,
        "shop/pricing.py",
        "shop",
    )
    assert model.insights.functions >= 8


def test_documentation_coverage_counts_public_symbols_with_docstrings(model: CodeModel) -> None:
    assert model.insights is not None
    modules = {c.name: (c.documented, c.public) for c in model.insights.module_coverage}
    assert modules["shop.pricing"] == (1, 3)  # price is documented; flat and nested are not
    assert modules["example.com/shop/svc"] == (1, 1)


def test_an_import_cycle_between_components_is_found_and_cited(model: CodeModel) -> None:
    assert model.insights is not None
    (cycle,) = model.insights.cycles
    assert cycle.components == ("shop.a", "shop.b")
    assert [str(location) for location in cycle.imports] == ["shop/a/__init__.py:1", "shop/b/__init__.py:2"]
