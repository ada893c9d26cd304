"""`noxfile.py`, read with `ast`: each `@nox.session` function is a task (`nox -s tests`)."""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.python_source import parse_python
from codedoc.analyze.manifests.task_kinds import describe_command, infer_task_kind


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return f"{target.value.id}.{target.attr}"
    return target.id if isinstance(target, ast.Name) else ""


def _session_name(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    for decorator in function.decorator_list:
        if _decorator_name(decorator) not in ("nox.session", "session"):
            continue
        if isinstance(decorator, ast.Call):
            for keyword in decorator.keywords:
                if (
                    keyword.arg == "name"
                    and isinstance(keyword.value, ast.Constant)
                    and isinstance(keyword.value.value, str)
                ):
                    return keyword.value.value
        return function.name
    return None


def _session_commands(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """`session.run("pytest", "-q")` → `pytest -q`, for the literal arguments."""
    commands = []
    for node in ast.walk(function):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in ("run", "install", "run_always", "run_install"):
            continue
        words = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        if words:
            prefix = "pip install " if node.func.attr == "install" else ""
            commands.append(prefix + " ".join(words))
    return commands


@guarded
def analyze_noxfile(*, context: FileContext, text: str) -> FileFacts:
    tree = parse_python(text, context.path, "noxfile.py")
    facts = Facts(context)
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        name = _session_name(function)
        if name is None:
            continue
        commands = _session_commands(function)
        runs = [command for command in commands if not command.startswith("pip install")]
        kind = infer_task_kind(name, "\n".join(runs))
        if kind == "other" and name in ("tests", "test", "unit"):
            kind = "test"
        invocation = f"nox -s {name}"
        start = min([function.lineno, *(d.lineno for d in function.decorator_list)])
        facts.task(
            invocation,
            describe_command(invocation, commands),
            kind=kind,
            source="nox",
            span=(start, function.end_lineno or function.lineno),
        )
    return facts.result()
