"""The Architecture page: the component graph, its layers, external packages and entry points."""

from __future__ import annotations

from codedoc.model import Component
from codedoc.write.markdown import code, join_words, plural, table, text
from codedoc.write.mermaid import ClusteredFlowchart, Flowchart
from codedoc.write.offline.architecture_modules import component_clusters, module_level
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.describe import component_purpose
from codedoc.write.offline.extending import plugin_line
from codedoc.write.pages import PagePlan
from codedoc.write.selection import is_test_component

MAX_DIAGRAM_NODES = 40
CLUSTER_FROM = 12
"""A component graph with more nodes than this is drawn in boxes by top-level package."""
MAX_EXTERNALS_SHOWN = 12
MAX_PLUGINS = 20


def write_architecture(ctx: SiteContext, page: PagePlan) -> str:
    components = [c for c in ctx.model.components if c.modules and not is_test_component(c, ctx.categories)]
    parts = ["# Architecture", _introduction(ctx, components)]
    if components:
        parts += _diagram(components)
        parts += _layers(ctx, page, components)
        parts += _externals(ctx, page, components)
        parts += module_level(ctx, page, components)
    parts += _entry_points(ctx)
    parts += _plugins(ctx)
    parts += _listed(ctx, page)
    return "\n\n".join(parts) + "\n"


def _introduction(ctx: SiteContext, components: list[Component]) -> str:
    answer = ctx.ask(lambda: ctx.prose.architecture(ctx.model), "the architecture")
    if answer:
        return answer
    if not components:
        return "The analysis found no component (package or folder of code) to describe."
    names = {c.name for c in components}
    edges = sum(1 for c in components for n in c.depends_on if n in names)
    if len(components) == 1:
        return f"{code(ctx.model.repository.name)} is a single component: one package or folder of code."
    sentence = (
        f"{code(ctx.model.repository.name)} is organised in {plural(len(components), 'component')}, "
        "each a package or folder of code, "
    )
    if edges:
        sentence += f"with {plural(edges, 'import relation')} between them."
    else:
        sentence += "none of which imports another."
    return sentence


def _diagram(components: list[Component]) -> list[str]:
    names = {c.name for c in components}
    connected = [c for c in components if any(n in names for n in (*c.depends_on, *c.used_by))]
    if not connected:
        return []
    ranked = sorted(connected, key=lambda c: (-(len(c.depends_on) + len(c.used_by)), -c.line_count, c.name))
    shown = sorted(c.name for c in ranked[:MAX_DIAGRAM_NODES])
    edges = [(c.name, target) for c in components if c.name in shown for target in c.depends_on]
    note = "An arrow from one component to another means the first imports the second."
    if len(connected) > len(shown):
        note += f" The {len(shown):,} most connected of {len(connected):,} components are drawn."
    if len(shown) > CLUSTER_FROM:
        boxes = component_clusters(shown)
        note += " Boxes group components under the same top-level package or folder." if boxes else ""
        return ["## Component graph", note, ClusteredFlowchart(shown, sorted(edges), boxes).render()]
    return ["## Component graph", note, Flowchart(shown, sorted(edges)).render()]


def _layers(ctx: SiteContext, page: PagePlan, components: list[Component]) -> list[str]:
    names = {c.name for c in components}
    top, middle, foundation, alone = [], [], [], []
    for component in components:
        depends = [n for n in component.depends_on if n in names]
        users = [n for n in component.used_by if n in names]
        if depends and not users:
            top.append(component)
        elif depends and users:
            middle.append(component)
        elif users:
            foundation.append(component)
        else:
            alone.append(component)
    layers = (
        ("Entry layer", "nothing else imports these; they use the rest", top),
        ("Middle layer", "imported by some components, importing others", middle),
        ("Foundations", "imported by others, importing no other component", foundation),
        ("Standalone", "neither importing nor imported by another component", alone),
    )
    lines = []
    for title, meaning, members in layers:
        if members:
            links = join_words([ctx.component_link(page.path, c.name) for c in members[:30]])
            extra = f" and {len(members) - 30:,} more" if len(members) > 30 else ""
            lines.append(f"- **{title}** ({meaning}): {links}{extra}.")
    return ["## Layers", "\n".join(lines)]


def _externals(ctx: SiteContext, page: PagePlan, components: list[Component]) -> list[str]:
    rows = []
    for component in components:
        if not component.external_dependencies:
            continue
        shown = [code(name) for name in component.external_dependencies[:MAX_EXTERNALS_SHOWN]]
        extra = len(component.external_dependencies) - len(shown)
        listed = ", ".join(shown) + (f" and {extra:,} more" if extra else "")
        rows.append((ctx.component_link(page.path, component.name), listed))
    if not rows:
        return []
    return [
        "## External packages by component",
        "Third-party packages each component imports:",
        table(("Component", "Imports"), rows),
    ]


def _entry_points(ctx: SiteContext) -> list[str]:
    entries = sorted(ctx.model.entry_points, key=lambda e: (e.kind, e.name))[:20]
    if not entries:
        return []
    lines = []
    for entry in entries:
        citation = ctx.citer.cite(entry.location)
        lines.append(
            f"- {code(entry.name)} ({text(entry.kind.replace('_', ' '))}) runs {code(entry.target)}"
            + (f" ({citation})" if citation else "")
        )
    return ["## Entry points", "\n".join(lines)]


def _plugins(ctx: SiteContext) -> list[str]:
    """Entry points of plugin groups: how other programs (pytest, Flask, a plugin host) find this code."""
    plugins = sorted(
        (r for r in ctx.model.registrations if r.kind == "entry_point"),
        key=lambda r: (r.registry, r.key or "", r.target),
    )
    if not plugins:
        return []
    shown = plugins[:MAX_PLUGINS]
    more = len(plugins) - len(shown)
    lines = [plugin_line(ctx, registration) for registration in shown]
    return [
        "## Plugins it registers",
        "The packaging metadata declares these entry points for other programs to load by their group:",
        "\n".join(lines) + (f"\n\n…and {more:,} more." if more else ""),
    ]


def _listed(ctx: SiteContext, page: PagePlan) -> list[str]:
    if not ctx.listed_components:
        return []
    rows = [
        (code(c.name), code(c.path), f"{len(c.modules):,}", f"{c.line_count:,}", component_purpose(ctx, c))
        for c in ctx.listed_components
    ]
    return [
        "## Smaller components",
        "These components are too small (or too many) for a page of their own:",
        table(("Component", "Folder", "Modules", "Lines", "Purpose"), rows),
    ]
