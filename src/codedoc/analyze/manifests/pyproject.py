"""`pyproject.toml`: PEP 621 and Poetry metadata, dependencies and scripts; PEP 735 groups;
pytest, Hatch, PDM and Poe tasks."""

from __future__ import annotations

from typing import Any

from codedoc.analyze.facts import FileContext, FileFacts, ProjectMetadata
from codedoc.analyze.manifests.collect import Facts, as_dict, as_list, as_str, first_line, project_metadata
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.requirement_specs import parse_requirement
from codedoc.analyze.manifests.task_kinds import describe_command, infer_task_kind
from codedoc.analyze.manifests.toml_lines import TomlLines, TomlPath, load_toml

_SOURCE = "pyproject"


@guarded
def analyze_pyproject(*, context: FileContext, text: str) -> FileFacts:
    data = load_toml(text, "pyproject.toml")
    where = TomlLines(text)
    facts = Facts(context)
    tool = as_dict(data.get("tool"))
    metadata = _pep621(as_dict(data.get("project")), where, facts, context.path)
    poetry_metadata = _poetry(as_dict(tool.get("poetry")), where, facts, context.path)
    _dependency_groups(as_dict(data.get("dependency-groups")), where, facts)
    _pytest(tool, where, facts)
    _hatch_scripts(as_dict(as_dict(tool.get("hatch")).get("envs")), where, facts)
    _pdm_scripts(as_dict(as_dict(tool.get("pdm")).get("scripts")), where, facts)
    _poe_tasks(as_dict(as_dict(tool.get("poe")).get("tasks")), where, facts)
    return facts.result(metadata or poetry_metadata)


def _license(value: object, classifiers: list[Any]) -> str | None:
    if isinstance(value, str):
        return first_line(value)
    table = as_dict(value)
    if as_str(table.get("text")):
        return first_line(as_str(table.get("text")))
    for classifier in classifiers:
        if isinstance(classifier, str) and classifier.startswith("License ::"):
            return classifier.rsplit("::", 1)[-1].strip()
    license_file = as_str(table.get("file"))
    return f"see {license_file}" if license_file else None


def _requirements(values: list[Any], path: TomlPath, where: TomlLines, facts: Facts, *, dev: bool) -> None:
    for raw in values:
        if not isinstance(raw, str):
            continue  # `{include-group = "test"}` in PEP 735 groups
        parsed = parse_requirement(raw)
        if parsed is None:
            facts.warn(f"could not read the requirement {raw!r}", where.item(path, raw)[0])
            continue
        facts.dependency(parsed[0], "pypi", where.item(path, raw), version=parsed[1], dev=dev)


def _pep621(project: dict[str, Any], where: TomlLines, facts: Facts, path: str) -> ProjectMetadata | None:
    base: TomlPath = ("project",)
    _requirements(as_list(project.get("dependencies")), (*base, "dependencies"), where, facts, dev=False)
    for extra, values in as_dict(project.get("optional-dependencies")).items():
        _requirements(as_list(values), (*base, "optional-dependencies", extra), where, facts, dev=True)
    for table in ("scripts", "gui-scripts"):
        for name, target in as_dict(project.get(table)).items():
            if as_str(target):
                span = where.locate((*base, table, name))
                line = where.index.find_in(span, name)
                facts.script(name, str(as_str(target)), line, framework="console_script", kind="console_script")
    _plugins(as_dict(project.get("entry-points")), (*base, "entry-points"), where, facts)
    return project_metadata(
        path,
        name=as_str(project.get("name")),
        description=as_str(project.get("description")),
        version=as_str(project.get("version")),
        license=_license(project.get("license"), as_list(project.get("classifiers"))),
    )


def _poetry_version(value: object) -> str | None:
    if isinstance(value, list):  # several constraints, one per Python version
        versions = [_poetry_version(item) for item in value]
        return " | ".join(v for v in versions if v) or None
    if isinstance(value, dict):
        return as_str(value.get("version"))
    return as_str(value)


def _poetry_dependencies(table: dict[str, Any], path: TomlPath, where: TomlLines, facts: Facts, *, dev: bool) -> None:
    for name, value in table.items():
        if name.lower() == "python":
            continue  # the interpreter, not a package
        optional = isinstance(value, dict) and value.get("optional") is True
        facts.dependency(name, "pypi", where.locate((*path, name)), version=_poetry_version(value), dev=dev or optional)


