"""Doc comments: finding the comment block that documents a node, and cleaning its markers away."""

from __future__ import annotations

import re
import textwrap

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile

COMMENT_TYPES = frozenset({"comment", "line_comment", "block_comment"})
_BLOCK_LINE_PREFIX = re.compile(r"^\s*\*(?!/) ?")
_LINE_PREFIX = re.compile(r"^\s*//[/!]? ?")


def is_comment(node: Node) -> bool:
    return node.type in COMMENT_TYPES


def _is_trailing(comment: Node) -> bool:
    """A comment that ends a line of code (`x = 1; // note`) documents that line, not the next."""
    before = comment.prev_sibling
    return before is not None and not is_comment(before) and before.end_point[0] == comment.start_point[0]


def comments_above(node: Node, *, skip_types: frozenset[str] = frozenset()) -> list[Node]:
    """The run of comments directly above `node` (no blank line between), nearest last.

    Siblings of `skip_types` (decorators, attributes) may sit between the comments and the node.
    """
    found: list[Node] = []
    expected_row = node.start_point[0]
    sibling = node.prev_sibling
    while sibling is not None:
        if sibling.type in skip_types:
            expected_row = sibling.start_point[0]
            sibling = sibling.prev_sibling
            continue
        if not is_comment(sibling) or sibling.end_point[0] < expected_row - 1 or _is_trailing(sibling):
            break
        found.append(sibling)
        expected_row = sibling.start_point[0]
        sibling = sibling.prev_sibling
    found.reverse()
    return found


def clean_block(text: str) -> str:
    """`/** … */`, `/*! … */` or `/* … */` without the markers and the leading ` * ` of each line."""
    body = text.strip()
    body = body.removeprefix("/**").removeprefix("/*!").removeprefix("/*").removesuffix("*/")
    if "\n" not in body:
        return body.strip()
    lines = [_BLOCK_LINE_PREFIX.sub("", line, count=1) for line in body.splitlines()]
    return textwrap.dedent("\n".join(lines)).strip()


def clean_lines(texts: list[str]) -> str:
    """`//`, `///` or `//!` lines without their markers."""
    lines = (_LINE_PREFIX.sub("", line.rstrip("\r"), count=1) for line in texts)
    return textwrap.dedent("\n".join(lines)).strip()


def is_doc_block(text: str) -> bool:
    return text.startswith("/**") and not text.startswith("/***") and text != "/**/"


def jsdoc_above(parsed: ParsedFile, node: Node, *, skip_types: frozenset[str] = frozenset()) -> str | None:
    """The `/** … */` comment directly above `node` (JavaScript, TypeScript, Java)."""
    comments = comments_above(node, skip_types=skip_types)
    if not comments:
        # `/** … */`, one blank line, then the declaration: the Express and Node core style, which
        # JSDoc and TypeScript still attach to the declaration.
        previous = node.prev_sibling
        if (
            previous is None
            or not is_comment(previous)
            or _is_trailing(previous)
            or previous.end_point[0] < node.start_point[0] - 2
        ):
            return None
        comments = [previous]
    nearest = parsed.text(comments[-1])
    if not is_doc_block(nearest):
        return None
    return clean_block(nearest) or None
