"""`pytest.ini`: its presence says the tests run with `pytest`."""

from __future__ import annotations

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.ini_lines import IniLines, load_ini


@guarded
def analyze_pytest_ini(*, context: FileContext, text: str) -> FileFacts:
    load_ini(text, "pytest.ini")
    facts = Facts(context)
    span = IniLines(text).section("pytest")
    if span is not None:
        facts.task("pytest", "pytest", kind="test", source="pytest.ini", span=(span[0], span[0]))
    return facts.result()
