"""The viewer's Jinja2 templates, with autoescaping on, and the small helpers they use."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from codedoc import __version__

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"


def age(moment: datetime | None, *, now: datetime | None = None) -> str:
    """ "3 minutes ago": how long since `moment`, in the largest whole unit."""
    if moment is None:
        return ""
    now = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = max(0, int((now - moment).total_seconds()))
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def short_repository(url: str) -> str:
    """`https://github.com/owner/repo.git` → `github.com/owner/repo`."""
    return url.removeprefix("https://").removeprefix("http://").removesuffix(".git")


def vendor_available(name: str) -> bool:
    """Whether `make setup` installed a front-end library (the viewer still works without it, plainer)."""
    return (VENDOR / name).is_file()


def build_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["age"] = age
    environment.filters["repository"] = short_repository
    environment.globals["version"] = __version__
    environment.globals["vendor_available"] = vendor_available
    return environment
