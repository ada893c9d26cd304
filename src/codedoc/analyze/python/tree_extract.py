"""The tree-sitter counterpart of `extract.py`: a syntax tree of Python source into a `Module`.

It walks the same statements as the `ast` extractor (module, classes, `if`/`try` blocks) and
applies the same conventions, so a file reads the same whichever parser understood it.
"""

from __future__ import annotations

from inspect import cleandoc

from tree_sitter import Node

from codedoc.analyze.facts import FileContext
from codedoc.analyze.python.collect import Exports, SymbolTable, sorted_imports
from codedoc.analyze.python.conventions import (
    absolute_import,
    class_kind,
    function_kind,
    import_kind,
    is_overload,
    is_type_factory,
    keep_class_attribute,
    looks_like_type_name,
    module_variable_kind,
    visibility,
)
from codedoc.analyze.python.signatures import (
    assignment_signature,
    class_signature,
    function_signature,
    type_alias_signature,
)
from codedoc.analyze.python.tree_nodes import NodeText, decode, docstring_of, end_line, named, string_value, unwrap
from codedoc.model import Import, Language, Location, Module, Symbol, SymbolKind, Visibility

_IMPORT_STATEMENTS = frozenset({"import_statement", "import_from_statement", "future_import_statement"})
_MAX_BLOCK_DEPTH = 100
_CLAUSES = frozenset({"elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause"})


