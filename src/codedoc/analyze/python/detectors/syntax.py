"""Reading Python syntax trees the way every detector needs to: dotted names, literal values,
expressions quoted as written, docstrings, line spans, and the definitions of a module with
their qualified names.

Everything here tolerates odd code: a function given a node it does not understand returns
None (or nothing) rather than raising, so a detector can always return what it found.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TypeAlias

from codedoc.analyze.facts import FileContext
from codedoc.model import Location

Definition: TypeAlias = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
FunctionNode: TypeAlias = ast.FunctionDef | ast.AsyncFunctionDef

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WHITESPACE = re.compile(r"\s+")
MAX_VALUE_LENGTH = 200
"""Values quoted from the source are shortened to this many characters: they are shown, not run."""


class SourceText:
    """The file's text, to quote expressions exactly as written (`"x"` stays `"x"`, not `'x'`)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None

    @property
    def text(self) -> str:
        return self._text

    def segment(self, node: ast.AST, limit: int = MAX_VALUE_LENGTH) -> str:
        """The expression as written on its line; a multi-line one is re-rendered on one line."""
        written = self._single_line(node)
        if written is None:
            written = unparse(node)
        return shorten(written, limit)

    def _single_line(self, node: ast.AST) -> str | None:
        start, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        col, end_col = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if start is None or start != end or col is None or end_col is None:
            return None
        if self._lines is None:
            text = self._text
            # ast's line breaks are "\r\n", "\r" and "\n"; most files have only "\n", which `str.split` finds faster.
            self._lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
        if not 0 < start <= len(self._lines):
            return None
        # Column offsets count UTF-8 bytes, not characters; text read with `surrogateescape` must not raise.
        line = self._lines[start - 1].encode("utf-8", "surrogatepass")
        written: str = line[col:end_col].decode("utf-8", errors="replace")
        return written


def unparse(node: ast.AST) -> str:
    try:
        return _WHITESPACE.sub(" ", ast.unparse(node))
    except (RecursionError, ValueError, AttributeError, TypeError):
        return "…"


def shorten(value: str, limit: int = MAX_VALUE_LENGTH) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def dotted_name(node: ast.AST | None) -> str | None:
    """`a.b.c` for a chain of attributes on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def last_name(node: ast.AST | None) -> str | None:
    """The final component of a dotted name: `Column` for `sa.Column`."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def call_name(node: ast.AST | None) -> str | None:
    """The dotted name of what a call calls: `click.option` for `click.option("--x")`."""
    return dotted_name(node.func) if isinstance(node, ast.Call) else None


