"""Manifests as the analysis stage runs them: a real repository, scanned and analysed; declared
dependencies linked to the modules that import them."""

from __future__ import annotations

from pathlib import Path

from codedoc.model import CodeModel, ProjectKind
from codedoc.pipeline import GenerateOptions, build_model
from repos import make_repo

PROJECT: dict[str, str | bytes] = {
    "pyproject.toml": """\
        [project]
        name = "feeds"
        version = "0.2.0"
        description = "Reads feeds."
        dependencies = ["PyYAML>=6", "beautifulsoup4", "unused-lib"]

        [project.scripts]
        feeds = "feeds.cli:main"
        """,
    "feeds/__init__.py": '"""Feeds."""\n',
    "feeds/cli.py": '''\
        """The command."""

        import yaml
        from bs4 import BeautifulSoup


        def main() -> None:
            """Run."""
        ''',
    "feeds/parse.py": '"""Parsing."""\n\nimport yaml.constructor\n',
    "Makefile": "test:\n\tpytest -q\n",
    ".github/workflows/ci.yml": "name: CI\non: push\njobs:\n  test:\n    steps:\n      - run: make test\n",
    "Dockerfile": 'FROM python:3.12\nENV FEEDS_URL=https://example.com\nCMD ["feeds"]\n',
    "web/package.json": '{"name": "feeds-web", "private": true, "scripts": {"build": "vite build"}}\n',
}


def _model(tmp_path: Path) -> CodeModel:
    repo = make_repo(PROJECT, tmp_path / "feeds")
    return build_model(str(repo), GenerateOptions(workers=1))


def test_analysis_links_dependencies_to_their_importers(tmp_path: Path) -> None:
    deps = {d.name: d for d in _model(tmp_path).dependencies}
    assert deps["PyYAML"].imported_in == ("feeds/cli.py", "feeds/parse.py")
    assert deps["beautifulsoup4"].imported_in == ("feeds/cli.py",)
    assert deps["unused-lib"].imported_in == ()
    assert deps["PyYAML"].location.path == "pyproject.toml"
    assert deps["PyYAML"].location.start_line == 5


def test_analysis_collects_tasks_entry_points_settings_and_metadata(tmp_path: Path) -> None:
    model = _model(tmp_path)
    tasks = {(t.source, t.name): t.kind for t in model.tasks}
    assert tasks[("make", "test")] == "test"
    assert tasks[("ci", "CI/test: make test")] == "test"
    assert tasks[("npm", "npm run build")] == "build"
    assert tasks[("dockerfile", "docker run")] == "run"
    assert ("feeds", "console_script") in {(e.name, e.kind) for e in model.entry_points}
    assert ("FEEDS_URL", "https://example.com") in {(s.name, s.default) for s in model.settings}
    assert (model.repository.name, model.repository.description, model.repository.version) == (
        "feeds",
        "Reads feeds.",
        "0.2.0",
    )
    assert model.repository.kind == ProjectKind.CLI
