"""Short code excerpts for module prompts: the first lines of each top-level definition.

Read only from inside the checkout, never through a symlink, never more than a capped size.
"""

from __future__ import annotations

from pathlib import Path

from codedoc.model import Module

MAX_FILE_BYTES = 1_000_000


def read_excerpts(root: Path | None, module: Module, *, lines_per_symbol: int = 8, max_chars: int = 6_000) -> str:
    """Excerpts of `module`'s top-level symbols, `path:line` headed, or "" when unavailable."""
    if root is None:
        return ""
    text = _read_inside(root, module.path)
    if text is None:
        return ""
    lines = text.splitlines()
    out: list[str] = []
    used = 0
    for symbol in module.symbols:
        if symbol.parent is not None:
            continue
        start = symbol.location.start_line
        end = min(symbol.location.end_line, start + lines_per_symbol - 1, len(lines))
        if start < 1 or start > end:
            continue
        block = "\n".join([f"--- {module.path}:{start}-{end}", *lines[start - 1 : end]])
        if used + len(block) > max_chars:
            break
        out.append(block)
        used += len(block)
    return "\n".join(out)


def _read_inside(root: Path, relative: str) -> str | None:
    try:
        base = root.resolve()
        path = (base / relative).resolve()
        if not path.is_relative_to(base) or (base / relative).is_symlink() or not path.is_file():
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
