"""What the index holds, as records: one per site section, symbol, module, route, command,
setting and source chunk. Source chunks follow the symbols: a function is one chunk (a long one
several), a class's header is one, and the lines between definitions are chunks of their own."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from codedoc.ask.graph import symbol_key
from codedoc.ask.tokens import index_words
from codedoc.model import CodeModel, FileCategory, Location, Module, Symbol, SymbolKind
from codedoc.write.anchors import PageAnchors
from codedoc.write.pages import Page

CHUNK_LINES = 60
MAX_BODY_CHARS = 12_000
_SKIPPED_CHUNK_CATEGORIES = frozenset({FileCategory.TEST})


# Not frozen: an index is tens of thousands of records, and a frozen dataclass's `__init__` (one
# `object.__setattr__` per field) costs twice as much. Nothing changes a record once it is made.
@dataclass(slots=True)
class Document:
    kind: str
    """`section`, `symbol`, `module`, `route`, `command`, `setting` or `source`."""
    title: str
    names: str
    body: str
    key: str = ""
    """The symbol (`module.qualname`) this record is about, for de-duplication and neighbours."""
    location: Location | None = None
    page: str | None = None
    anchor: str | None = None
    detail: str = ""
    """One line shown with the result: a signature, a route's handler, a setting's default."""
    from_file: bool = False
    """The body is `source_piece` of the file's text at `location`: the index can keep that text
    once, in its files table, and cut the body from it when it is read."""


def source_piece(lines: Sequence[str], start: int, end: int) -> str:
    """Lines `start`..`end` (from 1) of a file, as a source record's body."""
    return "\n".join(lines[start - 1 : end])[:MAX_BODY_CHARS]


def documents(model: CodeModel, pages: Sequence[Page], texts: Mapping[str, str]) -> Iterator[Document]:
    """Every record: the pages' sections first, then the model's."""
    yield from section_documents(pages)
    yield from model_documents(model, texts)


def section_documents(pages: Sequence[Page]) -> Iterator[Document]:
    """The records of the written pages: one per section."""
    return _sections(pages)


def model_documents(model: CodeModel, texts: Mapping[str, str]) -> Iterator[Document]:
    """The records the code model and the files' text alone decide: modules, symbols, source, facts."""
    categories = {source.path: source.category for source in model.repository.files}
    for module in model.modules:
        yield _module(module)
        for symbol in module.symbols:
            yield _symbol(module, symbol)
        text = texts.get(module.path)
        if text is not None and categories.get(module.path) not in _SKIPPED_CHUNK_CATEGORIES:
            yield from _chunks(module, text.splitlines())
    modules = {module.path for module in model.modules}
    for path, text in texts.items():
        if path not in modules and categories.get(path) in (FileCategory.DOCS, FileCategory.CONFIG, FileCategory.BUILD):
            yield from _text_chunks(path, text.splitlines())
    yield from _facts(model)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_INLINE_MARKUP = re.compile(r"[`*]+|\[([^\]]*)\]\([^)]*\)")


def _heading_text(raw: str) -> str:
    if "`" not in raw and "*" not in raw and "[" not in raw:
        return raw.strip()  # no markup to remove
    return _INLINE_MARKUP.sub(lambda match: match.group(1) or "", raw).strip()


def _section(page: Page, heading: str, anchor: str, lines: list[str]) -> Document | None:
    body = " ".join(_plain("\n".join(lines)).split())
    if not body and not anchor:
        return None
    return Document(
        kind="section",
        title=f"{heading} — {page.title}" if heading != page.title else page.title,
        names=index_words(heading),
        body=body[:MAX_BODY_CHARS],
        page=page.path,
        anchor=anchor or None,
    )


# `_INLINE_MARKUP` for lines joined by newlines: no match crosses one, so a section's lines are
# cleaned in one call, exactly as one by one.
_INLINE_MARKUP_LINES = re.compile(r"[`*]+|\[([^\]\n]*)\]\([^)\n]*\)")


def _plain(text: str) -> str:
    """The section's text without markup, up to runs of white space (which the body folds)."""
    if "](" in text:
        return _INLINE_MARKUP_LINES.sub(_link_text, text)
    # Without links, the markup is runs of ` and *, each replaced by a space.
    return text.replace("`", " ").replace("*", " ")


def _link_text(match: re.Match[str]) -> str:
    return match.group(1) or " "


