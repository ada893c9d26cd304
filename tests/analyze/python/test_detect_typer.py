from __future__ import annotations

from python_detection import detect

from codedoc.model import CommandParameter


def test_typer_commands_with_parameters_from_signature() -> None:
    facts = detect(
        '''
        import typer

        app = typer.Typer()


        @app.command()
        def hello(name: str):
            """Say hello to NAME."""
            print(f"Hello {name}")


        @app.command()
        def goodbye(name: str, formal: bool = False, times: int = typer.Option(1, "--times", "-t", help="Repeat.")):
            if formal:
                print(f"Goodbye Ms. {name}. Have a good day.")
        ''',
        path="main.py",
    )
    hello, goodbye = facts.commands
    assert (hello.name, hello.handler, hello.help, hello.framework) == (
        "hello",
        "main.hello",
        "Say hello to NAME.",
        "typer",
    )
    assert hello.parameters == (CommandParameter("name", "argument", None, None, True),)
    assert goodbye.parameters == (
        CommandParameter("name", "argument", None, None, True),
        CommandParameter("--formal/--no-formal", "flag", None, "False", False),
        CommandParameter("--times", "option", "Repeat.", "1", False),
    )


def test_typer_annotated_options_and_arguments() -> None:
    facts = detect(
        """
        from typing import Annotated
        import typer

        app = typer.Typer()

        @app.command("create-user")
        def create(
            username: Annotated[str, typer.Argument(help="Who to create.")],
            email: Annotated[str, typer.Option("--email", "-e", help="Contact address.")] = "a@b.c",
            admin: Annotated[bool, typer.Option(help="Make an admin.")] = False,
            ctx: typer.Context = None,
        ):
            ...
        """
    )
    (command,) = facts.commands
    assert command.name == "create-user"
    assert command.parameters == (
        CommandParameter("username", "argument", "Who to create.", None, True),
        CommandParameter("--email", "option", "Contact address.", '"a@b.c"', False),
        CommandParameter("--admin/--no-admin", "flag", "Make an admin.", "False", False),
    )


def test_typer_required_option_with_ellipsis() -> None:
    facts = detect(
        """
        import typer
        app = typer.Typer()

        @app.command()
        def login(password: str = typer.Option(..., prompt=True, help="Secret.")):
            ...
        """
    )
    assert facts.commands[0].parameters == (CommandParameter("--password", "option", "Secret.", None, True),)


def test_typer_sub_app_commands_are_prefixed_with_add_typer_name() -> None:
    facts = detect(
        '''
        import typer

        app = typer.Typer()
        users_app = typer.Typer()
        app.add_typer(users_app, name="users", help="Manage users.")

        @users_app.command("create")
        def users_create(user_name: str):
            ...

        @users_app.callback()
        def users():
            """Users callback."""
        '''
    )
    by_name = {c.name: c for c in facts.commands}
    assert set(by_name) == {"users", "users create"}
    assert by_name["users"].help == "Manage users."


def test_typer_function_name_becomes_dashed_command_name() -> None:
    facts = detect(
        """
        import typer
        app = typer.Typer()

        @app.command()
        def delete_all(force: bool = False):
            ...
        """
    )
    assert facts.commands[0].name == "delete-all"


def test_typer_run_of_a_plain_function_is_one_command_named_after_the_script() -> None:
    facts = detect(
        """
        import typer

        def main(name: str, lastname: str = ""):
            print(f"Hello {name} {lastname}")

        if __name__ == "__main__":
            typer.run(main)
        """,
        path="tools/greet.py",
    )
    (command,) = facts.commands
    assert (command.name, command.handler) == ("greet", "tools.greet.main")
    assert [p.name for p in command.parameters] == ["name", "--lastname"]


def test_typer_command_on_unknown_object_is_ignored() -> None:
    facts = detect(
        """
        import typer
        registry = dict()

        @registry.command()
        def nope(): ...
        """
    )
    assert facts.commands == ()


def test_typer_option_with_envvar_is_also_a_setting() -> None:
    facts = detect(
        """
        from typing import Annotated
        import typer

        app = typer.Typer()

        @app.command()
        def main(token: Annotated[str, typer.Option(envvar="API_TOKEN", help="Access token.")] = "dev-token"):
            ...
        """
    )
    assert [(s.name, s.source, s.default, s.description) for s in facts.settings] == [
        ("API_TOKEN", "typer", "<redacted>", "Access token.")
    ]
