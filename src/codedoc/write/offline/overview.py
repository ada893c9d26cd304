"""The Overview page (`index.md`): what the project is, its languages and components, where to start."""

from __future__ import annotations

from codedoc.model import Component, EntryPoint, Location, Module
from codedoc.write.markdown import code, first_paragraph, one_line, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.describe import (
    component_purpose,
    kind_name,
    language_name,
    module_purpose,
    project_sentence,
)
from codedoc.write.offline.flows import render_flow, symbol_name
from codedoc.write.offline.readme import readme_excerpt
from codedoc.write.pages import PagePlan
from codedoc.write.selection import is_test_path

MAX_STARTING_POINTS = 8
MAX_OVERVIEW_FLOWS = 2
MAX_CENTRAL = 4
_KIND_PLURALS = {
    "class": "classes",
    "function": "functions",
    "interface": "interfaces",
    "struct": "structs",
    "trait": "traits",
}


def write_overview(ctx: SiteContext, page: PagePlan) -> str:
    repository = ctx.model.repository
    parts = [f"# {text(ctx.plan.site_name)}", _introduction(ctx)]
    facts = [("Kind", text(kind_name(ctx.model)))]
    if repository.version:
        facts.append(("Version", code(repository.version)))
    if repository.license:
        facts.append(("License", text(repository.license)))
    if repository.commit_sha:
        facts.append(("Commit", code(repository.commit_sha[:12])))
    facts.append(("Files analysed", f"{len(ctx.model.modules):,} modules of {len(repository.files):,} files"))
    parts += ["## At a glance", table(("", ""), facts)]
    if repository.languages:
        rows = [
            (text(language_name(stat.language)), f"{stat.files:,}", f"{stat.lines:,}") for stat in repository.languages
        ]
        parts += ["## Languages", table(("Language", "Files", "Lines"), rows)]
    parts += _components(ctx, page)
    parts += _starting_points(ctx, page)
    parts += _how_it_works(ctx)
    return "\n\n".join(parts) + "\n"


def _introduction(ctx: SiteContext) -> str:
    answer = ctx.ask(lambda: ctx.prose.overview(ctx.model), "the overview")
    if answer:
        return answer
    repository = ctx.model.repository
    sentences = [project_sentence(ctx)]
    excerpt = readme_excerpt(repository.readme)
    if excerpt is not None:
        citation = ""
        if repository.readme_path:
            citation = ctx.citer.cite(Location(repository.readme_path, excerpt.start_line, excerpt.end_line))
        says = "lists" if excerpt.is_list else "describes it as"
        sentences.append(f"Its README {says} “{text(excerpt.text, limit=800)}”" + _paren(citation) + ".")
    if repository.description:
        sentences.append(f"Its package metadata describes it as “{text(repository.description)}”.")
    if excerpt is None and not repository.description:
        sentences.append("The repository has no README paragraph or package description to quote.")
    return " ".join(sentences)


def _paren(citation: str) -> str:
    return f" ({citation})" if citation else ""


def _components(ctx: SiteContext, page: PagePlan) -> list[str]:
    shown = [c for c in ctx.model.components if c.name in ctx.component_pages]
    if not shown:
        return []
    rows = [
        (ctx.component_link(page.path, c.name), component_purpose(ctx, c), f"{len(c.modules):,}", f"{c.line_count:,}")
        for c in shown
    ]
    intro = f"The code is organised in {plural(len(ctx.model.components), 'component')}"
    if len(shown) < len(ctx.model.components):
        intro += f"; {len(shown):,} of them {'has a page' if len(shown) == 1 else 'have pages'} of their own"
    return ["## Components at a glance", intro + ".", table(("Component", "Purpose", "Modules", "Lines"), rows)]


