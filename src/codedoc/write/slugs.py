"""Safe page paths and titles from untrusted names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from codedoc.write.markdown import one_line

MAX_SLUG = 60

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")
# Titles reach HTML through MkDocs' templates, which do not escape: no markup characters survive.
_TITLE_UNSAFE = re.compile(r"[<>&\"'`\\]")


def slugify(name: str) -> str:
    """A file-name-safe slug: lower-case ASCII letters, digits and single hyphens."""
    slug = _SLUG_UNSAFE.sub("-", name.lower()).strip("-")[:MAX_SLUG].strip("-")
    return slug or "component"


class SlugRegistry:
    """Hands out slugs that are unique among everything it has handed out (or was told is taken)."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.taken = set(reserved)

    def claim(self, wanted: str) -> str:
        base = slugify(wanted)
        slug, counter = base, 2
        while slug in self.taken:
            slug, counter = f"{base}-{counter}", counter + 1
        self.taken.add(slug)
        return slug


def unique_slugs(names: Iterable[str], *, reserved: Iterable[str] = ()) -> dict[str, str]:
    """Slugs for `names`, in order, made unique with `-2`, `-3`… suffixes."""
    registry = SlugRegistry(reserved)
    return {name: registry.claim(name) for name in names}


def safe_title(name: str) -> str:
    """A one-line name without markup characters."""
    return _TITLE_UNSAFE.sub("", one_line(name, limit=80)).strip()
