"""`Cargo.toml`: package metadata, dependencies of every table (target-specific too), `[[bin]]`."""

from __future__ import annotations

from typing import Any

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts, as_dict, as_list, as_str, first_line, project_metadata
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.toml_lines import TomlLines, TomlPath, load_toml

# Build dependencies only run at compile time, like dev ones: neither ships in the binary's API.
_TABLES = (("dependencies", False), ("dev-dependencies", True), ("build-dependencies", True))


@guarded
def analyze_cargo_toml(*, context: FileContext, text: str) -> FileFacts:
    data = load_toml(text, "Cargo.toml")
    where = TomlLines(text)
    facts = Facts(context)
    for table, dev in _TABLES:
        _dependencies(as_dict(data.get(table)), (table,), where, facts, dev=dev)
        for target, spec in as_dict(data.get("target")).items():
            _dependencies(as_dict(as_dict(spec).get(table)), ("target", target, table), where, facts, dev=dev)
    _dependencies(
        as_dict(as_dict(data.get("workspace")).get("dependencies")),
        ("workspace", "dependencies"),
        where,
        facts,
        dev=False,
    )
    package = as_dict(data.get("package"))
    for index, binary in enumerate(as_list(data.get("bin"))):
        name = as_str(as_dict(binary).get("name")) or as_str(package.get("name"))
        if name:
            target = as_str(as_dict(binary).get("path")) or f"src/bin/{name}.rs"
            span = where.table(("bin",), index) or where.locate(("bin",), index)
            facts.script(name, target, span, framework="cargo-bin", kind="cargo_bin")
    return facts.result(
        project_metadata(
            context.path,
            name=as_str(package.get("name")),
            description=as_str(package.get("description")),
            # `version.workspace = true` inherits from the workspace: a table, not a version.
            version=as_str(package.get("version")),
            license=first_line(as_str(package.get("license"))),
        )
    )


def _version(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    table = as_dict(value)
    if as_str(table.get("version")):
        return as_str(table.get("version"))
    for source in ("git", "path"):
        if as_str(table.get(source)):
            return f"{source}: {as_str(table.get(source))}"
    return "workspace" if table.get("workspace") is True else None


def _dependencies(table: dict[str, Any], path: TomlPath, where: TomlLines, facts: Facts, *, dev: bool) -> None:
    for name, value in table.items():
        optional = isinstance(value, dict) and value.get("optional") is True
        facts.dependency(name, "cargo", where.locate((*path, name)), version=_version(value), dev=dev or optional)
