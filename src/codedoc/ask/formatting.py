"""Offline answers as text for a terminal: each result with its citation and why."""

from __future__ import annotations

from codedoc.ask.results import SearchResult


def format_results(result: SearchResult) -> str:
    if not result.hits:
        return f"Nothing in the index matches {result.question!r}. Try other words, or a name from the code."
    lines: list[str] = []
    for number, hit in enumerate(result.hits, start=1):
        where = str(hit.citation) if hit.citation else f"docs/{hit.page}" + (f"#{hit.anchor}" if hit.anchor else "")
        lines.append(f"{number}. {hit.title}  [{where}]")
        lines.append(f"   why: {hit.why}")
        if hit.detail:
            lines.append(f"   {hit.detail[:160]}")
        if hit.citation and hit.citation.permalink:
            lines.append(f"   {hit.citation.permalink}")
        if hit.snippet and hit.kind == "source":
            lines.extend("   │ " + line for line in hit.snippet.splitlines()[:6])
        elif hit.snippet:
            lines.append("   " + hit.snippet[:200])
    return "\n".join(lines)
