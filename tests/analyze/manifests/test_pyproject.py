from __future__ import annotations

from manifest_facts import analyse, at

from codedoc.analyze.facts import ProjectMetadata

PEP621 = """
    [build-system]
    requires = ["hatchling"]

    [project]
    name = "tinyhttp"
    version = "1.2.0"
    description = "A tiny HTTP client."
    license = {text = "MIT"}
    dependencies = [
        "certifi>=2023",
        "PyYAML>=6 ; python_version > '3.8'",
        "requests[socks] >= 2.31, <3",
    ]

    [project.optional-dependencies]
    dev = ["pytest>=8", "ruff"]
    docs = [
      "mkdocs",
    ]

    [project.scripts]
    tiny = "tinyhttp.cli:main"

    [project.gui-scripts]
    tiny-gui = "tinyhttp.gui:run"

    [tool.pytest.ini_options]
    addopts = "-q"
    """


def test_pyproject_metadata_from_the_project_table() -> None:
    facts = analyse("pyproject.toml", PEP621)
    assert facts.metadata == ProjectMetadata(
        name="tinyhttp", description="A tiny HTTP client.", version="1.2.0", license="MIT", path="pyproject.toml"
    )


def test_pyproject_dependencies_each_on_their_own_line() -> None:
    deps = {d.name: d for d in analyse("pyproject.toml", PEP621).dependencies}
    assert deps["certifi"].location == at("pyproject.toml", 10)
    assert deps["certifi"].version_spec == ">=2023"
    assert deps["PyYAML"].location == at("pyproject.toml", 11)
    assert deps["PyYAML"].version_spec == ">=6"
    assert deps["requests"].location == at("pyproject.toml", 12)
    assert deps["requests"].version_spec == ">= 2.31, <3"
    assert not any(deps[name].dev for name in ("certifi", "PyYAML", "requests"))


def test_pyproject_optional_dependencies_are_dev() -> None:
    deps = {d.name: d for d in analyse("pyproject.toml", PEP621).dependencies}
    assert deps["pytest"].dev and deps["ruff"].dev and deps["mkdocs"].dev
    assert deps["pytest"].location == at("pyproject.toml", 16)
    assert deps["mkdocs"].location == at("pyproject.toml", 18)


def test_pyproject_scripts_are_console_script_commands_and_entry_points() -> None:
    facts = analyse("pyproject.toml", PEP621)
    commands = {c.name: c for c in facts.commands}
    assert commands["tiny"].framework == "console_script"
    assert commands["tiny"].handler == "tinyhttp.cli:main"
    assert commands["tiny"].location == at("pyproject.toml", 22)
    assert commands["tiny-gui"].location == at("pyproject.toml", 25)
    entries = {e.name: e for e in facts.entry_points}
    assert entries["tiny"].kind == "console_script"
    assert entries["tiny"].target == "tinyhttp.cli:main"


def test_pyproject_pytest_options_mean_a_pytest_test_task() -> None:
    tasks = analyse("pyproject.toml", PEP621).tasks
    assert [(t.name, t.command, t.kind, t.source, t.location) for t in tasks] == [
        ("pytest", "pytest", "test", "pyproject", at("pyproject.toml", 27))
    ]


def test_pyproject_license_file_falls_back_to_the_classifier() -> None:
    facts = analyse(
        "pyproject.toml",
        """
        [project]
        name = "x"
        license = {file = "LICENSE"}
        classifiers = ["License :: OSI Approved :: Apache Software License"]
        """,
    )
    assert facts.metadata is not None
    assert facts.metadata.license == "Apache Software License"


def test_pyproject_with_only_tool_settings_has_no_metadata() -> None:
    facts = analyse("pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert facts.metadata is None
    assert facts.dependencies == ()


POETRY = """
    [tool.poetry]
    name = "poems"
    version = "0.3.0"
    description = "Writes poems."
    license = "BSD-3-Clause"

    [tool.poetry.dependencies]
    python = "^3.11"
    httpx = "^0.27"
    rich = {version = "^13", optional = true}

    [tool.poetry.group.dev.dependencies]
    pytest = "^8"

    [tool.poetry.dev-dependencies]
    black = "*"

    [tool.poetry.scripts]
    poems = "poems.cli:app"
    """


def test_poetry_metadata_when_there_is_no_project_table() -> None:
    facts = analyse("pyproject.toml", POETRY)
    assert facts.metadata == ProjectMetadata("poems", "Writes poems.", "0.3.0", "BSD-3-Clause", "pyproject.toml")


def test_poetry_dependencies_skip_python_and_mark_groups_as_dev() -> None:
    deps = {d.name: d for d in analyse("pyproject.toml", POETRY).dependencies}
    assert "python" not in deps
    assert (deps["httpx"].version_spec, deps["httpx"].dev, deps["httpx"].location) == (
        "^0.27",
        False,
        at("pyproject.toml", 9),
    )
    assert deps["rich"].version_spec == "^13"
    assert deps["rich"].dev  # optional: only with an extra
    assert deps["pytest"].dev and deps["pytest"].location == at("pyproject.toml", 13)
    assert deps["black"].dev and deps["black"].location == at("pyproject.toml", 16)


def test_poetry_scripts_are_console_scripts() -> None:
    facts = analyse("pyproject.toml", POETRY)
    assert [(c.name, c.handler, c.location) for c in facts.commands] == [
        ("poems", "poems.cli:app", at("pyproject.toml", 19))
    ]


def test_dependency_groups_are_dev_and_include_group_tables_are_skipped() -> None:
    facts = analyse(
        "pyproject.toml",
        """
        [dependency-groups]
        test = ["pytest>=8", {include-group = "lint"}]
        lint = [
            "ruff",
        ]
        """,
    )
    assert [(d.name, d.dev, d.location.start_line) for d in facts.dependencies] == [
        ("pytest", True, 2),
        ("ruff", True, 4),
    ]


def test_hatch_pdm_and_poe_scripts_become_tasks() -> None:
    facts = analyse(
        "pyproject.toml",
        """
        [tool.hatch.envs.default.scripts]
        test = "pytest {args}"
        [tool.hatch.envs.lint.scripts]
        check = ["ruff check .", "mypy src"]

        [tool.pdm.scripts]
        _ = {env_file = ".env"}
        serve = {cmd = "uvicorn app:app"}

        [tool.poe.tasks]
        docs = "mkdocs build"
        """,
    )
    tasks = {t.name: t for t in facts.tasks}
    assert set(tasks) == {"hatch run test", "hatch run lint:check", "pdm run serve", "poe docs"}
    assert tasks["hatch run test"].command == "hatch run test  # pytest {args}"
    assert tasks["hatch run test"].kind == "test"
    assert tasks["hatch run lint:check"].command == "hatch run lint:check\n# ruff check .\n# mypy src"
    assert tasks["hatch run lint:check"].location == at("pyproject.toml", 4)
    assert tasks["pdm run serve"].kind == "run"
    assert tasks["poe docs"].kind == "build"
