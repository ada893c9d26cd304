"""Answers are untrusted: parsed, repaired where that is safe, validated, and cleaned of anything
that is not plain prose (headings, code blocks, diagrams, links, HTML) before use."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MAX_ANSWER_CHARS = 20_000
MAX_SUMMARY_CHARS = 2_500
MAX_POINT_CHARS = 300
MAX_POINTS = 6


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


_FENCE = re.compile(r"^\s*```[\w-]*\s*\n(.*?)\n\s*```\s*$", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def parse_answer(text: str) -> Answer:
    """The `{"summary": …, "key_points": […]}` object in `text`, or `AnswerError` saying what is wrong."""
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError(f"the answer is too long ({len(text)} characters)")
    data = _load_object(text.strip())
    summary = data.get("summary")
    if not isinstance(summary, str) or not clean_markdown(summary):
        raise AnswerError('the JSON object has no non-empty "summary" string')
    points = data.get("key_points", [])
    if points is None:
        points = []
    if not isinstance(points, list):
        raise AnswerError('"key_points" must be a list of strings')
    cleaned = [clean_markdown(point) for point in points if isinstance(point, str)]
    return Answer(
        summary=_shorten(clean_markdown(summary), MAX_SUMMARY_CHARS),
        key_points=tuple(_shorten(point, MAX_POINT_CHARS) for point in cleaned if point)[:MAX_POINTS],
    )


def _load_object(text: str) -> dict[str, object]:
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise AnswerError("the answer is not a JSON object")
    candidate = text[start : end + 1]
    problem = "the JSON is malformed"
    for attempt in (candidate, _TRAILING_COMMA.sub(r"\1", candidate)):
        try:
            data = json.loads(attempt, strict=False)
        except json.JSONDecodeError as error:
            problem = f"the JSON is malformed ({error.msg} at character {error.pos})"
            continue
        if not isinstance(data, dict):
            raise AnswerError("the answer is JSON but not an object")
        return data
    raise AnswerError(problem)


_CODE_BLOCK = re.compile(r"```.*?(```|$)|~~~.*?(~~~|$)", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto|javascript|data):[^>]*>", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?|ftp|javascript|data):\S+", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_BLANKS = re.compile(r"\n{3,}")


def clean_markdown(text: str) -> str:
    """Prose only: what the page builds itself (diagrams, code, links) is never copied from an answer."""
    text = _CODE_BLOCK.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _URL.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _HEADING.sub("", text)
    return _BLANKS.sub("\n\n", text).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[: sentence_end + 1] if sentence_end > limit // 2 else cut.rstrip() + "…"
