"""Walking a checkout: which files to read, their language and category, and what was skipped.

`os.scandir` without following symlinks, in name order (so a `max_files` cut is deterministic),
`.gitignore` honoured at every level, vendored folders never entered, and at most the first
8 KB of each file read.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from codedoc.model import Diagnostic, FileCategory, Language
from codedoc.scan.categories import categorize
from codedoc.scan.ignore import IgnoreRules
from codedoc.scan.languages import detect_language
from codedoc.scan.reading import read_head, read_text
from codedoc.scan.skips import SkipReason, skip_by_content, skip_by_name, vendored_folder

__all__ = ["ScanLimits", "ScanResult", "ScannedFile", "read_text", "scan"]

_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_MAX_DIAGNOSTICS = 200


@dataclass(frozen=True, slots=True)
class ScanLimits:
    max_file_bytes: int = 1_000_000
    max_files: int = 100_000


@dataclass(frozen=True, slots=True)
class ScannedFile:
    path: str
    """POSIX path relative to the checkout root."""
    language: Language
    category: FileCategory
    size: int


@dataclass(frozen=True, slots=True)
class ScanResult:
    files: tuple[ScannedFile, ...]
    skipped: dict[str, int] = field(default_factory=dict)
    """Files (or whole folders, counted once) left out, by `SkipReason` value."""
    diagnostics: tuple[Diagnostic, ...] = ()


def scan(root: Path, *, limits: ScanLimits = ScanLimits()) -> ScanResult:
    """List the files of `root` worth analysing, sorted by path."""
    walk = _Walk(Path(root), limits)
    walk.run()
    files = tuple(sorted(walk.files, key=lambda item: item.path))
    return ScanResult(files=files, skipped=dict(sorted(walk.skipped.items())), diagnostics=tuple(walk.diagnostics))


def escape_name(name: str) -> str:
    """A file name as it may be printed: control characters and undecodable bytes escaped."""
    return "".join(char if char.isprintable() and not _is_surrogate(char) else _escape(char) for char in name)


def _escape(char: str) -> str:
    if _is_surrogate(char):
        return f"\\x{ord(char) - 0xDC00:02x}"
    return repr(char)[1:-1] if len(repr(char)) > 3 else f"\\u{ord(char):04x}"


def _is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) <= 0xDFFF


class _Walk:
    def __init__(self, root: Path, limits: ScanLimits) -> None:
        self.root = root
        self.limits = limits
        self.files: list[ScannedFile] = []
        self.skipped: Counter[str] = Counter()
        self.diagnostics: list[Diagnostic] = []

    def run(self) -> None:
        rules = IgnoreRules().with_file("", os.path.join(self.root, ".git", "info", "exclude"))
        # Depth first, names in order: the files kept under `max_files` are the first by path.
        stack: list[tuple[str, str, IgnoreRules]] = [(str(self.root), "", rules)]
        while stack:
            folder, prefix, rules = stack.pop()
            rules = rules.with_file(prefix, os.path.join(folder, ".gitignore"))
            subfolders = self._scan_folder(folder, prefix, rules)
            stack.extend((path, relative, rules) for path, relative in reversed(subfolders))
        if self.skipped[SkipReason.TOO_MANY_FILES]:
            self._warn(
                ".",
                f"more than {self.limits.max_files:,} files: only the first {self.limits.max_files:,} are documented",
            )

    def _scan_folder(self, folder: str, prefix: str, rules: IgnoreRules) -> list[tuple[str, str]]:
        try:
            with os.scandir(folder) as iterator:
                entries = sorted(iterator, key=lambda entry: entry.name)
        except OSError as error:
            self._skip(SkipReason.UNREADABLE, prefix or ".", f"cannot list folder: {error.strerror}")
            return []
        subfolders: list[tuple[str, str]] = []
        for entry in entries:
            name = entry.name
            if name == ".git":
                continue
            relative = prefix + name
            if not _is_plain_name(name):
                self._skip(SkipReason.ODD_NAME, relative, "file name has control characters or invalid UTF-8")
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                self._skip(SkipReason.UNREADABLE, relative, error.strerror or "cannot stat")
                continue
            if stat.S_ISLNK(mode):
                self.skipped[SkipReason.SYMLINK] += 1
            elif stat.S_ISDIR(mode):
                if rules.is_ignored(relative, is_dir=True):
                    self.skipped[SkipReason.IGNORED] += 1
                elif vendored_folder(name, entry.path):
                    self.skipped[SkipReason.VENDORED] += 1
                else:
                    subfolders.append((entry.path, relative + "/"))
            elif not stat.S_ISREG(mode):
                self.skipped[SkipReason.SPECIAL] += 1
            elif rules.is_ignored(relative, is_dir=False):
                self.skipped[SkipReason.IGNORED] += 1
            else:
                self._consider_file(entry, relative)
        return subfolders

    def _consider_file(self, entry: os.DirEntry[str], relative: str) -> None:
        by_name = skip_by_name(entry.name)
        if by_name is not None:
            self.skipped[by_name] += 1
            return
        if len(self.files) >= self.limits.max_files:
            self.skipped[SkipReason.TOO_MANY_FILES] += 1
            return
        try:
            size = entry.stat(follow_symlinks=False).st_size
        except OSError as error:
            self._skip(SkipReason.UNREADABLE, relative, error.strerror or "cannot stat")
            return
        if size > self.limits.max_file_bytes:
            self.skipped[SkipReason.TOO_LARGE] += 1
            return
        head = self._head(entry.path, relative)
        if head is None:
            return
        by_content = skip_by_content(head, size)
        if by_content is not None:
            self.skipped[by_content] += 1
            return
        language = detect_language(entry.name, head)
        self.files.append(ScannedFile(relative, language, categorize(relative, language, size), size))

    def _head(self, path: str, relative: str) -> bytes | None:
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError as error:
            self._skip(SkipReason.UNREADABLE, relative, error.strerror or "cannot open")
            return None
        try:
            return read_head(fd)
        except OSError as error:
            self._skip(SkipReason.UNREADABLE, relative, error.strerror or "cannot read")
            return None
        finally:
            os.close(fd)

    def _skip(self, reason: SkipReason, relative: str, message: str) -> None:
        self.skipped[reason] += 1
        self._warn(relative, f"skipped {escape_name(relative)}: {message}")

    def _warn(self, relative: str, message: str) -> None:
        if len(self.diagnostics) < _MAX_DIAGNOSTICS:
            self.diagnostics.append(Diagnostic(path=escape_name(relative), message=message))


def _is_plain_name(name: str) -> bool:
    return all(char.isprintable() and not _is_surrogate(char) for char in name)