def _starting_points(ctx: SiteContext, page: PagePlan) -> list[str]:
    items: list[str] = []
    for entry in _entry_points(ctx.model.entry_points):
        items.append(
            f"- Entry point {code(entry.name)} ({text(entry.kind.replace('_', ' '))}) runs {code(entry.target)}"
            + _paren(ctx.citer.cite(entry.location))
        )
    central = _most_central(ctx)
    for symbol_id in central:
        module, symbol = ctx.model_symbols[symbol_id]
        described = f": {text(summary)}" if (summary := module_purpose_of(symbol.docstring)) else ""
        kinds = _KIND_PLURALS.get(symbol.kind.value, "definitions")
        items.append(
            f"- {code(symbol_name(ctx, symbol_id))}, one of the most central {kinds}{described}"
            + _paren(ctx.citer.cite(symbol.location))
        )
    for component in _most_used(ctx):
        users = plural(len(component.used_by), "other component")
        items.append(f"- {ctx.component_link(page.path, component.name)} is imported by {users}.")
    # A module already named through one of its central classes would only repeat that line.
    listed_paths = {ctx.model_symbols[symbol_id][0].path for symbol_id in central}
    names = [m.name for m in ctx.model.modules]
    for module in _main_modules(ctx):
        if not module.docstring and module.path in listed_paths:
            continue
        # Only the module's own docstring: its largest function's (`get: Return request header.`) would
        # pass for what the whole module is for.
        purpose = module_purpose(module) if module.docstring else ""
        described = f": {purpose}" if purpose else ""
        # Go files share their package's name: the path is what tells them apart.
        shown = module.name if names.count(module.name) == 1 else module.path
        items.append(f"- {code(shown)}{described}" + _paren(ctx.citer.cite_path(module.path)))
    if not items:
        return []
    return ["## Where to start reading", "\n".join(items)]


def _entry_points(entries: tuple[EntryPoint, ...]) -> list[EntryPoint]:
    return sorted(entries, key=lambda e: (e.kind != "console_script", e.name))[:MAX_STARTING_POINTS]


def _most_central(ctx: SiteContext) -> list[str]:
    """The classes and functions the rest of the code leans on most (PageRank), outside the tests."""
    ranked = sorted(ctx.model.centrality.items(), key=lambda item: (-item[1], item[0]))
    chosen: list[str] = []
    for symbol_id, _ in ranked:
        found = ctx.model_symbols.get(symbol_id)
        if found is None or found[1].parent is not None or is_test_path(found[0].path, ctx.categories):
            continue
        if found[1].name.startswith("_"):
            continue
        chosen.append(symbol_id)
        if len(chosen) >= MAX_CENTRAL:
            break
    return chosen


def module_purpose_of(docstring: str | None) -> str:
    """A docstring's first paragraph, plain: reST roles such as :class:`Response <Response>` become their text."""
    return one_line(first_paragraph(docstring), limit=160)


def _how_it_works(ctx: SiteContext) -> list[str]:
    flows = ctx.model.flows[:MAX_OVERVIEW_FLOWS]
    if not flows:
        return []
    intro = "The most far-reaching paths through the code, traced from its entry points."
    return ["## How it works", intro, *(render_flow(ctx, flow, level=3) for flow in flows)]


def _most_used(ctx: SiteContext) -> list[Component]:
    used = [c for c in ctx.model.components if len(c.used_by) >= 2 and c.name in ctx.component_pages]
    return sorted(used, key=lambda c: (-len(c.used_by), c.name))[:3]


def _main_modules(ctx: SiteContext) -> list[Module]:
    """Top-level documented packages, or else the largest modules: where a reader gets the gist."""
    code_modules = [m for m in ctx.model.modules if not is_test_path(m.path, ctx.categories)]
    packages = [m for m in code_modules if m.is_package and m.docstring]
    if packages:
        return sorted(packages, key=lambda m: (m.path.count("/"), m.path))[:3]
    return sorted(code_modules, key=lambda m: (-m.line_count, m.path))[:3]
