"""The artifact store interface, and the one check every key goes through."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")


class StorageError(Exception):
    """The store cannot be reached or refused an operation."""


class ArtifactStorage(Protocol):
    """Where finished sites live. Keys are `/`-separated; prefixes come from job ids, never from users."""

    def put_tree(self, prefix: str, folder: Path) -> None:
        """Store every file under `folder` below `prefix`; readers never see a half-written tree."""

    def read(self, key: str) -> bytes | None:
        """The bytes at `key`, or None when there is none."""

    def list_tree(self, prefix: str) -> list[str]:
        """Keys below `prefix`, relative to it, sorted."""

    def delete_tree(self, prefix: str) -> None:
        """Remove everything below `prefix`; nothing there is fine."""

    def check(self) -> None:
        """Raise StorageError when the store is unusable."""


def safe_relative_key(path: str) -> str | None:
    """`path` as a key inside a site, or None for anything that could escape it or is not a plain name."""
    if not path or len(path) > 1024 or "\\" in path or "\x00" in path:
        return None
    parts = path.split("/")
    if any(not _SAFE_PART.match(part) for part in parts):
        return None
    return "/".join(parts)


def files_below(folder: Path) -> list[tuple[str, Path]]:
    """(relative key, file) for every regular file below `folder`; symlinks are left out."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        found.append((path.relative_to(folder).as_posix(), path))
    return found