def _sections(pages: Sequence[Page]) -> Iterator[Document]:
    for page in pages:
        lines, marked = _marked_lines(page.markdown)
        yield from _page_sections(page, lines, marked)


# Where a fence or a heading may start: every line either matches can, and few others do.
_MARKED = re.compile(r"^ {0,3}(?:```|~~~|#)", re.MULTILINE)
# Line breaks that `str.splitlines` knows and `re`'s `^` does not.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
FENCED_LINES = 200
"""A section keeps this many of its lines at most once inside a code block."""


def _marked_lines(markdown: str) -> tuple[list[str], list[int]]:
    """The page's lines (`splitlines`) and the numbers of those that may be fences or headings:
    found by one search of the page rather than a test per line."""
    if _OTHER_BREAKS.search(markdown):
        lines = markdown.splitlines()
        return lines, [i for i, line in enumerate(lines) if "#" in line[:4] or "```" in line or "~~~" in line]
    lines = markdown.split("\n")
    if markdown.endswith("\n") or not markdown:
        lines.pop()  # as `splitlines`: no empty line after the last break
    marked: list[int] = []
    number, position = 0, 0
    for found in _MARKED.finditer(markdown):
        number += markdown.count("\n", position, found.start())
        position = found.start()
        marked.append(number)
    return lines, marked


def _page_sections(page: Page, lines: list[str], marked: list[int]) -> Iterator[Document]:
    """A section per heading outside code blocks; the lines between are taken in runs."""
    anchors = PageAnchors()
    heading, anchor = page.title, ""
    text: list[str] = []
    fence = False
    taken = 0  # lines before this one are in `text` or were fences and headings
    for number in marked:
        line = lines[number]
        is_fence = ("```" in line or "~~~" in line) and _FENCE.match(line) is not None
        found = None if is_fence or fence else _HEADING.match(line)
        if not is_fence and found is None:
            continue  # a line of text: it stays in the run
        _take(text, lines[taken:number], fence)
        taken = number + 1
        if is_fence:
            fence = not fence
            continue
        assert found is not None
        document = _section(page, heading, anchor, text)
        if document is not None:
            yield document
        heading = _heading_text(found.group(2))
        anchor = anchors.claim(heading)
        if len(found.group(1)) == 1:
            anchor = ""  # the page title: the page itself is the target
        text = []
    _take(text, lines[taken:], fence)
    document = _section(page, heading, anchor, text)
    if document is not None:
        yield document


def _take(text: list[str], run: list[str], fence: bool) -> None:
    """Add a run of text lines; inside a code block, only up to `FENCED_LINES` in all."""
    text.extend(run[: max(0, FENCED_LINES - len(text))] if fence else run)


def _module(module: Module) -> Document:
    top = [symbol.name for symbol in module.symbols if symbol.parent is None][:80]
    return Document(
        kind="module",
        title=module.name,
        names=index_words(module.name, module.path),
        body=" ".join(filter(None, [module.docstring or "", "defines " + ", ".join(top) if top else ""]))[
            :MAX_BODY_CHARS
        ],
        key=module.name,
        location=Location(module.path, 1, max(1, module.line_count)),
        detail=(module.docstring or "").strip().split("\n", 1)[0][:200],
    )


def _symbol(module: Module, symbol: Symbol) -> Document:
    parts = [
        symbol.signature or "",
        symbol.docstring or "",
        " ".join(symbol.decorators),
        " ".join(symbol.bases),
        symbol.value or "",
        " ".join([parameter.name for parameter in symbol.parameters]),
    ]
    return Document(
        kind="symbol",
        title=symbol.qualname,
        names=index_words(symbol.qualname),
        body="\n".join(filter(None, parts))[:MAX_BODY_CHARS],
        key=symbol_key(module.name, symbol.qualname),
        location=symbol.location,
        detail=symbol.signature or f"{symbol.kind.value} {symbol.qualname}",
    )


_CONTAINERS = frozenset({SymbolKind.CLASS, SymbolKind.INTERFACE, SymbolKind.STRUCT, SymbolKind.ENUM, SymbolKind.TRAIT})


_NOT_CHUNKED = frozenset({SymbolKind.FIELD, SymbolKind.PROPERTY, SymbolKind.VARIABLE})


def _member_lines(module: Module) -> dict[str, list[int]]:
    """Each parent's members' first lines, in one pass (not one pass over the module per class)."""
    members: dict[str, list[int]] = {}
    for symbol in module.symbols:
        if symbol.parent is not None:
            members.setdefault(symbol.parent, []).append(symbol.location.start_line)
    return members


