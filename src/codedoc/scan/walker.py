"""CONTRACT STUB — to be implemented by the scan stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from codedoc.model import Diagnostic, FileCategory, Language


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
    diagnostics: tuple[Diagnostic, ...] = ()


def scan(root: Path, *, limits: ScanLimits = ScanLimits()) -> ScanResult:
    raise NotImplementedError


def read_text(root: Path, path: str) -> str:
    """Read a scanned file safely (inside root, no symlink escape), decoding with replacement."""
    raise NotImplementedError
