"""How one symbol is shown: signature in a fenced block, docstring, parameters, source."""

from __future__ import annotations

import re

from codedoc.model import Language, Module, Symbol, SymbolKind
from codedoc.write.markdown import PARAGRAPH_BREAK, cell_code, clean, code, fence, first_sentence, table, text
from codedoc.write.offline.context import SiteContext

MAX_DOC_PARAGRAPHS = 6
MAX_DOC_CHARS = 2_000

_FENCE_LANGUAGE = {
    Language.PYTHON: "python",
    Language.JAVASCRIPT: "javascript",
    Language.TYPESCRIPT: "typescript",
    Language.TSX: "tsx",
    Language.GO: "go",
    Language.JAVA: "java",
    Language.RUST: "rust",
}
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}$")
_SECTION = re.compile(r"^\s*(Args|Arguments|Parameters|Returns|Raises|Yields|Examples?|Attributes|Note)s?:?\s*$")


def fence_language(module: Module) -> str:
    return _FENCE_LANGUAGE.get(module.language, "")


def signature(symbol: Symbol) -> str:
    """The symbol's signature as written, or one rebuilt from its parameters."""
    if symbol.signature:
        return clean(symbol.signature).strip()
    if symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD):
        params = ", ".join(
            p.name + (f": {p.annotation}" if p.annotation else "") + (f" = {p.default}" if p.default else "")
            for p in symbol.parameters
        )
        returns = f" -> {symbol.returns}" if symbol.returns else ""
        return f"{symbol.name}({params}){returns}"
    if symbol.value:
        return f"{symbol.name} = {symbol.value}"
    return symbol.name


def docstring_paragraphs(docstring: str | None) -> list[str]:
    """The docstring as escaped paragraphs, stopping at an Args/Returns-style section."""
    if not docstring:
        return []
    paragraphs: list[str] = []
    size = 0
    for block in PARAGRAPH_BREAK.split(clean(docstring).strip()):
        lines = block.strip().split("\n")
        # Stop where the docstring turns into structure: an Args/Returns section, a reST heading or directive.
        if not block.strip() or _SECTION.match(lines[0]) or lines[0].startswith(".. "):
            break
        if len(lines) > 1 and _UNDERLINE.match(lines[1].strip()):
            break
        paragraph = text(block, limit=MAX_DOC_CHARS)
        paragraphs.append(paragraph)
        size += len(paragraph)
        if len(paragraphs) >= MAX_DOC_PARAGRAPHS or size >= MAX_DOC_CHARS:
            break
    return paragraphs


def parameters_table(symbol: Symbol) -> str:
    params = [p for p in symbol.parameters if p.name not in ("self", "cls")]
    if not params:
        return ""
    rows = [
        (
            code(p.name),
            cell_code(p.annotation) if p.annotation else "",
            cell_code(p.default) if p.default else "",
            text(p.kind.replace("_", " ")),
        )
        for p in params
    ]
    return table(("Parameter", "Type", "Default", "Kind"), rows)


def render_symbol(
    ctx: SiteContext, module: Module, symbol: Symbol, *, level: int, full: bool = True, title: str | None = None
) -> str:
    """A heading, the signature, the docstring (all of it or its first sentence) and the source."""
    heading = f"{'#' * level} {code(title or symbol.qualname)} {text(_kind_word(symbol))}"
    parts = [heading, fence(signature(symbol), fence_language(module))]
    if full:
        parts += docstring_paragraphs(symbol.docstring)
        parameters = parameters_table(symbol)
        if parameters:
            parts.append(parameters)
        if symbol.returns and symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD):
            parts.append(f"Returns {cell_code(symbol.returns)}.")
    elif symbol.docstring:
        parts.append(text(first_sentence(symbol.docstring)))
    details = []
    if symbol.bases:
        details.append("Bases: " + ", ".join(cell_code(base) for base in symbol.bases[:10]))
    if symbol.decorators and full:
        details.append("Decorators: " + ", ".join(cell_code(d) for d in symbol.decorators[:10]))
    citation = ctx.citer.cite(symbol.location)
    if citation:
        details.append(f"Source: {citation}")
    if details:
        parts.append(" · ".join(details))
    return "\n\n".join(parts)


def _kind_word(symbol: Symbol) -> str:
    word = symbol.kind.value
    if symbol.is_async and symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD):
        word = f"async {word}"
    return f"({word})"
