"""Keeping secrets off the pages: a default written in the code for a secret-looking setting
(`SECRET_KEY = "django-insecure-…"`, `os.getenv("API_TOKEN", "dev-token")`) is not repeated."""

from __future__ import annotations

import re

REDACTED = "<redacted>"
_SECRET_NAME = re.compile(
    r"secret|passw(or)?d|passwd|token|api_?key|private_?key|credential|auth_?key|signing_?key|salt|dsn",
    re.IGNORECASE,
)
_EMPTY = frozenset({'""', "''", "None"})


def shown_default(name: str, default: str | None) -> str | None:
    """The default to show for setting `name`: string literals of secret-looking names are redacted."""
    if default is None or default in _EMPTY:
        return default
    is_string = default[:1] in ("'", '"') or default[:2].lower() in ("f'", 'f"', "r'", 'r"', "b'", 'b"')
    if is_string and _SECRET_NAME.search(name):
        return REDACTED
    return default
