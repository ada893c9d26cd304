"""The Insights page: where a newcomer should read carefully (the most complex functions), which
components are least documented, and which components import each other in a ring — every row cited.

Functions are ranked by `reading_priority`: complexity alone today; a centrality score (how much of
the code reaches a function) can be passed in to rank "complex and central" first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from codedoc.model import ComplexFunction, DocCoverage, Insights
from codedoc.write.markdown import cell_code, code, plural, table
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan

MAX_FUNCTIONS = 15
MAX_COMPONENTS = 12
MAX_MODULES = 10
MIN_MODULE_API = 3
"""Modules with fewer public symbols than this are left out of the least-documented list."""
COMPLEX = 10
"""From this cyclomatic complexity on, a function is usually called hard to test (McCabe's threshold)."""


def reading_priority(
    functions: Sequence[ComplexFunction], centrality: Mapping[str, float] | None = None
) -> list[ComplexFunction]:
    """Functions in the order a newcomer should read them carefully.

    Without `centrality` (a score in [0, 1] per `module.qualname`), by complexity; with it, by
    complexity weighted by how central the function is, so a complex function everything calls
    comes before an equally complex one nothing calls."""
    if not centrality:
        return sorted(functions, key=lambda f: (-f.complexity, f.name))
    return sorted(functions, key=lambda f: (-f.complexity * (1.0 + centrality.get(f.name, 0.0)), f.name))


def write_insights(ctx: SiteContext, page: PagePlan) -> str:
    insights = ctx.model.insights or Insights()
    parts = ["# Insights", _introduction(insights)]
    parts += _complex(ctx, page, insights)
    parts += _coverage(ctx, page, insights)
    parts += _cycles(ctx, page, insights)
    return "\n\n".join(parts) + "\n"


def _introduction(insights: Insights) -> str:
    if not insights.functions:
        return "The analysis measured no function of product code."
    complex_count = sum(1 for f in insights.most_complex if f.complexity >= COMPLEX)
    sentence = (
        f"The analysis measured the cyclomatic complexity (1 + the branches, loops, cases and boolean "
        f"operators of its body) of {plural(insights.functions, 'function and method', 'functions and methods')} "
        f"of product code; their mean is {insights.mean_complexity:.1f}."
    )
    if complex_count:
        at_least = "At least " if complex_count == len(insights.most_complex) else ""
        sentence += f" {at_least}{plural(complex_count, 'function')} reach {COMPLEX} or more."
    return sentence


def _complex(ctx: SiteContext, page: PagePlan, insights: Insights) -> list[str]:
    ranked = reading_priority(insights.most_complex)[:MAX_FUNCTIONS]
    if not ranked:
        return []
    rows = [
        (
            cell_code(f.name),
            ctx.component_link(page.path, f.component) if f.component else "",
            f"{f.complexity:,}",
            ctx.citer.cite(f.location),
        )
        for f in ranked
    ]
    return [
        "## Where to read carefully",
        "The most complex functions and methods: many paths through one body, so a change there needs "
        "the most care and the most tests.",
        table(("Function", "Component", "Complexity", "Source"), rows),
    ]


def _percent(coverage: DocCoverage) -> str:
    return f"{round(100 * coverage.ratio)}%"


def _coverage(ctx: SiteContext, page: PagePlan, insights: Insights) -> list[str]:
    if not insights.component_coverage:
        return []
    public = sum(c.public for c in insights.component_coverage)
    documented = sum(c.documented for c in insights.component_coverage)
    share = round(100 * documented / public) if public else 100
    symbols = plural(public, "public class, function, method and type", "public classes, functions, methods and types")
    parts = [
        "## Documentation coverage",
        f"{documented:,} of {symbols} of product code ({share}%) have a docstring or doc comment.",
    ]
    components = sorted(insights.component_coverage, key=lambda c: (c.ratio, -c.public, c.name))[:MAX_COMPONENTS]
    rows = [
        (
            ctx.component_link(page.path, c.name),
            f"{c.documented:,} of {c.public:,}",
            _percent(c),
            ctx.citer.cite(c.location) if c.location else "",
        )
        for c in components
    ]
    parts += [
        "### Least documented components",
        table(("Component", "Documented", "Coverage", "First module"), rows),
    ]
    modules = [m for m in insights.module_coverage if m.public >= MIN_MODULE_API and m.ratio < 1.0]
    modules = sorted(modules, key=lambda m: (m.ratio, -m.public, m.name))[:MAX_MODULES]
    if modules:
        rows = [
            (
                cell_code(m.name),
                f"{m.documented:,} of {m.public:,}",
                _percent(m),
                ctx.citer.cite(m.location) if m.location else "",
            )
            for m in modules
        ]
        parts += [
            "### Least documented modules",
            f"Modules with at least {MIN_MODULE_API} public symbols, fewest documented first:",
            table(("Module", "Documented", "Coverage", "Source"), rows),
        ]
    return parts


def _cycles(ctx: SiteContext, page: PagePlan, insights: Insights) -> list[str]:
    parts = ["## Import cycles"]
    if not insights.cycles:
        parts.append("No component imports another component that imports it back, directly or through others.")
        return parts
    parts.append(
        f"Components import each other in {plural(len(insights.cycles), 'ring')}; components in a ring "
        "cannot be understood, tested or reused apart. Each step is cited by an import that makes it:"
    )
    lines = []
    for cycle in insights.cycles:
        ring = list(cycle.components)
        steps = []
        for index, source in enumerate(ring):
            target = ring[(index + 1) % len(ring)]
            cited = ctx.citer.cite(cycle.imports[index]) if index < len(cycle.imports) else ""
            steps.append(f"{code(source)} imports {code(target)}" + (f" ({cited})" if cited else ""))
        lines.append("- " + "; ".join(steps) + ".")
    parts.append("\n".join(lines))
    return parts
