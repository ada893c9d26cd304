"""click commands: `@click.command()`, `@click.group()`, `@<group>.command("name")`, options and
arguments from `@click.option`/`@click.argument`, and `group.add_command(cmd)` in the same file.

A sub-command is named `"<group> <sub>"` when its group is defined in the file; the group's own
name comes from its decorator or its function name, as click computes it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.option_envvars import envvar_settings
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    assigned_calls,
    bool_value,
    definitions,
    docstring,
    dotted_name,
    first_paragraph,
    keyword,
    location,
    marked_nodes,
    marked_statements,
    string_value,
    text_value,
)
from codedoc.model import Command, CommandParameter, Location, Module, Setting

FRAMEWORK = "click"
_CLICK_MODULES = frozenset({"click", "rich_click", "asyncclick", "cloup"})
_COMMAND_KINDS = frozenset({"command", "group"})
_PARAMETER_KINDS = frozenset({"option", "argument", "version_option", "password_option", "confirmation_option"})
_CLICK_SUFFIXES = frozenset({"command", "cmd", "group", "grp"})


def command_name_from_function(function_name: str) -> str:
    """click ≥ 8.2: lower-case, `_` → `-`, and a trailing `_command`/`_cmd`/`_group`/`_grp` dropped."""
    name = function_name.lower().replace("_", "-")
    left, dash, suffix = name.rpartition("-")
    if dash and left and suffix in _CLICK_SUFFIXES:
        return left
    return name


@dataclass(slots=True)
class _Record:
    function: str
    name: str
    parent: str | None
    """Key (function or variable name) of the group this command belongs to, if known."""
    handler: str | None
    help: str | None
    parameters: tuple[CommandParameter, ...]
    location: Location
    is_group: bool = False


class _ClickNames:
    """Which local names mean click: the module (`import click as c`) or its functions."""

    def __init__(self, tree: ast.Module, text: str) -> None:
        self.modules: set[str] = set()
        self.functions: dict[str, str] = {}
        for node in marked_statements(tree, text, ("import",)):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in _CLICK_MODULES:
                        self.modules.add(alias.asname or alias.name)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").partition(".")[0] in _CLICK_MODULES:
                for alias in node.names:
                    self.functions[alias.asname or alias.name] = alias.name

    def click_function(self, node: ast.AST) -> str | None:
        """`command` for `click.command` / an imported `command`; None for anything else."""
        name = dotted_name(node)
        if name is None:
            return None
        head, dot, rest = name.partition(".")
        if dot and head in self.modules and "." not in rest:
            return rest
        if not dot:
            return self.functions.get(name)
        return None


def _parameter(call: ast.Call, kind: str, source: SourceText) -> CommandParameter | None:
    declarations = [value for arg in call.args if (value := string_value(arg)) is not None]
    if kind in ("version_option", "password_option", "confirmation_option"):
        # Their positional arguments may be values (`version_option("1.0")`); only dashed ones name them.
        declarations = [declaration for declaration in declarations if declaration.startswith("-")]
    help_text = text_value(keyword(call, "help"))
    default_node = keyword(call, "default")
    default = source.segment(default_node) if default_node is not None else None
    required = bool_value(keyword(call, "required"))
    if kind == "version_option":
        return CommandParameter(
            _option_name(declarations) or "--version", "flag", help_text or "Show the version and exit."
        )
    if kind == "password_option":
        return CommandParameter(_option_name(declarations) or "--password", "option", help_text, None, False)
    if kind == "confirmation_option":
        return CommandParameter(_option_name(declarations) or "--yes", "flag", help_text)
    if kind == "argument":
        if not declarations:
            return None
        nargs = keyword(call, "nargs")
        optional = default_node is not None or (isinstance(nargs, ast.UnaryOp) and isinstance(nargs.op, ast.USub))
        return CommandParameter(
            declarations[0], "argument", help_text, default, not optional if required is None else required
        )
    name = _option_name(declarations)
    if name is None:
        return None
    is_flag = bool_value(keyword(call, "is_flag")) or bool_value(keyword(call, "count")) or "/" in name
    return CommandParameter(name, "flag" if is_flag else "option", help_text, default, bool(required))


def _option_name(declarations: list[str]) -> str | None:
    dashed = [d for d in declarations if d.startswith("-")]
    for declaration in dashed:
        if declaration.startswith("--"):
            return declaration
    return dashed[0] if dashed else (declarations[0] if declarations else None)


def _full_name(key: str, records: dict[str, _Record]) -> str:
    parts: list[str] = []
    seen: set[str] = set()
    current: str | None = key
    while current is not None and current in records and current not in seen:
        seen.add(current)
        parts.append(records[current].name)
        current = records[current].parent
    return " ".join(reversed(parts))


def detect_click_commands(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "click" not in text:
        return FileFacts()
    click = _ClickNames(tree, text)
    if not click.modules and not click.functions:
        return FileFacts()
    source = SourceText(text)
    records: dict[str, _Record] = {}
    settings: list[Setting] = []

    # Groups built without a decorator: `cli = click.Group(name="tool")`.
    for variable, call in assigned_calls(tree, marked_statements(tree, text, ("Group", "CommandCollection"))):
        if click.click_function(call.func) in ("Group", "CommandCollection"):
            name = string_value(argument(call, 0, "name")) or command_name_from_function(variable)
            records[variable] = _Record(
                variable,
                name,
                None,
                None,
                text_value(keyword(call, "help")),
                (),
                location(context, call),
                is_group=True,
            )

    for qualname, definition in definitions(tree):
        if not isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        command: ast.expr | None = None
        kind: str | None = None
        parent: str | None = None
        parameters: list[CommandParameter] = []
        for decorator in definition.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            function = click.click_function(target)
            if function in _COMMAND_KINDS:
                command, kind, parent = decorator, function, None
            elif (
                isinstance(target, ast.Attribute)
                and target.attr in _COMMAND_KINDS
                and isinstance(target.value, ast.Name)
                and target.value.id in records
                and records[target.value.id].is_group
            ):
                command, kind, parent = decorator, target.attr, target.value.id
            elif function in _PARAMETER_KINDS and isinstance(decorator, ast.Call):
                parameter = _parameter(decorator, function, source)
                if parameter is not None:
                    parameters.append(parameter)
                    settings.extend(envvar_settings(decorator, parameter, context, source=FRAMEWORK))
        if command is None:
            continue
        options = command if isinstance(command, ast.Call) else None  # `@click.command` may have no parentheses
        name = (string_value(argument(options, 0, "name")) if options else None) or command_name_from_function(
            definition.name
        )
        help_text = (text_value(keyword(options, "help")) if options else None) or first_paragraph(
            docstring(definition)
        )
        records[definition.name] = _Record(
            definition.name,
            name,
            parent,
            f"{module.name}.{qualname}",
            help_text,
            tuple(parameters),
            location(context, definition),
            is_group=kind == "group",
        )

    # `cli.add_command(hello)` / `cli.add_command(hello, name="hi")` attaches a command to a group.
    for node in marked_nodes(tree, text, ("add_command",)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_command"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in records
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in records
        ):
            continue
        child = records[node.args[0].id]
        if child.function == node.func.value.id:
            continue
        child.parent = node.func.value.id
        child.name = string_value(argument(node, 1, "name")) or child.name

    commands = tuple(
        Command(
            name=_full_name(key, records),
            location=record.location,
            framework=FRAMEWORK,
            handler=record.handler,
            help=record.help,
            parameters=record.parameters,
        )
        for key, record in records.items()
    )
    return FileFacts(commands=commands, settings=tuple(settings))
