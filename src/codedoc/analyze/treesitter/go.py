"""Go: package doc, imports, functions, methods, structs, interfaces, named types, consts and vars.

Exported (capitalised) names are PUBLIC, the rest INTERNAL (visible inside the package). Methods
hang off their receiver type (`*Server` → `Server`); struct fields and interface methods are
members of their type; embedded types are its `bases`.
"""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.facts import FileContext
from codedoc.analyze.treesitter.comments import clean_block, clean_lines, comments_above
from codedoc.analyze.treesitter.extraction import Extraction, location
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, short_value, span_text, string_value
from codedoc.model import Import, ImportKind, Parameter, Symbol, SymbolKind, Visibility


def _visibility(name: str) -> Visibility:
    return Visibility.PUBLIC if name[:1].isupper() else Visibility.INTERNAL


def _doc(parsed: ParsedFile, node: Node) -> str | None:
    comments = comments_above(node)
    texts = [parsed.text(c) for c in comments]
    texts = [t for t in texts if not t.startswith(("//go:", "//nolint", "// +build"))]
    if not texts:
        return None
    if len(texts) == 1 and texts[0].startswith("/*"):
        return clean_block(texts[0]) or None
    return clean_lines([t for t in texts if t.startswith("//")]) or None


def _grouped(declaration: Node) -> bool:
    """`const ( … )` rather than `const x = 1`."""
    return any(not child.is_named and child.type == "(" for child in declaration.children)


def _import_kind(path: str) -> ImportKind:
    # The standard library's paths have no dot in their first element (`net/http`, `fmt`).
    return ImportKind.STDLIB if "." not in path.split("/", 1)[0] else ImportKind.UNRESOLVED


def _type_name(parsed: ParsedFile, node: Node | None) -> str:
    """`*Server[T]` → `Server`, `pkg.Type` stays qualified."""
    text = parsed.text(node).lstrip("*").strip()
    return text.split("[", 1)[0]


