"""Building indexes of real repositories through the real pipeline, for the ask tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from codedoc.ask import AskIndex
from codedoc.pipeline import GenerateOptions, generate

IndexOf = Callable[[dict[str, str | bytes]], AskIndex]


def index_of_folder(source: Path, folder: Path) -> AskIndex:
    result = generate(str(source), None, GenerateOptions(workers=1), ask_folder=folder)
    assert result.ask_index is not None
    return AskIndex(result.ask_index)
