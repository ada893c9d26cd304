from __future__ import annotations

from manifest_facts import analyse, at

TOX = """
    [tox]
    envlist = py311, lint

    [testenv]
    deps = pytest
    commands =
        pytest {posargs}

    [testenv:lint]
    commands = ruff check .

    [testenv:py312-slow]
    commands = python tests/slow.py

    [pytest]
    addopts = -q
    """


def test_tox_envs_are_tasks_defaulting_to_test() -> None:
    tasks = analyse("tox.ini", TOX).tasks
    assert [(t.name, t.command, t.kind, t.source, t.location) for t in tasks] == [
        ("tox", "tox  # pytest {posargs}", "test", "tox", at("tox.ini", 4, 7)),
        ("tox -e lint", "tox -e lint  # ruff check .", "lint", "tox", at("tox.ini", 9, 10)),
        ("tox -e py312-slow", "tox -e py312-slow  # python tests/slow.py", "test", "tox", at("tox.ini", 12, 13)),
        ("pytest", "pytest", "test", "tox", at("tox.ini", 15)),
    ]


NOXFILE = """
    import nox


    @nox.session(python=["3.11", "3.12"])
    def tests(session):
        session.install("-e", ".[test]")
        session.run("pytest", "-q")


    @nox.session(name="lint")
    def run_linters(session: nox.Session) -> None:
        session.run("ruff", "check", ".")


    def helper():
        pass
    """


def test_nox_sessions_are_tasks_and_helpers_are_not() -> None:
    tasks = analyse("noxfile.py", NOXFILE).tasks
    assert [(t.name, t.kind, t.source, t.location) for t in tasks] == [
        ("nox -s tests", "test", "nox", at("noxfile.py", 4, 7)),
        ("nox -s lint", "lint", "nox", at("noxfile.py", 10, 12)),
    ]
    assert tasks[0].command == "nox -s tests\n# pip install -e .[test]\n# pytest -q"


def test_noxfile_with_syntax_error_is_a_diagnostic() -> None:
    facts = analyse("noxfile.py", "@nox.session\ndef (:\n")
    assert facts.tasks == () and "noxfile.py could not be parsed" in facts.diagnostics[0].message


def test_procfile_processes_are_entry_points_and_run_tasks() -> None:
    facts = analyse(
        "Procfile", "web: gunicorn shop.wsgi --log-file -\nrelease: python manage.py migrate\n# worker: off\n"
    )
    assert [(e.name, e.target, e.kind, e.location) for e in facts.entry_points] == [
        ("web", "gunicorn shop.wsgi --log-file -", "procfile", at("Procfile", 1)),
        ("release", "python manage.py migrate", "procfile", at("Procfile", 2)),
    ]
    assert [(t.name, t.kind, t.source) for t in facts.tasks] == [
        ("web", "run", "procfile"),
        ("release", "deploy", "procfile"),
    ]


def test_pytest_ini_is_a_pytest_task() -> None:
    facts = analyse("pytest.ini", "; comment\n[pytest]\naddopts = -q\n")
    assert [(t.name, t.kind, t.location) for t in facts.tasks] == [("pytest", "test", at("pytest.ini", 2))]
