""" "Where to start reading" on the overview, through the real analysis of a small Express-style library."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from codedoc.pipeline import GenerateOptions, build_model
from codedoc.write.offline import write_site
from codedoc.write.plan import plan_site
from repos import make_repo

FILES: dict[str, str | bytes] = {
    "package.json": '{"name": "mini", "version": "1.0.0", "main": "lib/mini.js"}\n',
    "lib/mini.js": "var req = require('./request');\nexports.get = function get(name) { return req.header(name); };\n",
    "lib/request.js": (
        "'use strict';\n\nvar http = require('http');\n\n"
        "/**\n * Return request header.\n */\nexports.header = function header(name) {\n  return name;\n};\n"
        + "".join(f"exports.f{i} = function f{i}() {{ return {i}; }};\n" for i in range(20))
    ),
}


def _starting_points(tmp_path: Path) -> str:
    model = build_model(str(make_repo(FILES, tmp_path / "repo")), GenerateOptions(workers=1))
    # Without central functions to name, the largest modules are where a reader starts.
    model = dataclasses.replace(model, centrality={})
    pages = {page.path: page.markdown for page in write_site(plan_site(model), model)}
    overview = pages["index.md"]
    return overview.split("## Where to start reading", 1)[1].split("\n## ", 1)[0]


def test_a_module_is_not_described_by_its_largest_functions_docstring(tmp_path: Path) -> None:
    listed = _starting_points(tmp_path)
    module_lines = [line for line in listed.splitlines() if line.startswith("- `lib/request`")]
    assert module_lines, listed
    assert all("Return request header" not in line for line in module_lines)