class _GoExtractor:
    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.result = Extraction()

    def run(self) -> Extraction:
        for node in self.parsed.root.named_children:
            kind = node.type
            if kind == "package_clause":
                self.result.docstring = _doc(self.parsed, node)
            elif kind == "import_declaration":
                self._imports(node)
            elif kind == "function_declaration":
                self._function(node, parent=None)
            elif kind == "method_declaration":
                receiver = node.child_by_field_name("receiver")
                types = [p.child_by_field_name("type") for p in receiver.named_children] if receiver else []
                self._function(node, parent=_type_name(self.parsed, types[0]) if types else None)
            elif kind == "type_declaration":
                self._types(node)
            elif kind in ("const_declaration", "var_declaration"):
                self._values(node, SymbolKind.CONSTANT if kind == "const_declaration" else SymbolKind.VARIABLE)
        return self.result

    def _imports(self, node: Node) -> None:
        specs = [node] if node.type == "import_spec" else []
        pending = list(node.named_children)
        while pending:
            child = pending.pop(0)
            if child.type == "import_spec":
                specs.append(child)
            elif child.type == "import_spec_list":
                pending[:0] = child.named_children
        for spec in specs:
            path = string_value(self.parsed, spec.child_by_field_name("path"))
            if path:
                self.result.imports.append(Import(path, _import_kind(path), self.parsed.line(spec)))

    def _parameters(self, node: Node | None) -> tuple[Parameter, ...]:
        found: list[Parameter] = []
        for param in node.named_children if node is not None else ():
            if param.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            annotation = one_line(self.parsed.text(param.child_by_field_name("type"))) or None
            kind = "var_positional" if param.type == "variadic_parameter_declaration" else "positional_or_keyword"
            names = [self.parsed.text(n) for n in param.children_by_field_name("name")]
            for name in names or ["_"]:
                found.append(Parameter(name=name, annotation=annotation, kind=kind))
        return tuple(found)

    def _function(self, node: Node, *, parent: str | None) -> None:
        name = self.parsed.text(node.child_by_field_name("name"))
        body = node.child_by_field_name("body")
        end = body.start_byte if body is not None else node.end_byte
        result = node.child_by_field_name("result")
        self.result.symbols.append(
            Symbol(
                kind=SymbolKind.METHOD if parent else SymbolKind.FUNCTION,
                name=name,
                qualname=f"{parent}.{name}" if parent else name,
                location=location(self.parsed, node),
                signature=one_line(span_text(self.parsed, node.start_byte, end)),
                parameters=self._parameters(node.child_by_field_name("parameters")),
                returns=one_line(self.parsed.text(result)) if result is not None else None,
                docstring=_doc(self.parsed, node),
                visibility=_visibility(name),
                parent=parent,
            )
        )

    def _types(self, declaration: Node) -> None:
        specs = [c for c in declaration.named_children if c.type in ("type_spec", "type_alias")]
        for spec in specs:
            # A lone spec is documented above `type`; specs of a `type ( … )` group above themselves.
            outer = spec if _grouped(declaration) else declaration
            name = self.parsed.text(spec.child_by_field_name("name"))
            body = spec.child_by_field_name("type")
            body_type = body.type if body is not None else ""
            kind = {"struct_type": SymbolKind.STRUCT, "interface_type": SymbolKind.INTERFACE}.get(body_type)
            if kind is None or spec.type == "type_alias":
                kind = SymbolKind.TYPE
            if kind == SymbolKind.TYPE or body is None:
                signature = one_line(f"type {self.parsed.text(spec)}")
            else:
                signature = one_line(
                    f"type {span_text(self.parsed, spec.start_byte, body.start_byte)} {body_type[:-5]}"
                )
            bases: list[str] = []
            members: list[Symbol] = []
            if body is not None and kind == SymbolKind.STRUCT:
                self._fields(body, name, bases, members)
            elif body is not None and kind == SymbolKind.INTERFACE:
                self._interface_methods(body, name, bases, members)
            self.result.symbols.append(
                Symbol(
                    kind=kind,
                    name=name,
                    qualname=name,
                    location=location(self.parsed, outer),
                    signature=signature,
                    docstring=_doc(self.parsed, outer),
                    bases=tuple(bases),
                    visibility=_visibility(name),
                )
            )
            self.result.symbols += members

    def _fields(self, struct: Node, parent: str, bases: list[str], members: list[Symbol]) -> None:
        fields = next((c for c in struct.named_children if c.type == "field_declaration_list"), None)
        for field in fields.named_children if fields is not None else ():
            if field.type != "field_declaration":
                continue
            type_node = field.child_by_field_name("type")
            names = field.children_by_field_name("name")
            if not names:  # an embedded type: `Base`, `*Base`, `io.Reader`
                bases.append(_type_name(self.parsed, type_node))
                continue
            annotation = one_line(self.parsed.text(type_node)) or None
            tag = field.child_by_field_name("tag")
            for name_node in names:
                name = self.parsed.text(name_node)
                signature = f"{name} {annotation or ''}".strip()
                if tag is not None:
                    signature += f" {self.parsed.text(tag)}"
                members.append(
                    Symbol(
                        kind=SymbolKind.FIELD,
                        name=name,
                        qualname=f"{parent}.{name}",
                        location=location(self.parsed, field),
                        signature=one_line(signature),
                        returns=annotation,
                        docstring=_doc(self.parsed, field),
                        visibility=_visibility(name),
                        parent=parent,
                    )
                )

    def _interface_methods(self, interface: Node, parent: str, bases: list[str], members: list[Symbol]) -> None:
        for element in interface.named_children:
            if element.type == "type_elem":
                bases.append(one_line(self.parsed.text(element)))
            elif element.type == "method_elem":
                name = self.parsed.text(element.child_by_field_name("name"))
                result = element.child_by_field_name("result")
                members.append(
                    Symbol(
                        kind=SymbolKind.METHOD,
                        name=name,
                        qualname=f"{parent}.{name}",
                        location=location(self.parsed, element),
                        signature=one_line(self.parsed.text(element)),
                        parameters=self._parameters(element.child_by_field_name("parameters")),
                        returns=one_line(self.parsed.text(result)) if result is not None else None,
                        docstring=_doc(self.parsed, element),
                        visibility=_visibility(name),
                        parent=parent,
                    )
                )

    def _values(self, declaration: Node, kind: SymbolKind) -> None:
        keyword = "const" if kind == SymbolKind.CONSTANT else "var"
        specs = [c for c in declaration.named_children if c.type in ("const_spec", "var_spec")]
        for spec in specs:
            outer = spec if _grouped(declaration) else declaration
            type_node = spec.child_by_field_name("type")
            values = spec.child_by_field_name("value")
            value_nodes = values.named_children if values is not None else []
            for index, name_node in enumerate(spec.children_by_field_name("name")):
                name = self.parsed.text(name_node)
                if name == "_":
                    continue
                value = value_nodes[index] if index < len(value_nodes) else None
                self.result.symbols.append(
                    Symbol(
                        kind=kind,
                        name=name,
                        qualname=name,
                        location=location(self.parsed, outer),
                        signature=one_line(f"{keyword} {self.parsed.text(spec)}"),
                        returns=one_line(self.parsed.text(type_node)) if type_node is not None else None,
                        docstring=_doc(self.parsed, outer),
                        visibility=_visibility(name),
                        value=short_value(self.parsed.text(value)) if value is not None else None,
                    )
                )


def extract_go(parsed: ParsedFile, context: FileContext, text: str) -> Extraction:
    return _GoExtractor(parsed).run()
