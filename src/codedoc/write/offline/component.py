"""A component page: purpose, files, key types and functions, relations and a class diagram."""

from __future__ import annotations

from codedoc.model import Component, Flow, Module, Symbol, SymbolKind
from codedoc.write.markdown import code, join_words, plural, table, text
from codedoc.write.mermaid import ClassDiagram
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.describe import component_summary, module_purpose, related
from codedoc.write.offline.extending import render_extension_point
from codedoc.write.offline.flows import render_flow
from codedoc.write.offline.symbols import render_symbol
from codedoc.write.pages import PagePlan
from codedoc.write.selection import TYPE_KINDS, is_test_path, public_symbols

MAX_FILES = 200
MAX_TEST_FILES_NAMED = 10
MAX_KEY_SYMBOLS = 15
MAX_DIAGRAM_CLASSES = 25
MAX_FLOWS = 3
MAX_EXTENSION_POINTS = 4

# Types first, then functions, then values: the order a reader learns a component in.
_KIND_RANK = {
    SymbolKind.CLASS: 0,
    SymbolKind.INTERFACE: 0,
    SymbolKind.STRUCT: 0,
    SymbolKind.TRAIT: 0,
    SymbolKind.ENUM: 1,
    SymbolKind.TYPE: 1,
    SymbolKind.FUNCTION: 2,
    SymbolKind.CONSTANT: 3,
    SymbolKind.VARIABLE: 4,
}


def write_component(ctx: SiteContext, page: PagePlan) -> str:
    component = ctx.components[page.component or ""]
    modules = [ctx.modules[path] for path in component.modules if path in ctx.modules]
    parts = [f"# {code(component.name)}", _summary(ctx, component, page)]
    # Tests beside the code (Go's `_test.go`, `tests/` inside a package) say nothing of the design:
    # they get one line after the files table and no key names, unless the component is only tests.
    tests = [m for m in modules if is_test_path(m.path, ctx.categories)]
    product = [m for m in modules if not is_test_path(m.path, ctx.categories)] or modules
    parts += _files(ctx, product, tests if product is not modules else [])
    parts += _key_symbols(ctx, page, component, product)
    parts += _how_it_works(ctx, component)
    parts += _extending(ctx, component)
    parts += _class_diagram(modules)
    parts += _relations(ctx, page, component)
    return "\n\n".join(parts) + "\n"


def _summary(ctx: SiteContext, component: Component, page: PagePlan) -> str:
    answer = ctx.ask(lambda: ctx.prose.component_summary(component, ctx.model), f"component {component.name}")
    offline = component_summary(ctx, component, page.path)
    if answer:
        # The facts paragraph stays: prose explains, the facts keep it honest.
        return f"{answer}\n\n{offline}"
    return offline


def _files(ctx: SiteContext, modules: list[Module], tests: list[Module]) -> list[str]:
    if not modules:
        return []
    rows = [
        (code(m.path), f"{m.line_count:,}", module_purpose(m), ctx.citer.cite_path(m.path)) for m in modules[:MAX_FILES]
    ]
    parts = ["## Files", table(("Module", "Lines", "Summary", "Source"), rows)]
    if len(modules) > MAX_FILES:
        parts.append(f"… and {len(modules) - MAX_FILES:,} more modules, all in the API reference.")
    return parts + _test_files(tests)


def _test_files(tests: list[Module]) -> list[str]:
    if not tests:
        return []
    names = [code(m.path) for m in tests[:MAX_TEST_FILES_NAMED]]
    if len(tests) > MAX_TEST_FILES_NAMED:
        names.append(f"{len(tests) - MAX_TEST_FILES_NAMED:,} more")
    lines = sum(m.line_count for m in tests)
    return [f"Its tests: {plural(len(tests), 'file')} ({lines:,} lines): {join_words(names)}."]


def _key_symbols(ctx: SiteContext, page: PagePlan, component: Component, modules: list[Module]) -> list[str]:
    candidates: list[tuple[Module, Symbol]] = [(m, s) for m in modules for s in public_symbols(m)]
    if not candidates:
        return []
    centrality = ctx.model.centrality
    ranked = sorted(
        candidates,
        key=lambda pair: (
            # The most central definitions lead (PageRank over calls and inheritance), then the documented ones.
            -centrality.get(f"{pair[0].name}.{pair[1].qualname}", 0.0),
            *_importance(pair[1]),
            pair[0].path,
        ),
    )
    chosen = ranked[:MAX_KEY_SYMBOLS]
    parts = ["## Key types and functions"]
    for module, symbol in chosen:
        parts.append(render_symbol(ctx, module, symbol, level=3, full=False))
    reference = ctx.reference_link(page.path, component.name, "API reference")
    if len(candidates) > len(chosen):
        parts.append(f"All {len(candidates):,} public names of this component are in the {reference}.")
    else:
        parts.append(f"Parameters and full docstrings are in the {reference}.")
    return parts


