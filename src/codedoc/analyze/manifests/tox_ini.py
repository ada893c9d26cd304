"""`tox.ini`: each test environment is a task (`tox -e lint`); a `[pytest]` section is one too."""

from __future__ import annotations

import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.ini_lines import IniLines, load_ini
from codedoc.analyze.manifests.task_kinds import describe_command, infer_task_kind

_PYTHON_ENV = re.compile(r"^(py|pypy)\d*(-.*)?$")


@guarded
def analyze_tox_ini(*, context: FileContext, text: str) -> FileFacts:
    parser = load_ini(text, "tox.ini")
    where = IniLines(text)
    facts = Facts(context)
    for section in parser.sections():
        span = where.section(section) or (1, 1)
        if section in ("pytest", "tool:pytest"):
            facts.task("pytest", "pytest", kind="test", source="tox", span=(span[0], span[0]))
            continue
        if section != "testenv" and not section.startswith("testenv:"):
            continue
        env = section.partition(":")[2].strip()
        commands = [
            line.strip()
            for line in parser.get(section, "commands", fallback="").splitlines()
            if line.strip() and not line.strip().startswith("#")
        ]
        invocation = f"tox -e {env}" if env else "tox"
        kind = infer_task_kind(env) if env else "other"
        if kind == "other":
            # The default and per-interpreter environments run the test suite, whatever the command.
            python_env = not env or _PYTHON_ENV.match(env)
            kind = "test" if python_env else infer_task_kind("", "\n".join(commands))
        facts.task(invocation, describe_command(invocation, commands), kind=kind, source="tox", span=span)
    return facts.result()
