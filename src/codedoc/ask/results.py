"""What retrieval returns: results with their citation and why, symbols, source excerpts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Citation:
    path: str
    start_line: int
    end_line: int
    permalink: str | None = None

    def __str__(self) -> str:
        if self.start_line == self.end_line:
            return f"{self.path}:{self.start_line}"
        return f"{self.path}:{self.start_line}-{self.end_line}"


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    title: str
    why: str
    """One line: what matched, and how the code's structure weighed in."""
    score: float
    """Higher is better (bm25, turned round, boosted)."""
    snippet: str = ""
    detail: str = ""
    key: str = ""
    citation: Citation | None = None
    page: str | None = None
    """A page of the site (`components/api.md`) and its anchor, for section results."""
    anchor: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "title": self.title,
            "why": self.why,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }
        if self.detail:
            data["detail"] = self.detail
        if self.key:
            data["symbol"] = self.key
        if self.citation is not None:
            data["citation"] = str(self.citation)
            if self.citation.permalink:
                data["permalink"] = self.citation.permalink
        if self.page is not None:
            data["page"] = self.page + (f"#{self.anchor}" if self.anchor else "")
        return data


@dataclass(frozen=True, slots=True)
class SymbolInfo:
    key: str
    name: str
    qualname: str
    module: str
    kind: str
    signature: str | None
    docstring: str | None
    citation: Citation
    callers: tuple[str, ...] = ()
    callees: tuple[str, ...] = ()
    imported_by: tuple[str, ...] = ()
    has_calls: bool = False
    """Whether callers and callees come from a call graph (False: the model has none yet)."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "symbol": self.key,
            "name": self.name,
            "qualname": self.qualname,
            "module": self.module,
            "kind": self.kind,
            "signature": self.signature,
            "docstring": self.docstring,
            "location": str(self.citation),
            "imported_by": list(self.imported_by),
        }
        if self.citation.permalink:
            data["permalink"] = self.citation.permalink
        if self.has_calls:
            data["callers"] = list(self.callers)
            data["callees"] = list(self.callees)
        else:
            data["callers"] = data["callees"] = None
            data["note"] = "the code model has no call graph yet; imported_by lists the modules that import it"
        return data


@dataclass(frozen=True, slots=True)
class SourceExcerpt:
    citation: Citation
    text: str
    truncated: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"citation": str(self.citation), "text": self.text, "truncated": self.truncated}
        if self.citation.permalink:
            data["permalink"] = self.citation.permalink
        return data


@dataclass(frozen=True)
class SearchResult:
    question: str
    hits: tuple[Hit, ...]
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "results": [hit.to_json() for hit in self.hits]}