def _how_it_works(ctx: SiteContext, component: Component) -> list[str]:
    paths = set(component.modules)

    def inside(flow: Flow) -> int:
        return sum(1 for s in flow.reach if (found := ctx.model_symbols.get(s)) is not None and found[0].path in paths)

    # Its own flows, and flows from elsewhere that run through much of it; those reaching most of it first.
    reached = [(inside(flow), flow) for flow in ctx.model.flows]
    candidates = [(count, flow) for count, flow in reached if flow.component == component.name or count >= 3]
    candidates.sort(key=lambda item: (-item[0], -item[1].score, item[1].entry))
    flows = [flow for _, flow in candidates[:MAX_FLOWS]]
    if not flows:
        return []
    intro = (
        "What happens when this code is used, traced through the calls between the project's own functions "
        "and methods (the flows that run through most of this component first; calls into other packages are "
        "left out)."
    )
    return ["## How it works", intro, *(render_flow(ctx, flow, level=3) for flow in flows)]


def _extending(ctx: SiteContext, component: Component) -> list[str]:
    paths = set(component.modules)
    points = [
        point
        for point in ctx.model.extension_points
        if (found := ctx.model_symbols.get(point.base)) is not None and found[0].path in paths
    ][:MAX_EXTENSION_POINTS]
    if not points:
        return []
    return ["## Extension points", *(render_extension_point(ctx, point, level=3) for point in points)]


def _importance(symbol: Symbol) -> tuple[bool, bool, int, int, str]:
    """Documented, central definitions first: exceptions last, then by kind and size."""
    is_error = any(_base_name(base).endswith(("Error", "Exception")) for base in symbol.bases)
    size = symbol.location.end_line - symbol.location.start_line
    return (is_error, symbol.docstring is None, _KIND_RANK.get(symbol.kind, 5), -size, symbol.name)


def _class_diagram(modules: list[Module]) -> list[str]:
    """Inheritance among the component's classes (and their direct bases), when there is any."""
    classes = [s for m in modules for s in m.symbols if s.kind in TYPE_KINDS and s.parent is None]
    names = {s.name for s in classes}
    pairs = sorted({(s.name, _base_name(base)) for s in classes for base in s.bases if _base_name(base)})
    internal = [(child, parent) for child, parent in pairs if parent in names]
    if not internal and len(pairs) < 2:
        return []
    nodes: list[str] = []
    for child, parent in pairs:
        for name in (parent, child):
            if name not in nodes and len(nodes) < MAX_DIAGRAM_CLASSES:
                nodes.append(name)
    edges = [(child, parent) for child, parent in pairs if child in nodes and parent in nodes]
    if not edges:
        return []
    return ["## Class diagram", "Which classes extend which:", ClassDiagram(nodes, edges).render()]


def _base_name(base: str) -> str:
    """`typing.Generic[T]` → `Generic`; the diagram shows the class, not its arguments."""
    head = base.split("[", 1)[0].split("<", 1)[0].split("(", 1)[0].strip()
    return head.rsplit(".", 1)[-1]


def _relations(ctx: SiteContext, page: PagePlan, component: Component) -> list[str]:
    lines = []
    depends, users = related(ctx, component.depends_on), related(ctx, component.used_by)
    if depends:
        lines.append(f"- Depends on {join_words([ctx.component_link(page.path, n) for n in depends])}.")
    if users:
        lines.append(f"- Used by {join_words([ctx.component_link(page.path, n) for n in users])}.")
    tests = [n for n in component.used_by if n in ctx.test_components]
    if tests:
        lines.append(f"- Exercised by the tests in {join_words([code(n) for n in tests])}.")
    if component.external_dependencies:
        externals = join_words([code(name) for name in component.external_dependencies])
        lines.append(f"- Imports the external packages {externals}.")
    if not lines:
        lines.append(f"- {text('No import relations with other components or external packages.')}")
    return ["## Relations", "\n".join(lines)]
