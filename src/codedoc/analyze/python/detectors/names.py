"""What the names of a file stand for: imported names resolved to dotted paths, and handlers
(`index`, `views.index`, `ArticleView.as_view()`) resolved to qualified names a reader can
look up in the API reference."""

from __future__ import annotations

import ast

from codedoc.analyze.python.detectors.syntax import (
    Definition,
    SourceText,
    docstring,
    dotted_name,
    first_line,
    marked_statements,
)
from codedoc.model import Module


def package_of(module_name: str, is_package: bool) -> str:
    return module_name if is_package else module_name.rpartition(".")[0]


def resolve_relative(module_name: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute dotted name of `from <level dots><target> import …` written in this module."""
    base = package_of(module_name, is_package)
    for _ in range(max(0, level - 1)):
        base = base.rpartition(".")[0]
    if target:
        return f"{base}.{target}" if base else target
    return base


def import_table(tree: ast.Module, text: str, module_name: str, is_package: bool) -> dict[str, str]:
    """Local name → the dotted name it was imported as (`np` → `numpy`, `index` → `app.views.index`)."""
    table: dict[str, str] = {}
    for node in marked_statements(tree, text, ("import",)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    table[alias.asname] = alias.name
                else:
                    head = alias.name.partition(".")[0]
                    table[head] = head
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                source = resolve_relative(module_name, is_package, node.level, node.module)
            for alias in node.names:
                if alias.name == "*":
                    continue
                table[alias.asname or alias.name] = f"{source}.{alias.name}" if source else alias.name
    return table


def top_level_definitions(tree: ast.Module) -> dict[str, Definition]:
    """Functions and classes defined at module level, by name."""
    return {
        node.name: node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    }


def script_name(module: Module) -> str:
    """What a single-command script is called when nothing names it: its module (or package for `__main__`)."""
    parts = module.name.split(".")
    if len(parts) > 1 and parts[-1] == "__main__":
        return parts[-2]
    return parts[-1]


class HandlerNames:
    """Turns the expression naming a view/endpoint/callback into a qualified name."""

    def __init__(self, tree: ast.Module, module: Module, source: SourceText, *, is_package: bool) -> None:
        self.module = module
        self.source = source
        self.local = top_level_definitions(tree)
        self.imports = import_table(tree, source.text, module.name, is_package or module.is_package)

    def resolve(self, node: ast.AST | None) -> str | None:
        if node is None:
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_view":
            # Class-based views: the class is the handler.
            return self.resolve(node.func.value)
        name = dotted_name(node)
        if name is None:
            return self.source.segment(node)
        head, dot, rest = name.partition(".")
        if head in self.local:
            return f"{self.module.name}.{name}"
        if head in self.imports:
            return self.imports[head] + dot + rest
        if dot:
            return name
        return f"{self.module.name}.{name}"

    def local_definition(self, node: ast.AST | None) -> Definition | None:
        """The module-level `def`/`class` that `node` names (or `.as_view()`s), if it is in this file."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "as_view":
            node = node.func.value
        return self.local.get(node.id) if isinstance(node, ast.Name) else None

    def summary(self, node: ast.AST | None) -> str | None:
        """First docstring line of the handler, when it is defined in this file."""
        definition = self.local_definition(node)
        return first_line(docstring(definition)) if definition is not None else None
