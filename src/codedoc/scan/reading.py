"""Reading a file of the checkout safely: never outside the root, never through a symlink.

Each folder on the way is opened relative to the previous one with `O_NOFOLLOW`, so neither a
`..` nor a symlinked folder nor a final symlink can lead the read out of the checkout.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path, PurePosixPath

from codedoc.scan.skips import HEAD_BYTES

_DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UnsafePath(ValueError):
    """The path leaves the checkout, goes through a symlink, or is not a regular file."""


def read_text(root: Path, path: str, *, max_bytes: int | None = None) -> str:
    """Read a scanned file safely (inside root, no symlink escape), decoding with replacement.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded; anything else is read as
    UTF-8 with replacement characters, so Latin-1 text comes through instead of failing.
    Newlines are normalised to `\\n`.
    """
    return decode_text(read_bytes(root, path, max_bytes=max_bytes))


def read_bytes(root: Path, path: str, *, max_bytes: int | None = None) -> bytes:
    parts = _checked_parts(path)
    fd = _open_inside(root, parts)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnsafePath(f"not a regular file: {path!r}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() if max_bytes is None else handle.read(max_bytes)
    finally:
        os.close(fd)


def read_head(fd: int) -> bytes:
    """The first `HEAD_BYTES` of an open file: enough to recognise binary, LFS and generated files."""
    chunks: list[bytes] = []
    remaining = HEAD_BYTES
    while remaining > 0:
        chunk = os.read(fd, remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _checked_parts(path: str) -> list[str]:
    if not path or "\0" in path:
        raise UnsafePath("empty path or NUL in path")
    pure = PurePosixPath(path)
    if pure.is_absolute() or path.startswith("\\"):
        raise UnsafePath(f"absolute path refused: {path!r}")
    parts = [part for part in pure.parts if part != "."]
    if not parts or any(part == ".." for part in parts):
        raise UnsafePath(f"path leaves the checkout: {path!r}")
    return parts


def _open_inside(root: Path, parts: list[str]) -> int:
    directory = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            try:
                child = os.open(part, _DIRECTORY_FLAGS, dir_fd=directory)
            except OSError as error:
                raise UnsafePath(f"cannot enter {part!r} (a symlink or not a folder): {error.strerror}") from error
            os.close(directory)
            directory = child
        try:
            return os.open(parts[-1], _FILE_FLAGS, dir_fd=directory)
        except OSError as error:
            if os.path.islink(os.path.join(root, *parts)):
                raise UnsafePath(f"refusing to follow the symlink {'/'.join(parts)!r}") from error
            raise
    finally:
        os.close(directory)
