"""Golden pages: small factory models → the exact pages the offline writer produces.

Regenerate after an intended change, then review the diff:

    CODEDOC_UPDATE_GOLDEN=1 .venv/bin/pytest tests/write
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codedoc.write.offline import write_site
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from write.factories import FACTORIES

GOLDEN = Path(__file__).parent.parent / "golden"
MODELS = ("python-library", "web-service", "cli-tool", "go-service", "python-flows")
UPDATE = os.environ.get("CODEDOC_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", MODELS)
def test_pages_match_the_golden_files(name: str) -> None:
    model = FACTORIES[name]()
    pages, _ = verify_pages(write_site(plan_site(model), model), model)
    folder = GOLDEN / name
    written = {page.path: page.markdown for page in pages}
    if UPDATE:
        for old in folder.rglob("*.md"):
            old.unlink()
        for path, markdown in written.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
    expected = {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") for path in folder.rglob("*.md")}
    assert sorted(written) == sorted(expected), "pages differ; regenerate with CODEDOC_UPDATE_GOLDEN=1"
    for path, markdown in written.items():
        assert markdown == expected[path], f"{name}/{path} differs; regenerate with CODEDOC_UPDATE_GOLDEN=1"
