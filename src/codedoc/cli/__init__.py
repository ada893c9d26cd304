"""The `codedoc` command. Each sub-command lives in its own module; heavy imports happen inside them.

Sub-commands are imported only when run (or listed by `--help`): `codedoc generate` does not pay
for the service, the docstring rewriter (libcst) or the ask server at start-up."""

from __future__ import annotations

import importlib

import click

from codedoc import __version__

# name → (module, attribute); the service commands may be missing from a build (ImportError).
_COMMANDS: dict[str, tuple[str, str]] = {
    "generate": ("codedoc.cli.generate", "generate_command"),
    "analyze": ("codedoc.cli.generate", "analyze_command"),
    "docstrings": ("codedoc.cli.docstrings", "docstrings_command"),
    "ask": ("codedoc.cli.ask", "ask_command"),
    "mcp": ("codedoc.cli.ask", "mcp_command"),
    "serve": ("codedoc.cli.service", "serve_command"),
    "worker": ("codedoc.cli.service", "worker_command"),
    "db": ("codedoc.cli.service", "db_group"),
    "keys": ("codedoc.cli.keys", "keys_group"),
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        names = sorted({*self.commands, *_COMMANDS})
        return [name for name in names if self.get_command(ctx, name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module, attribute = _COMMANDS[cmd_name]
            try:
                command: click.Command = getattr(importlib.import_module(module), attribute)
            except ImportError:  # the service commands land separately
                return None
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="codedoc")
def main() -> None:
    """Point CodeDoc at a repository and get documentation a newcomer can trust."""
