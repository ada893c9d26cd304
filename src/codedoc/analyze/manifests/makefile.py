"""Makefiles: each explicit target with its recipe becomes a task (`make test`).

Pattern rules (`%.o: %.c`), special targets (`.PHONY`), variable assignments and targets that
are file names are not things a person runs by hand, unless `.PHONY` says otherwise."""

from __future__ import annotations

import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.lines import split_lines
from codedoc.analyze.manifests.task_kinds import describe_command, infer_task_kind

# `targets: prerequisites` — but not `VAR := x`, `VAR ::= x` or `target: VAR = x` (target-specific variables).
_RULE = re.compile(r"^(?P<targets>[^\s:=#][^:=#]*?)\s*(?P<colons>::?)(?![=:])(?P<rest>[^=]*)$")
_PHONY = re.compile(r"^\.PHONY\s*:(.*)$")
_FILE_LIKE = re.compile(r"[/\\]|\.[A-Za-z0-9]{1,5}$")


def _logical_lines(text: str) -> list[tuple[str, int, int]]:
    lines: list[tuple[str, int, int]] = []
    pending: list[str] = []
    start = 1
    for number, line in enumerate(split_lines(text), 1):
        if not pending:
            start = number
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        pending.append(line)
        lines.append(("".join(pending) if len(pending) == 1 else " ".join(p.strip() for p in pending), start, number))
        pending = []
    if pending:
        lines.append((" ".join(pending), start, start + len(pending) - 1))
    return lines


def _phony_targets(lines: list[tuple[str, int, int]]) -> set[str]:
    phony: set[str] = set()
    for text, _, _ in lines:
        match = _PHONY.match(text)
        if match:
            phony.update(match.group(1).split())
    return phony


def _recipe_line(line: str) -> str:
    """A recipe line without make's echo/ignore-error prefixes."""
    return line.strip().lstrip("@-+").strip()


@guarded
def analyze_makefile(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    lines = _logical_lines(text)
    phony = _phony_targets(lines)
    seen: set[str] = set()
    index = 0
    while index < len(lines):
        line, start, end = lines[index]
        index += 1
        if re.match(r"^(override\s+|export\s+)?define\b", line):
            # A multi-line variable: its body may look like rules but is only text.
            while index < len(lines) and not lines[index][0].strip().startswith("endef"):
                index += 1
            continue
        match = _RULE.match(line) if line and not line.startswith(("\t", " ", "#")) else None
        if match is None:
            continue
        rest = match.group("rest")
        recipe: list[str] = []
        inline = rest.split(";", 1)[1] if ";" in rest else ""
        if inline.strip():
            recipe.append(_recipe_line(inline))
        while index < len(lines):
            body, _, body_end = lines[index]
            if body.startswith("\t"):
                if body.strip() and not body.strip().startswith("#"):
                    recipe.append(_recipe_line(body))
                end = body_end
            elif body.strip() and not body.lstrip().startswith("#"):
                break
            index += 1
        for target in match.group("targets").split():
            if target in seen or not _runnable(target, phony):
                continue
            seen.add(target)
            invocation = f"make {target}"
            kind = infer_task_kind(target, "\n".join(recipe))
            facts.task(target, describe_command(invocation, recipe), kind=kind, source="make", span=(start, end))
    return facts.result()


def _runnable(target: str, phony: set[str]) -> bool:
    if target.startswith(".") or "%" in target or "$" in target:
        return False
    return target in phony or not _FILE_LIKE.search(target)
