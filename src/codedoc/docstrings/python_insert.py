"""Docstrings into Python source through libcst, which keeps every other byte as it was.

The file's own newline, indentation and encoding are used for what is added. A one-line body
(`def f(): return 1`) becomes an indented block — the only change besides the docstring itself.
Every edit is proved harmless before it is returned: the new source compiles, and its AST equals
the old one once docstrings are set aside, with every old docstring still in place.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import libcst as cst

from codedoc.errors import CodeDocError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_OVERLOAD = frozenset({"overload"})
_Def = TypeVar("_Def", cst.ClassDef, cst.FunctionDef)
_LEAVES = (
    cst.SimpleStatementLine,
    cst.BaseExpression,
    cst.Decorator,
    cst.Parameters,
    cst.Annotation,
    cst.Arg,
    cst.EmptyLine,
    cst.TrailingWhitespace,
)


class UnsafeEdit(CodeDocError):
    """A file could not be edited safely (unparsable, or the check failed); it is left as it was."""


@dataclass(frozen=True, slots=True)
class PythonEdit:
    source: bytes
    added: tuple[str, ...]
    """Qualnames that received a docstring."""


def insert_python_docstrings(source: bytes, docs: Mapping[tuple[str, int], Sequence[str]], *, path: str) -> PythonEdit:
    """`source` with a docstring added to each `(qualname, start_line)` of `docs` that has none.

    `start_line` is the line of the first decorator or of `def`/`class`, as in the code model.
    """
    try:
        module = cst.parse_module(source)
    except (cst.ParserSyntaxError, UnicodeDecodeError, SyntaxError, ValueError) as error:
        raise UnsafeEdit(f"{path}: libcst cannot parse it ({_first_line(error)})") from None
    try:
        old_tree = ast.parse(source, filename=path)
    except (SyntaxError, ValueError) as error:
        raise UnsafeEdit(f"{path}: Python cannot parse it ({_first_line(error)})") from None
    inserter = _Inserter(module, docs, _definition_lines(old_tree))
    new_module = module.visit(inserter)
    if not inserter.added:
        return PythonEdit(source, ())
    try:
        new_source = new_module.bytes
    except UnicodeEncodeError:
        raise UnsafeEdit(f"{path}: a docstring cannot be written in the file's encoding ({module.encoding})") from None
    check_python_edit(old_tree, new_source, added=len(inserter.added), path=path)
    return PythonEdit(new_source, tuple(inserter.added))


Lines = tuple[int, int]
"""A definition's first line (its first decorator, or `def`/`class`) and the line of `def`/`class`."""


