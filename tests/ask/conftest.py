"""Indexes of real repositories, built through the real pipeline (acquire → … → publish)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ask_indexes import IndexOf, index_of_folder

from codedoc.ask import AskIndex
from codedoc.pipeline import GenerateOptions, generate
from repos import make_repo

ROOT = Path(__file__).parents[2]


@pytest.fixture
def index_of(tmp_path: Path) -> Iterator[IndexOf]:
    opened: list[AskIndex] = []

    def build(files: dict[str, str | bytes]) -> AskIndex:
        number = len(opened)
        repo = make_repo(files, tmp_path / f"repo{number}")
        index = index_of_folder(repo, tmp_path / f"ask{number}")
        opened.append(index)
        return index

    yield build
    for index in opened:
        index.close()


@pytest.fixture(scope="module")
def codedoc_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AskIndex]:
    """The index of this repository itself."""
    folder = tmp_path_factory.mktemp("codedoc-ask")
    result = generate(str(ROOT), None, GenerateOptions(), ask_folder=folder)
    assert result.ask_index is not None
    index = AskIndex(result.ask_index)
    yield index
    index.close()
