"""What every manifest analyser shares: the size cap, the signature, and turning a parse
failure into a warning instead of an exception."""

from __future__ import annotations

import functools
from typing import Protocol

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.model import Diagnostic

MAX_MANIFEST_BYTES = 2_000_000
"""Real manifests are far smaller; anything bigger is generated or hostile and not worth parsing."""


class ManifestAnalyzer(Protocol):
    def __call__(self, *, context: FileContext, text: str) -> FileFacts: ...


class ManifestProblem(ValueError):
    """The file cannot be read as the format it claims to be; the message says why, for the user."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def warning(context: FileContext, message: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(path=context.path, message=message, line=line)


def guarded(analyze: ManifestAnalyzer) -> ManifestAnalyzer:
    """Skip oversized files and report unreadable ones as a diagnostic with an empty result."""

    @functools.wraps(analyze)
    def run(*, context: FileContext, text: str) -> FileFacts:
        if len(text) > MAX_MANIFEST_BYTES // 4 and len(text.encode("utf-8", "replace")) > MAX_MANIFEST_BYTES:
            limit = MAX_MANIFEST_BYTES // 1_000_000
            return FileFacts(diagnostics=(warning(context, f"skipped: larger than {limit} MB"),))
        try:
            return analyze(context=context, text=text)
        except ManifestProblem as problem:
            return FileFacts(diagnostics=(warning(context, str(problem), problem.line),))
        except RecursionError:
            # Deeply nested JSON/YAML/TOML exhausts the parsers' recursion; that is an input problem.
            return FileFacts(diagnostics=(warning(context, "skipped: nested too deeply to parse"),))

    return run
