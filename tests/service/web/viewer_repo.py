"""The repository the viewer tests document: its README and a docstring try to run a script."""

from __future__ import annotations

PLANTED = "window.__codedocPwned = true"

WIDGETS = {
    "README.md": (
        "# Widgets\n\nMakes widgets for everyone.\n\n"
        f"<script>{PLANTED}</script>\n\n"
        f'<img src="x" onerror="{PLANTED}">\n\n'
        f"[click me](javascript:{PLANTED})\n\n"
        f'<svg onload="{PLANTED}"></svg>\n\n'
        f'<iframe srcdoc="<script>parent.__codedocPwned = true</script>"></iframe>\n\n'
        f"[again](&#106;avascript:{PLANTED})\n"
    ),
    "pyproject.toml": '[project]\nname = "widgets"\nversion = "1.0"\ndependencies = ["click>=8"]\n\n'
    '[project.scripts]\nwidgets = "widgets.cli:main"\n',
    "widgets/__init__.py": '"""Widgets for everyone. <script>window.__codedocPwned = true</script>"""\n',
    "widgets/core.py": '''
        """The widget factory."""


        class Widget:
            """One widget."""

            def __init__(self, name: str) -> None:
                self.name = name


        def make_widget(name: str) -> Widget:
            """Build one widget called `name`."""
            return Widget(name)
    ''',
    "widgets/store/__init__.py": '"""Where widgets are kept."""\n',
    "widgets/store/shelf.py": '''
        """A shelf of widgets."""

        from widgets.core import Widget, make_widget


        def stock(names: list[str]) -> list[Widget]:
            """Make a widget for each name."""
            return [make_widget(name) for name in names]
    ''',
    "widgets/cli.py": '''
        """The command line."""

        import click

        from widgets.store.shelf import stock


        @click.command()
        @click.argument("names", nargs=-1)
        def main(names: tuple[str, ...]) -> None:
            """Stock the shelf."""
            click.echo(len(stock(list(names))))
    ''',
}
