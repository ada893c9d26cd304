"""Which paths a caller may read: relative, normalised, inside the repository — nothing else."""

from __future__ import annotations

import posixpath
import re

from codedoc.errors import AskError

MAX_PATH_LENGTH = 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def checked_path(path: str) -> str:
    """`path` as the index names it, or AskError for anything that could leave the repository."""
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_LENGTH:
        raise AskError("give a file path relative to the repository root")
    if "\x00" in path or "\\" in path or any(ord(c) < 32 for c in path):
        raise AskError("the path has characters a repository path cannot have")
    if path.startswith("/") or path.startswith("~") or _DRIVE.match(path):
        raise AskError("absolute paths are refused: give a path relative to the repository root")
    parts = path.split("/")
    if ".." in parts:
        raise AskError("paths that leave the repository (`..`) are refused")
    normal = posixpath.normpath(path).removeprefix("./")
    if normal.startswith("../") or normal == "..":
        raise AskError("paths that leave the repository (`..`) are refused")
    return normal
