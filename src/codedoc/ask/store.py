"""Built indexes cached by content: the same model and pages give the same index, built once.

The key hashes the index format, the code of this package and of the writer, the model's
fingerprint (or its JSON) and the pages; the CLI keeps indexes under its cache folder, so asking
again about an unchanged repository opens the index at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from codedoc.ask.build import INDEX_VERSION, build_index
from codedoc.ask.sources import SourceTexts
from codedoc.model import CodeModel
from codedoc.schema import dump_model
from codedoc.write.pages import Page

if TYPE_CHECKING:
    from codedoc.ask.background import BackgroundIndex

_PACKAGE = Path(__file__).parent
MAX_CACHED = 20


@cache
def ask_version() -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for source in sorted(_PACKAGE.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def index_key(model: CodeModel, pages: Sequence[Page]) -> str:
    digest = hashlib.sha256(ask_version().encode())
    digest.update((model.fingerprint or dump_model(model, indent=None)).encode())
    for page in pages:
        digest.update(b"\0" + page.path.encode() + b"\0" + page.markdown.encode())
    return digest.hexdigest()[:32]


class SourceCapture:
    """Reads the repository's text while the checkout exists (`capture` is the pipeline's hook)."""

    def __init__(self) -> None:
        self.sources = SourceTexts()

    def capture(self, root: Path, model: CodeModel) -> None:
        from codedoc.ask.sources import read_sources

        self.sources = read_sources(root, model)


def ensure_index(
    folder: Path,
    model: CodeModel,
    pages: Sequence[Page],
    sources: SourceTexts,
    *,
    background: BackgroundIndex | None = None,
) -> Path:
    """The index of this model and these pages in `folder`, built now unless it is there already.

    With `background` (started on this model, see `codedoc.ask.background`), the index is the
    one that process writes; it is stopped, unused, when the index is there already."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{index_key(model, pages)}.sqlite"
    if path.is_file():
        if background is not None:
            background.close()
        os.utime(path)
        return path
    if background is not None:
        background.finish(pages, path)
    else:
        build_index(path, model, pages, sources.texts)
    _trim(folder)
    return path


def _trim(folder: Path) -> None:
    indexes = sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in indexes[MAX_CACHED:]:
        old.unlink(missing_ok=True)


def temporary_index_folder() -> Path:
    """A folder for an index that is not cached; the caller removes it (`shutil.rmtree`)."""
    return Path(tempfile.mkdtemp(prefix="codedoc-ask-"))


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
