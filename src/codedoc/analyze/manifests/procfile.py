"""`Procfile` (Heroku, Dokku, foreman): each process type is an entry point and a run task."""

from __future__ import annotations

import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.lines import split_lines

_PROCESS = re.compile(r"^([A-Za-z0-9_-]+)\s*:\s*(.+)$")


@guarded
def analyze_procfile(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    for number, line in enumerate(split_lines(text), 1):
        match = _PROCESS.match(line.strip())
        if match is None or line.lstrip().startswith("#"):
            continue
        process, command = match.group(1), match.group(2).strip()
        facts.entry_point(process, command, number, kind="procfile")
        # The `release` process runs once per deploy (migrations), not as a service.
        kind = "deploy" if process == "release" else "run"
        facts.task(process, command, kind=kind, source="procfile", span=number)
    return facts.result()
