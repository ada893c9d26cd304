"""Re-use a whole written site when neither the code model nor the writer changed.

With the offline writer, pages and their verification are a pure function of the model and of
the writer's code, so an unchanged repository documented again (into any folder) skips writing
and verifying: the key is a hash of both.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from codedoc.model import CodeModel
from codedoc.schema import dump_model

_PACKAGE = Path(__file__).parent.parent


@cache
def writer_version() -> str:
    """A hash of the code that turns a model into output files: the writer (not the LLM part,
    which is never cached here), publishing and the JSON encoding."""
    sources = [
        *(p for p in (_PACKAGE / "write").rglob("*.py") if "llm" not in p.relative_to(_PACKAGE).parts),
        *(_PACKAGE / "publish").rglob("*.py"),
        _PACKAGE / "schema.py",
    ]
    digest = hashlib.sha256()
    for source in sorted(sources):
        digest.update(source.relative_to(_PACKAGE).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def site_key(model: CodeModel) -> str:
    """Equal keys mean equal sites: the model (by its fingerprint, else its JSON) and the writer's code."""
    identity = model.fingerprint or dump_model(model, indent=None)
    return hashlib.sha256(f"{writer_version()}\0{identity}".encode()).hexdigest()
