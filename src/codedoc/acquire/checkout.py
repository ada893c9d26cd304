"""CONTRACT STUB — to be implemented by the acquire stage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from codedoc.progress import CancelCheck

if TYPE_CHECKING:
    from codedoc.acquire.url_policy import UrlPolicy


@dataclass(frozen=True, slots=True)
class AcquireLimits:
    timeout_seconds: float = 600.0
    max_bytes: int = 2 * 1024**3
    max_files: int = 200_000


@dataclass(frozen=True, slots=True)
class Checkout:
    root: Path
    """Folder holding the files at the requested commit."""
    name: str
    """Repository name (`requests`), from the URL or folder name."""
    source_url: str | None = None
    """Remote URL without credentials, when known."""
    commit_sha: str | None = None
    ref: str | None = None
    default_branch: str | None = None


@contextmanager
def acquire(
    source: str,
    *,
    ref: str | None = None,
    limits: AcquireLimits = AcquireLimits(),
    access_token: str | None = None,
    url_policy: UrlPolicy | None = None,
    work_dir: Path | None = None,
    should_cancel: CancelCheck | None = None,
) -> Iterator[Checkout]:
    root = Path(source)
    yield Checkout(root=root.resolve(), name=root.resolve().name)
