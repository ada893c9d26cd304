"""A repository to document (with a README that tries to run a script), served over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from viewer_repo import WIDGETS

from gitserver import GitHttpServer
from repos import make_repo


@pytest.fixture
def widgets_server(tmp_path: Path) -> Iterator[GitHttpServer]:
    make_repo(WIDGETS, tmp_path / "repos" / "acme" / "widgets")
    with GitHttpServer(tmp_path / "repos") as server:
        yield server
