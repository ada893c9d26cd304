"""Grammars, parsers and the parsed file every extractor and detector reads.

Parsers and compiled queries are created lazily, once per language per process: worker processes
analyse thousands of files and building a parser or compiling a query costs far more than using one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import tree_sitter_go
import tree_sitter_java
import tree_sitter_javascript
import tree_sitter_rust
import tree_sitter_typescript
from tree_sitter import Language as Grammar
from tree_sitter import Node, Parser, Query, QueryCursor, Tree

from codedoc.analyze.treesitter.queries import PATTERNS
from codedoc.model import Diagnostic, Language

_GRAMMAR_LOADERS: dict[Language, Callable[[], object]] = {
    Language.JAVASCRIPT: tree_sitter_javascript.language,
    Language.TYPESCRIPT: tree_sitter_typescript.language_typescript,
    Language.TSX: tree_sitter_typescript.language_tsx,
    Language.GO: tree_sitter_go.language,
    Language.JAVA: tree_sitter_java.language,
    Language.RUST: tree_sitter_rust.language,
}
_GRAMMARS: dict[Language, Grammar] = {}
_PARSERS: dict[Language, Parser] = {}
_QUERIES: dict[Language, tuple[Query, tuple[str, ...]]] = {}

_WHITESPACE = re.compile(r"\s+")
_SIGNATURE_LIMIT = 240
_VALUE_LIMIT = 80


def grammar(language: Language) -> Grammar:
    found = _GRAMMARS.get(language)
    if found is None:
        found = _GRAMMARS[language] = Grammar(_GRAMMAR_LOADERS[language]())
    return found


def _parser(language: Language) -> Parser:
    found = _PARSERS.get(language)
    if found is None:
        found = _PARSERS[language] = Parser(grammar(language))
    return found


def _query(language: Language) -> tuple[Query, tuple[str, ...]]:
    """The language's patterns as one query, and the name of each pattern by index."""
    found = _QUERIES.get(language)
    if found is None:
        patterns = PATTERNS.get(language, {})
        query = Query(grammar(language), "\n".join(patterns.values()))
        if query.pattern_count != len(patterns):
            raise ValueError(f"each {language.value} pattern in codedoc.analyze.treesitter.queries must be one pattern")
        found = _QUERIES[language] = (query, tuple(patterns))
    return found


Captures = dict[str, list[Node]]


@dataclass(slots=True)
class ParsedFile:
    """One file's syntax tree with the bytes it was parsed from (node offsets are byte offsets)."""

    language: Language
    path: str
    source: bytes
    tree: Tree
    _matches: dict[str, list[Captures]] | None = field(default=None)

    @property
    def root(self) -> Node:
        return self.tree.root_node

    def text(self, node: Node | None) -> str:
        if node is None:
            return ""
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def line(self, node: Node) -> int:
        """1-based line where `node` starts."""
        return node.start_point[0] + 1

    def end_line(self, node: Node) -> int:
        return node.end_point[0] + 1

    def matches(self, pattern: str) -> list[Captures]:
        """Matches of the named pattern (`codedoc.analyze.treesitter.queries`), in source order.

        The first call walks the tree once for every pattern of the language; later calls, from
        any detector, reuse that walk.
        """
        if self._matches is None:
            query, names = _query(self.language)
            grouped: dict[str, list[Captures]] = {name: [] for name in names}
            for index, captures in QueryCursor(query).matches(self.root):
                if captures:
                    grouped[names[index]].append(captures)
            for found in grouped.values():
                found.sort(key=lambda c: min(nodes[0].start_byte for nodes in c.values()))
            self._matches = grouped
        return self._matches.get(pattern, [])


def parse(language: Language, path: str, text: str) -> ParsedFile:
    # "replace" rather than strict: decoded text may carry lone surrogates from a bad file.
    source = text.encode("utf-8", "replace")
    return ParsedFile(language=language, path=path, source=source, tree=_parser(language).parse(source))


def syntax_diagnostic(parsed: ParsedFile) -> Diagnostic | None:
    """A warning naming the first place the parser had to recover, or None for a clean parse."""
    node = parsed.root
    if not node.has_error:
        return None
    # Descend along the children that contain an error: the cost is the depth, not the size.
    while True:
        for child in node.children:
            if child.is_error or child.is_missing:
                line = parsed.line(child)
                return Diagnostic(parsed.path, f"syntax error near line {line}", line=line)
            if child.has_error:
                node = child
                break
        else:
            line = parsed.line(node)
            return Diagnostic(parsed.path, f"syntax error near line {line}", line=line)


def count_lines(text: str) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def one_line(text: str, limit: int = _SIGNATURE_LIMIT) -> str:
    """Whitespace collapsed to single spaces, cut at `limit` characters with an ellipsis."""
    # Most signatures are already one tidy line; the regex is only worth running when they are not.
    plain = "\n" not in text and "  " not in text and "\t" not in text and "\r" not in text
    flat = text.strip() if plain else _WHITESPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def short_value(text: str) -> str:
    return one_line(text, _VALUE_LIMIT)


def span_text(parsed: ParsedFile, start: int, end: int, skip: list[Node] | tuple[Node, ...] = ()) -> str:
    """Source between two byte offsets with the given nodes (comments, annotations) cut out."""
    pieces: list[bytes] = []
    cursor = start
    for node in sorted(skip, key=lambda n: n.start_byte):
        if node.end_byte <= cursor or node.start_byte >= end:
            continue
        pieces.append(parsed.source[cursor : node.start_byte])
        cursor = node.end_byte
    if cursor < end:
        pieces.append(parsed.source[cursor:end])
    return b" ".join(pieces).decode("utf-8", "replace")


_STRING_TYPES = frozenset(
    {
        "string",
        "template_string",
        "interpreted_string_literal",
        "raw_string_literal",
        "string_literal",
    }
)


def string_value(parsed: ParsedFile, node: Node | None) -> str | None:
    """The content of a plain string literal, or None when `node` is not one (or interpolates)."""
    if node is None or node.type not in _STRING_TYPES:
        return None
    for child in node.children:
        if child.type in ("template_substitution", "interpolation"):
            return None
    raw = parsed.text(node)
    if raw.startswith("r") and parsed.language == Language.RUST:
        raw = raw[1:].strip("#")
    if raw.startswith('"""') and raw.endswith('"""') and len(raw) >= 6:
        return raw[3:-3].strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'`":
        return raw[1:-1]
    return None


def field_text(parsed: ParsedFile, node: Node, name: str) -> str | None:
    child = node.child_by_field_name(name)
    return parsed.text(child) if child is not None else None
