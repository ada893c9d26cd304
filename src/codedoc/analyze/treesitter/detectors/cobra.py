"""cobra commands: `&cobra.Command{Use: "serve [flags] <dir>", Short: "…", RunE: run}`, their flags
(`cmd.Flags().StringP("addr", "a", ":8080", "listen address")`) and, within one file, the
command tree built by `root.AddCommand(child)` (a child's name is prefixed with its parent's)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.go_calls import handler_name, selector_calls
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, string_value
from codedoc.model import Command, CommandParameter, Location, Module

_FLAG_TYPES = [
    "String",
    "Bool",
    "Int",
    "Int8",
    "Int16",
    "Int32",
    "Int64",
    "Uint",
    "Uint8",
    "Uint16",
    "Uint32",
    "Uint64",
    "Float32",
    "Float64",
    "Duration",
    "Count",
    "StringSlice",
    "StringArray",
    "IntSlice",
    "Int32Slice",
    "Int64Slice",
    "UintSlice",
    "BoolSlice",
    "Float32Slice",
    "Float64Slice",
    "DurationSlice",
    "StringToString",
    "StringToInt",
    "StringToInt64",
    "IP",
    "IPSlice",
    "IPMask",
    "IPNet",
    "BytesHex",
    "BytesBase64",
]
_FLAG_METHODS = frozenset(f"{t}{suffix}" for t in _FLAG_TYPES for suffix in ("", "P", "Var", "VarP"))
_FLAG_SETS = frozenset({"Flags", "PersistentFlags", "LocalFlags"})
_ARGUMENT = re.compile(r"^([<\[])?([A-Za-z][\w.-]*?)(\.\.\.)?[>\]]?(\.\.\.)?$")


@dataclass(slots=True)
class _Found:
    name: str
    node: Node
    help: str | None
    handler: str | None
    use: str
    parameters: list[CommandParameter] = field(default_factory=list)


def _fields(parsed: ParsedFile, body: Node) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for element in body.named_children:
        if element.type == "keyed_element":
            key, value = element.child_by_field_name("key"), element.child_by_field_name("value")
            if key is not None and value is not None:
                found[parsed.text(key)] = value.named_children[0] if value.named_children else value
    return found


def _variable_of(parsed: ParsedFile, literal: Node) -> str | None:
    """The variable a `&cobra.Command{…}` is assigned to (`var serveCmd = …`, `cmd := …`)."""
    node = literal.parent
    if node is not None and node.type == "unary_expression":
        node = node.parent
    if node is None or node.type != "expression_list" or node.parent is None:
        return None
    statement = node.parent
    target = statement.child_by_field_name("name") if statement.type == "var_spec" else None
    if statement.type in ("short_var_declaration", "assignment_statement"):
        left = statement.child_by_field_name("left")
        target = left.named_children[0] if left is not None and left.named_children else None
    return parsed.text(target) if target is not None and target.type == "identifier" else None


def _positional(use: str) -> list[CommandParameter]:
    found: list[CommandParameter] = []
    for token in use.split()[1:]:
        match = _ARGUMENT.match(token)
        if match is None or match.group(2).lower() == "flags":
            continue
        required = match.group(1) != "["
        found.append(CommandParameter(name=match.group(2), kind="argument", required=required))
    return found


def _flag(parsed: ParsedFile, method: str, args: list[Node]) -> CommandParameter | None:
    values = list(args)
    if method.endswith(("Var", "VarP")):
        values = values[1:]  # the pointer the value is stored in
    has_short = method.endswith("P")
    is_count = method.startswith("Count")
    expected = 1 + has_short + (0 if is_count else 1) + 1
    if len(values) < expected:
        return None
    name = string_value(parsed, values[0])
    if not name:
        return None
    default = (
        None
        if is_count
        else one_line(string_value(parsed, values[1 + has_short]) or parsed.text(values[1 + has_short]))
    )
    help_text = string_value(parsed, values[-1])
    is_bool = method.startswith("Bool") and "Slice" not in method
    return CommandParameter(
        name=f"--{name}", kind="flag" if is_bool or is_count else "option", help=help_text, default=default or None
    )


def _flag_owner(parsed: ParsedFile, receiver: Node, flag_sets: dict[str, str]) -> str | None:
    """`cmd.Flags()` → cmd; `f` where `f := cmd.Flags()` → cmd."""
    if receiver.type == "identifier":
        return flag_sets.get(parsed.text(receiver))
    if receiver.type != "call_expression":
        return None
    function = receiver.child_by_field_name("function")
    if function is None or function.type != "selector_expression":
        return None
    if parsed.text(function.child_by_field_name("field")) not in _FLAG_SETS:
        return None
    return parsed.text(function.child_by_field_name("operand"))


def detect_cobra(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "spf13/cobra" not in text or "cobra.Command" not in text:
        return FileFacts()
    commands: dict[str, _Found] = {}
    anonymous: list[_Found] = []
    for match in parsed.matches("cobra_command"):
        literal = match["literal"][0]
        fields = _fields(parsed, match["body"][0])
        use = string_value(parsed, fields.get("Use")) or ""
        if not use.split():
            continue
        run = fields.get("RunE") or fields.get("Run")
        short = string_value(parsed, fields.get("Short")) or string_value(parsed, fields.get("Long"))
        found = _Found(use.split()[0], literal, short, handler_name(parsed, run) if run is not None else None, use)
        found.parameters += _positional(use)
        variable = _variable_of(parsed, literal)
        if variable is not None:
            commands[variable] = found
        else:
            anonymous.append(found)
    flag_sets: dict[str, str] = {}
    for call in selector_calls(parsed, _FLAG_SETS):
        owner = _flag_owner(parsed, call.node, {})
        statement = call.node.parent.parent if call.node.parent is not None else None
        if owner and statement is not None and statement.type == "short_var_declaration":
            left = statement.child_by_field_name("left")
            if left is not None and left.named_children:
                flag_sets[parsed.text(left.named_children[0])] = owner
    parents: dict[str, str] = {}
    required: set[tuple[str, str]] = set()
    for call in selector_calls(
        parsed, _FLAG_METHODS | {"AddCommand", "MarkFlagRequired", "MarkPersistentFlagRequired"}
    ):
        if call.method == "AddCommand":
            for child in call.arguments:
                parents[parsed.text(child)] = parsed.text(call.receiver)
        elif call.method.startswith("Mark"):
            flag = string_value(parsed, call.arguments[0]) if call.arguments else None
            if flag:
                required.add((parsed.text(call.receiver), f"--{flag}"))
        else:
            owner = _flag_owner(parsed, call.receiver, flag_sets)
            flag_param = _flag(parsed, call.method, call.arguments) if owner in commands else None
            if owner is not None and flag_param is not None:
                commands[owner].parameters.append(flag_param)
    return FileFacts(commands=tuple(_commands(parsed, commands, anonymous, parents, required)))


def _full_name(variable: str, commands: dict[str, _Found], parents: dict[str, str]) -> str:
    names = [commands[variable].name]
    seen = {variable}
    parent = parents.get(variable)
    while parent is not None and parent in commands and parent not in seen:
        seen.add(parent)
        names.append(commands[parent].name)
        parent = parents.get(parent)
    return " ".join(reversed(names))


def _commands(
    parsed: ParsedFile,
    commands: dict[str, _Found],
    anonymous: list[_Found],
    parents: dict[str, str],
    required: set[tuple[str, str]],
) -> list[Command]:
    built: list[Command] = []
    named = [(variable, found) for variable, found in commands.items()]
    for variable, found in [*named, *((None, f) for f in anonymous)]:
        params = tuple(
            CommandParameter(p.name, p.kind, p.help, p.default, True) if (variable, p.name) in required else p
            for p in found.parameters
        )
        built.append(
            Command(
                name=_full_name(variable, commands, parents) if variable is not None else found.name,
                location=Location(parsed.path, parsed.line(found.node), parsed.end_line(found.node)),
                framework="cobra",
                handler=found.handler,
                help=found.help,
                parameters=params,
            )
        )
    built.sort(key=lambda c: c.location.start_line)
    return built
