"""Offsets to 1-based line numbers, and finding a value's line inside a known span."""

from __future__ import annotations

import bisect
import re

Span = tuple[int, int]
"""First and last line, 1-based and inclusive."""


def split_lines(text: str) -> list[str]:
    """Lines as git and code hosts number them: split on `\\n` only (`str.splitlines` also splits on
    form feeds and Unicode separators, which would shift every line number after one)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self._starts = [0]
        self._starts.extend(match.end() for match in re.finditer("\n", text))

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, max(0, offset))

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def find_in(self, span: Span, *needles: str) -> int:
        """The first line in `span` containing any of `needles`, else the span's first line."""
        for line in range(span[0], min(span[1], len(self.lines)) + 1):
            text = self.lines[line - 1]
            if any(needle in text for needle in needles):
                return line
        return span[0]

    def find_quoted(self, span: Span, value: str) -> int:
        """The line in `span` where `value` appears as a quoted string (TOML, JSON, Python)."""
        return self.find_in(span, f'"{value}"', f"'{value}'")
