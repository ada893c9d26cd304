"""JavaScript, TypeScript and TSX: module docs, imports, exports and top-level declarations.

Visibility follows exports: a declaration is PUBLIC when the module exports it (directly, through
`export { … }`, `export default`, `module.exports` or `exports.x`), INTERNAL otherwise; members of
a class take the class's visibility unless marked `private`/`protected` or named `#private`.
Since `export { a }` may come after `a`, visibility is settled once the whole file is read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tree_sitter import Node

from codedoc.analyze.facts import FileContext
from codedoc.analyze.treesitter import javascript_imports as imports
from codedoc.analyze.treesitter.comments import jsdoc_above
from codedoc.analyze.treesitter.extraction import Extraction, is_upper_case, location
from codedoc.analyze.treesitter.javascript_classes import class_members, enum_members
from codedoc.analyze.treesitter.javascript_docs import file_doc
from codedoc.analyze.treesitter.javascript_members import (
    CLASS_VALUES,
    FUNCTION_VALUES,
    decorators_of,
    has_token,
    header,
    is_async,
    parameters,
    returns,
    type_text,
)
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, short_value, span_text
from codedoc.model import Symbol, SymbolKind, Visibility

_CLASSES = frozenset({"class_declaration", "abstract_class_declaration", "class"})
_FUNCTIONS = frozenset({"function_declaration", "generator_function_declaration", "function_signature", "function"})
_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})


@dataclass(slots=True)
class _Pending:
    symbol: Symbol
    root: str | None
    """Top-level name whose export makes this symbol public; None inside a namespace."""
    fixed: Visibility | None = None
    """Visibility that exports do not change (`private`, `protected`, `export` inside a namespace)."""
    candidate: bool = False
    """A plain `const`: kept only when UPPER_CASE or exported."""


@dataclass(frozen=True, slots=True)
class _Scope:
    prefix: str
    """`NS.` inside `namespace NS`, empty at the top."""
    in_namespace: bool = False


class _JavaScriptExtractor:
    def __init__(self, parsed: ParsedFile, context: FileContext, text: str) -> None:
        self.parsed = parsed
        self.context = context
        self.text = text
        self.pending: list[_Pending] = []
        self.result = Extraction()
        self.exports: list[str] = []
        self.exported_locals: set[str] = set()

    # ---- module level -------------------------------------------------------------------------

    def run(self) -> Extraction:
        root = self.parsed.root
        self.result.docstring = file_doc(self.parsed)
        stack: list[tuple[list[Node], _Scope]] = [(list(root.named_children), _Scope(""))]
        while stack:
            nodes, scope = stack.pop()
            for node in nodes:
                self._statement(node, scope, stack)
        self.result.imports += imports.call_imports(self.parsed, self.text)
        self.result.imports.sort(key=lambda item: item.line)
        self.result.symbols = self._settle_visibility()
        self.result.exports = tuple(dict.fromkeys(self.exports)) if self.exports else None
        return self.result

    def _statement(self, node: Node, scope: _Scope, stack: list[tuple[list[Node], _Scope]]) -> None:
        kind = node.type
        if kind == "import_statement":
            found = imports.import_statement(self.parsed, node)
            if found is not None:
                self.result.imports.append(found)
        elif kind == "export_statement":
            self._export(node, scope, stack)
        elif kind == "expression_statement":
            inner = node.named_children[0] if node.named_children else None
            if inner is not None and inner.type == "internal_module":
                self._namespace(inner, scope, stack, exported=False)
            elif inner is not None and inner.type == "assignment_expression":
                self._commonjs_export(node, inner)
        elif kind == "ambient_declaration":
            for child in node.named_children:
                if child.type != "module":  # `declare module "x"` describes another package
                    self._declaration(child, scope, stack, outer=node, exported=False)
        else:
            self._declaration(node, scope, stack, outer=node, exported=False)

    def _export(self, node: Node, scope: _Scope, stack: list[tuple[list[Node], _Scope]]) -> None:
        if node.child_by_field_name("source") is not None:
            found, names = imports.export_from(self.parsed, node)
            if found is not None:
                self.result.imports.append(found)
            self.exports += names
            return
        is_default = has_token(node, "default")
        declaration = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        if declaration is not None:
            names = self._declaration(declaration, scope, stack, outer=node, exported=True)
            if not scope.in_namespace:
                self.exports += ["default"] if is_default and not names else names
                if is_default and names:
                    self.result.default_export = names[0]
            return
        for child in node.named_children:
            if child.type == "export_clause":
                for spec in child.named_children:
                    if spec.type == "export_specifier":
                        local = self.parsed.text(spec.child_by_field_name("name"))
                        alias = spec.child_by_field_name("alias")
                        self.exported_locals.add(local)
                        self.exports.append(self.parsed.text(alias) if alias is not None else local)
        if value is None:  # TypeScript's `export = bar`
            value = next((c for c in node.named_children if c.type == "identifier"), None)
        if value is not None:
            names = []
            if value.type in _CLASSES or value.type in _FUNCTIONS:
                names = self._declaration(value, scope, stack, outer=node, exported=True)
            elif value.type == "identifier":
                names = [self.parsed.text(value)]
                self.exported_locals.update(names)
            self.exports += names or ["default"]
            if names and not scope.in_namespace:
                self.result.default_export = names[0]

    def _commonjs_export(self, statement: Node, assignment: Node) -> None:
        """`module.exports = { a, b }`, `module.exports = x`, `exports.x = …`, `module.exports.x = …`."""
        # `res.set = res.header = function header(…) {…}`, `exports = module.exports = create`: the
        # value is bound to every name of the chain.
        targets = [self.parsed.text(assignment.child_by_field_name("left"))]
        right = assignment.child_by_field_name("right")
        while right is not None and right.type == "assignment_expression":
            targets.append(self.parsed.text(right.child_by_field_name("left")))
            right = right.child_by_field_name("right")
        if right is None:
            return
        if "module.exports" in targets:
            self._module_exports(right)
            return
        for written in targets:
            self._assigned(statement, written, right)

    def _module_exports(self, right: Node) -> None:
        if right.type == "object":
            for part in right.named_children:
                key = part.child_by_field_name("key") if part.type == "pair" else part
                if part.type in ("shorthand_property_identifier", "pair", "method_definition"):
                    key = key if part.type != "method_definition" else part.child_by_field_name("name")
                    self.exports.append(self.parsed.text(key))
                    value = part.child_by_field_name("value") if part.type == "pair" else key
                    if value is not None and value.type in ("identifier", "shorthand_property_identifier"):
                        self.exported_locals.add(self.parsed.text(value))
        elif right.type == "identifier":
            self.exports.append(self.parsed.text(right))
            self.exported_locals.add(self.parsed.text(right))
            self.result.default_export = self.parsed.text(right)
        else:
            named = right.child_by_field_name("name")
            self.exports.append(self.parsed.text(named) if named is not None else "default")

    def _assigned(self, statement: Node, target: str, right: Node) -> None:
        for prefix in ("module.exports.", "exports."):
            if target.startswith(prefix) and "." not in target[len(prefix) :]:
                name = target[len(prefix) :]
                self.exports.append(name)
                if right.type == "identifier":
                    self.exported_locals.add(self.parsed.text(right))
                elif right.type in FUNCTION_VALUES:
                    self._function(right, name, _Scope(""), outer=statement, exported=True, prefix_text=target)
                return
        if right.type in FUNCTION_VALUES:
            self._property_function(statement, target, right)

    def _assigns_module_exports(self, value: Node | None) -> bool:
        while value is not None and value.type == "assignment_expression":
            if self.parsed.text(value.child_by_field_name("left")) in ("module.exports", "exports"):
                return True
            value = value.child_by_field_name("right")
        return False

    def _property_function(self, statement: Node, target: str, right: Node) -> None:
        """`app.init = function init() {…}`, `Router.prototype.use = function (…) {…}`: how pre-class
        JavaScript (Express, much of npm) defines its API. Public when the object is exported."""
        parts = target.split(".")
        if len(parts) == 3 and parts[1] == "prototype":
            owner, name = parts[0], parts[2]
        elif len(parts) == 2:
            owner, name = parts
        else:
            return
        if not (owner.isidentifier() and name.isidentifier()) or owner in ("module", "exports", "this"):
            return
        self._add(
            SymbolKind.FUNCTION,
            name,
            _Scope(f"{owner}."),
            right,
            statement,
            False,
            root=owner,
            signature=f"{target} = {header(self.parsed, right)}",
            parameters=parameters(self.parsed, right),
            returns=returns(self.parsed, right),
            is_async=is_async(right),
        )

    def _namespace(self, node: Node, scope: _Scope, stack: list[tuple[list[Node], _Scope]], *, exported: bool) -> None:
        body = node.child_by_field_name("body")
        name = self.parsed.text(node.child_by_field_name("name"))
        if body is not None and name:
            stack.append((list(body.named_children), _Scope(f"{scope.prefix}{name}.", in_namespace=True)))
            if exported and not scope.in_namespace:
                self.exports.append(name)

    # ---- declarations -------------------------------------------------------------------------

    def _declaration(
        self, node: Node, scope: _Scope, stack: list[tuple[list[Node], _Scope]], *, outer: Node, exported: bool
    ) -> list[str]:
        """Record the symbols `node` declares; return the names it binds."""
        kind = node.type
        if kind in _CLASSES:
            name = self.parsed.text(node.child_by_field_name("name")) or "default"
            self._class(node, name, scope, outer=outer, exported=exported)
            return [name] if node.child_by_field_name("name") is not None else []
        if kind in _FUNCTIONS:
            name_node = node.child_by_field_name("name")
            name = self.parsed.text(name_node) or "default"
            self._function(node, name, scope, outer=outer, exported=exported)
            return [name] if name_node is not None else []
        if kind in _DECLARATIONS:
            return self._variables(node, scope, outer=outer, exported=exported)
        if kind == "interface_declaration":
            return [self._interface(node, scope, outer=outer, exported=exported)]
        if kind == "type_alias_declaration":
            name = self.parsed.text(node.child_by_field_name("name"))
            self._add(
                SymbolKind.TYPE,
                name,
                scope,
                node,
                outer,
                exported,
                signature=one_line(self.parsed.text(node)).rstrip(";"),
            )
            return [name]
        if kind == "enum_declaration":
            return [self._enum(node, scope, outer=outer, exported=exported)]
        if kind == "internal_module":
            self._namespace(node, scope, stack, exported=exported)
        return []

    def _add(
        self,
        kind: SymbolKind,
        name: str,
        scope: _Scope,
        node: Node,
        outer: Node,
        exported: bool,
        *,
        candidate: bool = False,
        root: str | None = None,
        **fields: object,
    ) -> None:
        qualname = f"{scope.prefix}{name}"
        symbol = Symbol(
            kind=kind,
            name=name,
            qualname=qualname,
            location=location(self.parsed, outer, node),
            docstring=jsdoc_above(self.parsed, outer),
            **fields,  # type: ignore[arg-type]
        )
        fixed = (Visibility.PUBLIC if exported else Visibility.INTERNAL) if scope.in_namespace else None
        self.pending.append(_Pending(symbol, None if scope.in_namespace else (root or name), fixed, candidate))
        if exported and not scope.in_namespace:
            self.exported_locals.add(name)

    def _function(
        self, node: Node, name: str, scope: _Scope, *, outer: Node, exported: bool, prefix_text: str = ""
    ) -> None:
        signature = header(self.parsed, node)
        if prefix_text:
            signature = f"{prefix_text} = {signature}"
        self._add(
            SymbolKind.FUNCTION,
            name,
            scope,
            node,
            outer,
            exported,
            signature=signature,
            parameters=parameters(self.parsed, node),
            returns=returns(self.parsed, node),
            is_async=is_async(node),
            decorators=tuple(decorators_of(self.parsed, outer, node)),
        )

    def _variables(self, node: Node, scope: _Scope, *, outer: Node, exported: bool) -> list[str]:
        keyword = node.children[0].type if node.children else "const"
        names: list[str] = []
        for declarator in node.named_children:
            if declarator.type != "variable_declarator":
                continue
            name_node = declarator.child_by_field_name("name")
            if name_node is None or name_node.type != "identifier":
                continue  # destructuring binds names but defines nothing worth documenting
            name = self.parsed.text(name_node)
            names.append(name)
            value = declarator.child_by_field_name("value")
            span = outer if len(node.named_children) == 1 else declarator
            if self._assigns_module_exports(value):
                # `var app = exports = module.exports = {}`: the name is the module's export.
                self.exported_locals.add(name)
                self.result.default_export = name
            if value is not None and value.type in FUNCTION_VALUES:
                prefix = f"{keyword} {name}"
                self._function(value, name, scope, outer=span, exported=exported, prefix_text=prefix)
            elif value is not None and value.type in CLASS_VALUES:
                self._class(value, name, scope, outer=span, exported=exported)
            elif keyword == "const" or exported:
                kind = SymbolKind.CONSTANT if keyword == "const" else SymbolKind.VARIABLE
                self._add(
                    kind,
                    name,
                    scope,
                    declarator,
                    span,
                    exported,
                    signature=one_line(f"{keyword} {self.parsed.text(declarator)}"),
                    returns=type_text(self.parsed, declarator.child_by_field_name("type")),
                    value=short_value(self.parsed.text(value)) if value is not None else None,
                    candidate=kind == SymbolKind.CONSTANT and not exported,
                )
        return names

    def _class(self, node: Node, name: str, scope: _Scope, *, outer: Node, exported: bool) -> None:
        bases: list[str] = []
        for child in node.named_children:
            if child.type == "class_heritage":
                for clause in child.named_children:
                    if clause.type == "extends_clause" and clause.named_children:
                        # `extends Base<T>` is one base written as a value and its type arguments.
                        start = clause.named_children[0].start_byte
                        bases.append(one_line(span_text(self.parsed, start, clause.end_byte)))
                    elif clause.type == "implements_clause":
                        bases += [one_line(self.parsed.text(t)) for t in clause.named_children if t.type != "comment"]
                    elif clause.type != "comment":  # plain JavaScript: `extends Base` without a clause node
                        bases.append(one_line(self.parsed.text(clause)))
        self._add(
            SymbolKind.CLASS,
            name,
            scope,
            node,
            outer,
            exported,
            signature=header(self.parsed, node),
            decorators=tuple(decorators_of(self.parsed, outer, node)),
            bases=tuple(bases),
        )
        body = node.child_by_field_name("body")
        if body is not None:
            self._members(body, f"{scope.prefix}{name}", scope)

    def _members(self, body: Node, parent: str, scope: _Scope) -> None:
        root = None if scope.in_namespace else parent.split(".", 1)[0]
        for symbol, fixed in class_members(self.parsed, body, parent):
            if scope.in_namespace and fixed is None:
                fixed = Visibility.PUBLIC
            self.pending.append(_Pending(symbol, root, fixed))

    def _interface(self, node: Node, scope: _Scope, *, outer: Node, exported: bool) -> str:
        name = self.parsed.text(node.child_by_field_name("name"))
        bases = [
            one_line(self.parsed.text(t))
            for clause in node.named_children
            if clause.type == "extends_type_clause"
            for t in clause.named_children
        ]
        self._add(
            SymbolKind.INTERFACE,
            name,
            scope,
            node,
            outer,
            exported,
            signature=header(self.parsed, node),
            bases=tuple(bases),
        )
        body = node.child_by_field_name("body")
        if body is not None:
            self._members(body, f"{scope.prefix}{name}", scope)
        return name

    def _enum(self, node: Node, scope: _Scope, *, outer: Node, exported: bool) -> str:
        name = self.parsed.text(node.child_by_field_name("name"))
        self._add(SymbolKind.ENUM, name, scope, node, outer, exported, signature=header(self.parsed, node))
        body = node.child_by_field_name("body")
        if body is not None:
            fixed = Visibility.PUBLIC if scope.in_namespace else None
            for member in enum_members(self.parsed, body, f"{scope.prefix}{name}"):
                self.pending.append(_Pending(member, None if scope.in_namespace else name, fixed))
        return name

    # ---- visibility ---------------------------------------------------------------------------

    def _settle_visibility(self) -> list[Symbol]:
        """Visibility from exports; TypeScript overloads (`f(a: string): string; f(a: any) {…}`)
        and getter/setter pairs folded into the first, which carries the doc, spanning to the last."""
        exported = self.exported_locals
        settled: list[Symbol] = []
        callables: dict[str, int] = {}
        for item in self.pending:
            public = item.root is not None and item.root in exported
            if item.candidate and not public and not is_upper_case(item.symbol.name):
                continue
            symbol = item.symbol
            if symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD, SymbolKind.PROPERTY):
                first = callables.get(symbol.qualname)
                if first is not None:
                    earlier = settled[first]
                    span = dataclasses.replace(earlier.location, end_line=symbol.location.end_line)
                    settled[first] = dataclasses.replace(earlier, location=span)
                    continue
                callables[symbol.qualname] = len(settled)
            visibility = item.fixed or (Visibility.PUBLIC if public else Visibility.INTERNAL)
            settled.append(
                symbol if symbol.visibility == visibility else dataclasses.replace(symbol, visibility=visibility)
            )
        return settled


def extract_javascript(parsed: ParsedFile, context: FileContext, text: str) -> Extraction:
    return _JavaScriptExtractor(parsed, context, text).run()
