from __future__ import annotations

from python_detection import detect

from codedoc.model import CommandParameter, Location


def test_click_command_with_options_and_docstring_help() -> None:
    facts = detect(
        '''
        import click

        @click.command()
        @click.option("--count", default=1, help="Number of greetings.")
        @click.option("--name", prompt="Your name", help="The person to greet.")
        def hello(count, name):
            """Simple program that greets NAME for a total of COUNT times.

            More details here.
            """
            for x in range(count):
                click.echo(f"Hello {name}!")
        ''',
        path="hello.py",
    )
    (command,) = facts.commands
    assert command.name == "hello"
    assert command.framework == "click"
    assert command.handler == "hello.hello"
    assert command.help == "Simple program that greets NAME for a total of COUNT times."
    assert command.parameters == (
        CommandParameter("--count", "option", "Number of greetings.", "1", False),
        CommandParameter("--name", "option", "The person to greet.", None, False),
    )
    assert command.location == Location("hello.py", 4, 13)


def test_click_group_subcommands_are_prefixed_with_group_name() -> None:
    facts = detect(
        """
        import click

        @click.group()
        def cli():
            pass

        @cli.command()
        def initdb():
            click.echo("Initialized the database")

        @cli.command("drop")
        def dropdb():
            click.echo("Dropped the database")
        """
    )
    assert [c.name for c in facts.commands] == ["cli", "cli initdb", "cli drop"]


def test_click_command_name_from_function_uses_dashes_and_drops_suffix() -> None:
    facts = detect(
        """
        import click

        @click.group()
        def main_group():
            pass

        @main_group.command()
        def sync_all_command():
            pass
        """
    )
    assert [c.name for c in facts.commands] == ["main", "main sync-all"]


def test_click_nested_groups_build_full_names() -> None:
    facts = detect(
        """
        import click

        @click.group()
        def tool(): ...

        @tool.group()
        def db(): ...

        @db.command(name="migrate", help="Run migrations.")
        def run_migrations(): ...
        """
    )
    assert [(c.name, c.help) for c in facts.commands][-1] == ("tool db migrate", "Run migrations.")


def test_click_arguments_flags_and_required_options() -> None:
    facts = detect(
        """
        import click

        @click.command()
        @click.argument("src", nargs=-1)
        @click.argument("dst")
        @click.option("--shout/--no-shout", default=False)
        @click.option("-v", "--verbose", is_flag=True, help="Talk more.")
        @click.option("--token", required=True)
        @click.version_option("1.0")
        def copy(src, dst, shout, verbose, token):
            pass
        """
    )
    parameters = {p.name: p for p in facts.commands[0].parameters}
    assert parameters["src"] == CommandParameter("src", "argument", None, None, False)
    assert parameters["dst"] == CommandParameter("dst", "argument", None, None, True)
    assert parameters["--shout/--no-shout"].kind == "flag"
    assert parameters["--shout/--no-shout"].default == "False"
    assert parameters["--verbose"] == CommandParameter("--verbose", "flag", "Talk more.", None, False)
    assert parameters["--token"].required is True
    assert parameters["--version"].kind == "flag"


def test_click_imported_decorators_are_understood() -> None:
    facts = detect(
        """
        from click import command, option

        @command("serve")
        @option("--port", default=8000, help="Port to listen on.")
        def run_server(port):
            ...
        """
    )
    assert [(c.name, c.parameters[0].name, c.parameters[0].default) for c in facts.commands] == [
        ("serve", "--port", "8000")
    ]


def test_click_add_command_attaches_a_command_to_a_group() -> None:
    facts = detect(
        """
        import click

        @click.group()
        def cli(): ...

        @click.command()
        def status(): ...

        cli.add_command(status, name="st")
        """
    )
    assert sorted(c.name for c in facts.commands) == ["cli", "cli st"]


def test_click_help_stops_at_form_feed_marker() -> None:
    facts = detect(
        '''
        import click

        @click.command()
        def build():
            """Build the docs.
            \\f
            :param x: internal.
            """
        '''
    )
    assert facts.commands[0].help == "Build the docs."


def test_click_function_without_command_decorator_is_not_a_command() -> None:
    facts = detect(
        """
        import click

        @click.option("--x")
        def helper(x): ...

        def command(): ...
        """
    )
    assert facts.commands == ()


def test_click_option_with_envvar_is_also_a_setting() -> None:
    facts = detect(
        """
        import click

        @click.command()
        @click.option("--username", envvar="USERNAME", default="guest", help="Who you are.")
        @click.option("--paths", envvar=["PATHS", "OLD_PATHS"], multiple=True)
        def greet(username, paths):
            ...
        """
    )
    assert [(s.name, s.source, s.default, s.description, s.location.start_line) for s in facts.settings] == [
        ("USERNAME", "click", '"guest"', "Who you are.", 5),
        ("PATHS", "click", None, None, 6),
        ("OLD_PATHS", "click", None, None, 6),
    ]
