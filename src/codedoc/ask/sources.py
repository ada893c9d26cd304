"""The repository's text, read once while the checkout exists, so the index can quote and cite it.

Only files the scan kept are read (never a symlink, never outside the checkout: `scan.read_text`
checks every step), each up to a size cap, all together up to a total cap; what does not fit is
left out and counted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from codedoc.model import CodeModel, FileCategory
from codedoc.scan import read_text

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 1_000_000
MAX_TOTAL_BYTES = 200_000_000
_KEPT = frozenset({FileCategory.CODE, FileCategory.TEST, FileCategory.DOCS, FileCategory.CONFIG, FileCategory.BUILD})


@dataclass
class SourceTexts:
    """Path → text of the files the index keeps."""

    texts: dict[str, str] = field(default_factory=dict)
    left_out: int = 0


def read_sources(root: Path, model: CodeModel) -> SourceTexts:
    sources = SourceTexts()
    total = 0
    for source in model.repository.files:
        if source.category not in _KEPT:
            continue
        if source.size > MAX_FILE_BYTES or total + source.size > MAX_TOTAL_BYTES:
            sources.left_out += 1
            continue
        try:
            text = read_text(root, source.path, max_bytes=MAX_FILE_BYTES)
        except (OSError, ValueError) as error:
            logger.debug("ask index: not reading %s: %s", source.path, error)
            sources.left_out += 1
            continue
        sources.texts[source.path] = text
        total += source.size
    return sources
