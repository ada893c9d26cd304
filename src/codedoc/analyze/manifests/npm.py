"""`package.json`: metadata, the four kinds of dependencies, `bin`, `main`/`module`/`exports`, scripts."""

from __future__ import annotations

from typing import Any

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts, as_dict, as_str, first_line, project_metadata
from codedoc.analyze.manifests.guard import ManifestProblem, guarded
from codedoc.analyze.manifests.json_lines import JsonLines, load_json
from codedoc.analyze.manifests.task_kinds import describe_command, infer_task_kind

# Development-only: devDependencies. Peer and optional ones are needed at run time by whoever installs.
_DEPENDENCY_TABLES = (
    ("dependencies", False),
    ("devDependencies", True),
    ("peerDependencies", False),
    ("optionalDependencies", False),
)


@guarded
def analyze_package_json(*, context: FileContext, text: str) -> FileFacts:
    data = load_json(text, "package.json")
    if not isinstance(data, dict):
        raise ManifestProblem("package.json does not hold a JSON object")
    where = JsonLines(text)
    facts = Facts(context)
    name = as_str(data.get("name"))
    for table, dev in _DEPENDENCY_TABLES:
        for package, version in as_dict(data.get(table)).items():
            facts.dependency(package, "npm", where.locate((table, package)), version=as_str(version), dev=dev)
    _bin(data.get("bin"), name, where, facts)
    for key in ("main", "module"):
        target = as_str(data.get(key))
        if target:
            facts.entry_point(name or key, target, where.locate((key,)), kind="main_module")
    exports = data.get("exports")
    root_export = as_str(exports) or as_str(as_dict(exports).get("."))
    if root_export:
        path = ("exports",) if isinstance(exports, str) else ("exports", ".")
        facts.entry_point(name or "exports", root_export, where.locate(path), kind="main_module")
    for script, body in as_dict(data.get("scripts")).items():
        if isinstance(body, str):
            invocation = f"npm run {script}"
            kind = infer_task_kind(script, body)
            facts.task(
                invocation,
                describe_command(invocation, body),
                kind=kind,
                source="npm",
                span=where.locate(("scripts", script)),
            )
    return facts.result(
        project_metadata(
            context.path,
            name=name,
            description=as_str(data.get("description")),
            version=as_str(data.get("version")),
            license=_license(data),
        )
    )


def _license(data: dict[str, Any]) -> str | None:
    value = data.get("license")
    if isinstance(value, dict):  # the deprecated `{"type": "MIT", "url": …}`
        value = value.get("type")
    return first_line(as_str(value))


def _bin(value: object, name: str | None, where: JsonLines, facts: Facts) -> None:
    if isinstance(value, str) and value.strip():
        # A single `bin` is installed under the package name, without its npm scope.
        command = (name or "bin").rsplit("/", 1)[-1]
        facts.script(command, value.strip(), where.locate(("bin",)), framework="npm-bin", kind="npm_bin")
        return
    for command, target in as_dict(value).items():
        if as_str(target):
            facts.script(
                command, str(as_str(target)), where.locate(("bin", command)), framework="npm-bin", kind="npm_bin"
            )