def _poetry(poetry: dict[str, Any], where: TomlLines, facts: Facts, path: str) -> ProjectMetadata | None:
    if not poetry:
        return None
    base: TomlPath = ("tool", "poetry")
    _poetry_dependencies(as_dict(poetry.get("dependencies")), (*base, "dependencies"), where, facts, dev=False)
    _poetry_dependencies(as_dict(poetry.get("dev-dependencies")), (*base, "dev-dependencies"), where, facts, dev=True)
    for group, table in as_dict(poetry.get("group")).items():
        deps = as_dict(as_dict(table).get("dependencies"))
        _poetry_dependencies(deps, (*base, "group", group, "dependencies"), where, facts, dev=group != "main")
    for name, value in as_dict(poetry.get("scripts")).items():
        target = as_str(value) or as_str(as_dict(value).get("reference")) or as_str(as_dict(value).get("callable"))
        if target:
            span = where.locate((*base, "scripts", name))
            facts.script(
                name, target, where.index.find_in(span, name), framework="console_script", kind="console_script"
            )
    _plugins(as_dict(poetry.get("plugins")), (*base, "plugins"), where, facts)
    return project_metadata(
        path,
        name=as_str(poetry.get("name")),
        description=as_str(poetry.get("description")),
        version=as_str(poetry.get("version")),
        license=first_line(as_str(poetry.get("license"))),
    )


def _dependency_groups(groups: dict[str, Any], where: TomlLines, facts: Facts) -> None:
    for group, values in groups.items():
        _requirements(as_list(values), ("dependency-groups", group), where, facts, dev=True)


def _pytest(tool: dict[str, Any], where: TomlLines, facts: Facts) -> None:
    if "ini_options" in as_dict(tool.get("pytest")):
        span = where.locate(("tool", "pytest", "ini_options"))
        facts.task("pytest", "pytest", kind="test", source=_SOURCE, span=(span[0], span[0]))


def _plugins(groups: dict[str, Any], base: TomlPath, where: TomlLines, facts: Facts) -> None:
    """`[project.entry-points."group"]` / `[tool.poetry.plugins."group"]`: name = "module:attribute"."""
    for group, table in groups.items():
        for name, target in as_dict(table).items():
            written = as_str(target)
            if written and written.strip():
                span = where.locate((*base, group, name))
                facts.plugin(str(group), str(name), written.strip(), where.index.find_in(span, name))


def _script_body(value: object) -> list[str]:
    """A script as the lines it runs: a string, a list of strings, or a table naming them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    table = as_dict(value)
    for key in ("cmd", "shell", "call", "script", "composite", "sequence", "ref"):
        if key in table:
            body = _script_body(table[key])
            return [f"{key}: {line}" if key in ("call", "script", "ref") else line for line in body]
    return []


def _script_task(invocation: str, name: str, value: object, span: tuple[int, int], facts: Facts) -> None:
    body = _script_body(value)
    if not body:
        return
    kind = infer_task_kind(name, "\n".join(body))
    facts.task(invocation, describe_command(invocation, body), kind=kind, source=_SOURCE, span=span)


def _hatch_scripts(envs: dict[str, Any], where: TomlLines, facts: Facts) -> None:
    for env, table in envs.items():
        for name, value in as_dict(as_dict(table).get("scripts")).items():
            invocation = f"hatch run {name}" if env == "default" else f"hatch run {env}:{name}"
            span = where.locate(("tool", "hatch", "envs", env, "scripts", name))
            _script_task(invocation, name, value, span, facts)


def _pdm_scripts(scripts: dict[str, Any], where: TomlLines, facts: Facts) -> None:
    for name, value in scripts.items():
        if name != "_":  # `_` holds settings shared by all scripts
            _script_task(f"pdm run {name}", name, value, where.locate(("tool", "pdm", "scripts", name)), facts)


def _poe_tasks(tasks: dict[str, Any], where: TomlLines, facts: Facts) -> None:
    for name, value in tasks.items():
        _script_task(f"poe {name}", name, value, where.locate(("tool", "poe", "tasks", name)), facts)
