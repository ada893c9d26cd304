"""The scan over real folders and git repositories: what is kept, what is skipped and why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codedoc.model import FileCategory, Language
from codedoc.scan import ScanLimits, scan
from repos import git, make_repo


def _paths(root: Path, limits: ScanLimits = ScanLimits()) -> list[str]:
    return [item.path for item in scan(root, limits=limits).files]


def test_scan_lists_files_sorted_with_language_and_category(tmp_path: Path) -> None:
    root = make_repo(
        {
            "src/app/main.py": "print('hi')\n",
            "README.md": "# App\n",
            "tests/test_main.py": "def test_x() -> None: ...\n",
            "pyproject.toml": "[project]\nname = 'app'\n",
        },
        tmp_path / "repo",
    )
    result = scan(root)
    assert [(f.path, f.language, f.category) for f in result.files] == [
        ("README.md", Language.MARKDOWN, FileCategory.DOCS),
        ("pyproject.toml", Language.TOML, FileCategory.BUILD),
        ("src/app/main.py", Language.PYTHON, FileCategory.CODE),
        ("tests/test_main.py", Language.PYTHON, FileCategory.TEST),
    ]
    assert result.files[2].size == len("print('hi')\n")


def test_scan_never_lists_the_git_folder(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo")
    assert _paths(root) == ["a.py"]


def test_scan_skips_symlink_to_a_file_outside_the_repo(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo", git_init=False)
    (root / "passwd.py").symlink_to("/etc/passwd")
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["symlink"] == 1


def test_scan_skips_symlink_to_a_folder_outside_the_repo(tmp_path: Path) -> None:
    outside = make_repo({"secret.py": "KEY = 'x'\n"}, tmp_path / "outside", git_init=False)
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo", git_init=False)
    (root / "linked").symlink_to(outside, target_is_directory=True)
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["symlink"] == 1


def test_scan_skips_symlink_inside_the_repo_too(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo", git_init=False)
    (root / "b.py").symlink_to(root / "a.py")
    assert _paths(root) == ["a.py"]


def test_scan_honours_nested_gitignore_with_negation(tmp_path: Path) -> None:
    root = make_repo(
        {
            ".gitignore": "*.log\nsecret/\n",
            "app.log": "x\n",
            "secret/key.py": "K = 1\n",
            "pkg/.gitignore": "generated_*.py\n!keep.log\n",
            "pkg/generated_api.py": "X = 1\n",
            "pkg/keep.log": "kept\n",
            "pkg/other.log": "ignored\n",
            "pkg/real.py": "R = 1\n",
            "other/generated_ok.py": "Y = 1\n",
        },
        tmp_path / "repo",
        git_init=False,
    )
    result = scan(root)
    assert [f.path for f in result.files] == [
        ".gitignore",
        "other/generated_ok.py",
        "pkg/.gitignore",
        "pkg/keep.log",
        "pkg/real.py",
    ]
    assert result.skipped["ignored"] == 4  # app.log, secret/ (once), generated_api.py, other.log


def test_scan_anchored_gitignore_pattern_applies_to_its_folder_only(tmp_path: Path) -> None:
    root = make_repo(
        {"pkg/.gitignore": "/local.py\n", "pkg/local.py": "L = 1\n", "pkg/sub/local.py": "L = 2\n"},
        tmp_path / "repo",
        git_init=False,
    )
    assert _paths(root) == ["pkg/.gitignore", "pkg/sub/local.py"]


def test_scan_honours_git_info_exclude(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n", "scratch.py": "S = 1\n"}, tmp_path / "repo")
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("scratch.py\n")
    assert _paths(root) == ["a.py"]


def test_scan_ignores_a_gitignore_that_is_a_symlink(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.write_text("*.py\n")
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo", git_init=False)
    (root / ".gitignore").symlink_to(rules)
    assert _paths(root) == ["a.py"]


@pytest.mark.parametrize(
    "folder",
    ["node_modules/left-pad", "vendor/lib", ".venv/lib", "venv/lib", "__pycache__", ".tox/py311", "dist",
     "third_party/zlib", ".mypy_cache", ".pytest_cache", "site-packages/x", "bower_components/x", ".next",
     "coverage", ".idea", ".vscode", "pkg.egg-info"],
)  # fmt: skip
def test_scan_skips_vendored_and_tool_folders(tmp_path: Path, folder: str) -> None:
    root = make_repo({"a.py": "A = 1\n", f"{folder}/mod.py": "M = 1\n"}, tmp_path / "repo", git_init=False)
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["vendored"] == 1


def test_scan_skips_env_folder_only_when_it_is_a_virtualenv(tmp_path: Path) -> None:
    root = make_repo(
        {"env/pyvenv.cfg": "home = /usr\n", "env/lib/x.py": "X = 1\n", "app/env/settings.py": "S = 1\n"},
        tmp_path / "repo",
        git_init=False,
    )
    assert _paths(root) == ["app/env/settings.py"]


def test_scan_skips_any_folder_holding_pyvenv_cfg(tmp_path: Path) -> None:
    root = make_repo({"myenv/pyvenv.cfg": "home = /usr\n", "myenv/bin/x.py": "X = 1\n"}, tmp_path / "r", git_init=False)
    assert _paths(root) == []


def test_scan_skips_build_output_but_keeps_build_sources(tmp_path: Path) -> None:
    root = make_repo(
        {
            "build/lib/pkg/mod.py": "M = 1\n",
            "tools/build/package/Dockerfile": "FROM scratch\n",
            "tools/build/ci.sh": "echo hi\n",
        },
        tmp_path / "repo",
        git_init=False,
    )
    assert _paths(root) == ["tools/build/ci.sh", "tools/build/package/Dockerfile"]


def test_scan_skips_rust_target_folder(tmp_path: Path) -> None:
    root = make_repo(
        {"Cargo.toml": "[package]\n", "src/main.rs": "fn main() {}\n", "target/debug/build.rs": "fn x() {}\n"},
        tmp_path / "repo",
        git_init=False,
    )
    assert _paths(root) == ["Cargo.toml", "src/main.rs"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("api.pb.go", "package api\n"),
        ("messages_pb2.py", "X = 1\n"),
        ("app.min.js", "var a=1;\n"),
        ("package-lock.json", "{}\n"),
        ("yarn.lock", "# yarn\n"),
        ("poetry.lock", "[[package]]\n"),
        ("Cargo.lock", "version = 3\n"),
        ("go.sum", "x v1 h1:abc\n"),
        ("zz.go", "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage zz\n"),
        ("schema.py", "# @generated by a tool\nX = 1\n"),
    ],
)
def test_scan_skips_generated_files(tmp_path: Path, name: str, content: str) -> None:
    root = make_repo({"a.py": "A = 1\n", name: content}, tmp_path / "repo", git_init=False)
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["generated"] == 1


def test_scan_keeps_a_file_that_mentions_generation_later(tmp_path: Path) -> None:
    body = "X = 1\n" * 1000 + "# Code generated by hand. DO NOT EDIT is just a phrase here\n"
    root = make_repo({"a.py": body}, tmp_path / "repo", git_init=False)
    assert _paths(root) == ["a.py"]


def test_scan_skips_minified_one_line_files(tmp_path: Path) -> None:
    minified = "function a(){return 1};" * 400
    root = make_repo(
        {"a.py": "A = 1\n", "vendor.js": minified, "app.js": "let a = 1;\n" * 600}, tmp_path / "r", git_init=False
    )
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py", "app.js"]
    assert result.skipped["minified"] == 1


def test_scan_skips_binary_files_by_content(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n", "data.txt": b"abc\0def" * 10}, tmp_path / "repo", git_init=False)
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["binary"] == 1


def test_scan_keeps_utf16_text_with_bom(tmp_path: Path) -> None:
    root = make_repo({"notes.txt": "hello\n".encode("utf-16")}, tmp_path / "repo", git_init=False)
    assert _paths(root) == ["notes.txt"]


def test_scan_skips_git_lfs_pointers(tmp_path: Path) -> None:
    pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 123456\n"
    root = make_repo({"a.py": "A = 1\n", "model.py": pointer}, tmp_path / "repo", git_init=False)
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["lfs_pointer"] == 1


@pytest.mark.parametrize("name", ["logo.png", "font.woff2", "release.tar.gz", "bundle.zip", "photo.JPG", "lib.so"])
def test_scan_skips_assets_by_extension_without_reading(tmp_path: Path, name: str) -> None:
    root = make_repo({"a.py": "A = 1\n", name: "text that is not really an image\n"}, tmp_path / "r", git_init=False)
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["asset"] == 1


def test_scan_skips_files_over_the_size_limit(tmp_path: Path) -> None:
    root = make_repo({"small.py": "A = 1\n", "huge.py": "X = 1\n" * 2000}, tmp_path / "repo", git_init=False)
    result = scan(root, limits=ScanLimits(max_file_bytes=1000))
    assert [f.path for f in result.files] == ["small.py"]
    assert result.skipped["too_large"] == 1


def test_scan_keeps_the_first_files_by_path_past_max_files(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {f"m{index:02}.py": f"X = {index}\n" for index in range(10)}
    root = make_repo(files, tmp_path / "repo", git_init=False)
    result = scan(root, limits=ScanLimits(max_files=4))
    assert [f.path for f in result.files] == ["m00.py", "m01.py", "m02.py", "m03.py"]
    assert result.skipped["too_many_files"] == 6
    assert any("more than 4 files" in d.message for d in result.diagnostics)


def test_scan_skips_special_files(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo", git_init=False)
    os.mkfifo(root / "pipe.py")
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["special"] == 1


def test_scan_skips_odd_names_and_escapes_them_in_diagnostics(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n"}, tmp_path / "repo", git_init=False)
    (root / "evil\nname.py").write_text("X = 1\n")
    (root / "\x1b[31mred.py").write_text("X = 1\n")
    (root / "rtl\u202egnp.py").write_text("X = 1\n")
    os.close(os.open(os.path.join(os.fsencode(root), b"latin\xe9.py"), os.O_CREAT | os.O_WRONLY, 0o644))
    result = scan(root)
    assert [f.path for f in result.files] == ["a.py"]
    assert result.skipped["odd_name"] == 4
    messages = " ".join(d.message + d.path for d in result.diagnostics)
    assert "\n" not in messages and "\x1b" not in messages and "\u202e" not in messages
    assert "evil\\nname.py" in messages
    assert "latin\\xe9.py" in messages


def test_scan_keeps_long_and_unicode_names(tmp_path: Path) -> None:
    long_name = "x" * 240 + ".py"
    root = make_repo({long_name: "X = 1\n", "données/été.py": "E = 1\n", "with space.py": "S = 1\n"}, tmp_path / "r")
    assert _paths(root) == ["données/été.py", "with space.py", long_name]


def test_scan_of_an_unreadable_file_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    root = make_repo({"a.py": "A = 1\n", "locked.py": "L = 1\n"}, tmp_path / "repo", git_init=False)
    (root / "locked.py").chmod(0)
    code = (
        "import json, sys; from pathlib import Path; from codedoc.scan import scan;"
        "r = scan(Path(sys.argv[1]));"
        "print(json.dumps([[f.path for f in r.files], {str(k): v for k, v in r.skipped.items()}]))"
    )
    command = [sys.executable, "-c", code, str(root)]
    if os.geteuid() == 0:
        # Root reads any file: run the scan as root without the capabilities that bypass permissions.
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    files, skipped = json.loads(done.stdout)
    assert files == ["a.py"]
    assert skipped["unreadable"] == 1


def test_scan_of_a_cloned_git_repository_uses_its_gitignore(tmp_path: Path) -> None:
    root = make_repo({".gitignore": "build.log\n", "main.go": "package main\n"}, tmp_path / "repo")
    (root / "build.log").write_text("noise\n")
    git(root, "status")  # a real, usable repository
    assert _paths(root) == [".gitignore", "main.go"]
