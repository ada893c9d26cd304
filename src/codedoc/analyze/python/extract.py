"""The `ast` extractor: one pass over a parsed module's statements into a `Module`.

This is the hot path of a whole-repository run, so it never walks expressions: it visits the
statements of the module, of classes and of `if`/`try` blocks, and looks inside function bodies
only when the lines they span contain the word `import`. Source text comes from slicing lines
(`SourceText`), not from `ast.unparse`.
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from collections.abc import Sequence
from inspect import cleandoc

from codedoc.analyze.behaviour.sites import Behaviour
from codedoc.analyze.facts import FileContext
from codedoc.analyze.python.calls import CallCollector
from codedoc.analyze.python.collect import Exports, SymbolTable, literal_names, sorted_imports
from codedoc.analyze.python.complexity import python_complexity
from codedoc.analyze.python.conventions import (
    absolute_import,
    class_kind,
    count_lines,
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
from codedoc.analyze.python.source import SourceText
from codedoc.model import FileCategory, Import, Language, Location, Module, Parameter, Symbol, SymbolKind, Visibility

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_ASSIGNMENTS = (ast.Assign, ast.AnnAssign)
_IMPORTS = (ast.Import, ast.ImportFrom)
_TRIES = (ast.Try, ast.TryStar)
_EXPORT_CHANGES = (ast.AugAssign, ast.Expr)
_NESTED_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")
_LITERAL_ERRORS = (ValueError, TypeError, SyntaxError, MemoryError, RecursionError)


def extract_module(tree: ast.Module, *, context: FileContext, text: str) -> Module:
    """The code model of one parsed Python file, without its call sites (functions still get their
    complexity, from a walk of their own)."""
    return _Extractor(context, text, collect_calls=False, measure_complexity=True).module(tree)


def extract_module_and_behaviour(tree: ast.Module, *, context: FileContext, text: str) -> tuple[Module, Behaviour]:
    """The code model of one parsed Python file and its call sites, from the same walk.

    Tests get neither call sites nor complexity: the call graph and the insights leave them out, and
    their bodies are a large part of many repositories, so they are not walked at all."""
    is_test = context.category is FileCategory.TEST
    extractor = _Extractor(context, text, collect_calls=not is_test, measure_complexity=not is_test)
    module = extractor.module(tree)
    collector = extractor.calls
    behaviour = Behaviour(
        calls=tuple(collector.calls),
        typed_names=tuple(collector.typed_names),
        registrations=tuple(collector.registrations),
        bindings=tuple(extractor.bindings),
        abstract=tuple(collector.abstract),
    )
    return module, behaviour


def _import_lines(text: str) -> list[int]:
    """Sorted numbers of the lines that contain the word `import` (in code, strings or comments)."""
    # `str.find` beats a `\bimport\b` regex several times over; a false hit (`reimport`) only
    # costs a look inside one function body.
    newline = "\n" if "\n" in text or "\r" not in text else "\r"
    lines: list[int] = []
    line, position = 1, 0
    found = text.find("import")
    while found >= 0:
        line += text.count(newline, position, found)
        position = found
        if not lines or lines[-1] != line:
            lines.append(line)
        found = text.find("import", found + 6)
    return lines


def _string_statement(statement: ast.stmt) -> str | None:
    """The text of a bare string statement (a docstring, or an attribute's after its assignment), cleaned."""
    if type(statement) is ast.Expr:
        value = statement.value
        if type(value) is ast.Constant and type(value.value) is str:
            text = value.value
            # One line, not indented: `cleandoc` would return it as it is.
            if "\n" in text or "\t" in text or text[:1].isspace():
                return cleandoc(text)
            return text
    return None


def _docstring(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """`ast.get_docstring(node, clean=True)`, without its checks of what `node` is: it runs for every definition."""
    body = node.body
    return _string_statement(body[0]) if body else None


def _literal_strings(node: ast.expr | None) -> list[str] | None:
    if node is None:
        return None
    try:
        return literal_names(ast.literal_eval(node))
    except _LITERAL_ERRORS:
        return None


class _Extractor:
    __slots__ = (
        "bindings",
        "calls",
        "context",
        "exports",
        "import_lines",
        "imports",
        "measure_complexity",
        "path",
        "source",
        "table",
        "text",
    )

    def __init__(self, context: FileContext, text: str, *, collect_calls: bool, measure_complexity: bool) -> None:
        self.context = context
        self.measure_complexity = measure_complexity
        """Whether functions get a complexity figure; without call collection it costs a walk of its own."""
        self.path = context.path
        self.text = text
        self.source = SourceText(text)
        self.table = SymbolTable()
        self.imports: list[Import] = []
        self.exports = Exports()
        self.import_lines = _import_lines(text)
        self.calls = CallCollector(self.source.expression, enabled=collect_calls)
        self.bindings: list[tuple[str, str]] = []

    def module(self, tree: ast.Module) -> Module:
        self.body(tree.body, parent=None, in_private=False)
        context = self.context
        return Module(
            path=context.path,
            name=context.module_name,
            language=Language.PYTHON,
            docstring=_docstring(tree),
            imports=sorted_imports(self.imports),
            symbols=self.table.symbols(),
            exports=self.exports.result(),
            is_package=context.is_package,
            line_count=count_lines(self.text),
        )

    # Statements -----------------------------------------------------------------------------

    def body(self, statements: Sequence[ast.stmt], *, parent: str | None, in_private: bool) -> None:
        for index, statement in enumerate(statements):
            if isinstance(statement, _FUNCTIONS):
                self.function(statement, parent=parent, in_private=in_private)
            elif isinstance(statement, _ASSIGNMENTS):
                self.assignment(statement, statements, index, parent=parent, in_private=in_private)
            elif isinstance(statement, ast.ClassDef):
                self.class_(statement, parent=parent, in_private=in_private)
            elif isinstance(statement, _IMPORTS):
                self.import_(statement)
            elif isinstance(statement, ast.If):
                self.body(statement.body, parent=parent, in_private=in_private)
                self.body(statement.orelse, parent=parent, in_private=in_private)
            elif isinstance(statement, _TRIES):
                self.try_(statement, parent=parent, in_private=in_private)
            elif parent is None and isinstance(statement, _EXPORT_CHANGES):
                self.exports_change(statement)
                if type(statement) is ast.Expr:
                    self.calls.module_call(statement)
            elif type(statement).__name__ == "TypeAlias":  # `type X = …`, parsed only by Python 3.12+
                self.type_alias(statement, parent=parent, in_private=in_private)
            elif hasattr(statement, "body"):
                self.scan_imports(statement)

    def try_(self, statement: ast.Try | ast.TryStar, *, parent: str | None, in_private: bool) -> None:
        self.body(statement.body, parent=parent, in_private=in_private)
        for handler in statement.handlers:
            self.body(handler.body, parent=parent, in_private=in_private)
        self.body(statement.orelse, parent=parent, in_private=in_private)
        self.body(statement.finalbody, parent=parent, in_private=in_private)

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, *, parent: str | None, in_private: bool) -> None:
        expression = self.source.expression
        decorators = tuple(expression(decorator) for decorator in node.decorator_list)
        name = node.name
        qualname = f"{parent}.{name}" if parent else name
        overload = is_overload(decorators)
        if not self.table.accepts(qualname, overload=overload):
            self.scan_imports(node)
            return
        parameters = self.parameters(node.args)
        # The call-graph walk of the body counts its decision points too: one walk, two figures.
        complexity = self.calls.function(
            node, qualname=qualname, owner=parent, parameters=parameters, is_static="staticmethod" in decorators
        )
        if complexity is None and self.measure_complexity:
            complexity = python_complexity(node)
        returns = expression(node.returns) if node.returns is not None else None
        is_async = type(node) is ast.AsyncFunctionDef
        symbol = Symbol(
            kind=function_kind(decorators, in_class=parent is not None),
            name=name,
            qualname=qualname,
            location=self.location(node),
            signature=function_signature(
                name, parameters, returns=returns, is_async=is_async, type_params=self.type_params(node)
            ),
            parameters=parameters,
            returns=returns,
            docstring=_docstring(node),
            decorators=decorators,
            visibility=visibility(name, in_private=in_private),
            parent=parent,
            is_async=is_async,
            complexity=complexity,
        )
        self.table.add(symbol, overload=overload)
        if decorators:
            self.calls.decorated(node.decorator_list, qualname=qualname)
        self.scan_imports(node)

    def class_(self, node: ast.ClassDef, *, parent: str | None, in_private: bool) -> None:
        expression = self.source.expression
        name = node.name
        qualname = f"{parent}.{name}" if parent else name
        bases = tuple(expression(base) for base in node.bases)
        keywords = tuple(
            f"{keyword.arg}={expression(keyword.value)}" if keyword.arg else f"**{expression(keyword.value)}"
            for keyword in node.keywords
        )
        decorators = tuple(expression(decorator) for decorator in node.decorator_list)
        symbol_visibility = visibility(name, in_private=in_private)
        symbol = Symbol(
            kind=class_kind(bases, keywords),
            name=name,
            qualname=qualname,
            location=self.location(node),
            signature=class_signature(name, bases + keywords, type_params=self.type_params(node)),
            docstring=_docstring(node),
            decorators=decorators,
            bases=bases,
            visibility=symbol_visibility,
            parent=parent,
        )
        if self.table.add(symbol):
            if decorators:
                self.calls.decorated(node.decorator_list, qualname=qualname)
            self.body(node.body, parent=qualname, in_private=symbol_visibility == Visibility.PRIVATE)
        else:
            self.scan_imports(node)

    def assignment(
        self,
        statement: ast.Assign | ast.AnnAssign,
        statements: Sequence[ast.stmt],
        index: int,
        *,
        parent: str | None,
        in_private: bool,
    ) -> None:
        if isinstance(statement, ast.AnnAssign):
            targets: list[ast.expr] = [statement.target]
            annotation: str | None = self.source.expression(statement.annotation)
            value = statement.value
        else:
            targets = statement.targets
            annotation, value = None, statement.value
        for target in targets:
            if type(target) is ast.Name:
                self.variable(target.id, statement, statements, index, annotation, value, parent, in_private)
            elif type(target) is ast.Tuple or type(target) is ast.List:
                for element in target.elts:
                    if type(element) is ast.Name:
                        self.variable(element.id, statement, statements, index, None, None, parent, in_private)

    def variable(
        self,
        name: str,
        statement: ast.stmt,
        statements: Sequence[ast.stmt],
        index: int,
        annotation: str | None,
        value: ast.expr | None,
        parent: str | None,
        in_private: bool,
    ) -> None:
        if parent is None:
            if name == "__all__":
                self.exports.assign(_literal_strings(value))
                return
            self.calls.module_assignment(name, value, statement.lineno)
            type_factory = type(value) is ast.Call and is_type_factory(self.source.expression(value.func))
            type_like = type_factory or (value is not None and self.type_like(value))
            kind = module_variable_kind(name, annotation=annotation, type_like=type_like, type_factory=type_factory)
            if kind is None:
                return
        elif keep_class_attribute(name):
            kind = SymbolKind.FIELD
            if annotation is not None:
                self.calls.class_annotation(parent, name, annotation)
        else:
            return
        value_text = self.source.value(value) if value is not None else None
        following = statements[index + 1] if index + 1 < len(statements) else None
        self.table.add(
            Symbol(
                kind=kind,
                name=name,
                qualname=f"{parent}.{name}" if parent else name,
                location=Location(self.path, statement.lineno, statement.end_lineno or statement.lineno),
                signature=assignment_signature(name, annotation=annotation, value=value_text),
                docstring=_string_statement(following) if following is not None else None,
                visibility=visibility(name, in_private=in_private),
                parent=parent,
                value=value_text,
            )
        )

    def type_alias(self, statement: ast.stmt, *, parent: str | None, in_private: bool) -> None:
        name_node = getattr(statement, "name", None)
        if type(name_node) is not ast.Name:
            return
        name = name_node.id
        value_node: ast.expr | None = getattr(statement, "value", None)
        value = self.source.value(value_node) if value_node is not None else None
        self.table.add(
            Symbol(
                kind=SymbolKind.TYPE,
                name=name,
                qualname=f"{parent}.{name}" if parent else name,
                location=Location(self.path, statement.lineno, statement.end_lineno or statement.lineno),
                signature=type_alias_signature(name, value, type_params=self.type_params(statement)),
                visibility=visibility(name, in_private=in_private),
                parent=parent,
                value=value,
            )
        )

    def exports_change(self, statement: ast.AugAssign | ast.Expr) -> None:
        """`__all__ += [...]`, `__all__.extend([...])`, `__all__.append("name")`."""
        if isinstance(statement, ast.AugAssign):
            target = statement.target
            if type(target) is ast.Name and target.id == "__all__":
                if type(statement.op) is ast.Add:
                    self.exports.extend(_literal_strings(statement.value))
                else:
                    self.exports.assign(None)
            return
        call = statement.value
        if type(call) is not ast.Call:
            return
        method = call.func
        if type(method) is not ast.Attribute or type(method.value) is not ast.Name or method.value.id != "__all__":
            return
        argument = call.args[0] if len(call.args) == 1 and not call.keywords else None
        if method.attr == "extend":
            self.exports.extend(_literal_strings(argument))
        elif method.attr == "append":
            single = _literal_strings(ast.Tuple(elts=[argument], ctx=ast.Load())) if argument is not None else None
            self.exports.extend(single)
        elif method.attr in ("remove", "insert", "clear", "pop"):
            self.exports.assign(None)

    # Imports --------------------------------------------------------------------------------

    def import_(self, statement: ast.Import | ast.ImportFrom) -> None:
        line = statement.lineno
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                self.imports.append(Import(alias.name, import_kind(alias.name, relative=False), line))
                if alias.asname:
                    self.bindings.append((alias.asname, alias.name))
                else:
                    head = alias.name.split(".", 1)[0]
                    self.bindings.append((head, head))
            return
        level = statement.level or 0
        module = absolute_import(statement.module, level, self.context)
        names = tuple(alias.name for alias in statement.names)
        for alias in statement.names:
            if alias.name == "*":
                self.bindings.append(("*", module))
            else:
                self.bindings.append((alias.asname or alias.name, f"{module}.{alias.name}"))
        self.imports.append(Import(module, import_kind(module, relative=level > 0), line, names))

    def may_import(self, node: ast.AST) -> bool:
        start = getattr(node, "lineno", None)
        if start is None:
            return True
        lines = self.import_lines
        found = bisect_left(lines, start)
        return found < len(lines) and lines[found] <= (getattr(node, "end_lineno", None) or start)

    def scan_imports(self, node: ast.AST) -> None:
        """Imports anywhere inside a statement (a function body, a `with`), statements only."""
        if not self.may_import(node):
            return
        pending: list[ast.AST] = [node]
        while pending:
            current = pending.pop()
            if isinstance(current, _IMPORTS):
                self.import_(current)
                continue
            for field in _NESTED_BLOCKS:
                children = getattr(current, field, None)
                if children:
                    pending.extend(child for child in children if self.may_import(child))

    # Pieces ---------------------------------------------------------------------------------

    def location(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> Location:
        start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
        return Location(self.path, start, node.end_lineno or node.lineno)

    def parameters(self, arguments: ast.arguments) -> tuple[Parameter, ...]:
        expression, value = self.source.expression, self.source.value
        positional = [*arguments.posonlyargs, *arguments.args]
        defaults = arguments.defaults
        first_default = len(positional) - len(defaults)
        positional_only = len(arguments.posonlyargs)
        result: list[Parameter] = []
        for index, argument in enumerate(positional):
            default = defaults[index - first_default] if index >= first_default else None
            result.append(
                Parameter(
                    argument.arg,
                    expression(argument.annotation) if argument.annotation is not None else None,
                    value(default) if default is not None else None,
                    "positional_only" if index < positional_only else "positional_or_keyword",
                )
            )
        if arguments.vararg is not None:
            annotation = arguments.vararg.annotation
            result.append(
                Parameter(
                    arguments.vararg.arg,
                    expression(annotation) if annotation is not None else None,
                    kind="var_positional",
                )
            )
        for argument, keyword_default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
            result.append(
                Parameter(
                    argument.arg,
                    expression(argument.annotation) if argument.annotation is not None else None,
                    value(keyword_default) if keyword_default is not None else None,
                    "keyword_only",
                )
            )
        if arguments.kwarg is not None:
            annotation = arguments.kwarg.annotation
            result.append(
                Parameter(
                    arguments.kwarg.arg,
                    expression(annotation) if annotation is not None else None,
                    kind="var_keyword",
                )
            )
        return tuple(result)

    def type_params(self, node: ast.AST) -> str:
        """`[T, *Ts]` of a PEP 695 definition (Python 3.12+ only), else empty."""
        params = getattr(node, "type_params", None)
        if not params:
            return ""
        return "[" + ", ".join(self.source.expression(param) for param in params) + "]"

    def type_like(self, value: ast.expr) -> bool:
        """Whether an assigned value looks like a type: `list[int]`, `A | B`, `Base`."""
        kind = type(value)
        if kind is ast.Subscript:
            return True
        if isinstance(value, ast.BinOp):
            return type(value.op) is ast.BitOr
        if kind is ast.Name or kind is ast.Attribute:
            return looks_like_type_name(self.source.expression(value))
        return False
