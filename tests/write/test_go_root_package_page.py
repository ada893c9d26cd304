"""A Go library whose package sits at the repository root (gin, cobra, …), through the real analysis:
the component is named by its package, and its tests are one line after the files table."""

from __future__ import annotations

from pathlib import Path

from codedoc.pipeline import GenerateOptions, build_model
from codedoc.write.offline import write_site
from codedoc.write.plan import plan_site
from repos import make_repo

FILES: dict[str, str | bytes] = {
    "go.mod": "module github.com/acme/gin\n\ngo 1.22\n",
    "doc.go": "// Package gin implements a tiny web framework.\npackage gin\n",
    "engine.go": """
        package gin

        // Engine is the framework's instance.
        type Engine struct{}

        // New returns a blank Engine.
        func New() *Engine { return &Engine{} }
        """,
    "engine_test.go": """
        package gin

        import "testing"

        func TestNew(t *testing.T) { New() }
        """,
    "render/render.go": """
        package render

        // Render writes a response.
        type Render interface{ Render() error }
        """,
}


def test_root_go_package_is_named_by_its_package_and_lists_tests_apart(tmp_path: Path) -> None:
    model = build_model(str(make_repo(FILES, tmp_path / "repo")), GenerateOptions(workers=1))
    names = {c.name for c in model.components}
    assert "gin" in names and "." not in names
    pages = {page.path: page.markdown for page in write_site(plan_site(model), model)}
    page = pages["components/gin.md"]
    assert page.startswith("# `gin`")
    files_table = page.split("## Files", 1)[1].split("\n\n", 2)[1]
    assert "`engine.go`" in files_table and "`doc.go`" in files_table
    assert "engine_test.go" not in files_table
    assert "Its tests: 1 file (6 lines): `engine_test.go`." in page
    key_names = page.split("## Key types and functions", 1)[1].split("\n## ", 1)[0]
    assert "`Engine`" in key_names and "TestNew" not in key_names


def test_a_root_folder_of_several_languages_keeps_its_plain_name(tmp_path: Path) -> None:
    files = {**FILES, "tool.py": "def main() -> None:\n    pass\n"}
    model = build_model(str(make_repo(files, tmp_path / "repo")), GenerateOptions(workers=1))
    assert "." in {c.name for c in model.components}
