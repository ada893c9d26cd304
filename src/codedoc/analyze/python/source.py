"""Source text of `ast` nodes, taken from the file rather than rebuilt with `ast.unparse`.

Slicing the line an expression sits on costs almost nothing and keeps the text as written,
where `ast.unparse` runs a Python-level visitor per call and rewrites quotes. Nor is
`ast.get_source_segment` any help: it splits the whole file again on every call.
"""

from __future__ import annotations

import ast
import io
import tokenize

from codedoc.analyze.python.signatures import EXPRESSION_LIMIT, VALUE_LIMIT, one_line, shorten


class SourceText:
    __slots__ = ("_lines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    def _all_lines(self) -> list[str]:
        # Split lazily: many files have no constant, field or default that needs the source.
        if self._lines is None:
            text = self._text
            if "\r" in text:
                # Python counts a lone carriage return as a line end, as `ast` line numbers do.
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            self._lines = text.split("\n")
        return self._lines

    def _segment(self, node: ast.expr, budget: int) -> tuple[str, bool]:
        """The node's text, and whether it was cut short after about `budget` characters of code."""
        lines = self._all_lines()
        first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
        start, end = node.col_offset, node.end_col_offset
        if last >= len(lines) or end is None:
            return "", True
        if first == last:
            return _slice(lines[first], start, end), False
        # A value can span thousands of lines (a table); read only what can be shown.
        parts = [_slice(lines[first], start, None)]
        size = len(parts[0].strip())
        for row in range(first + 1, last):
            if size > budget:
                return "\n".join(parts), True
            parts.append(lines[row])
            size += len(lines[row].strip()) + 1
        parts.append(_slice(lines[last], 0, end))
        return "\n".join(parts), False

    def expression(self, node: ast.expr, limit: int = EXPRESSION_LIMIT) -> str:
        """An annotation, decorator, base or default as written, on one line, without comments."""
        if type(node) is ast.Name:
            return node.id
        # Collapsing whitespace shortens the text, so read a little more than will be shown.
        text, cut = self._segment(node, limit * 4)
        if node.end_lineno == node.lineno:
            return shorten(text, limit)
        if "#" in text:
            if cut:  # comments count against the budget but are not shown: read further
                text, cut = self._segment(node, limit * 32)
            text = _without_comments(text)
        text = one_line(text)
        if cut:
            return text[: limit - 1].rstrip() + "…"
        return shorten(text, limit)

    def value(self, node: ast.expr) -> str:
        """A value for display: as written, on one line, cut at `VALUE_LIMIT`."""
        return self.expression(node, VALUE_LIMIT)


def _without_comments(text: str) -> str:
    """Multi-line source without its comments; rare enough (a `#` inside an expression) to tokenize."""
    lines = text.split("\n")
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                row, start = token.start
                line = lines[row - 1]
                lines[row - 1] = line[:start] + line[token.end[1] :]
    except (tokenize.TokenError, SyntaxError):
        pass  # a segment cut short ends inside brackets; the comments before the cut are gone already
    return "\n".join(lines)


def _slice(line: str, start: int, end: int | None) -> str:
    # `ast` column offsets count UTF-8 bytes, not characters.
    if line.isascii():
        return line[start:end]
    return line.encode("utf-8")[start:end].decode("utf-8", "replace")
