"""Component purposes when a package has no docstring: a folder README, the component's own code —
never a test helper's docstring, never another component's purpose again — else a factual line."""

from __future__ import annotations

import pytest

from codedoc.pipeline import GenerateOptions, generate
from repos import make_repo

FILES = {
    "pyproject.toml": '[project]\nname = "engine"\nversion = "1.0"\n',
    "src/engine/__init__.py": "from .core import Engine\n",
    "src/engine/core.py": (
        "class Engine:\n"
        '    """The engine object runs every job and acts as the central object."""\n\n'
        "    def run(self):\n        return 1\n"
    ),
    "src/engine/sansio/README.md": (
        "# Sansio\n\nThis folder holds the parts of the engine that do no I/O.\nThey never block.\n"
    ),
    "src/engine/sansio/base.py": (
        "from engine.core import Engine\n\n\nclass BaseEngine(Engine):\n"
        '    """The engine object runs every job and acts as the central object."""\n\n'
        "    def step(self):\n        return 2\n"
    ),
    "src/engine/plain/base.py": (
        "from engine.core import Engine\n\n\nclass PlainEngine(Engine):\n"
        '    """The engine object runs every job and acts as the central object."""\n\n\n'
        "class Queue:\n"
        '    """Jobs waiting for a worker, oldest first."""\n\n'
        "    def push(self, job):\n        return job\n"
    ),
    "src/helpers/text.py": (
        "def redirect(url, status=302):\n"
        '    """Redirect to the given url with an optional status, defaulting to 302."""\n'
        "    return url\n\n\ndef other():\n    return 1\n"
    ),
    "src/helpers/numbers.py": "def add(a, b):\n    return a + b\n",
    # Four modules, one documented: a constants module does not say what the package is for.
    "src/server/constants.py": '"""Server constants."""\nPORT = 80\n',
    "src/server/listen.py": "def listen():\n    return 1\n",
    "src/server/session.py": "def open_session():\n    return 1\n",
    "src/server/routes.py": "def routes():\n    return 1\n",
    # A docstring that only opens a list (`Usage:`) is not a purpose either.
    "src/tools/convert.py": '"""Usage:\n\n    convert a b\n"""\n\n\ndef convert(a, b):\n    return a\n',
    "examples/make_demo.py": "from demo import create\n\napp = create()\n",
    "examples/tests/conftest.py": (
        "import pytest\n\n\n@pytest.fixture\ndef app():\n"
        '    """Create and configure a new app instance for each test."""\n    return None\n'
    ),
    "examples/demo/demo/__init__.py": "def create():\n    return object()\n",
    "examples/shop/shop/__init__.py": "def create():\n    return object()\n",
}


@pytest.fixture(scope="module")
def overview(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("purposes")
    repo = make_repo(FILES, root / "engine")
    result = generate(str(repo), root / "out", GenerateOptions(cache_dir=None, workers=1))
    verification = result.model.verification
    assert verification is not None and verification.unresolved_code_spans == 0
    return (root / "out" / "docs" / "index.md").read_text(encoding="utf-8")


def _purposes(overview: str) -> dict[str, str]:
    rows = overview.split("## Components at a glance", 1)[1].split("\n## ", 1)[0]
    found: dict[str, str] = {}
    for line in rows.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("[`"):
            found[cells[0].split("`")[1]] = cells[1]
    return found


def test_a_folder_readme_speaks_for_a_package_without_a_docstring(overview: str) -> None:
    assert _purposes(overview)["engine.sansio"] == "This folder holds the parts of the engine that do no I/O."


def test_no_component_repeats_another_components_purpose(overview: str) -> None:
    purposes = _purposes(overview)
    assert purposes["engine"] == "The engine object runs every job and acts as the central object."
    assert purposes["engine.plain"] == "Jobs waiting for a worker, oldest first."
    assert len(set(purposes.values())) == len(purposes)


def test_a_test_helpers_docstring_never_describes_a_component(overview: str) -> None:
    purposes = _purposes(overview)
    assert "Create and configure a new app instance for each test." not in overview
    assert purposes["examples"] == "Example applications: demo and shop."


def test_one_functions_docstring_does_not_describe_a_whole_component(overview: str) -> None:
    purposes = _purposes(overview)
    assert purposes["src/helpers"] == "Modules: numbers and text."
    assert purposes["shop"] == "Example code: shop."  # a package inside `examples/`


def test_one_documented_module_of_many_or_a_fragment_is_not_a_purpose(overview: str) -> None:
    purposes = _purposes(overview)
    assert purposes["src/server"] == "Modules: constants, listen, routes and session."
    assert purposes["src/tools"] == "Modules: convert."
