"""Re-use a whole written site when neither the code model nor the writer changed.

With the offline writer, pages and their verification are a pure function of the model and of
the writer's code, so an unchanged repository documented again (into any folder) skips writing
and verifying: the key is a hash of both.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_WRITE_PACKAGE = Path(__file__).parent


@cache
def writer_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(_WRITE_PACKAGE.rglob("*.py")):
        if "llm" in source.relative_to(_WRITE_PACKAGE).parts:
            continue
        digest.update(source.relative_to(_WRITE_PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def site_key(model_json: str) -> str:
    return hashlib.sha256(f"{writer_version()}\0{model_json}".encode()).hexdigest()