def string_value(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def text_value(node: ast.AST | None) -> str | None:
    """A string literal meant for readers (help, description) on one line; None when empty."""
    value = string_value(node)
    return " ".join(value.split()) or None if value is not None else None


def bool_value(node: ast.AST | None) -> bool | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    return None


def is_ellipsis(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def strings(node: ast.AST | None) -> tuple[str, ...]:
    """The string literals of a list, tuple or set literal (other elements are skipped)."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return tuple(value for element in node.elts if (value := string_value(element)) is not None)
    return ()


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == name:
            return item.value
    return None


def argument(call: ast.Call, index: int, name: str | None = None) -> ast.expr | None:
    """The argument at a position, or passed by keyword; None when absent or behind a `*args`."""
    if name is not None and (value := keyword(call, name)) is not None:
        return value
    positional = call.args[: index + 1]
    if len(positional) > index and not any(isinstance(arg, ast.Starred) for arg in positional):
        return call.args[index]
    return None


def docstring(node: ast.AST) -> str | None:
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module):
        return None
    try:
        return ast.get_docstring(node, clean=True)
    except (TypeError, ValueError):
        return None


def first_line(text: str | None) -> str | None:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()
    return None


def first_paragraph(text: str | None) -> str | None:
    """The opening paragraph on one line; click's `\\f` marker ends the help text early."""
    if not text:
        return None
    text = text.split("\f", 1)[0]
    lines: list[str] = []
    for line in text.strip().splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines) or None


def span(node: ast.AST) -> tuple[int, int]:
    """First and last line of a node, decorators included."""
    start = getattr(node, "lineno", 1) or 1
    for decorator in getattr(node, "decorator_list", ()):
        start = min(start, getattr(decorator, "lineno", start))
    end = getattr(node, "end_lineno", None) or start
    return start, max(start, end)


def location(context: FileContext, node: ast.AST) -> Location:
    start, end = span(node)
    return Location(context.path, start, end)


def _sub_bodies(statement: ast.stmt) -> Iterator[list[ast.stmt]]:
    """Statement lists nested in a compound statement (if/try/with/for/while/match)."""
    for field in ("body", "orelse", "finalbody"):
        value = getattr(statement, field, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            yield value
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


def _spans_a_line(lines: list[int], start: int, end: int | None) -> bool:
    """Whether a node on lines `start`..`end` (`end` None: one line) holds one of `lines` (sorted)."""
    index = bisect_left(lines, start)
    return index < len(lines) and lines[index] <= (end or start)


def definitions(tree: ast.Module, lines: list[int] | None = None) -> Iterator[tuple[str, Definition]]:
    """Every function and class in source order, with its qualified name in the module.

    A function nested in another is named `outer.inner` (Python's `<locals>` is left out: the
    name is for readers). Definitions inside `if`/`try` blocks keep their enclosing prefix.
    An explicit stack keeps deeply nested code from exhausting the recursion limit.

    With `lines` (sorted), only statements that span one of them are visited: the lines where
    `class` is written hold every class statement, so a search for classes skips the bodies without.
    """
    stack: list[tuple[str, Iterator[ast.stmt]]] = [("", iter(tree.body))]
    while stack:
        prefix, statements = stack[-1]
        statement = next(statements, None)
        if statement is None:
            stack.pop()
            continue
        if lines is not None and not _spans_a_line(lines, statement.lineno, statement.end_lineno):
            continue
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            qualname = f"{prefix}{statement.name}"
            yield qualname, statement
            stack.append((qualname + ".", iter(statement.body)))
        else:
            for body in reversed(list(_sub_bodies(statement))):
                stack.append((prefix, iter(body)))


def lines_with(text: str, tokens: Iterable[str]) -> list[int]:
    """Sorted numbers of the lines on which any of `tokens` occurs (1-based, as `ast` counts them)."""
    if "\r" in text:  # ast counts a lone "\r" as a line break too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    offsets: list[int] = []
    for token in tokens:
        offset = text.find(token)
        while offset != -1:
            offsets.append(offset)
            offset = text.find(token, offset + len(token))
    lines: list[int] = []
    line, previous = 1, 0
    for offset in sorted(offsets):
        line += text.count("\n", previous, offset)
        previous = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def nodes_on_lines(tree: ast.AST, lines: list[int]) -> Iterator[ast.AST]:
    """The nodes whose lines include one of `lines` (sorted), parents before children, in source order.

    Detectors look for calls and names that are spelled out in the text (`environ`, `add_url_rule`):
    finding those lines with `str.find` first and visiting only the nodes that span them is far
    cheaper than walking every node of a large file.
    """
    if not lines:
        return
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if node is not tree and getattr(node, "lineno", None) is not None:
            yield node
        children: list[ast.AST] = []
        for child in ast.iter_child_nodes(node):
            start = getattr(child, "lineno", None)
            if start is None:  # arguments, comprehensions, operators…: no position of their own
                children.append(child)
                continue
            if _spans_a_line(lines, start, getattr(child, "end_lineno", None)):
                children.append(child)
        stack.extend(reversed(children))


def marked_nodes(tree: ast.AST, text: str, tokens: Iterable[str]) -> Iterator[ast.AST]:
    """`nodes_on_lines` for the lines of `text` where one of `tokens` is written."""
    return nodes_on_lines(tree, lines_with(text, tokens))


_BLOCK_FIELDS: dict[type, tuple[str, ...]] = {}
_BLOCKS = ("body", "handlers", "orelse", "finalbody", "cases")


def _block_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that hold statements (or handlers and cases, which hold statements), in
    `_fields` order, which is the order `ast.iter_child_nodes` and `ast.walk` visit them in."""
    fields = _BLOCK_FIELDS.get(kind)
    if fields is None:
        fields = _BLOCK_FIELDS[kind] = tuple(name for name in getattr(kind, "_fields", ()) if name in _BLOCKS)
    return fields


def statements_on_lines(tree: ast.AST, lines: list[int], *, breadth_first: bool = False) -> Iterator[ast.stmt]:
    """The statements among `nodes_on_lines(tree, lines)`, in the same order (or in `ast.walk`'s with
    `breadth_first`), without visiting a single expression.

    Statements nest only in statements (through `except` handlers and `case`s), never in expressions:
    a detector after assignments or imports need not look at the rest of a line's nodes.
    """
    if not lines:
        return
    pending: deque[ast.AST] = deque((tree,))
    take = pending.popleft if breadth_first else pending.pop
    while pending:
        node = take()
        if isinstance(node, ast.stmt):
            yield node
        children: list[ast.AST] = []
        for field in _BLOCK_FIELDS.get(type(node)) or _block_fields(type(node)):
            for child in getattr(node, field):
                start = getattr(child, "lineno", None)
                if start is None:  # a `case` has no position of its own
                    children.append(child)
                    continue
                if _spans_a_line(lines, start, child.end_lineno):
                    children.append(child)
        pending.extend(children if breadth_first else reversed(children))


def marked_statements(
    tree: ast.AST, text: str, tokens: Iterable[str], *, breadth_first: bool = False
) -> Iterator[ast.stmt]:
    """`statements_on_lines` for the lines of `text` where one of `tokens` is written: imports on the lines
    that say `import`, assignments of a call on the lines that name the callee."""
    return statements_on_lines(tree, lines_with(text, tokens), breadth_first=breadth_first)


def assigned_calls(tree: ast.AST, nodes: Iterable[ast.AST] | None = None) -> Iterator[tuple[str, ast.Call]]:
    """`name = Call(...)` and `name: T = Call(...)` among `nodes` (default: the whole tree)."""
    for node in ast.walk(tree) if nodes is None else nodes:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(node.value, ast.Call):
            yield node.target.id, node.value
