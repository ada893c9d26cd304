"""The tree-sitter fallback, for Python that the running interpreter cannot parse.

Source written for a newer Python (PEP 695 `type X = …`, `class A[T]`, PEP 758 `except A, B:`)
and files with real syntax errors still get documented: tree-sitter recovers from errors, so
whatever it could read is kept, and a real error becomes a `Diagnostic`. The output follows the
same conventions as the `ast` extractor, so the rest of the pipeline cannot tell them apart.
"""

from __future__ import annotations

import dataclasses
import warnings

import tree_sitter_python
from tree_sitter import Language as Grammar
from tree_sitter import Node, Parser

from codedoc.analyze.facts import FileContext
from codedoc.analyze.python.conventions import count_lines
from codedoc.analyze.python.signatures import one_line, shorten
from codedoc.analyze.python.tree_extract import TreeExtractor
from codedoc.analyze.python.tree_nodes import decode
from codedoc.analyze.treesitter.complexity import measured, python_complexities
from codedoc.model import Diagnostic, FileCategory, Module

_PARSER: Parser | None = None
_GRAMMAR: Grammar | None = None


def _parser() -> Parser:
    # One parser per worker process: building one costs more than parsing a typical file.
    global _PARSER, _GRAMMAR
    if _PARSER is None:
        _GRAMMAR = Grammar(tree_sitter_python.language())
        _PARSER = Parser(_GRAMMAR)
    return _PARSER


def extract_with_tree_sitter(
    *, context: FileContext, text: str, error: Exception | None = None
) -> tuple[Module, tuple[Diagnostic, ...]]:
    """The code model of a Python file parsed by tree-sitter, and a diagnostic if it has errors.

    `error` is why `ast` refused the file; its message is used when both parsers agree on the line.
    """
    source = text.encode("utf-8", "surrogatepass")
    tree = _parser().parse(source)
    extractor = TreeExtractor(context, source)
    with warnings.catch_warnings():
        # Docstrings are evaluated with `ast.literal_eval`, which warns on `"\d"` like the compiler.
        warnings.simplefilter("ignore")
        module = extractor.module(tree.root_node, line_count=count_lines(text))
    if _GRAMMAR is not None and context.category is not FileCategory.TEST:
        # Complexity from the same parse, as `ast` files get it (and, like them, not for tests).
        complexities = python_complexities(tree.root_node, _GRAMMAR)
        module = dataclasses.replace(module, symbols=tuple(measured(module.symbols, complexities)))
    diagnostic = _syntax_diagnostic(context.path, tree.root_node, error)
    return module, (diagnostic,) if diagnostic is not None else ()


def _syntax_diagnostic(path: str, root: Node, error: Exception | None) -> Diagnostic | None:
    """Why the file was only partly understood, or None when tree-sitter read all of it.

    Tree-sitter is lenient (it accepts Python 2's `print x`), so a clean tree alone does not
    clear the file: `ast`'s complaint stands unless newer syntax on its line explains it.
    """
    if root.has_error:
        return _tree_error(path, root, error)
    if isinstance(error, SyntaxError):
        line = error.lineno
        if line is None or _newer_syntax_on(root, line - 1):
            return None
        return Diagnostic(path=path, message=f"syntax error at line {line}: {error.msg}", line=line)
    if isinstance(error, RecursionError | MemoryError):
        message = "too deeply nested for Python's parser; read with tree-sitter, framework detectors skipped"
        return Diagnostic(path=path, message=message, severity="info")
    if error is not None:
        return Diagnostic(path=path, message=f"Python cannot parse this file ({error}); read with tree-sitter")
    return None


def _newer_syntax_on(root: Node, row: int) -> bool:
    """Whether syntax newer than the running Python (PEP 695, 701, 758) sits on line `row` (0-based)."""
    pending = [root]
    while pending:
        node = pending.pop()
        if node.start_point.row > row or node.end_point.row < row:
            continue
        if _is_newer_syntax(node, row):
            return True
        pending.extend(node.children)
    return False


def _is_newer_syntax(node: Node, row: int) -> bool:
    kind = node.type
    if kind == "type_alias_statement":
        return True
    if kind in ("class_definition", "function_definition"):
        # The header from `class`/`def` to the end of `[T, …]` and the bases or parameters after it.
        parameters = node.child_by_field_name("type_parameters")
        if parameters is None:
            return False
        body = node.child_by_field_name("body")
        header_end = body.start_point.row - 1 if body is not None else parameters.end_point.row
        return row <= max(header_end, parameters.end_point.row)
    if kind == "except_clause":
        values = node.children_by_field_name("value")
        return len(values) > 1 and row <= values[-1].end_point.row
    return kind == "interpolation" and _reuses_quote(node)


def _reuses_quote(interpolation: Node) -> bool:
    """PEP 701: an f-string's replacement field holding its own quote or a backslash."""
    string = interpolation.parent
    start = string.child(0) if string is not None else None
    if start is None or start.type != "string_start":
        return False
    quote = decode(start.text or b"").lstrip("rRbBuUfFtT")[:1]
    inner = interpolation.text or b""
    return bool(quote) and (quote.encode() in inner or b"\\" in inner)


def _tree_error(path: str, root: Node, error: Exception | None) -> Diagnostic:
    bad = _first_error(root)
    line = bad.start_point.row + 1
    if isinstance(error, SyntaxError) and error.lineno == line and error.msg:
        reason = error.msg
    elif bad.is_missing:
        reason = f"missing {bad.type!r}"
    else:
        near = one_line(decode(bad.text or b""))
        reason = f"invalid syntax near {shorten(near, 40)!r}" if near else "invalid syntax"
    return Diagnostic(path=path, message=f"syntax error at line {line}: {reason}", line=line)


def _first_error(root: Node) -> Node:
    """The first ERROR or MISSING node in source order."""
    node = root
    while True:
        for child in node.children:
            if child.is_error or child.is_missing:
                return child
            if child.has_error:
                node = child
                break
        else:
            return node
