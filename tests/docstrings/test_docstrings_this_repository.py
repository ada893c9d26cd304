"""Insertion over real code: every Python file of this repository (src/ and tests/), in a temporary copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docstring_projects import model_of, without_docstrings

from codedoc.docstrings import add_docstrings, apply_changes

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_every_python_file_of_this_repository_keeps_its_code(tmp_path: Path) -> None:
    root = tmp_path / "codedoc"
    for folder in ("src", "tests"):
        shutil.copytree(
            REPOSITORY / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "projects", "*.pyc")
        )
    model = model_of(root)
    first = add_docstrings(root, model, include_tests=True)
    python_files = [m for m in model.modules if m.path.endswith(".py")]
    assert len(python_files) > 200
    assert len(first.changes) > 100 and len(first.added) > 1000
    assert first.warnings == ()
    for change in first.changes:
        compile(change.new, change.path, "exec", dont_inherit=True)
        assert without_docstrings(change.old) == without_docstrings(change.new), change.path
    apply_changes(root, first.changes)

    second = add_docstrings(root, model_of(root), include_tests=True)
    assert second.added == () and second.changes == ()
    assert second.missing == ()
