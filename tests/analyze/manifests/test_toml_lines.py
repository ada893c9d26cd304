from __future__ import annotations

from codedoc.analyze.manifests.toml_lines import TomlLines, split_key

TEXT = '''\
# comment [not.a.table]
title = "x"   # trailing = comment

[tool."my.tool"]
key = """
multi [ line
"""
other = 'quoted # not a comment'

[[bin]]
name = "a"

[[bin]]  # second
name = "b"
arr = [
  "one",  # ] in a comment
  "two",
]
'''


def test_split_key_handles_quotes_and_dots() -> None:
    assert split_key('tool."my.tool".x') == ("tool", "my.tool", "x")
    assert split_key("a . b") == ("a", "b")
    assert split_key("bad key") is None


def test_keys_and_tables_with_their_lines() -> None:
    where = TomlLines(TEXT)
    assert where.key(("title",)) == (2, 2)
    assert where.key(("tool", "my.tool", "key")) == (5, 7)
    assert where.key(("tool", "my.tool", "other")) == (8, 8)
    assert where.table(("tool", "my.tool")) == (4, 8)


def test_arrays_of_tables_are_indexed() -> None:
    where = TomlLines(TEXT)
    assert where.key(("bin", "name"), 0) == (11, 11)
    assert where.key(("bin", "name"), 1) == (14, 14)
    assert where.table(("bin",), 1) == (13, 18)


def test_multi_line_array_items_have_their_own_line() -> None:
    where = TomlLines(TEXT)
    assert where.key(("bin", "arr"), 1) == (15, 18)
    assert where.item(("bin", "arr"), "two", 1) == (17, 17)


def test_locate_falls_back_to_the_enclosing_table() -> None:
    where = TomlLines(TEXT)
    assert where.locate(("tool", "my.tool", "missing")) == (4, 8)
    assert where.locate(("nowhere",)) == (1, 18)
