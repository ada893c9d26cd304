"""Written answers are checked as they stream, one sentence at a time, before anyone sees them.

- A citation (`path:start-end` in backticks) must name a file of the repository, lines inside it,
  and overlap an excerpt the model was given; any other citation is removed and counted.
- A sentence naming code the model does not know (the LLM writer's grounding pass) is dropped,
  and the names are counted.
- Links, URLs, HTML, headings and code blocks are removed (`clean_markdown`, as for pages).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from codedoc.ask.results import Citation
from codedoc.write.citations import CITATION_SPAN
from codedoc.write.llm.answers import clean_markdown
from codedoc.write.llm.grounding import KnownNames, ground

_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_EMPTY_BRACKETS = re.compile(r"\(\s*(?:[,;]\s*)*\)|\[\s*(?:[,;]\s*)*\]")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_BOUNDARY = re.compile(r"(?<=[.!?])[ \t]+|\n")
MAX_ANSWER_CHARS = 8_000


@dataclass
class CheckReport:
    citations: list[Citation] = field(default_factory=list)
    removed_citations: list[str] = field(default_factory=list)
    removed_names: list[str] = field(default_factory=list)


class AnswerChecker:
    """Feed it the streamed text; it gives back the checked text, sentence by sentence."""

    def __init__(
        self,
        known: KnownNames,
        line_counts: Mapping[str, int],
        excerpts: Sequence[Citation],
    ) -> None:
        self.known = known
        self.line_counts = line_counts
        self.excerpts = excerpts
        self.report = CheckReport()
        self._buffer = ""
        self._emitted = 0
        self._pending: list[Citation] = []

    def feed(self, text: str) -> str:
        """The checked text of every sentence `text` completes ("" while a sentence is still open)."""
        self._buffer += text
        out: list[str] = []
        while True:
            cut = self._boundary()
            if cut is None:
                break
            sentence, self._buffer = self._buffer[: cut[1]], self._buffer[cut[1] :]
            out.append(self._sentence(sentence))
        return "".join(out)

    def finish(self) -> str:
        rest, self._buffer = self._buffer, ""
        return self._sentence(rest) if rest.strip() else rest

    def _boundary(self) -> tuple[int, int] | None:
        for match in _BOUNDARY.finditer(self._buffer):
            # Never inside a code span: `pkg.mod. Next` would otherwise split in the span.
            if self._buffer[: match.start()].count("`") % 2 == 0:
                return match.start(), match.end()
        return None

    def _sentence(self, sentence: str) -> str:
        if self._emitted >= MAX_ANSWER_CHARS:
            return ""
        trailing = sentence[len(sentence.rstrip()) :]
        body = sentence.rstrip()
        self._pending = []
        leading = body[: len(body) - len(body.lstrip())]
        # No links, URLs, HTML (a script's text included), headings or code blocks.
        body = leading + clean_markdown(_SCRIPT.sub("", body))
        body = _CODE_SPAN.sub(self._citation, body)
        body = _EMPTY_BRACKETS.sub("", body).replace(" .", ".").replace("  ", " ")
        if len(re.findall(r"\w+", body)) < 2:
            body = ""  # what is left of a sentence whose link or citations went
        if body.strip():
            grounded = ground(body, self.known)
            if grounded.removed:
                self.report.removed_names.extend(grounded.removed)
            body = grounded.text if grounded.text.strip() else ""
            if not body:
                return "" if "\n" not in trailing else trailing
        self.report.citations.extend(self._pending)
        piece = body + trailing
        self._emitted += len(piece)
        return piece

    def _citation(self, match: re.Match[str]) -> str:
        content = match.group(1).strip()
        found = CITATION_SPAN.match(content)
        if found is None or not re.search(r"[/.]", found.group("path")):
            return match.group(0)
        path = found.group("path")
        start = int(found.group("start"))
        end = int(found.group("end") or start)
        lines = self.line_counts.get(path)
        given = any(
            excerpt.path == path and start <= excerpt.end_line and end >= excerpt.start_line
            for excerpt in self.excerpts
        )
        if lines is None or not (1 <= start <= end <= max(lines, 1)) or not given:
            self.report.removed_citations.append(content)
            return ""
        self._pending.append(Citation(path, start, end))
        return match.group(0)
