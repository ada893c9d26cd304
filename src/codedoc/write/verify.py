"""Verification: every citation, source link and identifier on the pages is checked against the model.

What is checked, outside fenced code blocks (signatures, Mermaid and commands in fences are
never checked):

- **Citations** (the format of `codedoc.write.citations`): a code span `` `path:start-end` ``
  or `` `path:line` ``, and a link whose target is under the repository's permalink base
  (`<source_url>/blob/<ref>/<path>#L<start>-L<end>`, GitLab's `/-/blob/` too). The path must
  be a file of `model.repository.files` or a module path, the range inside its line count.
  A broken one loses its link or backticks and is marked *(source not found)*.
- **Identifiers in inline code spans.** A span is identifier-like when it is a single token
  shaped like a name, dotted/`::` name, call `name()`, path, folder, route path (`/users/{id}`),
  flag (`--verbose`) or decorator (`@app.get`): no spaces, quotes, commas, brackets or `=`.
  Spans holding anything else (commands with spaces, snippets, signatures, numbers, versions,
  literals like `True`/`null`, language keywords like `self`/`str`) are not identifiers and are
  left alone. Any span whose exact text is a value the model holds (a default, a type, a task
  command) counts as resolved. An identifier-like span resolves when it names a symbol (name,
  qualname, `module.qualname`), module (name or path), component, import, dependency, route,
  command or parameter, data model or field, setting, entry point, task, file or folder — or is
  a dotted name whose every piece is such a name. An unresolved span loses its backticks, is
  escaped, and is marked *(unverified)*.
- **Links between pages** must reach a page of the site; images and `javascript:`-style links
  are removed. These removals are listed in `removed` but not counted as source links.

`Verification.removed` lists each removal as `page: text`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from codedoc.model import CodeModel, Verification
from codedoc.write.citations import CITATION_SPAN
from codedoc.write.known import KnownNames
from codedoc.write.markdown import code_span_ranges, split_fenced, text
from codedoc.write.pages import Page

UNVERIFIED = " *(unverified)*"
SOURCE_NOT_FOUND = " *(source not found)*"
MAX_REMOVED = 2_000

_IDENTIFIER = re.compile(r"^(?:--?|@|\$|\.{1,2}/)?[A-Za-z_$][\w$\-]*(?:(?:\.|::|/|:|->|#)[\w$\-{}<>*]+)*(?:\(\))?/?$")
_ROUTE = re.compile(r"^/[\w{}<>:.\-/*]*$")
_PATH_LIKE = re.compile(r"/|\.[A-Za-z][A-Za-z0-9]{0,7}$")
_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[((?:[^\[\]\\]|\\.)+)\]:\s*(\S+)")
_FRAGMENT = re.compile(r"^L(\d+)(?:-L?(\d+))?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_LANGUAGE_WORDS = frozenset(
    [
        "None",
        "True",
        "False",
        "null",
        "nil",
        "undefined",
        "true",
        "false",
        "self",
        "this",
        "cls",
        "super",
        "async",
        "await",
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "dict",
        "list",
        "tuple",
        "set",
        "object",
        "Any",
        "Optional",
        "string",
        "number",
        "boolean",
        "void",
        "error",
        "Error",
        "Exception",
        "interface",
        "struct",
        "enum",
        "fn",
        "func",
        "def",
        "class",
        "return",
        "yield",
        "import",
        "export",
    ]
)


@dataclass
class _Tally:
    source_links: int = 0
    broken_source_links: int = 0
    code_spans: int = 0
    unresolved_code_spans: int = 0
    removed: list[str] = field(default_factory=list)

    def remove(self, page: str, what: str) -> None:
        if len(self.removed) < MAX_REMOVED:
            self.removed.append(f"{page}: {what}")

    def count(self, page: str, verdict: _Verdict) -> None:
        self.source_links += verdict.source_link
        self.broken_source_links += verdict.broken
        self.code_spans += verdict.code_span
        self.unresolved_code_spans += verdict.unresolved
        if verdict.removed is not None:
            self.remove(page, verdict.removed)


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What a code span counts as, whichever page it is on."""

    replacement: str | None = None
    """None to keep the span."""
    source_link: bool = False
    broken: bool = False
    code_span: bool = False
    unresolved: bool = False
    removed: str | None = None
    """What `Verification.removed` lists for it (after the page)."""


_KEEP = _Verdict()


def verify_pages(pages: tuple[Page, ...], model: CodeModel) -> tuple[tuple[Page, ...], Verification]:
    """The pages with unknown names and broken links removed or marked, and what was found."""
    checker = _Checker(KnownNames(model), model, {page.path for page in pages})
    verified = tuple(
        Page(path=page.path, title=page.title, kind=page.kind, markdown=checker.page(page)) for page in pages
    )
    tally = checker.tally
    return verified, Verification(
        source_links=tally.source_links,
        broken_source_links=tally.broken_source_links,
        code_spans=tally.code_spans,
        unresolved_code_spans=tally.unresolved_code_spans,
        removed=tuple(tally.removed),
    )


