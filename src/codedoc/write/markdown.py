"""Markdown building blocks that are safe for text from strangers' repositories.

Everything a repository supplies (names, docstrings, README text, defaults) goes through one
of these before it reaches a page, so it can neither break a table nor inject HTML. The
escapes are the ones both Python-Markdown (what MkDocs uses) and CommonMark/GFM (GitHub, the
service's viewer) agree on: `<`, `>` and `&` become entities (`\\<` shows its backslash in
Python-Markdown), the emphasis, link and code characters get a backslash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

# ANSI escapes, other C0/C1 controls and bidi overrides (Trojan Source) never belong on a page.
# Written as one character class first (an ESC then takes its CSI sequence along) so that the
# regex engine can skip ahead to candidate characters instead of trying every position.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069](?:(?<=\x1b)\[[0-9;?]*[A-Za-z])?")
_BACKTICK_RUN = re.compile(r"`+")
_SINGLE_TICK_SPAN = re.compile(r"`[^`]*`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(\[])")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# What `text` replaces, in this order: a backslash first (the escapes after it add backslashes),
# `&` before the entities that hold one. str.replace per character beats one regex or translate.
_TEXT_ESCAPES = (
    ("\\", "\\\\"),
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    *((character, "\\" + character) for character in "`*_[]|#!{}"),
)

MAX_INLINE = 300
"""Longest single-line value kept (names, defaults, summaries); longer ones are cut with `…`."""


def clean(text: str) -> str:
    """Text without control characters or bidi overrides; newlines and tabs kept."""
    if text.isascii() and text.isprintable():  # most names and values: nothing to remove, no pass to make
        return text
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str, *, limit: int = MAX_INLINE) -> str:
    """Collapse whitespace to single spaces and cut to `limit` characters."""
    flat = " ".join(clean(text).split())  # as `re.sub(r"\\s+", " ", ...)`: str.split agrees on whitespace
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def text(value: str, *, limit: int = MAX_INLINE) -> str:
    """Untrusted text as inert inline Markdown (one line, no HTML, no emphasis, no links)."""
    flat = one_line(value, limit=limit)
    for character, escaped in _TEXT_ESCAPES:
        if character in flat:
            flat = flat.replace(character, escaped)
    return flat


def code(value: str, *, limit: int = MAX_INLINE) -> str:
    """An inline code span holding `value` verbatim (one line), whatever backticks it contains."""
    flat = one_line(value, limit=limit)
    if not flat:
        return ""
    if "`" not in flat:
        return f"`{flat}`"
    # One tick more than the longest run inside, and spaces so that a tick at either end stays in.
    ticks = "`" * (_longest_backtick_run(flat) + 1)
    return f"{ticks} {flat} {ticks}"


def _longest_backtick_run(value: str) -> int:
    if "`" not in value:
        return 0
    return max(len(run) for run in _BACKTICK_RUN.findall(value))


def cell_code(value: str, *, limit: int = MAX_INLINE) -> str:
    """A value for a table cell: a code span, or escaped text when it holds a `|`.

    A pipe inside a code span splits a GFM table row, while `\\|` inside one shows its backslash
    in Python-Markdown; escaped plain text is the only spelling both render the same.
    """
    if "|" in value:
        return text(value, limit=limit)
    return code(value, limit=limit)


def fence(content: str, language: str = "") -> str:
    """A fenced code block that no backtick run in `content` can close early."""
    body = clean(content).rstrip("\n")
    longest = _longest_backtick_run(body)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{body}\n{ticks}"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table from cells that are already Markdown (escaped, one line each)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    for row in rows:
        cells = [_cell(cell) for cell in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(markdown: str) -> str:
    """One line, and no code span holding a `|` (see `cell_code`): such spans become escaped text."""
    flat = markdown.replace("\n", " ")
    if "|" not in flat or "`" not in flat:
        return flat or " "
    pieces: list[str] = []
    position = 0
    for start, end in code_span_ranges(flat):
        span = flat[start:end]
        if "|" in span:
            ticks = len(span) - len(span.lstrip("`"))
            pieces += [flat[position:start], text(span[ticks:-ticks].strip())]
        else:
            pieces += [flat[position:start], span]
        position = end
    pieces.append(flat[position:])
    return "".join(pieces) or " "


def link(label_markdown: str, url: str) -> str:
    """`[label](url)` with the characters that would end the URL early percent-encoded."""
    safe = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{label_markdown}]({safe})"


_RST_UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+:.])\1{2,}\s*$")
_RST_ROLE = re.compile(r":[\w.+-]+:`([^`<]*?)(?:\s*<[^`>]*>)?`")
_RST_LITERAL = re.compile(r"``([^`]+)``")
_RST_FIELD = re.compile(r"^\s*:\w[\w ]*:(?!`)")
_RST_EXPLICIT = re.compile(r"^\s*\.\.(?:\s|$)")
"""A directive, comment or link target (`.. dialect:: postgresql`, `.. _name:`): markup, not prose."""
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
"""Where one paragraph of a docstring ends and the next begins."""


def _prose_lines(block: str) -> list[str]:
    """The lines of a block that are prose: RST title underlines, the titles above them, field
    lists (`:copyright:`) and explicit markup (`.. note::`) are layout, not a summary."""
    lines = block.splitlines()
    kept: list[str] = []
    for index, line in enumerate(lines):
        underline_next = index + 1 < len(lines) and _RST_UNDERLINE.match(lines[index + 1])
        if _RST_UNDERLINE.match(line) or underline_next or _RST_FIELD.match(line) or _RST_EXPLICIT.match(line):
            continue
        kept.append(line)
    return kept


def _role_text(match: re.Match[str]) -> str:
    """`:class:`~flask.Flask`` reads `Flask`: RST's `~` shows only the last part of the name."""
    written = match.group(1).lstrip("!")
    return written[1:].rsplit(".", 1)[-1] if written.startswith("~") else written


