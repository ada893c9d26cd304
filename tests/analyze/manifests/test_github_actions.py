from __future__ import annotations

from manifest_facts import analyse, at

WORKFLOW = """
    name: CI
    on: [push, pull_request]
    jobs:
      test:
        name: Tests
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - name: Install
            run: pip install -e .[dev]
          - name: Run the suite
            run: |
              pytest -q
              coverage report
          - run: ruff check .
      publish:
        runs-on: ubuntu-latest
        steps:
          - name: Upload
            run: twine upload dist/*
          - name: Tell someone
            run: echo done
    """


def test_workflow_run_steps_become_ci_tasks_named_workflow_job_step() -> None:
    tasks = analyse(".github/workflows/ci.yml", WORKFLOW).tasks
    assert [(t.name, t.kind, t.source) for t in tasks] == [
        ("CI/Tests: Install", "install", "ci"),
        ("CI/Tests: Run the suite", "test", "ci"),
        ("CI/Tests: ruff check .", "lint", "ci"),
        ("CI/publish: Upload", "deploy", "ci"),
        ("CI/publish: Tell someone", "other", "ci"),
    ]


def test_workflow_task_commands_and_lines() -> None:
    tasks = {t.name: t for t in analyse(".github/workflows/ci.yml", WORKFLOW).tasks}
    assert tasks["CI/Tests: Install"].command == "pip install -e .[dev]"
    assert tasks["CI/Tests: Install"].location == at(".github/workflows/ci.yml", 10)
    assert tasks["CI/Tests: Run the suite"].command == "pytest -q\ncoverage report"
    assert tasks["CI/Tests: Run the suite"].location == at(".github/workflows/ci.yml", 12, 14)


def test_workflow_without_a_name_is_named_after_its_file() -> None:
    text = "jobs:\n  build:\n    steps:\n      - run: go build ./...\n"
    tasks = analyse(".github/workflows/go.yaml", text).tasks
    assert [(t.name, t.kind, t.location.start_line) for t in tasks] == [("go/build: go build ./...", "build", 4)]


def test_workflow_with_invalid_yaml_is_a_diagnostic_with_its_line() -> None:
    facts = analyse(".github/workflows/bad.yml", "jobs:\n  a: [unclosed\n  b: 1\n")
    assert facts.tasks == ()
    assert "bad.yml is not valid YAML" in facts.diagnostics[0].message
    assert facts.diagnostics[0].line is not None
