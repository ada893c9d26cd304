"""The Configuration page: environment variables and settings fields, with defaults and where read."""

from __future__ import annotations

from collections import defaultdict

from codedoc.model import Setting
from codedoc.write.markdown import cell_code, code, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan


def write_configuration(ctx: SiteContext, page: PagePlan) -> str:
    settings = ctx.model.settings
    env: dict[str, list[Setting]] = defaultdict(list)
    classes: dict[str, list[Setting]] = defaultdict(list)
    for setting in settings:
        if setting.settings_class:
            classes[setting.settings_class].append(setting)
        else:
            env[setting.name].append(setting)
    parts = [
        "# Configuration",
        f"The code reads {plural(len({s.name for s in settings}), 'setting')}. "
        "Defaults are quoted as written in the code.",
    ]
    if env:
        rows = [_row(ctx, name, found) for name, found in sorted(env.items())]
        parts += [
            "## Environment variables",
            table(("Name", "Default", "Type", "Read with", "Description", "Read in"), rows),
        ]
    for class_name in sorted(classes):
        fields: dict[str, list[Setting]] = defaultdict(list)
        for setting in classes[class_name]:
            fields[setting.name].append(setting)
        rows = [_row(ctx, name, found) for name, found in sorted(fields.items())]
        parts += [
            f"## {code(class_name)}",
            "Fields of this settings class; each can usually be set from the environment.",
            table(("Name", "Default", "Type", "Read with", "Description", "Read in"), rows),
        ]
    return "\n\n".join(parts) + "\n"


def _row(ctx: SiteContext, name: str, found: list[Setting]) -> tuple[str, ...]:
    default = next((s.default for s in found if s.default is not None), None)
    kind = next((s.type for s in found if s.type), None)
    description = next((s.description for s in found if s.description), None)
    sources = sorted({s.source for s in found})
    return (
        code(name),
        cell_code(default) if default is not None else "*(none)*",
        cell_code(kind) if kind else "",
        ", ".join(text(source) for source in sources),
        text(description or ""),
        ctx.citer.cite_all(sorted((s.location for s in found), key=lambda loc: (loc.path, loc.start_line))),
    )
