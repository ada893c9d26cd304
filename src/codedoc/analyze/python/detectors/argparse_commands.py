"""argparse programs: `ArgumentParser(prog=..., description=...)`, `add_argument(...)` → parameters,
`add_subparsers().add_parser("name", help=...)` → sub-commands, `set_defaults(func=handler)`.

Parsers are followed through the variables they are assigned to, in source order, the way the
program builds them; anything computed (names from a loop, parsers passed around) is skipped.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.names import HandlerNames, script_name
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    bool_value,
    dotted_name,
    first_paragraph,
    keyword,
    last_name,
    location,
    marked_statements,
    string_value,
    text_value,
)
from codedoc.model import Command, CommandParameter, Location, Module

FRAMEWORK = "argparse"
_FLAG_ACTIONS = frozenset({"store_true", "store_false", "store_const", "count", "version", "help", "append_const"})
_MAX_CHAIN = 50
_TOKENS = ("ArgumentParser", ".add_", "set_defaults")
"""Every call that builds a parser spells one of these; only the lines holding them are read."""


@dataclass(slots=True)
class _Parser:
    name: str
    help: str | None
    location: Location
    parameters: list[CommandParameter] = field(default_factory=list)
    handler: str | None = None


@dataclass(frozen=True, slots=True)
class _Subparsers:
    parent: _Parser


@dataclass(frozen=True, slots=True)
class _Group:
    parser: _Parser


_Value = _Parser | _Subparsers | _Group


class _Interpreter:
    def __init__(self, tree: ast.Module, module: Module, context: FileContext, text: str) -> None:
        self.module = module
        self.context = context
        self.source = SourceText(text)
        self.names = HandlerNames(tree, module, self.source, is_package=context.is_package)
        self.variables: dict[str, _Value] = {}
        self.parsers: list[_Parser] = []

    def run(self, tree: ast.Module, text: str) -> None:
        for node in marked_statements(tree, text, _TOKENS):
            if isinstance(node, ast.Assign):
                value = self.evaluate(node.value)
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self._bind(target.id, value)
            elif isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name):
                self._bind(node.target.id, self.evaluate(node.value))
            elif isinstance(node, ast.Expr):
                self.evaluate(node.value)

    def _bind(self, name: str, value: _Value | None) -> None:
        if value is None:
            self.variables.pop(name, None)  # rebinding a name to something else forgets the parser
        else:
            self.variables[name] = value

    def evaluate(self, node: ast.AST, depth: int = 0) -> _Value | None:
        if depth > _MAX_CHAIN:
            return None
        if isinstance(node, ast.Name):
            return self.variables.get(node.id)
        if not isinstance(node, ast.Call):
            return None
        if last_name(node.func) == "ArgumentParser":
            return self._new_parser(node)
        if not isinstance(node.func, ast.Attribute):
            return None
        receiver = self.evaluate(node.func.value, depth + 1)
        method = node.func.attr
        if isinstance(receiver, _Group):
            receiver = receiver.parser if method != "add_parser" else None
        if isinstance(receiver, _Parser):
            return self._parser_method(receiver, method, node)
        if isinstance(receiver, _Subparsers) and method == "add_parser":
            return self._sub_parser(receiver.parent, node)
        return None

    def _new_parser(self, call: ast.Call) -> _Parser:
        prog = string_value(keyword(call, "prog"))
        description = string_value(argument(call, 1, "description"))
        parser = _Parser(prog or script_name(self.module), first_paragraph(description), location(self.context, call))
        self.parsers.append(parser)
        return parser

    def _sub_parser(self, parent: _Parser, call: ast.Call) -> _Parser | None:
        name = string_value(argument(call, 0, "name"))
        if name is None:
            return None
        help_text = text_value(keyword(call, "help")) or text_value(keyword(call, "description"))
        parser = _Parser(f"{parent.name} {name}", first_paragraph(help_text), location(self.context, call))
        self.parsers.append(parser)
        return parser

    def _parser_method(self, parser: _Parser, method: str, call: ast.Call) -> _Value | None:
        if method == "add_argument":
            parameter = self._parameter(call)
            if parameter is not None:
                parser.parameters.append(parameter)
        elif method in ("add_argument_group", "add_mutually_exclusive_group"):
            return _Group(parser)
        elif method == "add_subparsers":
            return _Subparsers(parser)
        elif method == "set_defaults":
            handler = keyword(call, "func")
            if handler is not None:
                parser.handler = self.names.resolve(handler)
        return None

    def _parameter(self, call: ast.Call) -> CommandParameter | None:
        declarations = [value for arg in call.args if (value := string_value(arg)) is not None]
        if not declarations:
            return None
        help_node = keyword(call, "help")
        if dotted_name(help_node) in ("argparse.SUPPRESS", "SUPPRESS"):
            return None  # hidden from --help on purpose
        help_text = text_value(help_node)
        default_node = keyword(call, "default")
        default = self.source.segment(default_node) if default_node is not None else None
        action_node = keyword(call, "action")
        action = string_value(action_node) or last_name(action_node)
        is_flag = action in _FLAG_ACTIONS or action == "BooleanOptionalAction"
        if action == "version":
            help_text = help_text or "Show the program's version number and exit."
        if not declarations[0].startswith("-"):
            nargs = string_value(keyword(call, "nargs"))
            return CommandParameter(declarations[0], "argument", help_text, default, nargs not in ("?", "*"))
        name = next((d for d in declarations if d.startswith("--")), declarations[0])
        required = bool(bool_value(keyword(call, "required")))
        return CommandParameter(name, "flag" if is_flag else "option", help_text, default, required)


def detect_argparse_commands(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "ArgumentParser" not in text:
        return FileFacts()
    interpreter = _Interpreter(tree, module, context, text)
    interpreter.run(tree, text)
    commands = tuple(
        Command(
            name=parser.name,
            location=parser.location,
            framework=FRAMEWORK,
            handler=parser.handler,
            help=parser.help,
            parameters=tuple(parser.parameters),
        )
        for parser in interpreter.parsers
    )
    return FileFacts(commands=commands)