def _chunks(module: Module, lines: list[str]) -> Iterator[Document]:
    """Chunks aligned to the symbols: each function or method, each class header, and the rest."""
    total = len(lines)
    covered = [False] * (total + 2)
    spans: list[tuple[int, int, Symbol]] = []
    members = _member_lines(module)
    for symbol in module.symbols:
        start, end = symbol.location.start_line, min(symbol.location.end_line, total)
        if start < 1 or start > end or symbol.kind in _NOT_CHUNKED:
            continue
        if symbol.kind in _CONTAINERS:
            member_start = min((line for line in members.get(symbol.qualname, ()) if line > start), default=end + 1)
            end = min(end, member_start - 1, start + CHUNK_LINES - 1)
        spans.append((start, end, symbol))
    spans.sort(key=lambda span: (span[0], -span[1]))
    for start, end, symbol in spans:
        if all(covered[start : end + 1]):
            continue
        for piece_start in range(start, end + 1, CHUNK_LINES):
            piece_end = min(end, piece_start + CHUNK_LINES - 1)
            covered[piece_start : piece_end + 1] = [True] * (piece_end - piece_start + 1)
            yield _source(module, lines, piece_start, piece_end, symbol)
    # What no symbol covers (module docstrings, top-level statements), in runs.
    for run_start, run_end in _free_runs(covered, total):
        for piece_start in range(run_start, run_end, CHUNK_LINES):
            piece_end = min(run_end - 1, piece_start + CHUNK_LINES - 1)
            if any(line.strip() for line in lines[piece_start - 1 : piece_end]):
                yield _source(module, lines, piece_start, piece_end, None)


def _free_runs(covered: list[bool], total: int) -> Iterator[tuple[int, int]]:
    """The runs of lines 1..`total` not covered, as (first, one past the last)."""
    line = 1
    while line <= total:
        try:
            start = covered.index(False, line, total + 1)
        except ValueError:
            return
        try:
            end = covered.index(True, start, total + 1)
        except ValueError:
            end = total + 1
        yield start, end
        line = end


def _source(module: Module, lines: list[str], start: int, end: int, symbol: Symbol | None) -> Document:
    title = symbol.qualname if symbol else f"{module.path} lines {start}-{end}"
    return Document(
        kind="source",
        title=title,
        names=index_words(symbol.qualname if symbol else module.path),
        body=source_piece(lines, start, end),
        key=symbol_key(module.name, symbol.qualname) if symbol else "",
        location=Location(module.path, start, end),
        detail=(symbol.signature or "") if symbol else "",
        from_file=True,
    )


def _text_chunks(path: str, lines: list[str]) -> Iterator[Document]:
    for start in range(1, len(lines) + 1, CHUNK_LINES):
        end = min(len(lines), start + CHUNK_LINES - 1)
        text = "\n".join(lines[start - 1 : end])
        if not text.strip():
            continue
        yield Document(
            kind="source",
            title=f"{path} lines {start}-{end}",
            names=index_words(path),
            body=text[:MAX_BODY_CHARS],  # = source_piece(lines, start, end)
            location=Location(path, start, end),
            from_file=True,
        )


def _facts(model: CodeModel) -> Iterable[Document]:
    for route in model.routes:
        yield Document(
            kind="route",
            title=f"{route.method} {route.path}",
            names=index_words(route.handler, route.path),
            body=" ".join(filter(None, [route.summary, route.handler, route.framework])),
            location=route.location,
            detail=f"handled by {route.handler}",
        )
    for command in model.commands:
        options = " ".join(f"{p.name} {p.help or ''}" for p in command.parameters)
        yield Document(
            kind="command",
            title=command.name,
            names=index_words(command.name, command.handler),
            body=" ".join(filter(None, [command.help, options, command.framework])),
            location=command.location,
            detail=(command.help or "").split("\n", 1)[0][:200],
        )
    for setting in model.settings:
        yield Document(
            kind="setting",
            title=setting.name,
            names=index_words(setting.name, setting.settings_class),
            body=" ".join(
                filter(
                    None, [setting.description, setting.type, setting.default, setting.settings_class, setting.source]
                )
            ),
            location=setting.location,
            detail=f"default {setting.default}" if setting.default is not None else setting.source,
        )
