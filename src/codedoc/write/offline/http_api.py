"""The HTTP API page: every route with its method, path, handler, summary and source."""

from __future__ import annotations

from collections import defaultdict

from codedoc.model import Route
from codedoc.write.markdown import cell_code, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan


def write_http_api(ctx: SiteContext, page: PagePlan) -> str:
    routes = sorted(ctx.model.routes, key=lambda r: (r.path, r.method, r.location.path, r.location.start_line))
    by_framework: dict[str, list[Route]] = defaultdict(list)
    for route in routes:
        by_framework[route.framework].append(route)
    frameworks = ", ".join(text(name) for name in sorted(by_framework))
    parts = [
        "# HTTP API",
        f"The code declares {plural(len(routes), 'route')} ({frameworks}). "
        "Paths are shown in full, with the prefixes of the routers they are mounted under (each prefix "
        "cited after the route); a prefix only known at run time may not be included.",
    ]
    for framework in sorted(by_framework):
        rows = [
            (
                text(route.method),
                cell_code(route.path),
                cell_code(route.handler),
                text(route.summary or ""),
                _sources(ctx, route),
            )
            for route in by_framework[framework]
        ]
        if len(by_framework) > 1:
            parts.append(f"## {text(framework)}")
        parts.append(table(("Method", "Path", "Handler", "Summary", "Source"), rows))
    return "\n\n".join(parts) + "\n"


def _sources(ctx: SiteContext, route: Route) -> str:
    """The route's own line, then where each prefix in front of its path is declared."""
    own = ctx.citer.cite(route.location)
    prefixes = ctx.citer.cite_all(route.prefix_locations, limit=4)
    return f"{own}; prefix: {prefixes}" if prefixes and own else own or prefixes
