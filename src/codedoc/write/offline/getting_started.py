"""The Getting started page: install, build, run, test and lint, from the project's own build files."""

from __future__ import annotations

import posixpath
from collections import defaultdict

from codedoc.model import Dependency, Setting, Task
from codedoc.write.markdown import code, fence, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PageKind, PagePlan

_STEPS = (
    ("install", "Install"),
    ("build", "Build"),
    ("run", "Run"),
    ("test", "Test"),
    ("lint", "Lint and check"),
    ("deploy", "Deploy"),
    ("other", "Other tasks"),
)
# What a project of each ecosystem is usually installed with, when its build files say nothing.
_CONVENTIONAL_INSTALL = {
    "pypi": "pip install .",
    "npm": "npm install",
    "go": "go build ./...",
    "cargo": "cargo build",
    "maven": "mvn install",
    "gradle": "gradle build",
}
MAX_TASKS_PER_STEP = 12


def write_getting_started(ctx: SiteContext, page: PagePlan) -> str:
    model = ctx.model
    parts = ["# Getting started"]
    by_kind: dict[str, list[Task]] = defaultdict(list)
    for task in model.tasks:
        by_kind[task.kind if task.kind in dict(_STEPS) else "other"].append(task)
    if model.tasks:
        parts.append(
            f"The build files define {plural(len(model.tasks), 'task')}; each step below quotes the command "
            "as written and cites where it is defined."
        )
    else:
        parts.append(
            "The build files (Makefile, package scripts, CI workflows…) define no install, run or test "
            "command that CodeDoc could find, so this page lists only what the code itself shows."
        )
    if not by_kind.get("install"):
        parts += _conventional_install(ctx)
    for kind, heading in _STEPS:
        tasks = sorted(by_kind.get(kind, []), key=lambda t: (t.source, t.name, t.location.path))
        if tasks:
            parts += [f"## {heading}", *(_task(ctx, task) for task in tasks[:MAX_TASKS_PER_STEP])]
            if len(tasks) > MAX_TASKS_PER_STEP:
                parts.append(f"… and {len(tasks) - MAX_TASKS_PER_STEP:,} more.")
    parts += _entry_points(ctx)
    parts += _required_settings(ctx, page)
    return "\n\n".join(parts) + "\n"


def _task(ctx: SiteContext, task: Task) -> str:
    citation = ctx.citer.cite(task.location)
    where = f", defined in {citation}" if citation else ""
    return f"**{text(task.name)}** ({text(task.source)}{where}):\n\n{fence(task.command, 'sh')}"


def _conventional_install(ctx: SiteContext) -> list[str]:
    declared: dict[str, list[Dependency]] = defaultdict(list)
    for dependency in ctx.model.dependencies:
        declared[dependency.ecosystem].append(dependency)
    lines = []
    for ecosystem in sorted(declared):
        manifests = sorted({d.location.path for d in declared[ecosystem]})
        where = ", ".join(ctx.citer.cite_path(path) or code(path) for path in manifests[:3])
        line = f"- {text(ecosystem)} dependencies are declared in {where}."
        command = _CONVENTIONAL_INSTALL.get(ecosystem)
        if ecosystem == "pypi" and all(posixpath.basename(path).startswith("requirements") for path in manifests):
            # A project with only requirements files is not installable with `pip install .`.
            command = f"pip install -r {manifests[0]}"
        if command:
            line += f" No install task is defined; the usual command for such a project is {code(command)}."
        lines.append(line)
    if not lines:
        return []
    return ["## Install", "\n".join(lines)]


def _entry_points(ctx: SiteContext) -> list[str]:
    entries = sorted(ctx.model.entry_points, key=lambda e: (e.kind, e.name))
    if not entries:
        return []
    rows = [(code(e.name), text(e.kind.replace("_", " ")), code(e.target), ctx.citer.cite(e.location)) for e in entries]
    return [
        "## Entry points",
        "Execution starts in one of these places:",
        table(("Name", "Kind", "Runs", "Source"), rows),
    ]


def _required_settings(ctx: SiteContext, page: PagePlan) -> list[str]:
    required: dict[str, list[Setting]] = defaultdict(list)
    for setting in ctx.model.settings:
        if setting.is_env_var and setting.default is None:
            required[setting.name].append(setting)
    if not ctx.model.settings:
        return []
    configuration = ctx.page(PageKind.CONFIGURATION)
    more = ""
    if configuration is not None:
        more = " " + ctx.page_link(page.path, configuration.path, "Configuration") + " lists every setting."
    if not required:
        return ["## Environment", "Every environment variable the code reads has a default." + more]
    rows = [
        (code(name), ctx.citer.cite_all(s.location for s in settings)) for name, settings in sorted(required.items())
    ]
    return [
        "## Environment",
        "These environment variables are read without a default, so they probably need to be set." + more,
        table(("Variable", "Read in"), rows),
    ]
