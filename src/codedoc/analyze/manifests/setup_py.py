"""`setup.py`, read with `ast` and never executed: the literal arguments of `setup(...)`, and
module-level constants they name (`install_requires=REQUIRES`)."""

from __future__ import annotations

import ast
from typing import Any

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts, as_str, first_line, project_metadata
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.python_source import parse_python
from codedoc.analyze.manifests.requirement_specs import parse_requirement

_SCRIPT_GROUPS = ("console_scripts", "gui_scripts")
_SETUP_NAMES = frozenset({"setup", "setuptools.setup", "distutils.core.setup", "core.setup"})


@guarded
def analyze_setup_py(*, context: FileContext, text: str) -> FileFacts:
    tree = parse_python(text, context.path, "setup.py")
    facts = Facts(context)
    constants = _module_constants(tree)
    call = next((node for node in ast.walk(tree) if _is_setup_call(node)), None)
    if not isinstance(call, ast.Call):
        return facts.result()
    arguments = _arguments(call, constants)
    for key in ("install_requires", "requires"):
        _requirements(arguments.get(key), constants, facts, dev=False)
    _requirements(arguments.get("tests_require"), constants, facts, dev=True)
    _requirements(arguments.get("setup_requires"), constants, facts, dev=True)
    extras = _resolve(arguments.get("extras_require"), constants)
    if isinstance(extras, ast.Dict):
        for value in extras.values:
            _requirements(value, constants, facts, dev=True)
    _entry_points(_resolve(arguments.get("entry_points"), constants), constants, facts)

    def text_argument(name: str) -> str | None:
        return as_str(_literal(_resolve(arguments.get(name), constants)))

    metadata = project_metadata(
        context.path,
        name=text_argument("name"),
        description=text_argument("description"),
        version=text_argument("version"),
        license=first_line(text_argument("license")),
    )
    return facts.result(metadata)


def _arguments(call: ast.Call, constants: dict[str, ast.expr]) -> dict[str, ast.expr]:
    """Keyword arguments, including those spread from a literal dict: `setup(**METADATA)`."""
    found: dict[str, ast.expr] = {}
    for keyword in call.keywords:
        if keyword.arg:
            found[keyword.arg] = keyword.value
            continue
        spread = _resolve(keyword.value, constants)
        if isinstance(spread, ast.Dict):
            for key, value in zip(spread.keys, spread.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found.setdefault(key.value, value)
        elif isinstance(spread, ast.Call) and _dotted(spread.func) == "dict":
            found.update({item.arg: item.value for item in spread.keywords if item.arg and item.arg not in found})
    return found


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_setup_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _dotted(node.func) in _SETUP_NAMES


def _module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """`NAME = <expr>` at module level; the last assignment wins, as when the file runs."""
    constants: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                constants[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
            constants[statement.target.id] = statement.value
    return constants


def _resolve(node: ast.expr | None, constants: dict[str, ast.expr]) -> ast.expr | None:
    # One hop only: `A = B` chains are rare and a cycle must not loop.
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return node


def _literal(node: ast.expr | None) -> Any:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def _string_items(node: ast.expr | None, constants: dict[str, ast.expr]) -> list[tuple[str, int, int]]:
    """Strings of a list/tuple literal (or one string with one item per line) with their lines."""
    node = _resolve(node, constants)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        found = []
        for element in node.elts:
            value = _literal(element)
            if isinstance(value, str):
                found.append((value, element.lineno, element.end_lineno or element.lineno))
        return found
    value = _literal(node)
    if isinstance(value, str) and node is not None:
        return [
            (line.strip(), node.lineno + offset, node.lineno + offset)
            for offset, line in enumerate(value.splitlines())
            if line.strip() and not line.strip().startswith("#")
        ]
    return []


def _requirements(node: ast.expr | None, constants: dict[str, ast.expr], facts: Facts, *, dev: bool) -> None:
    for raw, start, end in _string_items(node, constants):
        parsed = parse_requirement(raw)
        if parsed is not None:
            facts.dependency(parsed[0], "pypi", (start, end), version=parsed[1], dev=dev)


def _entry_points(node: ast.expr | None, constants: dict[str, ast.expr], facts: Facts) -> None:
    """`{"console_scripts": [...], "group": [...]}`, or the same as INI text: `"[console_scripts]\nname = mod:func"`.
    Scripts become commands; other groups are plugins the package registers."""
    items: list[tuple[str, str, int, int]] = []
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            group = _literal(key)
            if isinstance(group, str):
                items += [(group, *item) for item in _string_items(value, constants)]
    else:
        group = ""
        for raw, start, end in _string_items(node, constants):
            if raw.startswith("[") and raw.endswith("]"):
                group = raw[1:-1].strip()
            elif group:
                items.append((group, raw, start, end))
    for group, raw, start, end in items:
        name, _, target = raw.partition("=")
        if not (name.strip() and target.strip()):
            continue
        if group in _SCRIPT_GROUPS:
            facts.script(name.strip(), target.strip(), (start, end), framework="console_script", kind="console_script")
        else:
            facts.plugin(group, name.strip(), target.strip(), (start, end))