def first_paragraph(docstring: str | None) -> str:
    """The first paragraph of a docstring or README section, whitespace collapsed, with
    reStructuredText headings and roles reduced to their text."""
    if not docstring:
        return ""
    for block in PARAGRAPH_BREAK.split(clean(docstring).strip()):
        lines = _prose_lines(block)
        if any(line.strip() for line in lines):
            text = _RST_LITERAL.sub(r"\1", _RST_ROLE.sub(_role_text, "\n".join(lines)))
            return one_line(text, limit=100_000)
    return ""


def first_sentence(docstring: str | None, *, limit: int = 200) -> str:
    """The first sentence of a docstring (plain, unescaped), cut to `limit` characters."""
    paragraph = first_paragraph(docstring)
    if not paragraph:
        return ""
    sentence = _SENTENCE_END.split(paragraph, maxsplit=1)[0]
    return one_line(sentence, limit=limit)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 module`, `3 modules`, `1,204 lines`."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """`a`, `a and b`, `a, b and c`."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def neutralize_html(markdown: str) -> str:
    """Markdown from a prose source with `<` and `>` outside code made inert.

    Prose may come from an LLM that read a hostile README; Markdown passes raw HTML through,
    so angle brackets outside code spans and fenced blocks become entities.
    """
    out = [
        line if fenced else _outside_code(line, lambda part: part.replace("<", "&lt;").replace(">", "&gt;"))
        for line, fenced in split_fenced(clean(markdown))
    ]
    return "\n".join(out)


def split_fenced(markdown: str) -> list[tuple[str, bool]]:
    """Each line with True when it belongs to a fenced code block (fence lines included)."""
    lines: list[tuple[str, bool]] = []
    marker: str | None = None
    for line in markdown.split("\n"):
        opened = _FENCE_OPEN.match(line)
        if marker is not None:
            closing = opened and opened.group(1)[0] == marker[0] and len(opened.group(1)) >= len(marker)
            if closing and not line.strip().lstrip(marker[0]).strip():
                marker = None
            lines.append((line, True))
        elif opened and not (opened.group(1)[0] == "`" and "`" in line[opened.end() :]):
            marker = opened.group(1)
            lines.append((line, True))
        else:
            lines.append((line, False))
    return lines


def _outside_code(line: str, transform: Callable[[str], str]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end in code_span_ranges(line):
        pieces.append(transform(line[position:start]))
        pieces.append(line[start:end])
        position = end
    pieces.append(transform(line[position:]))
    return "".join(pieces)


def code_span_ranges(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span in one line, by CommonMark's backtick-run rule."""
    if "``" not in line and "\\`" not in line:
        # Only single, unescaped backticks (nearly every line): they pair up in order.
        return [match.span() for match in _SINGLE_TICK_SPAN.finditer(line)]
    ranges: list[tuple[int, int]] = []
    position = 0
    while True:
        opening = _unescaped_run(line, position)
        if opening is None:
            return ranges
        start, length = opening
        search = start + length
        closing: int | None = None
        while True:
            match = _BACKTICK_RUN.search(line, search)
            if match is None:
                break
            if len(match.group(0)) == length:
                closing = match.start()
                break
            search = match.end()
        if closing is None:
            position = start + length
            continue
        ranges.append((start, closing + length))
        position = closing + length


def _unescaped_run(line: str, position: int) -> tuple[int, int] | None:
    while True:
        match = _BACKTICK_RUN.search(line, position)
        if match is None:
            return None
        start = match.start()
        backslashes = 0 if start == 0 or line[start - 1] != "\\" else start - len(line[:start].rstrip("\\"))
        if backslashes % 2 == 1:
            # An escaped backtick is literal; the rest of the run may still open a span.
            if len(match.group(0)) == 1:
                position = match.end()
                continue
            return match.start() + 1, len(match.group(0)) - 1
        return match.start(), len(match.group(0))
