"""YAML with line numbers: the safe loader's *composer* gives a node tree that keeps every
position and constructs no objects at all. Aliases stay shared nodes, so an anchor bomb costs
nothing unless walked, and every walk here has a fixed depth."""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from codedoc.analyze.manifests.guard import ManifestProblem
from codedoc.analyze.manifests.lines import Span

# GitLab CI leans on `<<: *defaults`; a few levels of merging cover real files.
_MAX_MERGE_DEPTH = 4


def compose_yaml(text: str, name: str) -> Node | None:
    """The first document's node tree (None when empty), or `ManifestProblem`."""
    try:
        # The pure-Python loader: its recursion ends in RecursionError; libyaml's might not.
        for document in yaml.compose_all(text, Loader=yaml.SafeLoader):
            return document
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "syntax error"
        raise ManifestProblem(f"{name} is not valid YAML: {problem} (line {line})", line) from None
    except yaml.YAMLError as error:
        raise ManifestProblem(f"{name} is not valid YAML: {error}") from None


def span(node: Node) -> Span:
    """The lines a node covers, from its first line to the last line of its last descendant."""
    start = node.start_mark.line + 1
    return (start, max(start, _end_line(node, 0)))


def _end_line(node: Node, depth: int) -> int:
    # A block collection ends where the *next* token starts (maybe after blank lines and comments),
    # so its real end is that of its last child. A block scalar's end mark is at column 0 of the
    # line after it, a plain or flow one's just past its last character.
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value and depth < 64:
        last = node.value[-1]
        if isinstance(last, tuple):
            return max(_end_line(last[0], depth + 1), _end_line(last[1], depth + 1))
        return _end_line(last, depth + 1)
    return node.end_mark.line + (1 if node.end_mark.column > 0 else 0)


def text_of(node: Node | None) -> str | None:
    if isinstance(node, ScalarNode):
        return str(node.value)
    return None


def items(node: Node | None, depth: int = 0) -> Iterator[tuple[str, Node, Node]]:
    """Key text, key node, value node of a mapping; merged (`<<`) keys after the mapping's own."""
    if not isinstance(node, MappingNode):
        return
    seen: set[str] = set()
    merged: list[Node] = []
    for key, value in node.value:
        name = text_of(key)
        if name is None:
            continue
        if name == "<<" and key.tag != "tag:yaml.org,2002:str":
            merged.extend(value.value if isinstance(value, SequenceNode) else [value])
            continue
        if name not in seen:
            seen.add(name)
            yield name, key, value
    if depth >= _MAX_MERGE_DEPTH:
        return
    for base in merged:
        for name, key, value in items(base, depth + 1):
            if name not in seen:
                seen.add(name)
                yield name, key, value


def get(node: Node | None, name: str) -> Node | None:
    for key, _, value in items(node):
        if key == name:
            return value
    return None


def elements(node: Node | None) -> list[Node]:
    return list(node.value) if isinstance(node, SequenceNode) else []


def strings(node: Node | None) -> list[tuple[str, Node]]:
    """A scalar or a sequence of scalars, as (text, node) pairs."""
    if isinstance(node, ScalarNode):
        return [(str(node.value), node)]
    return [(str(item.value), item) for item in elements(node) if isinstance(item, ScalarNode)]
