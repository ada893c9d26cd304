"""Golden docstrings: each fixture project (tests/docstrings/projects/<language>) → the exact patch.

Regenerate after an intended change, then review the diff:

    CODEDOC_UPDATE_GOLDEN=1 .venv/bin/pytest tests/docstrings/test_docstrings_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from docstring_projects import GOLDEN, LANGUAGES, copy_project, run_over

from codedoc.docstrings import apply_changes, unified_patch
from repos import git

UPDATE = os.environ.get("CODEDOC_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("language", LANGUAGES)
def test_patch_matches_the_golden_file(language: str, tmp_path: Path) -> None:
    root = copy_project(language, tmp_path)
    patch = unified_patch(run_over(root).changes)
    golden = GOLDEN / f"{language}.diff"
    if UPDATE:
        golden.write_bytes(patch)
    assert patch == golden.read_bytes(), f"{language} differs; regenerate with CODEDOC_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("language", LANGUAGES)
def test_second_run_adds_nothing_and_patch_applies_with_git(language: str, tmp_path: Path) -> None:
    root = copy_project(language, tmp_path / "edited")
    first = run_over(root)
    assert first.added, "the fixture has undocumented public symbols"
    apply_changes(root, first.changes)
    second = run_over(root)
    assert second.added == () and second.changes == ()

    fresh = copy_project(language, tmp_path / "patched")
    git(fresh, "init", "-q")
    (tmp_path / "out.diff").write_bytes(unified_patch(first.changes))
    git(fresh, "apply", "--whitespace=nowarn", str(tmp_path / "out.diff"))
    shutil.rmtree(fresh / ".git")
    for change in first.changes:
        assert (fresh / change.path).read_bytes() == (root / change.path).read_bytes() == change.new
