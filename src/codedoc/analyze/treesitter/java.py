"""Java: imports, types (nested ones qualified `Outer.Inner`), methods, constructors and fields.

Visibility comes from the modifiers; none means package-private (INTERNAL), except inside an
interface or annotation type where members are implicitly public. The module docstring is the
javadoc of the file's primary type (the public one, or the one named like the file), or the
comment above `package` in `package-info.java`.
"""

from __future__ import annotations

import posixpath

from tree_sitter import Node

from codedoc.analyze.facts import FileContext
from codedoc.analyze.treesitter.comments import clean_block, comments_above, jsdoc_above
from codedoc.analyze.treesitter.extraction import Extraction, location
from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, short_value, span_text
from codedoc.model import Import, ImportKind, Parameter, Symbol, SymbolKind, Visibility

_TYPES: dict[str, SymbolKind] = {
    "class_declaration": SymbolKind.CLASS,
    "record_declaration": SymbolKind.CLASS,
    "interface_declaration": SymbolKind.INTERFACE,
    "annotation_type_declaration": SymbolKind.INTERFACE,
    "enum_declaration": SymbolKind.ENUM,
}
_IMPLICITLY_PUBLIC = frozenset({"interface_declaration", "annotation_type_declaration"})
_ANNOTATIONS = frozenset({"annotation", "marker_annotation"})
_STDLIB_PREFIXES = ("java.", "javax.", "jdk.")


def package_name(parsed: ParsedFile) -> str | None:
    for node in parsed.root.named_children:
        if node.type == "package_declaration":
            names = [c for c in node.named_children if c.type in ("scoped_identifier", "identifier")]
            return parsed.text(names[0]) if names else None
    return None


def modifiers_of(node: Node) -> Node | None:
    return next((c for c in node.children if c.type == "modifiers"), None)


def annotations_of(parsed: ParsedFile, node: Node) -> list[Node]:
    modifiers = modifiers_of(node)
    return [c for c in modifiers.children if c.type in _ANNOTATIONS] if modifiers is not None else []


def _keywords(parsed: ParsedFile, node: Node) -> set[str]:
    modifiers = modifiers_of(node)
    if modifiers is None:
        return set()
    return {parsed.text(c) for c in modifiers.children if c.type not in _ANNOTATIONS and c.type != "comment"}


def _visibility(keywords: set[str], *, implicit_public: bool) -> Visibility:
    for word, visibility in (
        ("public", Visibility.PUBLIC),
        ("protected", Visibility.PROTECTED),
        ("private", Visibility.PRIVATE),
    ):
        if word in keywords:
            return visibility
    return Visibility.PUBLIC if implicit_public else Visibility.INTERNAL


