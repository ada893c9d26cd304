"""`read_text`: only inside the checkout, never through a symlink, any encoding decoded."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codedoc.scan import read_text
from codedoc.scan.reading import UnsafePath


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "pkg").mkdir(parents=True)
    return folder


def test_reads_utf8(root: Path) -> None:
    (root / "pkg" / "a.py").write_text("name = 'café'\n", encoding="utf-8")
    assert read_text(root, "pkg/a.py") == "name = 'café'\n"


def test_strips_utf8_bom(root: Path) -> None:
    (root / "a.py").write_bytes(b"\xef\xbb\xbfx = 1\n")
    assert read_text(root, "a.py") == "x = 1\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decodes_utf16_with_bom(root: Path, encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    (root / "a.txt").write_bytes(bom + "héllo\n".encode(encoding))
    assert read_text(root, "a.txt") == "héllo\n"


def test_latin1_bytes_are_replaced_not_fatal(root: Path) -> None:
    (root / "a.py").write_bytes("# caf\xe9\nx = 1\n".encode("latin-1"))
    assert read_text(root, "a.py") == "# caf\ufffd\nx = 1\n"


def test_newlines_are_normalised(root: Path) -> None:
    (root / "a.py").write_bytes(b"a = 1\r\nb = 2\rc = 3\n")
    assert read_text(root, "a.py") == "a = 1\nb = 2\nc = 3\n"


def test_empty_file_is_empty_text(root: Path) -> None:
    (root / "empty.py").write_bytes(b"")
    assert read_text(root, "empty.py") == ""


@pytest.mark.parametrize("path", ["../outside.py", "pkg/../../outside.py", "/etc/passwd", "", "a\0b"])
def test_paths_leaving_the_root_are_refused(root: Path, path: str) -> None:
    (root.parent / "outside.py").write_text("SECRET = 1\n")
    with pytest.raises(UnsafePath):
        read_text(root, path)


def test_final_symlink_is_not_followed(root: Path) -> None:
    (root / "passwd.py").symlink_to("/etc/passwd")
    with pytest.raises(UnsafePath, match="symlink"):
        read_text(root, "passwd.py")


def test_symlink_inside_the_root_is_not_followed_either(root: Path) -> None:
    (root / "real.py").write_text("R = 1\n")
    (root / "alias.py").symlink_to(root / "real.py")
    with pytest.raises(UnsafePath):
        read_text(root, "alias.py")


def test_symlinked_folder_on_the_way_is_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("KEY = 1\n")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafePath, match="linked"):
        read_text(root, "linked/secret.py")


def test_fifo_is_refused_without_blocking(root: Path) -> None:
    os.mkfifo(root / "pipe.py")
    with pytest.raises(UnsafePath, match="regular file"):
        read_text(root, "pipe.py")


def test_missing_file_is_an_os_error(root: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_text(root, "pkg/missing.py")


def test_errors_are_value_errors_for_callers_that_skip_bad_files(root: Path) -> None:
    assert issubclass(UnsafePath, ValueError)
