from __future__ import annotations

from python_detection import detect

from codedoc.model import EntryPoint, Location


def test_main_guard_is_an_entry_point_named_by_its_command_and_targets_the_called_function() -> None:
    facts = detect(
        """
        import sys

        def main() -> int:
            return 0

        if __name__ == "__main__":
            sys.exit(main())
        """,
        path="tools/report.py",
    )
    assert facts.entry_points == (
        EntryPoint("python -m tools.report", "tools.report.main", "main_module", Location("tools/report.py", 7, 8)),
    )


def test_main_guard_with_reversed_comparison_and_asyncio_run() -> None:
    facts = detect(
        """
        import asyncio
        async def serve(): ...
        if "__main__" == __name__:
            asyncio.run(serve())
        """
    )
    assert [(e.name, e.target) for e in facts.entry_points] == [("python -m app.main", "app.main.serve")]


def test_main_guard_that_prints_is_named_by_its_command_never_print() -> None:
    facts = detect(
        """
        if __name__ == "__main__":
            x = 1
            print(x)
        """,
        path="scripts/seed.py",
    )
    assert [(e.name, e.target) for e in facts.entry_points] == [("python -m scripts.seed", "scripts.seed")]


def test_dunder_main_file_targets_its_package() -> None:
    facts = detect(
        """
        from mytool.cli import main

        main()
        """,
        path="mytool/__main__.py",
    )
    assert facts.entry_points == (
        EntryPoint("python -m mytool", "mytool", "main_module", Location("mytool/__main__.py", 1, 4)),
    )


def test_dunder_main_file_with_guard_gives_one_entry_point() -> None:
    facts = detect(
        """
        from .cli import cli

        if __name__ == "__main__":
            cli(prog_name="mytool")
        """,
        path="mytool/__main__.py",
    )
    assert facts.entry_points == (
        EntryPoint("python -m mytool", "mytool", "main_module", Location("mytool/__main__.py", 4, 5)),
    )


def test_main_string_without_a_guard_is_no_entry_point() -> None:
    facts = detect(
        """
        NAME = "__main__"
        def f():
            if __name__ == "__main__":
                pass
        """
    )
    assert facts.entry_points == ()
