"""Git's ignore rules: `.git/info/exclude`, then every `.gitignore` from the root down.

Rules are evaluated like git: deeper files override shallower ones, the last matching pattern
wins (so `!keep.log` re-includes), and a directory that is ignored is never entered.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from pathspec import GitIgnoreSpec

MAX_IGNORE_FILE_BYTES = 1_000_000
"""A bigger `.gitignore` is not a real one; reading it would only slow the scan."""


@dataclass(frozen=True, slots=True)
class _Layer:
    base: str
    """Folder the rules are relative to: "" for the root, else `a/b/`."""
    spec: GitIgnoreSpec


@dataclass(frozen=True, slots=True)
class IgnoreRules:
    """The rules in force in one folder; `with_folder` gives the rules of a subfolder."""

    layers: tuple[_Layer, ...] = ()

    def is_ignored(self, path: str, *, is_dir: bool) -> bool:
        """`path` is relative to the scan root, POSIX style, without a trailing slash."""
        ignored = False
        for layer in self.layers:
            if not path.startswith(layer.base):
                continue
            relative = path[len(layer.base) :]
            result = layer.spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                ignored = result.include
        return ignored

    def with_file(self, base: str, file_path: str) -> IgnoreRules:
        """These rules plus the patterns in `file_path` (a `.gitignore` or `info/exclude`)."""
        lines = read_ignore_file(file_path)
        if not lines:
            return self
        return IgnoreRules((*self.layers, _Layer(base, GitIgnoreSpec.from_lines(lines))))


def read_ignore_file(path: str) -> list[str]:
    """The lines of an ignore file, or nothing when it is missing, a symlink, huge or unreadable.

    Git itself refuses a `.gitignore` that is a symlink; so do we (it could point anywhere).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return []
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IGNORE_FILE_BYTES:
            return []
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_IGNORE_FILE_BYTES)
    except OSError:
        return []
    finally:
        os.close(fd)
    return data.decode("utf-8", errors="replace").splitlines()
