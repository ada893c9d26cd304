from __future__ import annotations

from codedoc.analyze.manifests.json_lines import JsonLines

TEXT = """{
  "name": "x",
  "escaped \\" key": 1,
  "list": [
    "a",
    {"b": [true, null]}
  ],
  "nested": {
    "deep": {"deeper": "y"}
  }
}
"""


def test_every_key_and_item_has_its_lines() -> None:
    where = JsonLines(TEXT)
    assert where.span(()) == (1, 11)
    assert where.span(("name",)) == (2, 2)
    assert where.span(('escaped " key',)) == (3, 3)
    assert where.span(("list",)) == (4, 7)
    assert where.span(("list", 0)) == (5, 5)
    assert where.span(("list", 1, "b", 1)) == (6, 6)
    assert where.span(("nested", "deep", "deeper")) == (9, 9)


def test_locate_falls_back_to_the_nearest_parent() -> None:
    assert JsonLines(TEXT).locate(("nested", "missing")) == (8, 10)
