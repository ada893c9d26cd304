"""`setup.cfg`: setuptools metadata, requirements, console scripts and plugin entry points; `[tool:pytest]`."""

from __future__ import annotations

import configparser

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts, first_line, project_metadata
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.ini_lines import IniLines, load_ini
from codedoc.analyze.manifests.requirement_specs import parse_requirement


@guarded
def analyze_setup_cfg(*, context: FileContext, text: str) -> FileFacts:
    parser = load_ini(text, "setup.cfg")
    where = IniLines(text)
    facts = Facts(context)
    _requirements(parser, where, facts, "options", "install_requires", dev=False)
    for key in ("tests_require", "setup_requires"):
        _requirements(parser, where, facts, "options", key, dev=True)
    if parser.has_section("options.extras_require"):
        for extra in parser.options("options.extras_require"):
            _requirements(parser, where, facts, "options.extras_require", extra, dev=True)
    groups = parser.options("options.entry_points") if parser.has_section("options.entry_points") else []
    for group in groups:
        for raw in _lines(parser, "options.entry_points", group):
            name, _, target = raw.partition("=")
            if not (name.strip() and target.strip()):
                continue
            line = where.value_line("options.entry_points", group, raw)
            if group in ("console_scripts", "gui_scripts"):
                facts.script(name.strip(), target.strip(), line, framework="console_script", kind="console_script")
            else:  # a plugin the package registers with another program
                facts.plugin(group, name.strip(), target.strip(), line)
    for section in ("tool:pytest", "pytest"):
        span = where.section(section)
        if span is not None:
            facts.task("pytest", "pytest", kind="test", source="setup.cfg", span=(span[0], span[0]))
            break

    def field(key: str) -> str | None:
        value = parser.get("metadata", key, fallback=None)
        # `attr: pkg.__version__` and `file: README.md` point elsewhere; what they point to is unknown here.
        if value is None or not value.strip() or value.strip().startswith(("attr:", "file:")):
            return None
        return value.strip()

    metadata = project_metadata(
        context.path,
        name=field("name"),
        description=field("description") or field("summary"),
        version=field("version"),
        license=first_line(field("license")),
    )
    return facts.result(metadata)


def _lines(parser: configparser.ConfigParser, section: str, key: str) -> list[str]:
    value = parser.get(section, key, fallback="") or ""
    return [line.strip() for line in value.splitlines() if line.strip() and not line.strip().startswith("#")]


def _requirements(
    parser: configparser.ConfigParser, where: IniLines, facts: Facts, section: str, key: str, *, dev: bool
) -> None:
    for raw in _lines(parser, section, key):
        parsed = parse_requirement(raw)
        if parsed is not None:
            line = where.value_line(section, key, raw)
            facts.dependency(parsed[0], "pypi", line, version=parsed[1], dev=dev)
