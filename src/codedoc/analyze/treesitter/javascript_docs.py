"""The module docstring of a JavaScript or TypeScript file."""

from __future__ import annotations

import re

from tree_sitter import Node

from codedoc.analyze.treesitter.comments import clean_block, is_comment
from codedoc.analyze.treesitter.javascript_members import CLASS_VALUES, FUNCTION_VALUES
from codedoc.analyze.treesitter.parsing import ParsedFile

_FILE_TAGS = ("@file", "@fileoverview", "@module", "@overview")
_LICENSE = re.compile(r"copyright|licensed|@license|spdx-license-identifier|all rights reserved", re.IGNORECASE)
_VARIABLES = frozenset({"lexical_declaration", "variable_declaration"})


def file_doc(parsed: ParsedFile) -> str | None:
    """The leading block comment: one tagged `@file`, else the first `/** … */` (a license header
    is usually a plain `/* … */`), else the first block; never one that sits directly on a
    declaration, which documents that declaration instead, and never a license header (`/*!`,
    `Copyright (c) …`, `MIT Licensed`): it says who owns the file, not what it is for."""
    candidates: list[str] = []
    for child in parsed.root.children:
        if child.type == "hash_bang_line":
            continue
        if not is_comment(child):
            break
        raw = parsed.text(child)
        if any(tag in raw for tag in _FILE_TAGS):
            return clean_block(raw) or None
        if raw.startswith("/*!") or _LICENSE.search(raw):
            continue
        if raw.startswith("/*") and not _documents_next(child):
            candidates.append(raw)
    chosen = next((raw for raw in candidates if raw.startswith("/**")), candidates[0] if candidates else None)
    return clean_block(chosen) or None if chosen is not None else None


def _documents_next(comment: Node) -> bool:
    following = comment.next_named_sibling
    if following is None or is_comment(following) or following.start_point[0] > comment.end_point[0] + 1:
        return False
    if following.type in _VARIABLES:
        first = next((c for c in following.named_children if c.type == "variable_declarator"), None)
        value = first.child_by_field_name("value") if first is not None else None
        return value is not None and (value.type in FUNCTION_VALUES or value.type in CLASS_VALUES)
    return following.type not in ("import_statement", "expression_statement", "if_statement")
