"""Plugin entry points as a reader sees them: on the architecture page, and under "Extending X" when
the plugin implements an extension point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codedoc.pipeline import GenerateOptions, GenerateResult, generate
from repos import make_repo

FILES = {
    "pyproject.toml": """\
        [project]
        name = "shopkit"
        version = "1.0"

        [project.entry-points."shopkit.backends"]
        memory = "shopkit.backends:MemoryBackend"

        [project.entry-points."pytest11"]
        shopkit = "shopkit.testing"
        """,
    "shopkit/__init__.py": '"""Shops with pluggable storage."""\n\nfrom .backends import Backend\n',
    "shopkit/testing.py": '"""pytest fixtures for shops."""\n',
    "shopkit/backends.py": (
        '"""Where a shop keeps its things."""\n\nfrom abc import ABC, abstractmethod\n\n\n'
        'class Backend(ABC):\n    """Stores things."""\n\n    @abstractmethod\n    def load(self, key):\n'
        '        """Load one thing."""\n\n\nclass MemoryBackend(Backend):\n    """In memory."""\n\n'
        "    def load(self, key):\n        return None\n\n\nclass DiskBackend(Backend):\n"
        '    """On disk."""\n\n    def load(self, key):\n        return None\n'
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerateResult, Path]:
    root = tmp_path_factory.mktemp("plugins")
    out = root / "out"
    repo = make_repo(FILES, root / "shopkit")
    return generate(str(repo), out, GenerateOptions(cache_dir=None, workers=1)), out


def _pages(out: Path) -> str:
    return "\n".join(page.read_text(encoding="utf-8") for page in sorted((out / "docs").rglob("*.md")))


def test_the_architecture_page_lists_the_plugins_the_package_registers(site: tuple[GenerateResult, Path]) -> None:
    page = (site[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = page.split("## Plugins it registers", 1)[1]
    assert (
        "- `shopkit.testing` is declared as the plugin “shopkit” of the entry-point group “pytest11” "
        "(`pyproject.toml:9`)."
    ) in section
    assert "- `shopkit.backends.MemoryBackend` is declared as the plugin “memory” of the entry-point group " in section


def test_extending_names_the_entry_point_group_that_registers_an_implementation(
    site: tuple[GenerateResult, Path],
) -> None:
    pages = _pages(site[1])
    extending = pages.split("### Extending `shopkit.backends.Backend`", 1)[1].split("\n## ", 1)[0]
    assert (
        "- `shopkit.backends.MemoryBackend` is declared as the plugin “memory” of the entry-point group "
        "“shopkit.backends” (`pyproject.toml:6`)."
    ) in extending


def test_plugin_registrations_are_in_the_json_model_and_its_schema(site: tuple[GenerateResult, Path]) -> None:
    result, out = site
    model = json.loads((out / "codedoc.json").read_text(encoding="utf-8"))
    plugins = [r for r in model["registrations"] if r["kind"] == "entry_point"]
    assert {(r["registry"], r["key"], r["target"]) for r in plugins} == {
        ("shopkit.backends", "memory", "shopkit.backends.MemoryBackend"),
        ("pytest11", "shopkit", "shopkit.testing"),
    }
    schema = (out / "codedoc.schema.json").read_text(encoding="utf-8")
    assert "entry-point group" in schema
    verification = result.model.verification
    assert verification is not None
    assert verification.broken_source_links == 0 and verification.unresolved_code_spans == 0
