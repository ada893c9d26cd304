"""TOML with line numbers: `tomllib` for the values, a light scanner for where each key and
table is written (tomllib keeps no positions)."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from codedoc.analyze.manifests.guard import ManifestProblem
from codedoc.analyze.manifests.lines import LineIndex, Span

TomlPath = tuple[str, ...]

_HEADER = re.compile(r"^(\[\[?)\s*(.*?)\s*(\]\]?)\s*(?:#.*)?$")
_KEY_PART = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)""")


def load_toml(text: str, name: str) -> dict[str, Any]:
    """Parse or raise `ManifestProblem` with tomllib's message, which names line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise ManifestProblem(f"{name} is not valid TOML: {error}", int(found.group(1)) if found else None) from None


def split_key(raw: str) -> TomlPath | None:
    """`tool."my.tool".x` → ("tool", "my.tool", "x"); None when it is not a key."""
    parts: list[str] = []
    pos = 0
    raw = raw.strip()
    while pos < len(raw):
        match = _KEY_PART.match(raw, pos)
        if match is None:
            return None
        basic, literal, bare = match.group(1, 2, 3)
        if basic is not None:
            try:
                parts.append(json.loads(f'"{basic}"'))
            except ValueError:
                parts.append(basic)
        else:
            parts.append(literal if literal is not None else bare)
        pos = match.end()
    return tuple(parts) or None


class TomlLines:
    """Where each table header and each `key = value` is written, for one TOML text."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)
        self._keys: dict[tuple[TomlPath, int], Span] = {}
        self._tables: dict[tuple[TomlPath, int], list[int]] = {}
        self._scan(text)

    def key(self, path: TomlPath, index: int = 0) -> Span | None:
        """Lines of `key = value` at `path`; `index` picks the element of an array of tables."""
        return self._keys.get((path, index))

    def table(self, path: TomlPath, index: int = 0) -> Span | None:
        """From a table's header to its last key."""
        found = self._tables.get((path, index))
        return (found[0], found[1]) if found else None

    def locate(self, path: TomlPath, index: int = 0) -> Span:
        """The key, else its table, else the nearest enclosing one that is written down."""
        for size in range(len(path), 0, -1):
            prefix = path[:size]
            span = self.key(prefix, index) or self.table(prefix, index)
            if span is None and index:
                span = self.key(prefix) or self.table(prefix)
            if span is not None:
                return span
        return (1, max(1, len(self.index.lines)))

    def item(self, path: TomlPath, value: str, index: int = 0) -> Span:
        """The line of one string in the array at `path`."""
        line = self.index.find_quoted(self.locate(path, index), value)
        return (line, line)

    def _scan(self, text: str) -> None:
        table: TomlPath = ()
        table_index = 0
        counts: dict[TomlPath, int] = {}
        pos, size = 0, len(text)
        while pos < size:
            char = text[pos]
            if char in " \t\r\n":
                pos += 1
            elif char == "#":
                pos = _line_end(text, pos)
            elif char == "[":
                end = _line_end(text, pos)
                header = _HEADER.match(text[pos:end].rstrip())
                name = split_key(header.group(2)) if header else None
                is_array = bool(header and header.group(1) == "[[" and header.group(3) == "]]")
                if name is not None:
                    table = name
                    table_index = counts.get(name, 0) if is_array else 0
                    if is_array:
                        counts[name] = table_index + 1
                    line = self.index.line_of(pos)
                    self._tables.setdefault((name, table_index), [line, line])
                pos = end
            else:
                equals = _key_end(text, pos)
                if equals is None:
                    pos = _line_end(text, pos)
                    continue
                key = split_key(text[pos:equals])
                end = _value_end(text, equals + 1)
                if key is not None:
                    span = (self.index.line_of(pos), self.index.line_of(max(equals, end - 1)))
                    self._keys.setdefault((table + key, table_index), span)
                    if table:
                        known = self._tables.setdefault((table, table_index), [span[0], span[1]])
                        known[1] = max(known[1], span[1])
                pos = end


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _key_end(text: str, pos: int) -> int | None:
    """Offset of the `=` ending the key that starts at `pos`, skipping quoted parts."""
    quote = ""
    while pos < len(text):
        char = text[pos]
        if char == "\n":
            return None
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"':
                pos += 1
        elif char in "\"'":
            quote = char
        elif char == "=":
            return pos
        pos += 1
    return None


def _string_end(text: str, pos: int) -> int:
    """Offset just past the string that opens at `pos`."""
    for triple in ('"""', "'''"):
        if text.startswith(triple, pos):
            cursor = pos + 3
            while True:
                found = text.find(triple, cursor)
                if found == -1:
                    return len(text)
                if triple == "'''" or not _escaped(text, found):
                    end = found + 3
                    while end < len(text) and text[end] == triple[0] and end - found < 5:
                        end += 1  # up to two quotes may end the content: `""""a"""""`
                    return end
                cursor = found + 1
    quote = text[pos]
    cursor = pos + 1
    while cursor < len(text) and text[cursor] != "\n":
        if text[cursor] == "\\" and quote == '"':
            cursor += 2
            continue
        if text[cursor] == quote:
            return cursor + 1
        cursor += 1
    return cursor


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - backslashes - 1 >= 0 and text[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _value_end(text: str, pos: int) -> int:
    """Offset of the newline that ends the value starting at `pos` (arrays may span lines)."""
    depth = 0
    while pos < len(text):
        char = text[pos]
        if char in "\"'":
            pos = _string_end(text, pos)
            continue
        if char == "#":
            pos = _line_end(text, pos)
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n" and depth == 0:
            return pos
        pos += 1
    return len(text)
