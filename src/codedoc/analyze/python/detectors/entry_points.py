"""Where a Python program starts: `if __name__ == "__main__":` blocks, and `__main__.py` files
(which make a package runnable as `python -m package`)."""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.syntax import dotted_name, location, string_value
from codedoc.model import EntryPoint, Location, Module

KIND = "main_module"
_WRAPPERS = frozenset({"sys.exit", "exit", "SystemExit", "asyncio.run", "anyio.run", "trio.run", "print", "pprint"})


def _is_main_guard(statement: ast.stmt) -> bool:
    if not isinstance(statement, ast.If):
        return False
    test = statement.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = (test.left, test.comparators[0])
    return any(isinstance(side, ast.Name) and side.id == "__name__" for side in sides) and any(
        string_value(side) == "__main__" for side in sides
    )


def _called(statement: ast.stmt) -> str | None:
    """The function a statement runs, looking through `sys.exit(...)`, `asyncio.run(...)` and the like."""
    if isinstance(statement, ast.Expr):
        node: ast.expr | None = statement.value
    elif isinstance(statement, ast.Raise):
        node = statement.exc
    else:
        return None
    for _ in range(5):
        if not isinstance(node, ast.Call):
            return None
        name = dotted_name(node.func)
        if name in _WRAPPERS and node.args:
            node = node.args[0]
            continue
        return name
    return None


def _first_call(body: list[ast.stmt]) -> str | None:
    for statement in body:
        if (name := _called(statement)) is not None:
            return name
    return None


def package_of_main(module_name: str) -> str:
    return module_name.removesuffix(".__main__") if module_name != "__main__" else module_name


def _command(context: FileContext, runs: str) -> str:
    """How a user starts it: `python -m pkg.mod` for a module of a package, else `python path.py`."""
    if "." in runs or context.is_package or context.path.endswith("/__main__.py"):
        return f"python -m {runs}"
    return f"python {context.path}"


def _target(tree: ast.Module, runs: str, called: str | None) -> str:
    """The function it runs when this module defines it (`requests.help.main`), else the module."""
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    if called and called in defined:
        return f"{runs}.{called}"
    return runs


def detect_entry_points(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    is_main_file = context.path == "__main__.py" or context.path.endswith("/__main__.py")
    if not is_main_file and "__main__" not in text:
        return FileFacts()
    guard = next((statement for statement in tree.body if _is_main_guard(statement)), None)
    if is_main_file:
        package = package_of_main(module.name)
        where = (
            location(context, guard)
            if guard is not None
            else Location(context.path, 1, max(1, module.line_count or len(text.splitlines())))
        )
        # Named by the command that starts it (`python -m package`): a called function's name
        # (`main`, or `print` for `print(where())`) says nothing about which program this is.
        command = f"python -m {package}"
        return FileFacts(entry_points=(EntryPoint(name=command, target=package, kind=KIND, location=where),))
    if not isinstance(guard, ast.If):
        return FileFacts()
    called = _first_call(guard.body)
    return FileFacts(
        entry_points=(
            EntryPoint(
                name=_command(context, module.name),
                target=_target(tree, module.name, called),
                kind=KIND,
                location=location(context, guard),
            ),
        )
    )
