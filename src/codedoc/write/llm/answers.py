"""Answers are untrusted: parsed, repaired where that is safe, validated, and cleaned of anything
that is not plain prose (headings, code blocks, diagrams, links, HTML) before use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from codedoc.write.llm.json_repair import JSONProblem, find_object, looks_like_json

MAX_ANSWER_CHARS = 20_000
MAX_SUMMARY_CHARS = 2_500
MAX_POINT_CHARS = 300
MAX_POINTS = 6


SUMMARY_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "summary": {"type": "string", "description": "2-5 sentences of Markdown"},
        "key_points": {"type": "array", "items": {"type": "string"}, "description": "short Markdown sentences"},
    },
    "required": ["summary", "key_points"],
    "additionalProperties": False,
}
"""The summary answer's shape, for providers that enforce structured output."""


class AnswerError(ValueError):
    """The answer is unusable; the message is sent back to the model when it is asked again."""


@dataclass(frozen=True, slots=True)
class Answer:
    summary: str
    key_points: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"summary": self.summary, "key_points": list(self.key_points)}

    def render(self) -> str:
        """Markdown: the summary paragraph(s), then the key points as a list."""
        parts = [self.summary]
        if self.key_points:
            parts.append("\n".join(f"- {point}" for point in self.key_points))
        return "\n\n".join(parts)


def parse_answer(text: str) -> Answer:
    """The summary and key points in `text`: the JSON object asked for (fenced, after a preamble or
    cut off — repaired where safe), or plain prose when the model wrote prose. `AnswerError` says
    what is wrong when neither gives a usable summary."""
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError(f"the answer is too long ({len(text)} characters)")
    if not text.strip():
        raise AnswerError("the answer is empty")
    if not looks_like_json(text):
        return prose_answer(text)
    try:
        found = find_object(text)
    except JSONProblem as error:
        raise AnswerError(str(error)) from None
    data = found.data
    summary = data.get("summary")
    if not isinstance(summary, str) or not clean_markdown(summary):
        raise AnswerError('the JSON object has no non-empty "summary" string')
    points = data.get("key_points", [])
    if points is None:
        points = []
    if not isinstance(points, list):
        raise AnswerError('"key_points" must be a list of strings')
    cleaned = [clean_markdown(point) for point in points if isinstance(point, str)]
    summary = clean_markdown(summary)
    if found.truncated:
        # Cut off by the output limit: keep whole sentences only.
        summary = _whole_sentences(summary)
        cleaned = [point for point in cleaned if point.rstrip().endswith((".", "!", "?", ")", "`"))]
        if not summary:
            raise AnswerError("the answer was cut off before its first sentence ended; answer more briefly")
    return Answer(
        summary=_shorten(summary, MAX_SUMMARY_CHARS),
        key_points=tuple(_shorten(point, MAX_POINT_CHARS) for point in cleaned if point)[:MAX_POINTS],
    )


_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_HEADING_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+.*|\*\*[^*]+\*\*:?|__[^_]+__:?|[A-Z][\w ]{0,40}:)\s*$")
_PREAMBLE = re.compile(
    r"^\W*(?:sure|certainly|of course|okay|ok|here(?:'s| is| are)|below is|absolutely)\b[^\n]*$", re.IGNORECASE
)


def prose_answer(text: str) -> Answer:
    """A plain-prose answer as summary paragraphs and key points: headings and preambles dropped,
    list items kept as points."""
    text = _CODE_BLOCK.sub("", text)
    paragraphs: list[str] = []
    points: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not _HEADING_LINE.match(line)]
        if not paragraphs and not points and lines and _PREAMBLE.match(lines[0]) and len(lines[0]) < 120:
            lines = lines[1:]
        prose_lines: list[str] = []
        for line in lines:
            if _BULLET.match(line):
                point = clean_markdown(_BULLET.sub("", line))
                if point:
                    points.append(point)
            else:
                prose_lines.append(line.strip())
        paragraph = clean_markdown(" ".join(prose_lines))
        if paragraph:
            paragraphs.append(paragraph)
    if not paragraphs and points:
        paragraphs, points = [points[0]], points[1:]
    summary = _shorten("\n\n".join(paragraphs[:3]), MAX_SUMMARY_CHARS)
    if not summary:
        raise AnswerError("the answer is empty")
    return Answer(summary, tuple(_shorten(point, MAX_POINT_CHARS) for point in points)[:MAX_POINTS])


def _whole_sentences(text: str) -> str:
    text = text.rstrip()
    if text.endswith((".", "!", "?")):
        return text
    end = max(text.rfind(". "), text.rfind(".\n"), text.rfind("? "), text.rfind("! "))
    return text[: end + 1].rstrip() if end >= 0 else ""


_CODE_BLOCK = re.compile(r"```.*?(```|$)|~~~.*?(~~~|$)", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto|javascript|data):[^>]*>", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?|ftp|javascript|data):\S+", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_BLANKS = re.compile(r"\n{3,}")


def clean_markdown(text: str, *, keep_headings: bool = False) -> str:
    """Prose only: what the page builds itself (diagrams, code, links) is never copied from an answer."""
    text = _CODE_BLOCK.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _URL.sub("", text)
    text = _HTML_TAG.sub("", text)
    if not keep_headings:
        text = _HEADING.sub("", text)
    return _BLANKS.sub("\n\n", text).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[: sentence_end + 1] if sentence_end > limit // 2 else cut.rstrip() + "…"
