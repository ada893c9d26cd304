"""Rust: crate/module docs (`//!`), imports, functions, structs, enums, traits, impls, types,
consts and statics; items of inline `mod` blocks are qualified with `::`.

`pub` is PUBLIC, `pub(crate)`/`pub(super)`/`pub(in …)` INTERNAL, no modifier PRIVATE. Methods of
`impl X` and `impl Trait for X` hang off `X`; trait impls also add the trait to X's `bases`, and
their methods take X's visibility (they have no modifier of their own). `#[cfg(test)]` modules
are tests, not API, and are skipped.
"""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass, field

from tree_sitter import Node

from codedoc.analyze.facts import FileContext
from codedoc.analyze.treesitter import rust_imports
from codedoc.analyze.treesitter.comments import clean_block
from codedoc.analyze.treesitter.extraction import Extraction, location
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, short_value, span_text, string_value
from codedoc.model import Parameter, Symbol, SymbolKind, Visibility

_COMMENTS = frozenset({"line_comment", "block_comment"})


def visibility_of(parsed: ParsedFile, node: Node) -> Visibility:
    modifier = next((c for c in node.children if c.type == "visibility_modifier"), None)
    if modifier is None:
        return Visibility.PRIVATE
    return Visibility.PUBLIC if parsed.text(modifier) == "pub" else Visibility.INTERNAL


def _doc_kind(node: Node) -> str | None:
    """`inner` for `//!`/`/*! */`, `outer` for `///`/`/** */`, None for a plain comment."""
    for child in node.children:
        if child.type == "inner_doc_comment_marker":
            return "inner"
        if child.type == "outer_doc_comment_marker":
            return "outer"
    return None


def _doc_text(parsed: ParsedFile, comment: Node) -> str:
    if comment.type == "block_comment":
        return clean_block(parsed.text(comment))
    doc = comment.child_by_field_name("doc")
    return parsed.text(doc).rstrip("\r\n").removeprefix(" ") if doc is not None else ""


def _join_docs(lines: list[str]) -> str | None:
    return textwrap.dedent("\n".join(lines)).strip() or None


@dataclass(slots=True)
class _Leading:
    """Doc comments and attributes gathered before the next item; its span starts at the first attribute."""

    first: Node | None = None
    docs: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Container:
    node: Node
    prefix: str
    """`api::` inside `mod api`."""
    owner: str | None = None
    """Qualname of the impl's type or the trait whose body this is."""
    owner_visibility: Visibility | None = None
    """Set for trait bodies and trait impls, whose items have no modifier of their own."""
    trait_impl: bool = False
    is_root: bool = False