class TreeExtractor:
    """Symbols, imports and `__all__` of one tree-sitter tree, by the rules the `ast` extractor follows."""

    def __init__(self, context: FileContext, source: bytes) -> None:
        self.context = context
        self.path = context.path
        self.nodes = NodeText(source)
        self.table = SymbolTable()
        self.imports: list[Import] = []
        self.exports = Exports()

    def module(self, root: Node, *, line_count: int) -> Module:
        self.body(root, parent=None, in_private=False)
        context = self.context
        return Module(
            path=context.path,
            name=context.module_name,
            language=Language.PYTHON,
            docstring=docstring_of(root),
            imports=sorted_imports(self.imports),
            symbols=self.table.symbols(),
            exports=self.exports.result(),
            is_package=context.is_package,
            line_count=line_count,
        )

    # Statements -----------------------------------------------------------------------------

    def body(self, block: Node, *, parent: str | None, in_private: bool, depth: int = 0) -> None:
        if depth > _MAX_BLOCK_DEPTH:
            # Python itself refuses over 100 levels of indentation; tree-sitter does not, and
            # recursing through thousands of them would exhaust the stack.
            self.scan_imports(block)
            return
        statements = named(block)
        for index, statement in enumerate(statements):
            kind = statement.type
            if kind in ("function_definition", "class_definition"):
                self.definition(statement, (), parent=parent, in_private=in_private, depth=depth)
            elif kind == "decorated_definition":
                definition = statement.child_by_field_name("definition")
                if definition is not None:
                    decorators = tuple(
                        self.nodes.text(named(child)[0])
                        for child in statement.named_children
                        if child.type == "decorator" and named(child)
                    )
                    self.definition(
                        definition, decorators, parent=parent, in_private=in_private, depth=depth, start=statement
                    )
            elif kind in _IMPORT_STATEMENTS:
                self.import_(statement)
            elif kind == "expression_statement":
                following = statements[index + 1] if index + 1 < len(statements) else None
                self.expression_statement(statement, following, parent=parent, in_private=in_private)
            elif kind == "type_alias_statement":
                self.type_alias(statement, parent=parent, in_private=in_private)
            elif kind in ("if_statement", "try_statement"):
                for block_node in self.blocks(statement):
                    self.body(block_node, parent=parent, in_private=in_private, depth=depth + 1)
            else:
                self.scan_imports(statement)

    def blocks(self, statement: Node) -> list[Node]:
        """The blocks of an `if`/`try` and of its `elif`/`else`/`except`/`finally` clauses."""
        found: list[Node] = []
        for child in statement.named_children:
            if child.type == "block":
                found.append(child)
            elif child.type in _CLAUSES:
                found.extend(grandchild for grandchild in child.named_children if grandchild.type == "block")
        return found

    def definition(
        self,
        node: Node,
        decorators: tuple[str, ...],
        *,
        parent: str | None,
        in_private: bool,
        depth: int,
        start: Node | None = None,
    ) -> None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return
        name = decode(name_node.text or b"")
        qualname = f"{parent}.{name}" if parent else name
        location = Location(self.path, (start or node).start_point.row + 1, end_line(node))
        body = node.child_by_field_name("body")
        type_params_node = node.child_by_field_name("type_parameters")
        type_params = self.nodes.text(type_params_node) if type_params_node is not None else ""
        symbol_visibility = visibility(name, in_private=in_private)
        if node.type == "class_definition":
            bases, keywords = self.nodes.superclasses(node.child_by_field_name("superclasses"))
            symbol = Symbol(
                kind=class_kind(bases, keywords),
                name=name,
                qualname=qualname,
                location=location,
                signature=class_signature(name, bases + keywords, type_params=type_params),
                docstring=docstring_of(body),
                decorators=decorators,
                bases=bases,
                visibility=symbol_visibility,
                parent=parent,
            )
            if self.table.add(symbol) and body is not None:
                private = symbol_visibility == Visibility.PRIVATE
                self.body(body, parent=qualname, in_private=private, depth=depth + 1)
            elif body is not None:
                self.scan_imports(body)
            return
        parameters_node = node.child_by_field_name("parameters")
        parameters = self.nodes.parameters(parameters_node) if parameters_node is not None else ()
        returns_node = node.child_by_field_name("return_type")
        returns = self.nodes.text(returns_node) if returns_node is not None else None
        is_async = any(child.type == "async" for child in node.children[:2])
        symbol = Symbol(
            kind=function_kind(decorators, in_class=parent is not None),
            name=name,
            qualname=qualname,
            location=location,
            signature=function_signature(name, parameters, returns=returns, is_async=is_async, type_params=type_params),
            parameters=parameters,
            returns=returns,
            docstring=docstring_of(body),
            decorators=decorators,
            visibility=symbol_visibility,
            parent=parent,
            is_async=is_async,
        )
        self.table.add(symbol, overload=is_overload(decorators))
        if body is not None:
            self.scan_imports(body)

    def expression_statement(
        self, statement: Node, following: Node | None, *, parent: str | None, in_private: bool
    ) -> None:
        children = named(statement)
        if len(children) != 1:
            return
        node = children[0]
        if node.type == "assignment":
            self.assignment(statement, node, following, parent=parent, in_private=in_private)
        elif parent is None and node.type == "augmented_assignment":
            target, value = node.child_by_field_name("left"), node.child_by_field_name("right")
            if target is not None and self.nodes.text(target) == "__all__":
                operator = node.child_by_field_name("operator")
                if operator is not None and operator.type == "+=":
                    self.exports.extend(self.nodes.literal_strings(value))
                else:
                    self.exports.assign(None)
        elif parent is None and node.type == "call":
            self.exports_call(node)

    def exports_call(self, call: Node) -> None:
        function = call.child_by_field_name("function")
        if function is None or function.type != "attribute":
            return
        owner, method = function.child_by_field_name("object"), function.child_by_field_name("attribute")
        if owner is None or method is None or self.nodes.text(owner) != "__all__":
            return
        arguments_node = call.child_by_field_name("arguments")
        arguments = named(arguments_node) if arguments_node is not None else []
        argument = arguments[0] if len(arguments) == 1 and arguments[0].type != "keyword_argument" else None
        action = self.nodes.text(method)
        if action == "extend":
            self.exports.extend(self.nodes.literal_strings(argument))
        elif action == "append":
            single = string_value(argument) if argument is not None else None
            self.exports.extend([single] if single is not None else None)
        elif action in ("remove", "insert", "clear", "pop"):
            self.exports.assign(None)

    def assignment(
        self, statement: Node, node: Node, following: Node | None, *, parent: str | None, in_private: bool
    ) -> None:
        annotation_node = node.child_by_field_name("type")
        annotation = self.nodes.text(annotation_node) if annotation_node is not None else None
        # `a = b = 1`: tree-sitter nests the chain; `ast` gives one statement with two targets.
        targets = [node.child_by_field_name("left")]
        value = node.child_by_field_name("right")
        while value is not None and value.type == "assignment":
            targets.append(value.child_by_field_name("left"))
            value = value.child_by_field_name("right")
        for target in targets:
            if target is None:
                continue
            if target.type == "identifier":
                self.variable(self.nodes.text(target), statement, following, annotation, value, parent, in_private)
            elif target.type in ("pattern_list", "tuple_pattern", "list_pattern"):
                for element in named(target):
                    if element.type == "identifier":
                        self.variable(self.nodes.text(element), statement, following, None, None, parent, in_private)

    def variable(
        self,
        name: str,
        statement: Node,
        following: Node | None,
        annotation: str | None,
        value: Node | None,
        parent: str | None,
        in_private: bool,
    ) -> None:
        if parent is None:
            if name == "__all__":
                self.exports.assign(self.nodes.literal_strings(value))
                return
            type_factory = value is not None and self.is_type_factory_call(value)
            type_like = type_factory or (value is not None and self.type_like(value))
            kind = module_variable_kind(name, annotation=annotation, type_like=type_like, type_factory=type_factory)
            if kind is None:
                return
        elif keep_class_attribute(name):
            kind = SymbolKind.FIELD
        else:
            return
        value_text = self.nodes.value(value) if value is not None else None
        docstring = None
        if following is not None and following.type == "expression_statement" and following.named_child_count == 1:
            found = string_value(following.named_children[0])
            docstring = cleandoc(found) if found is not None else None
        self.table.add(
            Symbol(
                kind=kind,
                name=name,
                qualname=f"{parent}.{name}" if parent else name,
                location=Location(self.path, statement.start_point.row + 1, end_line(statement)),
                signature=assignment_signature(name, annotation=annotation, value=value_text),
                docstring=docstring,
                visibility=visibility(name, in_private=in_private),
                parent=parent,
                value=value_text,
            )
        )

    def type_alias(self, statement: Node, *, parent: str | None, in_private: bool) -> None:
        left, right = statement.child_by_field_name("left"), statement.child_by_field_name("right")
        if left is None:
            return
        # `type X[T] = …`: the left side is a `type` holding a generic type, name first.
        head = left.named_children[0] if left.named_children else left
        type_params = ""
        if head.type == "generic_type" and head.named_children:
            name = self.nodes.text(head.named_children[0])
            parameters = [child for child in head.named_children if child.type == "type_parameter"]
            type_params = self.nodes.text(parameters[0]) if parameters else ""
        else:
            name = self.nodes.text(head)
        value = self.nodes.value(right) if right is not None else None
        self.table.add(
            Symbol(
                kind=SymbolKind.TYPE,
                name=name,
                qualname=f"{parent}.{name}" if parent else name,
                location=Location(self.path, statement.start_point.row + 1, end_line(statement)),
                signature=type_alias_signature(name, value, type_params=type_params),
                visibility=visibility(name, in_private=in_private),
                parent=parent,
                value=value,
            )
        )

    def is_type_factory_call(self, value: Node) -> bool:
        value = unwrap(value)
        function = value.child_by_field_name("function") if value.type == "call" else None
        return function is not None and is_type_factory(self.nodes.text(function))

    def type_like(self, value: Node) -> bool:
        value = unwrap(value)
        kind = value.type
        if kind in ("subscript", "generic_type"):
            return True
        if kind == "binary_operator":
            operator = value.child_by_field_name("operator")
            return operator is not None and operator.type == "|"
        if kind in ("identifier", "attribute"):
            return looks_like_type_name(self.nodes.text(value))
        return False

    # Imports --------------------------------------------------------------------------------

    def import_(self, statement: Node) -> None:
        line = statement.start_point.row + 1
        if statement.type == "import_statement":
            for child in statement.children_by_field_name("name"):
                dotted = child.child_by_field_name("name") if child.type == "aliased_import" else child
                if dotted is not None:
                    module = self.nodes.text(dotted)
                    self.imports.append(Import(module, import_kind(module, relative=False), line))
            return
        names: list[str] = []
        for child in statement.children_by_field_name("name"):
            dotted = child.child_by_field_name("name") if child.type == "aliased_import" else child
            if dotted is not None:
                names.append(self.nodes.text(dotted))
        if any(child.type == "wildcard_import" for child in statement.named_children):
            names.append("*")
        if statement.type == "future_import_statement":
            self.imports.append(Import("__future__", import_kind("__future__", relative=False), line, tuple(names)))
            return
        module_node = statement.child_by_field_name("module_name")
        if module_node is None:
            return
        level, written = 0, self.nodes.text(module_node)
        if module_node.type == "relative_import":
            level = len(written) - len(written.lstrip("."))
            written = written[level:]
        module = absolute_import(written or None, level, self.context)
        self.imports.append(Import(module, import_kind(module, relative=level > 0), line, tuple(names)))

    def scan_imports(self, node: Node) -> None:
        """Imports anywhere below `node`; iterative, so no source is too deeply nested for it."""
        pending = [node]
        while pending:
            current = pending.pop()
            if current.type in _IMPORT_STATEMENTS:
                self.import_(current)
            elif current.type not in ("string", "comment"):
                pending.extend(current.named_children)
