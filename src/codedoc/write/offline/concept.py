"""A concept page: the LLM writer's page about one concept, or — when its call failed — the files
and central symbols it covers, from the code model. Either way it links into the reference."""

from __future__ import annotations

import re

from codedoc.model import Location
from codedoc.write.markdown import code, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.describe import module_purpose
from codedoc.write.pages import ConceptPage, PagePlan
from codedoc.write.prose import ConceptSource

_CITATION = re.compile(r"`([^`\s]+):(\d+)(?:-(\d+))?`")


def write_concept(ctx: SiteContext, page: PagePlan) -> str:
    concept = page.concept or ConceptPage(page.title, "", ())
    prose = ctx.prose
    answer = None
    if isinstance(prose, ConceptSource):
        answer = ctx.ask(lambda: prose.concept_page(concept.slug, ctx.model), f"concept {concept.title}")
    parts = [f"# {text(concept.title)}"]
    if concept.purpose:
        parts.append(concept.purpose)
    parts.append(_linked_citations(ctx, answer) if answer else _offline_body(ctx, concept))
    parts += _see_also(ctx, page, concept)
    return "\n\n".join(part for part in parts if part) + "\n"


def _linked_citations(ctx: SiteContext, markdown: str) -> str:
    """`path:start-end` spans become permalinks where the repository has a remote."""

    def cite(match: re.Match[str]) -> str:
        start = int(match.group(2))
        cited = ctx.citer.cite(Location(match.group(1), start, int(match.group(3) or start)))
        return cited or match.group(0)

    return _CITATION.sub(cite, markdown)


def _offline_body(ctx: SiteContext, concept: ConceptPage) -> str:
    lines = ["## Files", ""]
    for path in concept.files:
        module = ctx.modules.get(path)
        purpose = module_purpose(module) if module else ""
        lines.append(f"- {code(path)} {ctx.citer.cite_path(path)}" + (f": {purpose}" if purpose else ""))
    symbols = [
        (module, symbol)
        for path in concept.files
        if (module := ctx.modules.get(path)) is not None
        for symbol in module.symbols
        if symbol.qualname in concept.symbols
    ]
    if symbols:
        lines += ["", "## Central code", ""]
        lines += [
            f"- {code(symbol.qualname)} in {code(module.path)} {ctx.citer.cite(symbol.location)}"
            for module, symbol in symbols
        ]
    return "\n".join(lines)


def _see_also(ctx: SiteContext, page: PagePlan, concept: ConceptPage) -> list[str]:
    owners = list(dict.fromkeys(ctx.component_of[path] for path in concept.files if path in ctx.component_of))
    links = [ctx.component_link(page.path, name) for name in owners if name in ctx.component_pages]
    links += [
        ctx.reference_link(page.path, name, f"API reference of {code(name)}")
        for name in owners
        if name in ctx.reference_pages
    ]
    return ["## See also", "\n".join(f"- {item}" for item in links)] if links else []
