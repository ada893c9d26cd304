"""What a language extractor hands back, and the small pieces every extractor builds symbols from."""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Import, Location, Symbol


@dataclass(slots=True)
class Extraction:
    """The module-level facts of one file, before framework detectors run."""

    symbols: list[Symbol] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    docstring: str | None = None
    exports: tuple[str, ...] | None = None
    default_export: str | None = None
    """The top-level name the module exports as a whole (`module.exports = app`, `export default Foo`)."""


def location(parsed: ParsedFile, start: Node, end: Node | None = None) -> Location:
    """Lines from `start` (the first decorator or attribute, when there is one) to the end of `end`."""
    last = end if end is not None else start
    return Location(parsed.path, start.start_point[0] + 1, last.end_point[0] + 1)


def is_upper_case(name: str) -> bool:
    """`MAX_SIZE`, `API_URL`: the naming convention of constants in JavaScript, Java and Rust."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(name) > 1
