"""The Testing page: where the tests are, how many, and how to run them."""

from __future__ import annotations

import posixpath
from collections import Counter

from codedoc.model import FileCategory
from codedoc.write.markdown import code, fence, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan
from codedoc.write.selection import is_test_path

_TEST_PACKAGES = frozenset({"pytest", "unittest", "nose2", "hypothesis", "jest", "vitest", "mocha", "junit", "tox"})


def write_testing(ctx: SiteContext, page: PagePlan) -> str:
    files = [f.path for f in ctx.model.repository.files if f.category is FileCategory.TEST]
    if not files:
        files = [m.path for m in ctx.model.modules if is_test_path(m.path, ctx.categories)]
    parts = ["# Testing"]
    folders = Counter(posixpath.dirname(path) or "." for path in files)
    tests = sum(
        1
        for module in ctx.model.modules
        if is_test_path(module.path, ctx.categories)
        for symbol in module.symbols
        if symbol.name.lower().startswith("test")
    )
    if files:
        sentence = f"The repository has {plural(len(files), 'test file')} in {plural(len(folders), 'folder')}"
        if tests:
            sentence += f", defining {plural(tests, 'test function or class', 'test functions or classes')}"
        sentence += "."
        parts.append(sentence)
        rows = [(code(folder), f"{count:,}") for folder, count in sorted(folders.items())[:100]]
        parts.append(table(("Folder", "Test files"), rows))
    else:
        parts.append("No test file was found; the build files still define how tests would run.")
    tasks = sorted((t for t in ctx.model.tasks if t.kind == "test"), key=lambda t: (t.source, t.name))
    if tasks:
        parts.append("## Running the tests")
        for task in tasks[:12]:
            citation = ctx.citer.cite(task.location)
            where = f", defined in {citation}" if citation else ""
            parts.append(f"**{text(task.name)}** ({text(task.source)}{where}):\n\n{fence(task.command, 'sh')}")
    else:
        parts.append("The build files define no test command.")
    tools = sorted(d.name for d in ctx.model.dependencies if d.name.lower() in _TEST_PACKAGES)
    if tools:
        parts.append("Test tools among the dependencies: " + ", ".join(code(name) for name in tools) + ".")
    return "\n\n".join(parts) + "\n"
