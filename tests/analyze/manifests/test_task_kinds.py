from __future__ import annotations

import pytest

from codedoc.analyze.manifests import infer_task_kind
from codedoc.analyze.manifests.task_kinds import describe_command


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("install", "install"),
        ("deps", "install"),
        ("dev-install", "install"),
        ("build", "build"),
        ("build:docs", "build"),
        ("dist", "build"),
        ("start", "run"),
        ("serve", "run"),
        ("dev", "run"),
        ("test", "test"),
        ("test:unit", "test"),
        ("testall", "test"),
        ("coverage", "test"),
        ("check", "test"),
        ("pretest", "test"),
        ("lint", "lint"),
        ("typeCheck", "lint"),
        ("typecheck", "lint"),
        ("fmt", "lint"),
        ("vet", "lint"),
        ("deploy", "deploy"),
        ("release", "deploy"),
        ("clean", "other"),
        ("docs", "other"),
    ],
)
def test_task_kind_from_the_name(name: str, kind: str) -> None:
    assert infer_task_kind(name) == kind


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        ("python -m pytest -q", "test"),
        ("npm test", "test"),
        ("go test ./...", "test"),
        ("cargo test --all", "test"),
        ("make test", "test"),
        ("pip install -e .[dev]\npytest", "test"),
        ("ruff check . && mypy src", "lint"),
        ("golangci-lint run", "lint"),
        ("go build ./cmd/app", "build"),
        ("docker build -t x . && docker push x", "deploy"),
        ("npm ci", "install"),
        ("python -m pip install -r requirements.txt", "install"),
        ("uvicorn app.main:app --reload", "run"),
        ("echo hello", "other"),
    ],
)
def test_task_kind_from_the_command_when_the_name_says_nothing(command: str, kind: str) -> None:
    assert infer_task_kind("ci-step", command) == kind


def test_task_name_wins_over_command() -> None:
    assert infer_task_kind("lint", "pytest --flake8") == "lint"


def test_describe_command_keeps_short_bodies_on_one_line() -> None:
    assert describe_command("make test") == "make test"
    assert describe_command("make test", ["make test"]) == "make test"
    assert describe_command("make test", ["pytest -q"]) == "make test  # pytest -q"


def test_describe_command_shortens_long_bodies() -> None:
    text = describe_command("make all", [f"step {n}" for n in range(12)])
    lines = text.splitlines()
    assert lines[0] == "make all"
    assert lines[1] == "# step 0"
    assert lines[-1] == "# … 4 more lines"
    assert len(lines) == 10
