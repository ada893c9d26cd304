"""PEP 508 requirement strings (`requests[socks]>=2.31; python_version>"3.8"`) → name and version."""

from __future__ import annotations

import re

_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?P<rest>.*)$", re.DOTALL
)
_SPEC = re.compile(r"^\(?\s*(?P<spec>(?:[<>=!~]=?|===)[^;()]*?)\s*\)?$")


def parse_requirement(text: str) -> tuple[str, str | None] | None:
    """Name and version specifier, or None when the line is not a named requirement (a path, a URL)."""
    requirement = text.split(";", 1)[0].strip()
    match = _REQUIREMENT.match(requirement)
    if match is None:
        return None
    rest = match.group("rest").strip()
    if not rest:
        return match.group("name"), None
    if rest.startswith("@"):
        return match.group("name"), None  # a direct URL reference: the name still says what it is
    spec = _SPEC.match(rest)
    if spec is None:
        return None
    return match.group("name"), " ".join(spec.group("spec").split())
