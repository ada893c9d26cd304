"""“Extending X” sections: an extension point's implementations, what a new one must define, and
where implementations are registered or chosen, each cited."""

from __future__ import annotations

from codedoc.model import ExtensionPoint, Location, Registration
from codedoc.write.markdown import cell_code, code, join_words, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.flows import symbol_name

MAX_IMPLEMENTATIONS = 12
MAX_PLACES = 8


def render_extension_point(ctx: SiteContext, point: ExtensionPoint, *, level: int = 3) -> str:
    base = ctx.model_symbols.get(point.base)
    name = symbol_name(ctx, point.base)
    parts = [f"{'#' * level} Extending {code(name)}"]
    cited = ctx.citer.cite(base[1].location) if base else ""
    shown = point.implementations[:MAX_IMPLEMENTATIONS]
    listed = join_words([_cited_name(ctx, symbol_id) for symbol_id in shown])
    more = f" and {len(point.implementations) - len(shown):,} more" if len(point.implementations) > len(shown) else ""
    count = plural(len(point.implementations), "implementation")
    parts.append(f"{code(name)}{f' ({cited})' if cited else ''} has {count} in this repository: {listed}{more}.")
    if point.required:
        rows = []
        for method in point.required:
            found = ctx.model_symbols.get(method)
            if found is None:
                continue
            symbol = found[1]
            rows.append(
                (code(symbol.name), cell_code(symbol.signature or symbol.name), ctx.citer.cite(symbol.location))
            )
        parts.append("A new implementation must define:")
        parts.append(table(("Method", "Signature", "Source"), rows))
    else:
        parts.append(f"{code(name)} declares no abstract method: a new implementation overrides what it needs.")
    places = _places(ctx, point)
    if places:
        parts.append("Where implementations are registered or chosen:")
        parts.append("\n".join(places))
    return "\n\n".join(parts)


def _cited_name(ctx: SiteContext, symbol_id: str) -> str:
    found = ctx.model_symbols.get(symbol_id)
    cited = ctx.citer.cite(found[1].location) if found else ""
    return code(symbol_name(ctx, symbol_id)) + (f" ({cited})" if cited else "")


def plugin_line(ctx: SiteContext, registration: Registration) -> str:
    """`- pkg.plugin is declared as the plugin “name” of the entry-point group “pytest11” (pyproject.toml:30).`"""
    target = code(symbol_name(ctx, registration.target))
    where = ctx.citer.cite(registration.location)
    named = f" “{text(registration.key)}”" if registration.key else ""
    return f"- {target} is declared as the plugin{named} of the entry-point group “{text(registration.registry)}”" + (
        f" ({where})." if where else "."
    )


def _places(ctx: SiteContext, point: ExtensionPoint) -> list[str]:
    lines: list[str] = []
    for registration in point.registrations[:MAX_PLACES]:
        registry = symbol_name(ctx, registration.registry) if registration.registry in ctx.model_symbols else None
        target = code(symbol_name(ctx, registration.target))
        where = ctx.citer.cite(registration.location)
        if registration.kind == "entry_point":
            lines.append(plugin_line(ctx, registration))
            continue
        key = f" under the key “{text(registration.key)}”" if registration.key else ""
        holder = code(registry) if registry else code(registration.registry)
        verb = {"decorator": "registered by the decorator", "mapping": "listed in", "call": "registered with"}.get(
            registration.kind, "registered in"
        )
        lines.append(f"- {target} is {verb} {holder}{key}" + (f" ({where})." if where else "."))
    # One line per place that picks an implementation, citing each of its calls.
    places: dict[tuple[str, str], list[Location]] = {}
    for call in point.created_at:
        places.setdefault((call.caller, call.callee), []).append(call.location)
    for (caller, callee), locations in list(places.items())[: max(0, MAX_PLACES - len(lines))]:
        where = ctx.citer.cite_all(locations)
        lines.append(
            f"- {code(symbol_name(ctx, caller))} creates a {code(symbol_name(ctx, callee))}"
            + (f" ({where})." if where else ".")
        )
    return lines
