"""Cyclomatic complexity of a Python function, from the `ast` already parsed: 1 + its decision
points (`if`/`elif`, loops, `except`, conditional expressions, each extra operand of `and`/`or`,
comprehension `for`s and `if`s, `match` cases, `assert`), as radon and mccabe count them.
Nested functions and classes are measured on their own, not added to the enclosing function."""

from __future__ import annotations

import ast

_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.Assert, ast.match_case)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _leaf_types() -> frozenset[type]:
    """Node types with no decision point below them: most of a function's nodes are these."""
    leaves: set[type] = {type(None), ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.alias}
    leaves.update((ast.Global, ast.Nonlocal))
    for base in (ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.expr_context):
        leaves.update(base.__subclasses__())
    return frozenset(leaves)


_LEAVES = _leaf_types()
# Per node type, the fields that can hold child nodes. `ast.iter_child_nodes` looks at every field
# of every node (including `ctx` and names) through a generator; this walk runs once per function
# of the repository, so it reads only what can matter.
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(kind: type) -> tuple[str, ...]:
    fields = tuple(name for name in getattr(kind, "_fields", ()) if name not in ("ctx", "type_comment"))
    _CHILD_FIELDS[kind] = fields
    return fields


def python_complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    count = 1
    stack: list[object] = list(function.body)
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind in _LEAVES or isinstance(node, _NESTED):
            continue
        if isinstance(node, _BRANCHES):
            count += 1
        elif kind is ast.BoolOp:
            count += len(node.values) - 1  # type: ignore[attr-defined]
        elif kind is ast.comprehension:
            count += 1 + len(node.ifs)  # type: ignore[attr-defined]
        for name in _CHILD_FIELDS.get(kind) or _child_fields(kind):
            value = getattr(node, name, None)
            if isinstance(value, list):
                extend(value)
            elif isinstance(value, ast.AST):
                push(value)
    return count
