"""`go.mod`: the module path and required modules (single lines and blocks)."""

from __future__ import annotations

import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts, project_metadata
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.lines import split_lines

_MODULE = re.compile(r'^module\s+"?([^\s"]+)"?')
_REQUIRE_LINE = re.compile(r'^require\s+"?([^\s"(]+)"?\s+(\S+)')
_REQUIRE_ITEM = re.compile(r'^"?([^\s"]+)"?\s+(\S+)')


@guarded
def analyze_go_mod(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    module: str | None = None
    in_block = ""
    for number, raw in enumerate(split_lines(text), 1):
        line, _, comment = raw.partition("//")
        line = line.strip()
        indirect = "indirect" in comment
        if in_block:
            if line.startswith(")"):
                in_block = ""
            elif line and in_block == "require":
                item = _REQUIRE_ITEM.match(line)
                if item:
                    _require(facts, item.group(1), item.group(2), number, indirect)
            continue
        if re.match(r"^(require|replace|exclude|retract|tool|godebug)\s*\($", line):
            in_block = line.split("(")[0].strip()
            continue
        if found := _MODULE.match(line):
            module = module or found.group(1)
        elif found := _REQUIRE_LINE.match(line):
            _require(facts, found.group(1), found.group(2), number, indirect)
    # The `go` directive names the toolchain, not the module's own version (that lives in git tags),
    # so it is not reported as the project's version.
    return facts.result(project_metadata(context.path, name=module))


def _require(facts: Facts, path: str, version: str, line: int, indirect: bool) -> None:
    # Indirect requirements are still linked into the build: not dev, but marked as such.
    spec = f"{version} (indirect)" if indirect else version
    facts.dependency(path, "go", line, version=spec)
