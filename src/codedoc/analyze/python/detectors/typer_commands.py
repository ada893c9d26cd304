"""typer commands: `app = typer.Typer()`, `@app.command()`, `app.add_typer(sub, name="users")`,
with parameters read from the function signature (`typer.Option`/`typer.Argument` defaults,
`Annotated[..., typer.Option(...)]`, or plain defaults, which typer makes options)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.names import script_name
from codedoc.analyze.python.detectors.option_envvars import envvar_settings
from codedoc.analyze.python.detectors.receivers import imported_names
from codedoc.analyze.python.detectors.syntax import (
    FunctionNode,
    SourceText,
    argument,
    assigned_calls,
    definitions,
    docstring,
    dotted_name,
    first_paragraph,
    is_ellipsis,
    keyword,
    last_name,
    location,
    marked_nodes,
    marked_statements,
    string_value,
    text_value,
)
from codedoc.model import Command, CommandParameter, Location, Module, Setting

FRAMEWORK = "typer"
_CONTEXT_TYPES = frozenset({"Context"})


@dataclass(slots=True)
class _App:
    name: str | None
    help: str | None
    location: Location
    parent: str | None = None
    handler: str | None = None


class _TyperNames:
    def __init__(self, tree: ast.Module, text: str) -> None:
        self.modules: set[str] = set()
        self.functions: dict[str, str] = {}
        for node in marked_statements(tree, text, ("import",)):
            if isinstance(node, ast.Import):
                self.modules.update(alias.asname or alias.name for alias in node.names if alias.name == "typer")
            elif isinstance(node, ast.ImportFrom) and node.module == "typer":
                self.functions.update((alias.asname or alias.name, alias.name) for alias in node.names)

    def function(self, node: ast.AST | None) -> str | None:
        name = dotted_name(node)
        if name is None:
            return None
        head, dot, rest = name.partition(".")
        if dot:
            return rest if head in self.modules and "." not in rest else None
        return self.functions.get(name)


def command_name_from_function(function_name: str) -> str:
    return function_name.lower().replace("_", "-")


def _annotated(annotation: ast.expr | None) -> tuple[ast.expr | None, list[ast.expr]]:
    """(the type, the metadata) of `Annotated[T, meta…]`; (annotation, []) for anything else."""
    if (
        isinstance(annotation, ast.Subscript)
        and last_name(annotation.value) == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
        and annotation.slice.elts
    ):
        return annotation.slice.elts[0], list(annotation.slice.elts[1:])
    return annotation, []


def _parameter(
    arg: ast.arg, default: ast.expr | None, typer: _TyperNames, source: SourceText
) -> tuple[CommandParameter, ast.Call | None] | None:
    """The parameter of one function argument, and the `typer.Option/Argument(...)` call that configures it."""
    type_node, metadata = _annotated(arg.annotation)
    if last_name(type_node) in _CONTEXT_TYPES:
        return None
    info: ast.Call | None = None
    declarations_from = 0
    for meta in metadata:
        if isinstance(meta, ast.Call) and typer.function(meta.func) in ("Option", "Argument"):
            info = meta
    if info is None and isinstance(default, ast.Call) and typer.function(default.func) in ("Option", "Argument"):
        # Old style `x: int = typer.Option(3, "--x")`: the first argument is the default.
        info, declarations_from = default, 1
        default = argument(default, 0, "default")
    kind_name = typer.function(info.func) if info is not None else ("Option" if default is not None else "Argument")
    is_bool = last_name(type_node) == "bool"
    declarations = [
        value for arg_node in (info.args[declarations_from:] if info else []) if (value := string_value(arg_node))
    ]
    if info is not None and declarations_from == 0 and (explicit := keyword(info, "default")) is not None:
        default = explicit
    required = default is None or is_ellipsis(default)
    default_text = None if required or default is None else source.segment(default)
    help_text = text_value(keyword(info, "help")) if info is not None else None
    if kind_name == "Argument":
        return CommandParameter(arg.arg, "argument", help_text, default_text, required), info
    name = next((d for d in declarations if d.startswith("--")), None)
    if name is None:
        dashed = "--" + arg.arg.replace("_", "-")
        name = f"{dashed}/--no-{arg.arg.replace('_', '-')}" if is_bool else dashed
    return CommandParameter(name, "flag" if is_bool else "option", help_text, default_text, required), info


def _parameters(
    function: FunctionNode, typer: _TyperNames, source: SourceText, context: FileContext, settings: list[Setting]
) -> tuple[CommandParameter, ...]:
    """The command's parameters from the signature; options read from the environment go to `settings`."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    padded: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = [*zip(positional, padded, strict=False), *zip(args.kwonlyargs, args.kw_defaults, strict=False)]
    parameters: list[CommandParameter] = []
    for arg, default in pairs:
        found = _parameter(arg, default, typer, source)
        if found is None:
            continue
        parameter, info = found
        parameters.append(parameter)
        if info is not None:
            settings.extend(envvar_settings(info, parameter, context, source=FRAMEWORK))
    return tuple(parameters)


