"""Entry points of plugin groups (not console scripts), from pyproject.toml, setup.py and setup.cfg,
recorded as registrations of the symbols they name, cited in the packaging file."""

from __future__ import annotations

from pathlib import Path

from codedoc.model import CodeModel, Registration
from codedoc.pipeline import GenerateOptions, build_model
from repos import make_repo

FILES = {
    "pyproject.toml": """\
        [project]
        name = "shopkit"
        version = "1.0"

        [project.scripts]
        shop = "shopkit.cli:main"

        [project.entry-points."pytest11"]
        shopkit = "shopkit.testing"

        [project.entry-points."shopkit.backends"]
        memory = "shopkit.backends:MemoryBackend"
        missing = "other_package.backends:Nothing"
        """,
    "setup.py": """\
        from setuptools import setup

        setup(
            name="shopkit",
            entry_points={
                "console_scripts": ["shop-admin = shopkit.cli:main"],
                "flask.commands": ["seed = shopkit.cli:seed"],
            },
        )
        """,
    "setup.cfg": """\
        [metadata]
        name = shopkit

        [options.entry_points]
        shopkit.backends =
            disk = shopkit.backends:DiskBackend [extra]
        """,
    "shopkit/__init__.py": "",
    "shopkit/testing.py": '"""pytest fixtures for shops."""\n',
    "shopkit/cli.py": "def main():\n    return 0\n\n\ndef seed():\n    return 1\n",
    "shopkit/backends.py": (
        "from abc import ABC, abstractmethod\n\n\nclass Backend(ABC):\n    @abstractmethod\n"
        "    def load(self, key): ...\n\n\nclass MemoryBackend(Backend):\n    def load(self, key):\n"
        "        return None\n\n\nclass DiskBackend(Backend):\n    def load(self, key):\n        return None\n"
    ),
}


def _model(tmp_path: Path) -> CodeModel:
    return build_model(str(make_repo(FILES, tmp_path / "repo")), GenerateOptions(workers=1))


def _plugins(model: CodeModel) -> set[tuple[str, str | None, str, str]]:
    return {(r.registry, r.key, r.target, str(r.location)) for r in model.registrations if r.kind == "entry_point"}


def test_plugin_groups_of_every_packaging_file_are_registrations(tmp_path: Path) -> None:
    model = _model(tmp_path)
    assert _plugins(model) == {
        ("pytest11", "shopkit", "shopkit.testing", "pyproject.toml:9"),  # a whole module
        ("shopkit.backends", "memory", "shopkit.backends.MemoryBackend", "pyproject.toml:12"),
        ("flask.commands", "seed", "shopkit.cli.seed", "setup.py:7"),
        ("shopkit.backends", "disk", "shopkit.backends.DiskBackend", "setup.cfg:6"),  # extras stripped
    }
    # Scripts stay commands and entry points, never plugins; a target outside the repository is left out.
    assert {e.name for e in model.entry_points} >= {"shop", "shop-admin"}
    assert not [r for r in model.registrations if r.key in ("shop", "shop-admin", "missing")]


def test_plugin_registrations_of_implementations_join_their_extension_point(tmp_path: Path) -> None:
    model = _model(tmp_path)
    point = next(p for p in model.extension_points if p.base == "shopkit.backends.Backend")
    assert {r.key for r in point.registrations if isinstance(r, Registration)} == {"memory", "disk"}
