"""The wiki plan: the concept pages a repository deserves, proposed by the strong model from the
outline and checked against the code model — or, when no usable plan comes back, built from
the outline's areas.

A plan from a model is repaired, never trusted: unknown files and symbols are dropped, a page
left with nothing real goes, duplicates merge, the count is held to what the repository's size
warrants, and every important area is covered (a page is added for any the model left out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from codedoc.model import CodeModel
from codedoc.write.llm.answers import AnswerError, clean_markdown
from codedoc.write.llm.json_repair import JSONProblem, find_object, looks_like_json
from codedoc.write.llm.outline import Area, Outline
from codedoc.write.pages import ConceptPage
from codedoc.write.slugs import safe_title, unique_slugs

MAX_FILES_PER_PAGE = 8
IMPORTANT_SHARE = 0.8
"""The largest areas that together hold this share of the code must each be covered by a page."""

PLAN_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "pages": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "title": {"type": "string"},
                    "purpose": {"type": "string"},
                    "files": {"type": "array", "items": {"type": "string"}},
                    "symbols": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["title", "purpose", "files", "symbols"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["pages"],
    "additionalProperties": False,
}


@dataclass(frozen=True, slots=True)
class WikiPlan:
    pages: tuple[ConceptPage, ...]
    from_model: bool
    """True when the pages come from the model's plan (repaired), False for the built-in plan."""
    dropped: tuple[str, ...] = ()
    """Unknown files and symbols the model named, and pages cut for count."""


@dataclass(frozen=True, slots=True)
class _Proposal:
    title: str
    purpose: str
    files: tuple[str, ...]
    symbols: tuple[str, ...]


_SPAN = re.compile(r"`([^`\n]+)`")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)]|#{1,4})\s+(.+)$")


def parse_plan(text: str) -> list[_Proposal]:
    """The pages of a plan answer: the JSON asked for, or a Markdown list of titles with the files
    in backticks (what a model that ignores the format writes). `AnswerError` when there is none."""
    if looks_like_json(text):
        try:
            data = find_object(text).data
        except JSONProblem as error:
            raise AnswerError(str(error)) from None
        pages = data.get("pages")
        if not isinstance(pages, list):
            raise AnswerError('the JSON object has no "pages" list')
        proposals = [_from_json(page) for page in pages if isinstance(page, dict)]
    else:
        proposals = [_from_line(match.group(1)) for line in text.splitlines() if (match := _ITEM.match(line))]
    proposals = [p for p in proposals if p.title and (p.files or p.symbols)]
    if not proposals:
        raise AnswerError("the answer proposes no page with files from the outline")
    return proposals


def _strings(value: object) -> tuple[str, ...]:
    return (
        tuple(str(item).strip().strip("`") for item in value if isinstance(item, str))
        if isinstance(value, list)
        else ()
    )


def _from_json(page: Mapping[str, object]) -> _Proposal:
    title, purpose = page.get("title"), page.get("purpose")
    return _Proposal(
        clean_markdown(title)[:80] if isinstance(title, str) else "",
        clean_markdown(purpose)[:300] if isinstance(purpose, str) else "",
        _strings(page.get("files")),
        _strings(page.get("symbols")),
    )


def _from_line(line: str) -> _Proposal:
    spans = _SPAN.findall(line)
    head = re.split(r"\s+(?:—|–|-|:)\s+|:\s", line, maxsplit=1)
    title = head[0].replace("`", "").strip().strip("*_ ").strip()
    purpose = clean_markdown(head[1]) if len(head) > 1 else ""
    files = tuple(span for span in spans if "/" in span or re.search(r"\.\w{1,5}$", span))
    return _Proposal(title[:80], purpose[:300], files, tuple(span for span in spans if span not in files))


def validate_plan(proposals: Iterable[_Proposal], model: CodeModel, outline: Outline, *, max_pages: int) -> WikiPlan:
    """The proposals held to the code model: see the module docstring."""
    files = {module.path for module in model.modules}
    symbols = {s.qualname for m in model.modules for s in m.symbols} | {
        s.name for m in model.modules for s in m.symbols
    }
    dropped: list[str] = []
    pages: list[ConceptPage] = []
    seen_titles: set[str] = set()
    for proposal in proposals:
        kept_files = tuple(dict.fromkeys(path for path in proposal.files if path in files))[:MAX_FILES_PER_PAGE]
        kept_symbols = tuple(dict.fromkeys(name for name in proposal.symbols if name in symbols))
        dropped += [f"file {path}" for path in proposal.files if path not in files]
        dropped += [f"symbol {name}" for name in proposal.symbols if name not in symbols]
        title = safe_title(proposal.title)
        if not kept_files or not title or title.lower() in seen_titles:
            dropped.append(f"page {proposal.title or '(untitled)'}")
            continue
        seen_titles.add(title.lower())
        pages.append(ConceptPage(title, proposal.purpose, kept_files, kept_symbols))
    if len(pages) > max_pages:
        dropped += [f"page {page.title} (over {max_pages} pages)" for page in pages[max_pages:]]
        pages = pages[:max_pages]
    covered = {path for page in pages for path in page.files}
    for area in important_areas(outline):
        if not covered.intersection(area.files):
            page = _area_page(area)
            if len(pages) >= max_pages:
                dropped.append(f"page {pages[-1].title} (made room for {area.name})")
                pages.pop()
            pages.append(page)
            covered.update(area.files)
    return WikiPlan(_with_slugs(pages), from_model=True, dropped=tuple(dropped))


def important_areas(outline: Outline) -> list[Area]:
    """The largest areas holding `IMPORTANT_SHARE` of the code, at most `max_pages` of them."""
    total = sum(area.lines for area in outline.areas) or 1
    chosen: list[Area] = []
    covered = 0
    for area in sorted(outline.areas, key=lambda a: (-a.lines, a.name)):
        if covered >= IMPORTANT_SHARE * total or len(chosen) >= outline.max_pages():
            break
        chosen.append(area)
        covered += area.lines
    return chosen


def _area_page(area: Area) -> ConceptPage:
    name = area.name.rsplit("/", 1)[-1] if "/" in area.name else area.name
    if name in ("", ".") and area.files:  # the repository's root folder: name it after its main file
        name = area.files[0].rsplit("/", 1)[-1]
    name = re.sub(r"\.\w{1,5}$", "", name)
    return ConceptPage(
        title=safe_title(f"How {name} works") or "How it works",
        purpose=f"What `{area.name}` does and how its parts fit together.",
        files=area.files[:MAX_FILES_PER_PAGE],
        symbols=area.central,
    )


def deterministic_plan(outline: Outline) -> WikiPlan:
    """One page per important area, largest first: the plan when the model gives none."""
    return WikiPlan(_with_slugs([_area_page(area) for area in important_areas(outline)]), from_model=False)


def _with_slugs(pages: list[ConceptPage]) -> tuple[ConceptPage, ...]:
    slugs = unique_slugs(page.title for page in pages)
    return tuple(ConceptPage(page.title, page.purpose, page.files, page.symbols, slugs[page.title]) for page in pages)
