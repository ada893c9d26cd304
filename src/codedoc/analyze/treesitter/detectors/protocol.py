"""The one shape every tree-sitter framework detector has."""

from __future__ import annotations

from typing import Protocol

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Module


class Detector(Protocol):
    """Facts a framework adds to one file. Keyword-only so that new arguments break no detector.

    A detector returns `FileFacts()` at once when `text` shows no sign of its framework: most files
    use none, and checking a substring is far cheaper than looking at the tree.
    """

    def __call__(self, *, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts: ...