class _JavaExtractor:
    def __init__(self, parsed: ParsedFile, context: FileContext) -> None:
        self.parsed = parsed
        self.context = context
        self.result = Extraction()

    def run(self) -> Extraction:
        top_types: list[tuple[Node, Symbol]] = []
        # (container body, parent qualname, whether members are implicitly public)
        stack: list[tuple[Node, str | None, bool]] = [(self.parsed.root, None, False)]
        while stack:
            container, parent, implicit_public = stack.pop()
            for node in container.named_children:
                if node.type == "import_declaration":
                    self._import(node)
                elif node.type in _TYPES:
                    symbol = self._type(node, parent, implicit_public)
                    if parent is None:
                        top_types.append((node, symbol))
                    body = node.child_by_field_name("body")
                    if body is not None:
                        stack.append((body, symbol.qualname, node.type in _IMPLICITLY_PUBLIC))
                elif parent is not None and node.type == "enum_body_declarations":
                    stack.append((node, parent, implicit_public))
                elif parent is not None:
                    self._member(node, parent, implicit_public)
        self.result.symbols.sort(key=lambda s: (s.location.start_line, s.parent is not None))
        self.result.docstring = self._module_doc(top_types)
        return self.result

    def _module_doc(self, top_types: list[tuple[Node, Symbol]]) -> str | None:
        if posixpath.basename(self.context.path) == "package-info.java":
            for node in self.parsed.root.named_children:
                if node.type == "package_declaration":
                    comments = comments_above(node)
                    return clean_block(self.parsed.text(comments[-1])) or None if comments else None
            return None
        stem = posixpath.basename(self.context.path).rsplit(".", 1)[0]
        primary = next((s for _, s in top_types if s.name == stem), None)
        primary = primary or next((s for _, s in top_types if s.visibility == Visibility.PUBLIC), None)
        primary = primary or (top_types[0][1] if top_types else None)
        return primary.docstring if primary is not None else None

    def _import(self, node: Node) -> None:
        names = [c for c in node.named_children if c.type in ("scoped_identifier", "identifier")]
        if not names:
            return
        module = self.parsed.text(names[0])
        if any(c.type == "asterisk" for c in node.named_children):
            module += ".*"
        kind = ImportKind.STDLIB if module.startswith(_STDLIB_PREFIXES) else ImportKind.UNRESOLVED
        is_static = any(not c.is_named and c.type == "static" for c in node.children)
        leaf = module.rsplit(".", 1)[-1]
        self.result.imports.append(
            Import(module=module, kind=kind, line=self.parsed.line(node), names=(leaf,) if is_static else ())
        )

    def _common(self, node: Node) -> dict[str, object]:
        annotations = annotations_of(self.parsed, node)
        return {
            "location": location(self.parsed, node),
            "docstring": jsdoc_above(self.parsed, node),
            "decorators": tuple(one_line(self.parsed.text(a)).removeprefix("@") for a in annotations),
        }

    def _header(self, node: Node, end_node: Node | None) -> str:
        """The declaration without its annotations, comments and body."""
        end = end_node.start_byte if end_node is not None else node.end_byte
        skip = annotations_of(self.parsed, node) + [c for c in node.children if c.type.endswith("comment")]
        return one_line(span_text(self.parsed, node.start_byte, end, skip).rstrip().rstrip(";").rstrip())

    def _type(self, node: Node, parent: str | None, implicit_public: bool) -> Symbol:
        name = self.parsed.text(node.child_by_field_name("name"))
        bases: list[str] = []
        for child in node.named_children:
            if child.type in ("superclass", "super_interfaces", "extends_interfaces"):
                for part in child.named_children:
                    types = part.named_children if part.type == "type_list" else [part]
                    bases += [one_line(self.parsed.text(t)) for t in types]
        symbol = Symbol(
            kind=_TYPES[node.type],
            name=name,
            qualname=f"{parent}.{name}" if parent else name,
            signature=self._header(node, node.child_by_field_name("body")),
            parameters=self._parameters(node.child_by_field_name("parameters")),
            bases=tuple(bases),
            visibility=_visibility(_keywords(self.parsed, node), implicit_public=implicit_public),
            parent=parent,
            **self._common(node),  # type: ignore[arg-type]
        )
        self.result.symbols.append(symbol)
        return symbol

    def _parameters(self, node: Node | None) -> tuple[Parameter, ...]:
        found: list[Parameter] = []
        for param in node.named_children if node is not None else ():
            if param.type == "formal_parameter":
                skip = annotations_of(self.parsed, param)
                type_node = param.child_by_field_name("type")
                annotation = (
                    one_line(span_text(self.parsed, type_node.start_byte, type_node.end_byte, skip))
                    if type_node
                    else None
                )
                dims = param.child_by_field_name("dimensions")
                if annotation and dims is not None:
                    annotation += self.parsed.text(dims)
                found.append(Parameter(self.parsed.text(param.child_by_field_name("name")), annotation))
            elif param.type == "spread_parameter":
                declarator = next((c for c in param.named_children if c.type == "variable_declarator"), None)
                type_node = next(
                    (c for c in param.named_children if c.type not in ("modifiers", "variable_declarator")), None
                )
                name = self.parsed.text(declarator.child_by_field_name("name")) if declarator else "args"
                found.append(Parameter(name, one_line(self.parsed.text(type_node)) or None, kind="var_positional"))
        return tuple(found)

    def _member(self, node: Node, parent: str, implicit_public: bool) -> None:
        kind = node.type
        keywords = _keywords(self.parsed, node)
        visibility = _visibility(keywords, implicit_public=implicit_public)
        if kind in ("method_declaration", "constructor_declaration", "compact_constructor_declaration"):
            name = self.parsed.text(node.child_by_field_name("name"))
            type_node = node.child_by_field_name("type")
            self.result.symbols.append(
                Symbol(
                    kind=SymbolKind.METHOD,
                    name=name,
                    qualname=f"{parent}.{name}",
                    signature=self._header(node, node.child_by_field_name("body")),
                    parameters=self._parameters(node.child_by_field_name("parameters")),
                    returns=one_line(self.parsed.text(type_node)) if type_node is not None else None,
                    visibility=visibility,
                    parent=parent,
                    **self._common(node),  # type: ignore[arg-type]
                )
            )
        elif kind in ("field_declaration", "constant_declaration"):
            type_text = one_line(self.parsed.text(node.child_by_field_name("type"))) or None
            constant = kind == "constant_declaration" or {"static", "final"} <= keywords
            declarators = node.children_by_field_name("declarator")
            prefix = self._header(node, declarators[0]) if declarators else ""
            for declarator in declarators:
                name = self.parsed.text(declarator.child_by_field_name("name"))
                value = declarator.child_by_field_name("value")
                self.result.symbols.append(
                    Symbol(
                        kind=SymbolKind.CONSTANT if constant else SymbolKind.FIELD,
                        name=name,
                        qualname=f"{parent}.{name}",
                        signature=one_line(f"{prefix} {self.parsed.text(declarator)}"),
                        returns=type_text,
                        visibility=visibility,
                        parent=parent,
                        value=short_value(self.parsed.text(value)) if value is not None else None,
                        **self._common(node),  # type: ignore[arg-type]
                    )
                )
        elif kind == "enum_constant":
            name = self.parsed.text(node.child_by_field_name("name"))
            self.result.symbols.append(
                Symbol(
                    kind=SymbolKind.CONSTANT,
                    name=name,
                    qualname=f"{parent}.{name}",
                    signature=one_line(self._header(node, node.child_by_field_name("body"))),
                    visibility=Visibility.PUBLIC,
                    parent=parent,
                    **self._common(node),  # type: ignore[arg-type]
                )
            )
        elif kind == "annotation_type_element_declaration":
            name = self.parsed.text(node.child_by_field_name("name"))
            self.result.symbols.append(
                Symbol(
                    kind=SymbolKind.METHOD,
                    name=name,
                    qualname=f"{parent}.{name}",
                    signature=self._header(node, None),
                    returns=one_line(self.parsed.text(node.child_by_field_name("type"))) or None,
                    visibility=Visibility.PUBLIC,
                    parent=parent,
                    **self._common(node),  # type: ignore[arg-type]
                )
            )


def extract_java(parsed: ParsedFile, context: FileContext, text: str) -> Extraction:
    return _JavaExtractor(parsed, context).run()