class _Checker:
    def __init__(self, known: KnownNames, model: CodeModel, page_paths: set[str]) -> None:
        self.known = known
        self.page_paths = page_paths
        self.tally = _Tally()
        self.blob_prefixes = _blob_prefixes(model)
        self.verdicts: dict[str, _Verdict] = {}
        """By span: pages repeat the same names (SQLAlchemy's: 47,000 spans, 23,000 distinct)."""

    def page(self, page: Page) -> str:
        path = page.path
        lines = [
            # Neither a code span, a link nor a link definition can be on a line without `` ` `` or `[`.
            line if fenced or ("`" not in line and "[" not in line) else self._line(path, line)
            for line, fenced in split_fenced(page.markdown)
        ]
        return "\n".join(lines)

    def _line(self, page: str, line: str) -> str:
        definition = _DEFINITION.match(line) if "[" in line[:4] else None  # it opens within three spaces
        if definition is not None:
            return self._definition(page, line, definition.group(2))
        if "`" not in line and "](" not in line:
            return line
        spans = code_span_ranges(line)
        edits: list[tuple[int, int, str]] = []
        replaced_links: list[tuple[int, int]] = []
        if "](" in line:
            for match in _LINK.finditer(line):
                if any(start <= match.start() < end for start, end in spans):
                    continue
                replacement = self._link(page, match)
                if replacement is not None:
                    edits.append((match.start(), match.end(), replacement))
                    replaced_links.append((match.start(), match.end()))
        for start, end in spans:
            if replaced_links and any(link_start <= start < link_end for link_start, link_end in replaced_links):
                continue
            span = line[start:end]
            verdict = self.verdicts.get(span)
            if verdict is None:
                verdict = self.verdicts[span] = self._span(span)
            if verdict is not _KEEP:
                self.tally.count(page, verdict)
            if verdict.replacement is not None:
                edits.append((start, end, verdict.replacement))
        if not edits:
            return line
        out: list[str] = []
        position = 0
        for start, end, replacement in sorted(edits):
            if start < position:
                continue
            out += [line[position:start], replacement]
            position = end
        out.append(line[position:])
        return "".join(out)

    # -- links -------------------------------------------------------------------------------

    def _definition(self, page: str, line: str, url: str) -> str:
        """A reference-style link definition (`[x]: url`): kept only for web and mail links."""
        if url.lower().startswith(("http://", "https://", "mailto:")):
            return line
        self.tally.remove(page, f"link {url}")
        return ""

    def _link(self, page: str, match: re.Match[str]) -> str | None:
        """None to keep the link, else its replacement."""
        is_image, label, url = match.group(1) == "!", match.group(2), match.group(3)
        if is_image:
            self.tally.remove(page, f"image {url}")
            return label
        lowered = url.lower()
        for prefix in self.blob_prefixes:
            if url.startswith(prefix):
                self.tally.source_links += 1
                if self._blob_ok(url[len(prefix) :]):
                    return None
                self.tally.broken_source_links += 1
                self.tally.remove(page, f"source link {url}")
                return label + SOURCE_NOT_FOUND
        if lowered.startswith(("http://", "https://", "mailto:")):
            return None
        if _SCHEME.match(url):
            self.tally.remove(page, f"link {url}")
            return label
        target = url.split("#", 1)[0]
        if not target:
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if resolved in self.page_paths:
            return None
        self.tally.remove(page, f"link {url}")
        return label

    def _blob_ok(self, rest: str) -> bool:
        """`<ref>/<path>#L1-L2` names an existing file and lines within it."""
        ref_and_path, _, fragment = rest.partition("#")
        _, _, path = ref_and_path.partition("/")
        lines = self.known.line_counts.get(path)
        if lines is None:
            return False
        if not fragment:
            return True
        found = _FRAGMENT.match(fragment)
        if found is None:
            return False
        start = int(found.group(1))
        end = int(found.group(2) or start)
        return _within(start, end, lines)

    # -- code spans --------------------------------------------------------------------------

    def _span(self, span: str) -> _Verdict:
        """What the span is, and its replacement when it is not kept."""
        ticks = len(span) - len(span.lstrip("`"))
        content = span[ticks:-ticks]
        if len(content) > 2 and content.startswith(" ") and content.endswith(" "):
            content = content[1:-1]
        if content in _LANGUAGE_WORDS:
            return _KEEP
        citation = CITATION_SPAN.match(content)
        if citation is not None and citation.group("path") in self.known.line_counts:
            start = int(citation.group("start"))
            end = int(citation.group("end") or start)
            if _within(start, end, self.known.line_counts[citation.group("path")]):
                return _Verdict(source_link=True)
            return _broken_citation(content)
        if content in self.known.names:
            return _Verdict(code_span=True)
        if citation is not None and _PATH_LIKE.search(citation.group("path")):
            return _broken_citation(content)
        if not _is_identifier(content):
            return _KEEP
        if self.known.resolves(content):
            return _Verdict(code_span=True)
        return _Verdict(text(content) + UNVERIFIED, code_span=True, unresolved=True, removed=content)


def _broken_citation(content: str) -> _Verdict:
    return _Verdict(text(content) + SOURCE_NOT_FOUND, source_link=True, broken=True, removed=f"citation {content}")


def _is_identifier(content: str) -> bool:
    return bool(_IDENTIFIER.match(content) or _ROUTE.match(content))


def _within(start: int, end: int, lines: int) -> bool:
    if lines <= 0:
        return start == end == 1
    return 1 <= start <= end <= lines


def _blob_prefixes(model: CodeModel) -> tuple[str, ...]:
    url = model.repository.source_url
    if not url or not url.startswith(("https://", "http://")):
        return ()
    base = url.removesuffix(".git").rstrip("/")
    return (f"{base}/blob/", f"{base}/-/blob/")
