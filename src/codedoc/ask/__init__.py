"""Ask: questions about a documented repository, answered with citations — offline, or written by
an LLM and checked — for people (CLI, viewer, API) and for coding agents (MCP).

    index = AskIndex(site / "ask.sqlite")        # built at publish time (`build_index`)
    index.search("where are retries configured?").hits
    stream_answer(index, question, settings, known=known_names(index))

Used by `cli` and `service`; it uses `write`, `analyze` and the model, never the reverse.
"""

from __future__ import annotations

from codedoc.ask.build import INDEX_FILE, build_index
from codedoc.ask.index import AskIndex
from codedoc.ask.results import Citation, Hit, SearchResult, SourceExcerpt, SymbolInfo

__all__ = [
    "INDEX_FILE",
    "AskIndex",
    "Citation",
    "Hit",
    "SearchResult",
    "SourceExcerpt",
    "SymbolInfo",
    "build_index",
]
