"""Finding the JSON object in what a model actually returned: inside a fence, after a preamble,
with trailing commas, or cut off by the output limit. Only repairs that cannot change meaning are
made: closing what was left open, dropping a dangling key or trailing comma."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_FENCE = re.compile(r"```[ \t]*([\w-]*)[^\n]*\n(.*?)(?:\n[ \t]*```|$)", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_DANGLING = re.compile(r',?\s*"(?:[^"\\]|\\.)*"\s*:?\s*$')


class JSONProblem(ValueError):
    """The text meant to be JSON but is not usable; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class FoundObject:
    data: dict[str, object]
    truncated: bool
    """The text stopped before the object was closed, and it was closed for it."""


def looks_like_json(text: str) -> bool:
    """Whether the answer tried to be a JSON object (so prose handling would be wrong)."""
    body = _unfenced(text).lstrip()
    return body.startswith("{") or bool(re.search(r'^\s*\{\s*"', text, re.MULTILINE))


def _unfenced(text: str) -> str:
    for match in _FENCE.finditer(text):
        if match.group(1).lower() in ("", "json", "jsonc", "json5") and "{" in match.group(2):
            return match.group(2).strip()
    return text.strip()


def find_object(text: str) -> FoundObject:
    """The first JSON object in `text`, repaired where that is safe, or `JSONProblem`."""
    body = _unfenced(text)
    start = body.find("{")
    if start < 0:
        raise JSONProblem("the answer is not a JSON object")
    body = body[start:]
    end = _matching_close(body)
    if end is not None:
        return FoundObject(_load(body[: end + 1]), truncated=False)
    closed = _close_truncated(body)
    if closed is None:
        raise JSONProblem("the JSON is malformed")
    return FoundObject(closed, truncated=True)


def _load(candidate: str) -> dict[str, object]:
    problem = "the JSON is malformed"
    for attempt in (candidate, _TRAILING_COMMA.sub(r"\1", candidate)):
        try:
            data = json.loads(attempt, strict=False)
        except json.JSONDecodeError as error:
            problem = f"the JSON is malformed ({error.msg} at character {error.pos})"
            continue
        if not isinstance(data, dict):
            raise JSONProblem("the answer is JSON but not an object")
        return data
    raise JSONProblem(problem)


def _scan(text: str) -> tuple[list[str], bool, bool, int | None]:
    """(open brackets, inside a string, just after a backslash, index where the top object closed)."""
    stack: list[str] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            stack.append(char)
        elif char in "}]":
            if not stack:
                return stack, False, False, index
            stack.pop()
            if not stack:
                return stack, False, False, index
    return stack, in_string, escaped, None


def _matching_close(text: str) -> int | None:
    return _scan(text)[3]


def _close_truncated(text: str) -> dict[str, object] | None:
    stack, in_string, escaped, _ = _scan(text)
    head = text[:-1] if escaped else text
    if in_string:
        head += '"'
    closers = "".join("}" if bracket == "{" else "]" for bracket in reversed(stack))
    stripped = _DANGLING.sub("", head)
    for candidate in (head.rstrip().rstrip(","), stripped.rstrip().rstrip(",")):
        try:
            data = json.loads(candidate + closers, strict=False)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict):
            return data
    return None
