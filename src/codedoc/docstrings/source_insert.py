"""Doc comments into JavaScript/TypeScript, Go, Java and Rust source: text inserted above each
declaration at its tree-sitter position, with the line's own indentation and the file's newline.

Each edit is proved harmless before it is returned: the file is parsed again, it has no more
syntax errors than before, and its tokens — comments aside — are exactly the old ones.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile, parse
from codedoc.docstrings.facts_treesitter import declaration_at
from codedoc.docstrings.python_insert import UnsafeEdit
from codedoc.model import Language

_BOM = b"\xef\xbb\xbf"
_COMMENTS = frozenset({"comment", "line_comment", "block_comment"})


@dataclass(frozen=True, slots=True)
class SourceEdit:
    source: bytes
    added: tuple[int, ...]
    """Start lines (in the old file) of the declarations that received a comment."""


def decode_source(source: bytes, path: str) -> tuple[str, bytes]:
    """The text of a UTF-8 file and its byte-order mark (kept when writing back)."""
    bom = _BOM if source.startswith(_BOM) else b""
    try:
        return source[len(bom) :].decode("utf-8"), bom
    except UnicodeDecodeError:
        raise UnsafeEdit(f"{path}: not UTF-8 text, left as it is") from None


def newline_of(text: str) -> str:
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def insert_comments(source: bytes, language: Language, docs: Mapping[int, Sequence[str]], *, path: str) -> SourceEdit:
    """`source` with the comment lines of `docs` (by 1-based declaration line) inserted above each
    declaration that has no doc comment yet."""
    text, bom = decode_source(source, path)
    old = parse(language, path, text)
    newline = newline_of(text)
    lines = text.split("\n")
    added: list[int] = []
    for line in sorted(docs, reverse=True):
        node = declaration_at(old, line)
        if node is None or _documented(lines, line, language):
            continue
        current = lines[line - 1]
        indent = current[: len(current) - len(current.lstrip(" \t"))]
        carriage = "\r" if newline == "\r\n" else ""
        block = [f"{indent}{comment}{carriage}" for comment in docs[line]]
        lines[line - 1 : line - 1] = block
        added.append(line)
    if not added:
        return SourceEdit(source, ())
    new_text = "\n".join(lines)
    check_source_edit(old, parse(language, path, new_text), path=path)
    return SourceEdit(bom + new_text.encode("utf-8"), tuple(sorted(added)))


def _documented(lines: list[str], line: int, language: Language) -> bool:
    """True when a doc comment already sits directly above (past attributes and annotations)."""
    row = line - 2
    while row >= 0 and lines[row].strip().startswith(("#[", "@")) and language in (Language.RUST, Language.JAVA):
        row -= 1
    if row < 0:
        return False
    above = lines[row].strip()
    if language is Language.GO:
        return above.startswith("//")
    if language is Language.RUST:
        return above.startswith(("///", "//!")) or above.endswith("*/")
    return above.endswith("*/")


def check_source_edit(old: ParsedFile, new: ParsedFile, *, path: str) -> None:
    """Raise `UnsafeEdit` unless `new` parses as well as `old` and has the same tokens outside comments."""
    if _errors(new.root) > _errors(old.root):
        raise UnsafeEdit(f"{path}: the edited file would not parse cleanly")
    if list(_tokens(old)) != list(_tokens(new)):
        raise UnsafeEdit(f"{path}: the edit would change the code, not only add comments")


def _errors(root: Node) -> int:
    if not root.has_error:
        return 0
    count, stack = 0, [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
        stack.extend(child for child in node.children if child.has_error or child.is_missing)
    return count


def _tokens(parsed: ParsedFile) -> Iterator[tuple[str, bytes]]:
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        if node.type in _COMMENTS:
            continue
        if node.child_count == 0:
            yield node.type, parsed.source[node.start_byte : node.end_byte]
            continue
        stack.extend(reversed(node.children))
