"""Heading anchors as Python-Markdown's `toc` makes them: MkDocs builds the site with them, the
viewer gives its headings the same ones, and the ask index links its sections to them — one
spelling, so a link written by one of them lands in the others."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^\w\s-]")
_SLUG_GAPS = re.compile(r"[-\s]+")


def slugify(text: str) -> str:
    """A heading's anchor: ASCII, lower case, words joined by `-` ("section" when nothing is left)."""
    # ASCII text is its own decomposition: only other text goes through `unicodedata`.
    value = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _NOT_SLUG.sub("", value).strip().lower()
    return _SLUG_GAPS.sub("-", value) or "section"


class PageAnchors:
    """Unique anchors within one page: `name`, `name_1`, `name_2`…"""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, text: str) -> str:
        base = slugify(text)
        anchor, number = base, 0
        while anchor in self._seen:
            number += 1
            anchor = f"{base}_{number}"
        self._seen.add(anchor)
        return anchor
