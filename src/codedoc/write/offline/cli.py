"""The command-line page: every command with its help text and parameters."""

from __future__ import annotations

from codedoc.model import Command
from codedoc.write.markdown import cell_code, code, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan


def write_cli(ctx: SiteContext, page: PagePlan) -> str:
    commands = sorted(ctx.model.commands, key=lambda c: (c.name, c.location.path, c.location.start_line))
    frameworks = sorted({c.framework for c in commands})
    parts = [
        "# Command line",
        f"The code defines {plural(len(commands), 'command')} (with {', '.join(text(f) for f in frameworks)}).",
    ]
    parts.append(
        table(
            ("Command", "Summary"),
            [(code(c.name), text(c.help.split("\n")[0] if c.help else "")) for c in commands],
        )
    )
    for command in commands:
        parts.append(_command(ctx, command))
    return "\n\n".join(parts) + "\n"


def _command(ctx: SiteContext, command: Command) -> str:
    parts = [f"## {code(command.name)}"]
    if command.help:
        parts.append(text(command.help, limit=1_000))
    if command.parameters:
        rows = [
            (
                cell_code(p.name),
                text(p.kind),
                "yes" if p.required else "",
                cell_code(p.default) if p.default else "",
                text(p.help or ""),
            )
            for p in command.parameters
        ]
        parts.append(table(("Parameter", "Kind", "Required", "Default", "Help"), rows))
    details = [f"Framework: {text(command.framework)}"]
    if command.handler:
        details.append(f"Handler: {cell_code(command.handler)}")
    citation = ctx.citer.cite(command.location)
    if citation:
        details.append(f"Source: {citation}")
    parts.append(" · ".join(details))
    return "\n\n".join(parts)
