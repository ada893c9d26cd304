"""The API reference: every public symbol of every module, grouped by module.

The pages follow `codedoc.write.reference_layout`: one page for small projects, else an index
plus a page (or several parts) per component. A module's `exports` decide what is public when
declared, and names a package re-exports from elsewhere are listed under the package too, in
full when their defining module is private. Work is linear in the number of symbols.
"""

from __future__ import annotations

from collections import defaultdict

from codedoc.model import Module, Symbol
from codedoc.write.markdown import code, first_paragraph, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.symbols import docstring_paragraphs, render_symbol
from codedoc.write.pages import PagePlan
from codedoc.write.reference_layout import INDEX, ReferencePage, entries
from codedoc.write.selection import TYPE_KINDS, is_private_module, is_public_member, public_symbols, reexports

MAX_MEMBERS = 80


def write_reference(ctx: SiteContext, page: PagePlan) -> str:
    layout = ctx.reference_layout.get(page.path) or ReferencePage(page.path, page.title, page.component, ())
    modules = [ctx.modules[path] for path in layout.modules if path in ctx.modules]
    if layout.component is not None:
        title = text(layout.title.removeprefix(layout.component)) if layout.title.startswith(layout.component) else ""
        parts = [f"# {code(layout.component)}{title}: API reference", _component_intro(ctx, page, len(modules))]
        parts += _modules(ctx, page, modules)
        return "\n\n".join(parts) + "\n"
    parts = ["# API reference"]
    if len(ctx.reference_layout) > 1:
        parts += _index(ctx, page)
    elif modules:
        parts.append(
            f"Every public name of the {plural(len(modules), 'module')} outside the tests, module by module. "
            "A module that declares its exports (Python's \\_\\_all\\_\\_, JavaScript's export) shows exactly those."
        )
    else:
        parts.append("The analysis found no module outside the tests to document.")
    parts += _modules(ctx, page, modules)
    return "\n\n".join(parts) + "\n"


def _component_intro(ctx: SiteContext, page: PagePlan, count: int) -> str:
    back = ctx.page_link(page.path, INDEX, "API reference") if INDEX in ctx.reference_layout else "API reference"
    component_page = ctx.component_pages.get(page.component or "")
    about = ""
    if component_page:
        about = " The component itself is described on " + ctx.page_link(page.path, component_page, "its page") + "."
    return f"Public names of {plural(count, 'module')} of this component; part of the {back}.{about}"


def _index(ctx: SiteContext, page: PagePlan) -> list[str]:
    rows = []
    total = 0
    for target in ctx.reference_layout.values():
        if target.component is None:
            continue
        modules = [ctx.modules[path] for path in target.modules if path in ctx.modules]
        total += len(modules)
        names = sum(entries(module) for module in modules)
        label = (
            code(target.component) + text(target.title[len(target.component) :])
            if target.title.startswith(target.component)
            else code(target.component)
        )
        rows.append((ctx.page_link(page.path, target.path, label), f"{len(modules):,}", f"{names:,}"))
    intro = (
        f"The reference is split by component: {plural(total, 'module')} outside the tests, "
        "each listed with its public names on its component's page."
    )
    return [intro, table(("Component", "Modules", "Public names"), rows)]


def _modules(ctx: SiteContext, page: PagePlan, modules: list[Module]) -> list[str]:
    parts: list[str] = []
    quiet: list[Module] = []
    for module in modules:
        if is_private_module(module) and not module.is_package:
            continue
        symbols = public_symbols(module)
        shared = reexports(module, ctx.modules)
        if not symbols and not shared and not module.exports:
            quiet.append(module)
            continue
        parts.append(_module(ctx, page, module, symbols, shared))
    if quiet:
        rows = [(code(m.name), code(m.path), text(_first(m)), ctx.citer.cite_path(m.path)) for m in quiet]
        parts += ["## Modules without public names", table(("Module", "Path", "Summary", "Source"), rows)]
    return parts


def _first(module: Module) -> str:
    """The first paragraph as plain text: the table cell escapes it (exactly once)."""
    return first_paragraph(module.docstring)


def _module(
    ctx: SiteContext, page: PagePlan, module: Module, symbols: list[Symbol], shared: list[tuple[str, Module, Symbol]]
) -> str:
    parts = [f"## {code(module.name)}"]
    answer = ctx.ask(lambda: ctx.prose.module_summary(module, ctx.model), f"module {module.path}")
    parts += [answer] if answer else docstring_paragraphs(module.docstring)
    citation = ctx.citer.cite_path(module.path)
    about = f"Module {code(module.path)}, {plural(module.line_count, 'line')}"
    parts.append(about + (f" ({citation})." if citation else "."))
    if shared:
        parts += _reexports(ctx, module, shared)
    parts += _unresolved_exports(module, shared)
    children: dict[str, list[Symbol]] = defaultdict(list)
    for symbol in module.symbols:
        if symbol.parent is not None:
            children[symbol.parent].append(symbol)
    for symbol in symbols:
        parts.append(render_symbol(ctx, module, symbol, level=3))
        if symbol.kind in TYPE_KINDS:
            parts += _members(ctx, module, children.get(symbol.qualname, []))
    return "\n\n".join(parts)


def _members(ctx: SiteContext, module: Module, members: list[Symbol]) -> list[str]:
    public = [symbol for symbol in members if is_public_member(symbol)]
    parts = [render_symbol(ctx, module, s, level=4) for s in public[:MAX_MEMBERS]]
    if len(public) > MAX_MEMBERS:
        parts.append(f"… and {len(public) - MAX_MEMBERS:,} more members (see the source).")
    return parts


def _reexports(ctx: SiteContext, module: Module, shared: list[tuple[str, Module, Symbol]]) -> list[str]:
    rows = [
        (code(name), text(symbol.kind.value), code(source.name), ctx.citer.cite(symbol.location))
        for name, source, symbol in shared
    ]
    parts = [
        "### Re-exported names",
        f"{code(module.name)} exports these names defined in other modules:",
        table(("Name", "Kind", "Defined in", "Source"), rows),
    ]
    # A name defined in a private module is documented nowhere else, so it is shown here in full.
    for name, source, symbol in shared:
        if is_private_module(source):
            parts.append(render_symbol(ctx, source, symbol, level=3, title=name))
    return parts


def _unresolved_exports(module: Module, shared: list[tuple[str, Module, Symbol]]) -> list[str]:
    found = {name for name, _, _ in shared} | {s.name for s in module.symbols if s.parent is None}
    missing = [name for name in module.exports or () if name not in found]
    if not missing:
        return []
    shown = ", ".join(code(name) for name in missing[:50])
    return [f"{code(module.name)} also exports {shown}, whose definitions were not found in the analysed code."]
