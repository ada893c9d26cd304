"""A repository built to hurt: the run completes, nothing outside it is read, nothing in it runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

from repos import git, make_repo
from test_cli_generate import run_codedoc

SECRET_MARKER = "codedoc-outside-secret-7f3a"


def _hostile_repo(root: Path, outside: Path) -> Path:
    outside.mkdir()
    (outside / "secret.py").write_text(f'"""{SECRET_MARKER}"""\nTOKEN = "{SECRET_MARKER}"\n')
    repo = make_repo(
        {
            "README.md": "# evil\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))\n",
            "pkg/__init__.py": '"""<script>alert(4)</script> The package."""\n',
            "pkg/deep.py": "X = " + "[" * 5000 + "]" * 5000 + "\n",
            "pkg/bidi.py": '"""Trojan \u202e source."""\n\ndef f() -> None:\n    """\u2066hidden\u2069."""\n',
            "config.json": "[" * 100_000 + "]" * 100_000,
            "compose.yaml": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            "big.py": "A = 1\n" * 400_000,
        },
        root,
        git_init=False,
    )
    os.symlink(outside / "secret.py", repo / "pkg" / "link.py")
    os.symlink(outside, repo / "linked_dir")
    (repo / "pkg" / "odd\nname\x1b[31m.py").write_text("Y = 2\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "evil")
    return repo


def test_hostile_repository_is_documented_without_escaping_or_executing(tmp_path: Path) -> None:
    repo = _hostile_repo(tmp_path / "repo", tmp_path / "outside")
    out = tmp_path / "site"
    done = run_codedoc("generate", str(repo), "-o", str(out), "--no-cache", "-q")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    everything = "\n".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())
    assert SECRET_MARKER not in everything
    # Rendered Markdown must carry the README's HTML as inert text, never as markup or links.
    markdown = "\n".join(p.read_text() for p in [*out.rglob("*.md"), out / "mkdocs.yml"])
    assert "<script>alert" in (repo / "README.md").read_text()
    assert "alert(4)" in markdown, "the package docstring is quoted, as inert text"
    assert "<script>" not in markdown
    assert "<img" not in markdown
    assert "](javascript:" not in markdown
    model = json.loads((out / "codedoc.json").read_text())
    paths = {f["path"] for f in model["repository"]["files"]}
    assert "pkg/link.py" not in paths and not any(p.startswith("linked_dir") for p in paths)
    assert model["repository"]["skipped"]
    assert model["verification"]["broken_source_links"] == 0
    assert "\x1b" not in markdown


def test_html_in_docstrings_is_escaped_exactly_once(tmp_path: Path) -> None:
    repo = make_repo({"pkg/__init__.py": '"""<b>bold</b> & co."""\n'}, tmp_path / "repo")
    out = tmp_path / "site"
    done = run_codedoc("generate", str(repo), "-o", str(out), "--no-cache", "-q")
    assert done.returncode == 0, done.stderr
    markdown = "\n".join(p.read_text() for p in (out / "docs").rglob("*.md"))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co." in markdown
    assert "&amp;lt;" not in markdown
    assert "<b>" not in markdown
