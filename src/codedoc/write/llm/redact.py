"""Secrets never reach a prompt: every text is scanned with detect-secrets' plugins first.

A finding is redacted as a whole token (detect-secrets reports only the `ghp` prefix of a
GitHub token, so the match is widened to the surrounding token) or, when the scanner's value
is not one token, from the value to the end of the line. Each text is scanned twice: once as
its own file type (the keyword rules differ per language) and once as configuration, whose
`key: value` rules catch annotated assignments the language rules miss.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.settings import default_settings, get_filters, get_plugins
from detect_secrets.util.code_snippet import get_code_snippet
from detect_secrets.util.inject import call_function_with_arguments

REDACTED = "[REDACTED]"

# Heuristics that drop obvious non-secrets. File-based filters (lock files, allowlist comments)
# are left out on purpose: a repository must not be able to exempt its own lines from redaction.
_KEPT_FILTERS = frozenset(
    f"detect_secrets.filters.heuristic.{name}"
    for name in (
        "is_likely_id_string",
        "is_indirect_reference",
        "is_sequential_string",
        "is_potential_uuid",
        "is_templated_secret",
        "is_not_alphanumeric_string",
        "is_prefixed_with_dollar_sign",
    )
)
_TOKEN_CHARS = re.compile(r"""[^\s'"`<>()\[\]{},;]""")
_CONFIG_NAME = "codedoc-prompt.yaml"


@dataclass(frozen=True, slots=True)
class Redaction:
    text: str
    secrets: int
    """How many distinct findings were redacted."""


class _Scanner:
    """detect-secrets' plugins and filters, loaded once (its settings are process-global)."""

    def __init__(self) -> None:
        with default_settings():
            self.plugins: list[Any] = list(get_plugins())
            self.filters: list[Any] = [f for f in get_filters() if f.path in _KEPT_FILTERS]

    def _filtered(self, **values: object) -> bool:
        for check in self.filters:
            if not set(check.injectable_variables) <= set(values):
                continue
            if call_function_with_arguments(check, **values):
                return True
        return False

    def findings(self, lines: list[str], filename: str) -> Iterable[tuple[int, PotentialSecret]]:
        for index, line in enumerate(lines):
            context = get_code_snippet(lines=lines, line_number=index + 1)
            line_checked: bool | None = None
            for plugin in self.plugins:
                found = plugin.analyze_line(filename=filename, line=line, line_number=index + 1, context=context)
                for secret in found or ():
                    # The line-wide filter is the slowest check, so it runs only on lines with a finding.
                    if line_checked is None:
                        line_checked = not self._filtered(line=line)
                    if line_checked and not self._filtered(secret=secret.secret_value, plugin=plugin, line=line):
                        yield index, secret


_scanner: _Scanner | None = None
_scanner_lock = threading.Lock()


def _get_scanner() -> _Scanner:
    global _scanner
    with _scanner_lock:
        if _scanner is None:
            _scanner = _Scanner()
        return _scanner


def redact(text: str, filename: str = "prompt.txt") -> Redaction:
    """`text` with every secret detect-secrets finds replaced by `[REDACTED]`."""
    lines = text.split("\n")
    scanner = _get_scanner()
    spans: dict[int, list[tuple[int, int]]] = {}
    key_blocks: set[int] = set()
    found: set[tuple[int, str]] = set()
    with _scanner_lock:  # the plugins are shared; keep their use single-file
        for name in dict.fromkeys((filename, _CONFIG_NAME)):
            for index, secret in scanner.findings(lines, name):
                found.add((index, secret.secret_value or ""))
                if secret.type == "Private Key":
                    key_blocks.add(index)
                spans.setdefault(index, []).append(_span(lines[index], secret.secret_value or ""))
    for index in key_blocks:
        _redact_key_block(lines, index, spans)
    for index, line_spans in spans.items():
        lines[index] = _apply(lines[index], line_spans)
    return Redaction("\n".join(lines), len(found))


def _span(line: str, value: str) -> tuple[int, int]:
    """The part of `line` to hide for a finding whose reported value is `value`."""
    start = line.find(value) if value else -1
    if start < 0:
        return 0, len(line)
    end = start + len(value)
    if re.search(r"\s", value):
        return start, len(line)
    while start > 0 and _TOKEN_CHARS.match(line[start - 1]):
        start -= 1
    while end < len(line) and _TOKEN_CHARS.match(line[end]):
        end += 1
    return start, end


def _redact_key_block(lines: list[str], first: int, spans: dict[int, list[tuple[int, int]]]) -> None:
    """A private key is many lines; hide all of them up to its END marker."""
    for index in range(first, min(len(lines), first + 200)):
        spans.setdefault(index, []).append((0, len(lines[index])))
        if index > first and "-----END" in lines[index]:
            return


def _apply(line: str, spans: list[tuple[int, int]]) -> str:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    out, last = [], 0
    for start, end in merged:
        out += [line[last:start], REDACTED]
        last = end
    out.append(line[last:])
    return "".join(out)


RedactFunction = Callable[[str, str], Redaction]
