from __future__ import annotations

from python_detection import detect

from codedoc.model import CommandParameter


def test_argparse_parser_with_prog_description_and_arguments() -> None:
    facts = detect(
        """
        import argparse

        parser = argparse.ArgumentParser(
            prog="ProgramName",
            description="What the program does",
            epilog="Text at the bottom of help",
        )
        parser.add_argument("filename")
        parser.add_argument("-c", "--count", default=3, help="How many.")
        parser.add_argument("-v", "--verbose", action="store_true")
        parser.add_argument("--hidden", help=argparse.SUPPRESS)
        args = parser.parse_args()
        """
    )
    (command,) = facts.commands
    assert (command.name, command.help, command.framework) == ("ProgramName", "What the program does", "argparse")
    assert command.parameters == (
        CommandParameter("filename", "argument", None, None, True),
        CommandParameter("--count", "option", "How many.", "3", False),
        CommandParameter("--verbose", "flag", None, None, False),
    )


def test_argparse_subparsers_become_sub_commands_with_handlers() -> None:
    facts = detect(
        """
        from argparse import ArgumentParser

        def cmd_build(args): ...

        def main():
            parser = ArgumentParser(prog="tool")
            subparsers = parser.add_subparsers(dest="command", required=True)
            build = subparsers.add_parser("build", help="Build the project.")
            build.add_argument("--release", action="store_true", help="Optimised build.")
            build.set_defaults(func=cmd_build)
            serve = subparsers.add_parser("serve", description="Serve it.")
            serve.add_argument("port", nargs="?", default=8000)
            args = parser.parse_args()
            args.func(args)
        """,
        path="tool/cli.py",
    )
    assert [(c.name, c.help, c.handler) for c in facts.commands] == [
        ("tool", None, None),
        ("tool build", "Build the project.", "tool.cli.cmd_build"),
        ("tool serve", "Serve it.", None),
    ]
    assert facts.commands[1].parameters == (CommandParameter("--release", "flag", "Optimised build.", None, False),)
    assert facts.commands[2].parameters == (CommandParameter("port", "argument", None, "8000", False),)


def test_argparse_chained_add_parser_and_argument_groups() -> None:
    facts = detect(
        """
        import argparse
        parser = argparse.ArgumentParser(prog="x")
        group = parser.add_argument_group("output")
        group.add_argument("--json", action="store_true")
        parser.add_subparsers().add_parser("init", help="Start.")
        """
    )
    assert [c.name for c in facts.commands] == ["x", "x init"]
    assert [p.name for p in facts.commands[0].parameters] == ["--json"]


def test_argparse_without_prog_is_named_after_the_module() -> None:
    facts = detect(
        """
        import argparse
        parser = argparse.ArgumentParser(description="Mirror a folder.")
        """,
        path="scripts/mirror.py",
    )
    assert facts.commands[0].name == "mirror"


def test_argparse_sub_parsers_with_computed_names_are_skipped() -> None:
    facts = detect(
        """
        import argparse
        parser = argparse.ArgumentParser(prog="p")
        subs = parser.add_subparsers()
        for name in ("a", "b"):
            subs.add_parser(name)
        """
    )
    assert [c.name for c in facts.commands] == ["p"]


def test_argparse_help_written_over_several_lines_is_one_line() -> None:
    facts = detect(
        '''
        import argparse
        parser = argparse.ArgumentParser(prog="x")
        parser.add_argument(
            "--instance",
            help="""
                A path to a JSON instance to validate
                against the given schema.
            """,
        )
        '''
    )
    assert facts.commands[0].parameters[0].help == "A path to a JSON instance to validate against the given schema."
