"""The README's opening description, as plain text with the lines it came from.

Headings, badges, HTML, front matter, reST directives and code blocks are skipped; links keep
their text, images disappear, emphasis markers go. The result is plain (unescaped) text.

The first prose paragraph is usually the project's own description, but not under a heading such
as "Gin 1.12.0 is now available!" or "Sponsors": those sections are passed over. A README that
opens with a feature list and no prose is described by the list's top-level items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codedoc.write.markdown import clean, one_line

_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
_IMAGE = re.compile(r"!\[[^\]]*\]" + _TARGET + r"|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]" + _TARGET + r"|\[([^\]]*)\]\[[^\]]*\]")
_SHORTCUT_LINK = re.compile(r"\[([^\]]+)\](?![(\[:])")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_SKIPPED_LINE = re.compile(r"^\s*(#|<|!\[|\[!\[|\.\. |:[\w-]+:|\||---|```|~~~|>\s*\[!)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LINK_ONLY = re.compile(r"^\[[^\]]*\]" + _TARGET + r"$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
# Sections whose first paragraph is about something else than what the project is.
_OFF_TOPIC = re.compile(
    r"\b(news|announce\w*|now available|release[sd]?|changelog|what'?s new|sponsors?|backers?|"
    r"contents|license|contribut\w*|security|status|deprecat\w*|maintainers?|table of)\b|"
    r"\bv?\d+\.\d+",
    re.IGNORECASE,
)

MAX_EXCERPT = 600
MAX_LIST_ITEMS = 6


@dataclass(frozen=True, slots=True)
class Excerpt:
    text: str
    start_line: int
    end_line: int
    is_list: bool = False  # the top-level items of a list, not a paragraph


@dataclass(frozen=True, slots=True)
class _Block:
    heading: str
    lines: tuple[str, ...]
    start: int  # 1-based line of the block's first line

    @property
    def is_list(self) -> bool:
        return bool(_BULLET.match(self.lines[0]))


def readme_excerpt(readme: str | None) -> Excerpt | None:
    """The README's description of the project, or None when it has none."""
    if not readme:
        return None
    for block in _blocks(clean(readme).split("\n")):
        if _OFF_TOPIC.search(block.heading):
            continue
        excerpt = _listed(block) if block.is_list else _prose(block)
        if excerpt is not None:
            return excerpt
    return None


def _blocks(lines: list[str]) -> list[_Block]:
    """Paragraphs and lists outside code fences, each with the heading it sits under."""
    blocks: list[_Block] = []
    heading = ""
    in_fence = False
    current: list[str] = []
    start = 0

    def close() -> None:
        if current:
            blocks.append(_Block(heading, tuple(current), start))
            current.clear()

    index = _after_front_matter(lines)
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        next_line = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if stripped.startswith(("```", "~~~")):
            close()
            in_fence = not in_fence
        elif in_fence:
            pass
        elif match := _HEADING.match(line):
            close()
            heading = _plain(match.group(1))
        elif stripped and not current and _RST_UNDERLINE.match(next_line) and not _RST_UNDERLINE.match(stripped):
            close()
            heading = _plain(stripped)
            index += 1
        elif _THEMATIC_BREAK.match(line) and not current:
            close()
            heading = ""  # a rule ends the section above it: what follows is not its news
        elif not stripped or _SKIPPED_LINE.match(line) or _RST_UNDERLINE.match(stripped):
            close()
        else:
            if current and bool(_BULLET.match(line)) != bool(_BULLET.match(current[0])) and not line[:1].isspace():
                close()
            if not current:
                start = index + 1
            current.append(line.rstrip())
        index += 1
    close()
    return blocks


def _prose(block: _Block) -> Excerpt | None:
    plain = one_line(_plain(" ".join(line.strip() for line in block.lines)), limit=MAX_EXCERPT)
    if not plain:
        return None
    return Excerpt(plain, block.start, block.start + len(block.lines) - 1)


def _listed(block: _Block) -> Excerpt | None:
    """A list's top-level items, joined: "A; B; C". None for a list of bare links (a table of contents)."""
    items: list[str] = []
    last = block.start
    for offset, line in enumerate(block.lines):
        match = _BULLET.match(line)
        if match is None or match.group(1):
            continue
        if _LINK_ONLY.match(match.group(2).strip()):
            return None
        item = one_line(_plain(match.group(2))).rstrip(".;, ")
        if item:
            items.append(item)
            last = block.start + offset
        if len(items) >= MAX_LIST_ITEMS:
            break
    if not items:
        return None
    return Excerpt(one_line("; ".join(items) + ".", limit=MAX_EXCERPT), block.start, last, is_list=True)


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _plain(markdown: str) -> str:
    without_images = _IMAGE.sub("", markdown)
    linked = _LINK.sub(lambda match: match.group(1) or match.group(2) or "", without_images)
    linked = _SHORTCUT_LINK.sub(r"\1", linked)
    return _EMPHASIS.sub("", _TAG.sub("", linked)).strip()
