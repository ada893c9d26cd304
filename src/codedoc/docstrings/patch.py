"""A unified diff of a docstrings run that `git apply` (and `patch -p1`) accept, byte for byte."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from codedoc.docstrings.run import FileChange

_NO_NEWLINE = b"\\ No newline at end of file\n"


def unified_patch(changes: Sequence[FileChange]) -> bytes:
    """One patch for every changed file, paths prefixed `a/` and `b/` as git writes them.

    Lines are compared as bytes (decoded with surrogateescape so any encoding and CRLF survive).
    """
    out: list[bytes] = []
    for change in sorted(changes, key=lambda c: c.path):
        old, new = _lines(change.old), _lines(change.new)
        diff = difflib.unified_diff(old, new, f"a/{change.path}", f"b/{change.path}", n=3)
        out += [f"diff --git a/{change.path} b/{change.path}\n".encode(), *_encoded(diff)]
    return b"".join(out)


def _lines(data: bytes) -> list[str]:
    """Lines as git sees them: split at `\n` only (not at form feeds or other breaks `splitlines` knows)."""
    parts = data.decode("utf-8", "surrogateescape").split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _encoded(diff: Iterable[str]) -> Iterable[bytes]:
    for line in diff:
        data = line.encode("utf-8", "surrogateescape")
        if line.startswith(("---", "+++")):
            yield data.rstrip(b"\r\n") + b"\n"
        elif line.startswith("@@") or data.endswith(b"\n"):
            yield data
        else:
            yield data + b"\n" + _NO_NEWLINE