class _RustExtractor:
    def __init__(self, parsed: ParsedFile, context: FileContext) -> None:
        self.parsed = parsed
        self.context = context
        self.result = Extraction()
        self.trait_impls: dict[str, list[str]] = {}
        self.trait_impl_methods: set[tuple[str, int]] = set()

    def run(self) -> Extraction:
        inner_docs: list[str] = []
        stack = [_Container(self.parsed.root, "", is_root=True)]
        while stack:
            container = stack.pop()
            leading = _Leading()
            for node in container.node.named_children:
                if node.type in _COMMENTS:
                    kind = _doc_kind(node)
                    if kind == "inner" and container.is_root:
                        inner_docs.append(_doc_text(self.parsed, node))
                    elif kind == "outer":
                        leading.docs.append(_doc_text(self.parsed, node))
                    continue
                if node.type == "attribute_item":
                    leading.first = leading.first or node
                    self._attribute(node, leading)
                    continue
                self._item(node, container, leading, stack)
                leading = _Leading()
        self.result.docstring = _join_docs(inner_docs)
        self.result.symbols = self._link_trait_impls(sorted(self.result.symbols, key=lambda s: s.location.start_line))
        return self.result

    def _attribute(self, node: Node, leading: _Leading) -> None:
        attribute = next((c for c in node.named_children if c.type == "attribute"), None)
        if attribute is None:
            return
        name = attribute.named_children[0] if attribute.named_children else None
        value = attribute.child_by_field_name("value")
        if name is not None and self.parsed.text(name) == "doc" and value is not None:
            leading.docs.append(string_value(self.parsed, value) or "")
        else:
            leading.attributes.append(one_line(self.parsed.text(attribute)))

    def _item(self, node: Node, container: _Container, leading: _Leading, stack: list[_Container]) -> None:
        kind = node.type
        if kind == "use_declaration":
            self.result.imports += rust_imports.use_imports(self.parsed, node)
        elif kind == "extern_crate_declaration":
            found = rust_imports.extern_crate(self.parsed, node)
            if found is not None:
                self.result.imports.append(found)
        elif kind == "mod_item":
            body = node.child_by_field_name("body")
            name = self.parsed.text(node.child_by_field_name("name"))
            if body is None:
                self.result.imports.append(
                    rust_imports.module_declaration(
                        self.parsed, node, module_name=self.context.module_name, prefix=container.prefix
                    )
                )
            elif "cfg(test)" not in leading.attributes:
                stack.append(_Container(body, f"{container.prefix}{name}::"))
        elif kind == "foreign_mod_item":
            body = node.child_by_field_name("body")
            if body is not None:
                stack.append(_Container(body, container.prefix))
        elif kind == "impl_item":
            self._impl(node, container, stack)
        elif kind in ("function_item", "function_signature_item"):
            self._function(node, container, leading)
        elif kind in ("struct_item", "union_item", "enum_item", "trait_item", "type_item"):
            self._type(node, container, leading, stack)
        elif kind in ("const_item", "static_item"):
            mutable = any(c.type == "mutable_specifier" for c in node.children)
            symbol_kind = SymbolKind.VARIABLE if mutable else SymbolKind.CONSTANT
            value = node.child_by_field_name("value")
            self._add(
                node,
                container,
                leading,
                symbol_kind,
                signature=self._header(node, value),
                returns=one_line(self.parsed.text(node.child_by_field_name("type"))) or None,
                value=short_value(self.parsed.text(value)) if value is not None else None,
            )

    def _header(self, node: Node, end_node: Node | None) -> str:
        end = end_node.start_byte if end_node is not None else node.end_byte
        text = span_text(self.parsed, node.start_byte, end)
        return one_line(text.rstrip().removesuffix("=").rstrip().rstrip(";").rstrip())

    def _add(self, node: Node, container: _Container, leading: _Leading, kind: SymbolKind, **fields: object) -> Symbol:
        name = self.parsed.text(node.child_by_field_name("name"))
        owner = container.owner
        symbol = Symbol(
            kind=kind,
            name=name,
            qualname=f"{owner}::{name}" if owner else f"{container.prefix}{name}",
            location=location(self.parsed, leading.first or node, node),
            docstring=_join_docs(leading.docs),
            decorators=tuple(leading.attributes),
            visibility=container.owner_visibility or visibility_of(self.parsed, node),
            parent=owner,
            **fields,  # type: ignore[arg-type]
        )
        self.result.symbols.append(symbol)
        if container.trait_impl:
            self.trait_impl_methods.add((symbol.qualname, symbol.location.start_line))
        return symbol

    def _parameters(self, node: Node | None) -> tuple[Parameter, ...]:
        found: list[Parameter] = []
        for param in node.named_children if node is not None else ():
            if param.type == "self_parameter":
                text = self.parsed.text(param)
                found.append(Parameter("self", None if text == "self" else one_line(text)))
            elif param.type == "parameter":
                pattern = param.child_by_field_name("pattern")
                annotation = one_line(self.parsed.text(param.child_by_field_name("type"))) or None
                found.append(Parameter(one_line(self.parsed.text(pattern)) or "_", annotation))
            elif param.type == "variadic_parameter":
                found.append(Parameter("...", kind="var_positional"))
        return tuple(found)

    def _function(self, node: Node, container: _Container, leading: _Leading) -> None:
        modifiers = next((c for c in node.children if c.type == "function_modifiers"), None)
        result = node.child_by_field_name("return_type")
        self._add(
            node,
            container,
            leading,
            SymbolKind.METHOD if container.owner else SymbolKind.FUNCTION,
            signature=self._header(node, node.child_by_field_name("body")),
            parameters=self._parameters(node.child_by_field_name("parameters")),
            returns=one_line(self.parsed.text(result)) if result is not None else None,
            is_async=modifiers is not None and "async" in self.parsed.text(modifiers).split(),
        )

    def _type(self, node: Node, container: _Container, leading: _Leading, stack: list[_Container]) -> None:
        kind = {
            "struct_item": SymbolKind.STRUCT,
            "union_item": SymbolKind.STRUCT,
            "enum_item": SymbolKind.ENUM,
            "trait_item": SymbolKind.TRAIT,
        }.get(node.type, SymbolKind.TYPE)
        body = node.child_by_field_name("body")
        bounds = node.child_by_field_name("bounds")
        bases = [one_line(self.parsed.text(b)) for b in bounds.named_children] if bounds is not None else []
        symbol = self._add(
            node,
            container,
            leading,
            kind,
            signature=self._header(node, body if kind != SymbolKind.TYPE else None),
            bases=tuple(bases),
        )
        if body is None:
            return
        if kind == SymbolKind.TRAIT:
            stack.append(_Container(body, container.prefix, symbol.qualname, symbol.visibility))
        else:
            self._members(body, symbol, enum=kind == SymbolKind.ENUM)

    def _members(self, body: Node, owner: Symbol, *, enum: bool) -> None:
        leading = _Leading()
        for member in body.named_children:
            if member.type in _COMMENTS:
                if _doc_kind(member) == "outer":
                    leading.docs.append(_doc_text(self.parsed, member))
                continue
            if member.type == "attribute_item":
                leading.first = leading.first or member
                self._attribute(member, leading)
                continue
            if member.type in ("field_declaration", "enum_variant"):
                container = _Container(body, "", owner.qualname, owner.visibility if enum else None)
                type_node = member.child_by_field_name("type")
                self._add(
                    member,
                    container,
                    leading,
                    SymbolKind.CONSTANT if enum else SymbolKind.FIELD,
                    signature=one_line(self.parsed.text(member)),
                    returns=one_line(self.parsed.text(type_node)) if type_node is not None else None,
                )
            leading = _Leading()

    def _impl(self, node: Node, container: _Container, stack: list[_Container]) -> None:
        body = node.child_by_field_name("body")
        type_node = node.child_by_field_name("type")
        while type_node is not None and type_node.type in ("generic_type", "reference_type", "scoped_type_identifier"):
            type_node = type_node.child_by_field_name("name" if type_node.type == "scoped_type_identifier" else "type")
        if body is None or type_node is None:
            return
        owner = f"{container.prefix}{self.parsed.text(type_node)}"
        trait = node.child_by_field_name("trait")
        if trait is not None:
            self.trait_impls.setdefault(owner, []).append(one_line(self.parsed.text(trait)))
            # Methods of a trait impl are as visible as the type; settled in `_link_trait_impls`.
            stack.append(_Container(body, container.prefix, owner, Visibility.PUBLIC, trait_impl=True))
        else:
            stack.append(_Container(body, container.prefix, owner))

    def _link_trait_impls(self, symbols: list[Symbol]) -> list[Symbol]:
        """Add implemented traits to their type's bases; give trait-impl methods the type's visibility."""
        if not self.trait_impls:
            return symbols
        types = {s.qualname: s for s in symbols if s.parent is None and s.kind in (SymbolKind.STRUCT, SymbolKind.ENUM)}
        linked: list[Symbol] = []
        for symbol in symbols:
            traits = self.trait_impls.get(symbol.qualname)
            if symbol.qualname in types and traits:
                symbol = dataclasses.replace(symbol, bases=tuple(dict.fromkeys((*symbol.bases, *traits))))
            elif (symbol.qualname, symbol.location.start_line) in self.trait_impl_methods and symbol.parent in types:
                symbol = dataclasses.replace(symbol, visibility=types[symbol.parent].visibility)
            linked.append(symbol)
        return linked


def extract_rust(parsed: ParsedFile, context: FileContext, text: str) -> Extraction:
    return _RustExtractor(parsed, context).run()
