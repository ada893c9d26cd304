"""What a function's body visibly does — what it calls, returns, yields and raises — read from the source.

These facts ground the offline docstring: every name they carry was read from the body itself.
Python bodies are read with `ast`; the other languages with their tree-sitter grammars
(`codedoc.docstrings.facts_treesitter`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

_MAX_CALLS = 4
_MAX_TEXT = 60


@dataclass(frozen=True, slots=True)
class Raised:
    name: str
    """The exception (or error type) as written, e.g. `ValueError` or `errors.NotFound`."""
    condition: str | None = None
    """The test of the `if` the raise sits in, as written, when it is short."""
    message: str | None = None
    """The literal message it is raised with, when there is one."""


@dataclass(frozen=True, slots=True)
class BodyFacts:
    calls: tuple[str, ...] = ()
    """Names of the functions the body calls, first seen first, without builtins and duplicates."""
    returns_value: bool = False
    yields: bool = False
    raises: tuple[Raised, ...] = ()
    returned: str | None = None
    """The one expression every `return` gives back, as written, when it is short and the same."""


NO_FACTS = BodyFacts()

_BORING_CALLS = frozenset(
    {
        "len", "str", "int", "float", "bool", "list", "dict", "set", "tuple", "isinstance", "print",
        "super", "range", "enumerate", "zip", "sorted", "getattr", "setattr", "hasattr", "type",
        "repr", "min", "max", "any", "all", "iter", "next", "map", "filter", "frozenset", "format",
        "append", "extend", "get", "join", "split", "strip", "items", "keys", "values", "update",
        "startswith", "endswith", "replace", "lower", "upper", "add", "pop", "copy", "Ok", "Err", "Some",
    }
)  # fmt: skip


def short(text: str) -> str | None:
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_TEXT else None


def keep_call(name: str, seen: list[str]) -> None:
    for prefix in ("self.", "cls.", "this.", "super()."):
        name = name.removeprefix(prefix)
    if any(part.startswith("_") for part in name.split(".")):
        return  # private helpers are the body's business, not the reader's
    if name and name not in seen and name.rpartition(".")[2] not in _BORING_CALLS and len(seen) < _MAX_CALLS:
        seen.append(name)


def python_facts(tree: ast.Module, qualname: str, start_line: int) -> BodyFacts:
    """Facts of the function `qualname` starting at `start_line` (first decorator or `def`)."""
    node = _find_python(tree, qualname, start_line)
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return NO_FACTS
    calls: list[str] = []
    raises: list[Raised] = []
    returned: set[str] = set()
    returns_value = yields = False
    for statement, condition in _walk_body(node.body, None):
        if isinstance(statement, ast.Raise) and statement.exc is not None:
            raises.append(_python_raise(statement.exc, condition))
        for child in _walk_expressions(statement):
            if isinstance(child, ast.Call):
                keep_call(_dotted(child.func), calls)
            elif isinstance(child, ast.Yield | ast.YieldFrom):
                yields = True
        if isinstance(statement, ast.Return) and statement.value is not None:
            returns_value = True
            # unparse, not get_source_segment: that one splits the whole file again on every call.
            returned.add(ast.unparse(statement.value))
    calls = [call for call in calls if call not in {r.name for r in raises}]
    first_of_each: dict[str, Raised] = {}
    for raised in raises:
        first_of_each.setdefault(raised.name, raised)
    unique = tuple(first_of_each.values())
    only = next(iter(returned)) if len(returned) == 1 else None
    return BodyFacts(
        calls=tuple(calls),
        returns_value=returns_value,
        yields=yields,
        raises=unique,
        returned=short(only) if only else None,
    )


def _find_python(tree: ast.Module, qualname: str, start_line: int) -> ast.AST | None:
    parts = qualname.split(".")

    def search(body: list[ast.stmt], depth: int) -> ast.AST | None:
        for statement, _ in _walk_body(body, None, into_defs=False):
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if statement.name != parts[depth]:
                continue
            if depth == len(parts) - 1:
                first = statement.decorator_list[0].lineno if statement.decorator_list else statement.lineno
                if start_line in (first, statement.lineno):
                    return statement
                continue
            found = search(list(statement.body), depth + 1)
            if found is not None:
                return found
        return None

    return search(tree.body, 0)


def _walk_body(
    body: list[ast.stmt], condition: str | None, *, into_defs: bool = False
) -> Iterator[tuple[ast.stmt, str | None]]:
    """Statements of a body with the `if` test each sits under, not entering nested functions or classes."""
    for statement in body:
        yield statement, condition
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and not into_defs:
            continue
        if isinstance(statement, ast.If):
            test = ast.unparse(statement.test)
            yield from _walk_body(statement.body, test, into_defs=into_defs)
            yield from _walk_body(statement.orelse, None, into_defs=into_defs)
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(statement, field, None)
            if not isinstance(children, list):
                continue
            for child in children:
                if isinstance(child, ast.stmt):
                    yield from _walk_body([child], condition, into_defs=into_defs)
                elif isinstance(child, ast.ExceptHandler | ast.match_case):
                    yield from _walk_body(child.body, condition, into_defs=into_defs)


def _walk_expressions(statement: ast.stmt) -> Iterator[ast.AST]:
    """The expressions of one statement itself (not of the statements nested in it)."""
    stack: list[ast.AST] = [
        value
        for field, value in ast.iter_fields(statement)
        if field not in ("body", "orelse", "finalbody", "handlers", "cases") and isinstance(value, ast.AST)
    ]
    for field, value in ast.iter_fields(statement):
        if field not in ("body", "orelse", "finalbody", "handlers", "cases") and isinstance(value, list):
            stack.extend(item for item in value if isinstance(item, ast.AST))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Lambda | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _python_raise(exc: ast.expr, condition: str | None) -> Raised:
    target = exc.func if isinstance(exc, ast.Call) else exc
    message = None
    if isinstance(exc, ast.Call) and exc.args and isinstance(exc.args[0], ast.Constant):
        value = exc.args[0].value
        message = short(value) if isinstance(value, str) else None
    return Raised(_dotted(target) or ast.unparse(target), short(condition) if condition else None, message)


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return ""
