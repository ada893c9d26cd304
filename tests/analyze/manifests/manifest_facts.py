"""Run a manifest through the analyser `manifest_analyzer_for` picks, the way the orchestrator does."""

from __future__ import annotations

import textwrap

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests import manifest_analyzer_for
from codedoc.model import FileCategory, Language, Location


def analyse(path: str, text: str, *, dedent: bool = True) -> FileFacts:
    analyzer = manifest_analyzer_for(path)
    assert analyzer is not None, f"no analyser for {path}"
    context = FileContext(path, Language.OTHER, FileCategory.BUILD, path)
    return analyzer(context=context, text=textwrap.dedent(text).lstrip("\n") if dedent else text)


def at(path: str, start: int, end: int | None = None) -> Location:
    return Location(path, start, start if end is None else end)