def _full_name(key: str | None, apps: dict[str, _App], command: str | None = None) -> str:
    parts = [command] if command else []
    seen: set[str] = set()
    while key is not None and key in apps and key not in seen:
        seen.add(key)
        if apps[key].name:
            parts.append(apps[key].name or "")
        key = apps[key].parent
    return " ".join(reversed(parts))


def _typer_run_commands(
    tree: ast.Module,
    module: Module,
    context: FileContext,
    typer: _TyperNames,
    source: SourceText,
    settings: list[Setting],
) -> list[Command]:
    """`typer.run(main)`: a one-command program made of a plain function of this file."""
    functions = {
        qualname: node
        for qualname, node in definitions(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    found: list[Command] = []
    for node in marked_nodes(tree, source.text, ("run",)):
        if not (isinstance(node, ast.Call) and typer.function(node.func) == "run" and node.args):
            continue
        target = node.args[0]
        function = functions.get(target.id) if isinstance(target, ast.Name) else None
        if function is None:
            continue
        found.append(
            Command(
                name=script_name(module),
                location=location(context, function),
                framework=FRAMEWORK,
                handler=f"{module.name}.{function.name}",
                help=first_paragraph(docstring(function)),
                parameters=_parameters(function, typer, source, context, settings),
            )
        )
    return found


def detect_typer_commands(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "typer" not in text:
        return FileFacts()
    typer = _TyperNames(tree, text)
    if not typer.modules and not typer.functions:
        return FileFacts()
    source = SourceText(text)
    settings: list[Setting] = []
    apps: dict[str, _App] = {}
    for variable, call in assigned_calls(tree, marked_statements(tree, text, ("Typer",))):
        if typer.function(call.func) == "Typer":
            apps[variable] = _App(
                string_value(keyword(call, "name")), text_value(keyword(call, "help")), location(context, call)
            )
    for node in marked_nodes(tree, text, ("add_typer",)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "add_typer"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in apps
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in apps
            and node.args[0].id != node.func.value.id
        ):
            child = apps[node.args[0].id]
            child.parent = node.func.value.id
            child.name = string_value(keyword(node, "name")) or child.name
            child.help = text_value(keyword(node, "help")) or child.help
            child.location = location(context, node)

    imported = imported_names(tree, text)
    commands: list[Command] = []
    for qualname, definition in definitions(tree):
        if not isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in definition.decorator_list:
            if not (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr in ("command", "callback")
                and isinstance(decorator.func.value, ast.Name)
            ):
                continue
            app_key = decorator.func.value.id
            if app_key not in apps and app_key not in imported:
                continue
            help_text = text_value(keyword(decorator, "help")) or first_paragraph(docstring(definition))
            if decorator.func.attr == "callback":
                if app_key in apps:
                    apps[app_key].help = apps[app_key].help or help_text
                    apps[app_key].handler = f"{module.name}.{qualname}"
                continue
            name = string_value(argument(decorator, 0, "name")) or command_name_from_function(definition.name)
            commands.append(
                Command(
                    name=_full_name(app_key, apps, name),
                    location=location(context, definition),
                    framework=FRAMEWORK,
                    handler=f"{module.name}.{qualname}",
                    help=help_text,
                    parameters=_parameters(definition, typer, source, context, settings),
                )
            )
    commands.extend(_typer_run_commands(tree, module, context, typer, source, settings))
    groups = [
        Command(_full_name(key, apps), app.location, FRAMEWORK, app.handler, app.help)
        for key, app in apps.items()
        if app.name
    ]
    return FileFacts(commands=(*groups, *commands), settings=tuple(settings))
