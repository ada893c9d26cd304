"""The README's opening paragraph, as plain text with the lines it came from.

Headings, badges, HTML, front matter, reST directives and code blocks are skipped; links keep
their text, images disappear, emphasis markers go. The result is plain (unescaped) text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codedoc.write.markdown import clean, one_line

_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
_IMAGE = re.compile(r"!\[[^\]]*\]" + _TARGET + r"|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]" + _TARGET + r"|\[([^\]]*)\]\[[^\]]*\]")
_TAG = re.compile(r"<[^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_SKIPPED_LINE = re.compile(r"^\s*(#|<|!\[|\[!\[|\.\. |:[\w-]+:|\||---|```|~~~|>\s*\[!)")

MAX_EXCERPT = 600


@dataclass(frozen=True, slots=True)
class Excerpt:
    text: str
    start_line: int
    end_line: int


def readme_excerpt(readme: str | None) -> Excerpt | None:
    """The first paragraph of prose in a README, or None when it has none."""
    if not readme:
        return None
    lines = clean(readme).split("\n")
    index = _after_front_matter(lines)
    in_fence = False
    paragraph: list[str] = []
    start = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            if paragraph:
                break
            in_fence = not in_fence
            index += 1
            continue
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        skip = (
            in_fence
            or _SKIPPED_LINE.match(line)
            or _RST_UNDERLINE.match(stripped)
            or (_RST_UNDERLINE.match(next_line.strip()) and not paragraph)
        )
        if not stripped or skip:
            if paragraph:
                break
            index += 1
            continue
        if not paragraph:
            start = index + 1
        paragraph.append(stripped)
        index += 1
    if not paragraph:
        return None
    plain = one_line(_plain(" ".join(paragraph)), limit=MAX_EXCERPT)
    if not plain:
        return None
    return Excerpt(plain, start, start + len(paragraph) - 1)


def _after_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, min(len(lines), 200)):
            if lines[index].strip() in ("---", "..."):
                return index + 1
    return 0


def _plain(markdown: str) -> str:
    without_images = _IMAGE.sub("", markdown)
    linked = _LINK.sub(lambda match: match.group(1) or match.group(2) or "", without_images)
    return _EMPHASIS.sub("", _TAG.sub("", linked))
