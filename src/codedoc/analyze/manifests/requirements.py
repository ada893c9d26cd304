"""`requirements*.txt` and `requirements/*.txt`: pip's requirement files."""

from __future__ import annotations

import posixpath
import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.lines import split_lines
from codedoc.analyze.manifests.requirement_specs import parse_requirement

_DEV_PREFIXES = ("dev", "test", "lint", "doc")
_DEV_WORDS = frozenset({"ci", "typing", "style", "check", "qa"})
_INLINE_COMMENT = re.compile(r"(^|\s)#.*$")
_TRAILING_OPTIONS = re.compile(r"\s--?[a-z][\w-]*(?:[=\s]\S+)?")


def is_dev_requirements(path: str) -> bool:
    """`requirements-dev.txt`, `requirements/test.txt`, `dev-requirements.txt`, `requirements_docs.in`…"""
    stem = posixpath.splitext(path)[0]
    words = [word for word in re.split(r"[^a-z0-9]+", stem.lower()) if word and word != "requirements"]
    return any(
        word in _DEV_WORDS or (word.startswith(_DEV_PREFIXES) and not word.startswith("docker")) for word in words
    )


def _logical_lines(text: str) -> list[tuple[str, int, int]]:
    """Lines with backslash continuations joined, as (text, first line, last line)."""
    joined: list[tuple[str, int, int]] = []
    buffer: list[str] = []
    start = 1
    for number, line in enumerate(split_lines(text), 1):
        if not buffer:
            start = number
        if line.endswith("\\"):
            buffer.append(line[:-1])
            continue
        buffer.append(line)
        joined.append((" ".join(buffer), start, number))
        buffer = []
    if buffer:
        joined.append((" ".join(buffer), start, start + len(buffer) - 1))
    return joined


@guarded
def analyze_requirements(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    dev = is_dev_requirements(context.path)
    for line, start, end in _logical_lines(text):
        requirement = _INLINE_COMMENT.sub("", line).strip()
        # Options (-r, -e, -c, --index-url), paths and URLs name no package of an index.
        if not requirement or requirement.startswith(("-", ".", "/")) or "://" in requirement.split("@")[0]:
            continue
        requirement = _TRAILING_OPTIONS.sub("", f" {requirement}").strip()  # `--hash=sha256:…`
        parsed = parse_requirement(requirement)
        if parsed is None:
            continue
        facts.dependency(parsed[0], "pypi", (start, end), version=parsed[1], dev=dev)
    return facts.result()
