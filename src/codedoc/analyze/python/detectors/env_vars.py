"""Environment variables read with the standard library: `os.environ["X"]`, `os.environ.get("X",
default)`, `os.getenv("X", default)`, `os.environ.setdefault(...)`, `"X" in os.environ`, and the
same through `from os import environ, getenv`.

Only literal names count: `os.environ[name]` says nothing a reader can use. A variable read several
times in a file is reported once, at its first read, with a default when any read gives one, and a
type when a read is wrapped in `int(...)`, `float(...)` or `bool(...)`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.redaction import shown_default
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    location,
    marked_nodes,
    marked_statements,
    string_value,
)
from codedoc.model import Module, Setting

_ENVIRON_METHODS = frozenset({"get", "setdefault", "pop"})
_CASTS = frozenset({"int", "float", "bool", "str", "Path", "Decimal"})


@dataclass(slots=True)
class _OsNames:
    modules: set[str]
    environ: set[str]
    getenv: set[str]

    @classmethod
    def of(cls, tree: ast.Module, text: str) -> _OsNames:
        names = cls(set(), set(), set())
        for node in marked_statements(tree, text, ("import",)):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "os" or (alias.name.startswith("os.") and alias.asname is None):
                        names.modules.add(alias.asname or "os")
            elif isinstance(node, ast.ImportFrom) and node.module == "os" and not node.level:
                for alias in node.names:
                    if alias.name == "environ":
                        names.environ.add(alias.asname or alias.name)
                    elif alias.name == "getenv":
                        names.getenv.add(alias.asname or alias.name)
        return names

    def is_environ(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.environ
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and isinstance(node.value, ast.Name)
            and node.value.id in self.modules
        )

    def is_getenv(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.getenv
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "getenv"
            and isinstance(node.value, ast.Name)
            and node.value.id in self.modules
        )


def _read(node: ast.AST, names: _OsNames) -> tuple[str, ast.expr | None, str] | None:
    """(variable name, default expression, source) when `node` reads an environment variable."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and names.is_environ(node.value):
        name = string_value(node.slice)
        return (name, None, "os.environ") if name is not None else None
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.In | ast.NotIn):
        name = string_value(node.left)
        if name is not None and names.is_environ(node.comparators[0]):
            return name, None, "os.environ"
        return None
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in _ENVIRON_METHODS and names.is_environ(func.value):
        source = "os.environ"
    elif names.is_getenv(func):
        source = "os.getenv"
    else:
        return None
    name = string_value(argument(node, 0, "key"))
    if name is None:
        return None
    return name, argument(node, 1, "default"), source


def detect_env_vars(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "environ" not in text and "getenv" not in text:
        return FileFacts()
    names = _OsNames.of(tree, text)
    if not (names.modules or names.environ or names.getenv):
        return FileFacts()
    source = SourceText(text)
    casts: dict[int, str] = {}
    found: dict[str, Setting] = {}
    # Parents come before children: `int(...)` is seen before the read inside it.
    tokens = {"environ", "getenv", *names.environ, *names.getenv}  # `from os import getenv as env`
    for node in marked_nodes(tree, text, tokens):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CASTS and node.args:
            casts[id(node.args[0])] = node.func.id
        read = _read(node, names)
        if read is None:
            continue
        name, default_node, how = read
        default = shown_default(name, source.segment(default_node) if default_node is not None else None)
        known = found.get(name)
        setting = Setting(
            name=name,
            location=location(context, node),
            source=how,
            default=default,
            type=casts.get(id(node)),
        )
        if known is None or setting.location.start_line < known.location.start_line:
            first, other = setting, known
        else:
            first, other = known, setting
        if other is not None:
            first = Setting(
                first.name,
                first.location,
                first.source,
                first.default if first.default is not None else other.default,
                first.type or other.type,
            )
        found[name] = first
    return FileFacts(settings=tuple(sorted(found.values(), key=lambda s: s.location.start_line)))
