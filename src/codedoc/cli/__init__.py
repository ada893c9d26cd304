"""The `codedoc` command. Each sub-command lives in its own module; heavy imports happen inside them."""

from __future__ import annotations

import click

from codedoc import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="codedoc")
def main() -> None:
    """Point CodeDoc at a repository and get documentation a newcomer can trust."""


def _register() -> None:
    from codedoc.cli.generate import analyze_command, generate_command

    main.add_command(generate_command)
    main.add_command(analyze_command)
    from codedoc.cli.docstrings import docstrings_command

    main.add_command(docstrings_command)
    from codedoc.cli.ask import ask_command, mcp_command

    main.add_command(ask_command)
    main.add_command(mcp_command)
    try:
        from codedoc.cli.service import db_group, serve_command, worker_command
    except ImportError:  # the service commands land separately
        return
    main.add_command(serve_command)
    main.add_command(worker_command)
    main.add_command(db_group)
    from codedoc.cli.keys import keys_group

    main.add_command(keys_group)


_register()
