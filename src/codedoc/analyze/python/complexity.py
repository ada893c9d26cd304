"""Cyclomatic complexity of a Python function, from the `ast` already parsed: 1 + its decision
points (`if`/`elif`, loops, `except`, conditional expressions, each extra operand of `and`/`or`,
comprehension `for`s and `if`s, `match` cases, `assert`), as radon and mccabe count them.
Nested functions and classes are measured on their own, not added to the enclosing function."""

from __future__ import annotations

import ast

_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.Assert, ast.match_case)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def python_complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    count = 1
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, _NESTED):
            continue
        if isinstance(node, _BRANCHES):
            count += 1
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        elif isinstance(node, ast.comprehension):
            count += 1 + len(node.ifs)
        stack.extend(ast.iter_child_nodes(node))
    return count