def _definition_lines(tree: ast.Module) -> dict[str, list[Lines]]:
    """Each qualname's definitions, in source order, with their lines (read from `ast`, which is
    much cheaper than libcst's position metadata)."""
    found: dict[str, list[Lines]] = {}

    def walk(node: ast.AST, names: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                qualname = ".".join([*names, child.name])
                first = child.decorator_list[0].lineno if child.decorator_list else child.lineno
                found.setdefault(qualname, []).append((first, child.lineno))
                walk(child, [*names, child.name])
            else:
                walk(child, names)

    walk(tree, [])
    return found


class _Inserter(cst.CSTTransformer):
    def __init__(
        self, module: cst.Module, docs: Mapping[tuple[str, int], Sequence[str]], lines: dict[str, list[Lines]]
    ) -> None:
        super().__init__()
        self.docs = docs
        self.lines = lines
        self.seen: dict[str, int] = {}
        self.current: list[Lines | None] = []
        self.default_indent = module.default_indent
        self.newline = module.default_newline
        self.indents: list[str] = []
        self.names: list[str] = []
        self.added: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        # Definitions live only in statement bodies: never descend into expressions, simple
        # statements, decorators or parameters (most of a file's nodes).
        if isinstance(node, _LEAVES):
            return False
        return super().on_visit(node)

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:  # noqa: N802
        self.indents.append(node.indent if node.indent is not None else self.default_indent)

    def leave_IndentedBlock(  # noqa: N802
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self.indents.pop()
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> None:  # noqa: N802
        self._enter(node.name.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:  # noqa: N802
        self._enter(node.name.value)

    def _enter(self, name: str) -> None:
        # libcst and ast meet the definitions of one qualname in the same (source) order.
        self.names.append(name)
        qualname = ".".join(self.names)
        index = self.seen.get(qualname, 0)
        self.seen[qualname] = index + 1
        known = self.lines.get(qualname, [])
        self.current.append(known[index] if index < len(known) else None)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:  # noqa: N802
        return self._leave(original_node, updated_node)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:  # noqa: N802
        return self._leave(original_node, updated_node)

    def _leave(self, original: _Def, updated: _Def) -> _Def:
        qualname = ".".join(self.names)
        self.names.pop()
        lines = self._docs_for(qualname, self.current.pop())
        if lines is None or original.get_docstring(clean=False) is not None or _is_overload(original):
            return updated
        body: cst.BaseSuite = updated.body
        own_indent = body.indent if isinstance(body, cst.IndentedBlock) and body.indent is not None else None
        indent = "".join(self.indents) + (own_indent if own_indent is not None else self.default_indent)
        docstring = cst.SimpleStatementLine(body=[cst.Expr(cst.SimpleString(self._literal(lines, indent)))])
        if isinstance(body, cst.IndentedBlock):
            new_body = body.with_changes(body=[docstring, *body.body])
        elif isinstance(body, cst.SimpleStatementSuite):
            statements = cst.SimpleStatementLine(body=body.body, trailing_whitespace=body.trailing_whitespace)
            new_body = cst.IndentedBlock(body=[docstring, statements])
        else:
            return updated
        self.added.append(qualname)
        return updated.with_changes(body=new_body)

    def _docs_for(self, qualname: str, lines: Lines | None) -> Sequence[str] | None:
        if lines is None:
            return None
        for line in lines:
            found = self.docs.get((qualname, line))
            if found is not None:
                return found
        return None

    def _literal(self, lines: Sequence[str], indent: str) -> str:
        escaped = [_escape(line) for line in lines]
        if len(escaped) == 1:
            text = escaped[0]
            if text.endswith('"'):
                text = text[:-1] + '\\"'
            return f'"""{text}"""'
        rest = [(indent + line) if line else "" for line in escaped[1:]]
        return '"""' + self.newline.join([escaped[0], *rest, indent]) + '"""'


def _escape(line: str) -> str:
    line = _CONTROL.sub("", line.replace("\t", "    ")).rstrip()
    return line.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def _is_overload(node: cst.ClassDef | cst.FunctionDef) -> bool:
    for decorator in node.decorators:
        target = decorator.decorator
        if isinstance(target, cst.Call):
            target = target.func
        name = target.attr.value if isinstance(target, cst.Attribute) else getattr(target, "value", None)
        if name in _OVERLOAD:
            return True
    return False


def check_python_edit(old_tree: ast.Module, new_source: bytes, *, added: int, path: str) -> None:
    """Raise `UnsafeEdit` unless `new_source` compiles and differs from the old tree only by `added` docstrings."""
    try:
        new_tree = ast.parse(new_source, filename=path)
        compile(new_tree, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        raise UnsafeEdit(f"{path}: the edited file would not compile ({_first_line(error)})") from None
    old_docs, new_docs = _pop_docstrings(old_tree), _pop_docstrings(new_tree)
    if len(new_docs) != len(old_docs) + added or not _is_subsequence(old_docs, new_docs):
        raise UnsafeEdit(f"{path}: the edit would change an existing docstring")
    if ast.dump(old_tree) != ast.dump(new_tree):
        raise UnsafeEdit(f"{path}: the edit would change the code, not only add docstrings")


def _pop_docstrings(tree: ast.Module) -> list[str]:
    """Remove every docstring from `tree` (in place) and return them in walk order."""
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = node.body[0] if node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            found.append(first.value.value)
            node.body.pop(0)
    return found


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(any(item == other for other in remaining) for item in short)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
