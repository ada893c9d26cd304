"""JSON with line numbers: `json` for the values, a flat (non-recursive) scanner for where each
key and array item is written, so hostile nesting cannot exhaust the stack."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from codedoc.analyze.manifests.guard import ManifestProblem
from codedoc.analyze.manifests.lines import LineIndex, Span

JsonPath = tuple[str | int, ...]

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"[-+0-9.eE]+|true|false|null")
# Only the first levels matter to a manifest; deeper positions are not recorded.
_MAX_RECORDED_DEPTH = 6


def load_json(text: str, name: str) -> Any:
    """Parse or raise `ManifestProblem` with the line of the error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestProblem(f"{name} is not valid JSON: {error.msg} (line {error.lineno})", error.lineno) from None


@dataclass
class _Frame:
    path: JsonPath
    start: int
    is_object: bool
    next_index: int = 0
    key: str | None = None
    key_start: int = 0


class JsonLines:
    """Where each value of a (valid) JSON text is written: path → (first line, last line)."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)
        self._spans: dict[JsonPath, Span] = {}
        self._scan(text)

    def span(self, path: JsonPath) -> Span | None:
        return self._spans.get(path)

    def locate(self, path: JsonPath) -> Span:
        """The value at `path`, else the nearest enclosing value that was found."""
        for size in range(len(path), -1, -1):
            span = self._spans.get(path[:size])
            if span is not None:
                return span
        return (1, 1)

    def _record(self, path: JsonPath, start: int, end: int) -> None:
        if len(path) <= _MAX_RECORDED_DEPTH:
            self._spans[path] = (self.index.line_of(start), self.index.line_of(end))

    def _scan(self, text: str) -> None:
        stack: list[_Frame] = []
        pos = 0
        while pos < len(text):
            char = text[pos]
            if char in " \t\r\n,:":
                pos += 1
                continue
            parent = stack[-1] if stack else None
            if char == '"':
                match = _STRING.match(text, pos)
                end = match.end() if match else len(text)
                if parent is not None and parent.is_object and parent.key is None:
                    try:
                        parent.key = str(json.loads(text[pos:end]))
                    except ValueError:
                        parent.key = text[pos + 1 : end - 1]
                    parent.key_start = pos
                else:
                    self._value(stack, pos, end - 1)
                pos = end
            elif char in "{[":
                path, start = self._child(stack, pos)
                stack.append(_Frame(path=path, start=start, is_object=char == "{"))
                pos += 1
            elif char in "}]":
                if stack:
                    frame = stack.pop()
                    self._record(frame.path, frame.start, pos)
                pos += 1
            else:
                match = _LITERAL.match(text, pos)
                end = match.end() if match else pos + 1
                self._value(stack, pos, end - 1)
                pos = end

    def _child(self, stack: list[_Frame], pos: int) -> tuple[JsonPath, int]:
        """Path and start offset of a value beginning at `pos`, and advance the parent."""
        if not stack:
            return (), pos
        parent = stack[-1]
        if parent.is_object:
            path: JsonPath = (*parent.path, parent.key if parent.key is not None else "")
            start = parent.key_start
            parent.key = None
            return path, start
        path = (*parent.path, parent.next_index)
        parent.next_index += 1
        return path, pos

    def _value(self, stack: list[_Frame], start: int, end: int) -> None:
        path, begin = self._child(stack, start)
        self._record(path, begin, end)
