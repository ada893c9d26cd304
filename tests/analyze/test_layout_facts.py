"""Facts that depend on the repository's layout, through the real analysis stage: namespace packages
in a `src/` layout, one component per package, the project kind of a library with a console script."""

from __future__ import annotations

from pathlib import Path

from codedoc.model import CodeModel, ProjectKind
from codedoc.pipeline import GenerateOptions, build_model
from repos import make_repo

_API = "\n".join(f"from webkit.app import name_{i} as name_{i}" for i in range(16))

LIBRARY_WITH_CLI = {
    "pyproject.toml": """
        [project]
        name = "webkit"
        version = "1.0"

        [project.scripts]
        webkit = "webkit.cli:main"
        """,
    "src/webkit/__init__.py": '"""A small web framework."""\n' + _API + "\nfrom webkit.app import App as App\n",
    "src/webkit/app.py": "from webkit.sansio.app import BaseApp\n\n"
    + "\n".join(f"def name_{i}():\n    return {i}\n" for i in range(16))
    + "\nclass App(BaseApp):\n    pass\n",
    "src/webkit/cli.py": "def main():\n    return 0\n",
    # A namespace package (no __init__.py) inside the regular package.
    "src/webkit/sansio/app.py": '"""The I/O-free core."""\n\nclass BaseApp:\n    pass\n',
    "src/webkit/sansio/scaffold.py": "from webkit.sansio.app import BaseApp\n",
    # Other code inside the package folder: part of the same component, not a twin `src/webkit/sansio`.
    "src/webkit/sansio/static/helper.js": "export function help() { return 1 }\n",
    "tests/test_app.py": "import webkit\n",
    "tests/test_cli.py": "from webkit.cli import main\n",
    "examples/hello.py": "from webkit import App\n",
}


def _model(tmp_path: Path, files: dict[str, str | bytes]) -> CodeModel:
    return build_model(str(make_repo(files, tmp_path / "repo")), GenerateOptions(workers=1))


def test_namespace_package_modules_have_fully_qualified_names(tmp_path: Path) -> None:
    names = {m.path: m.name for m in _model(tmp_path, LIBRARY_WITH_CLI).modules}
    assert names["src/webkit/sansio/app.py"] == "webkit.sansio.app"
    assert names["src/webkit/sansio/scaffold.py"] == "webkit.sansio.scaffold"
    assert names["src/webkit/app.py"] == "webkit.app"


def test_namespace_package_is_one_component_that_depends_on_and_is_used_by_its_parent(tmp_path: Path) -> None:
    components = {c.name: c for c in _model(tmp_path, LIBRARY_WITH_CLI).components}
    assert "src/webkit/sansio" not in components
    sansio = components["webkit.sansio"]
    assert sansio.used_by == ("webkit",)
    assert "webkit.sansio" in components["webkit"].depends_on
    assert sorted(sansio.modules) == [
        "src/webkit/sansio/app.py",
        "src/webkit/sansio/scaffold.py",
        "src/webkit/sansio/static/helper.js",
    ]


def test_package_imported_by_most_code_is_a_library_even_with_a_console_script(tmp_path: Path) -> None:
    model = _model(tmp_path, LIBRARY_WITH_CLI)
    assert any(e.kind == "console_script" for e in model.entry_points)
    assert model.repository.kind is ProjectKind.LIBRARY


def test_a_console_script_without_a_widely_used_api_stays_a_cli(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "tool"\nversion = "1"\n[project.scripts]\ntool = "tool.cli:main"\n',
        "tool/__init__.py": "",
        "tool/cli.py": "def main():\n    return 0\n",
        "tests/test_cli.py": "from tool.cli import main\n",
    }
    assert _model(tmp_path, files).repository.kind is ProjectKind.CLI


def test_folder_twin_of_a_package_is_merged_into_it(tmp_path: Path) -> None:
    files = {
        "app/__init__.py": "",
        "app/controller/__init__.py": '"""Controls agents."""\n',
        "app/controller/agent.py": "class AgentController:\n    pass\n",
        "app/controller/ui/widget.ts": "export const x = 1\n",
    }
    components = {c.name: c for c in _model(tmp_path, files).components}
    assert not any("/" in name for name in components), sorted(components)
    assert "app/controller/ui/widget.ts" in components["app.controller"].modules
