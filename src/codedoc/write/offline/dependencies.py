"""The Dependencies page: runtime and development packages, version specs, where declared and imported."""

from __future__ import annotations

from codedoc.model import Dependency, ImportKind
from codedoc.write.markdown import cell_code, code, plural, table, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan

MAX_IMPORTERS = 3


def write_dependencies(ctx: SiteContext, page: PagePlan) -> str:
    dependencies = sorted(ctx.model.dependencies, key=lambda d: (d.ecosystem, d.name.lower(), d.location.path))
    runtime = [d for d in dependencies if not d.dev]
    dev = [d for d in dependencies if d.dev]
    parts = [
        "# Dependencies",
        f"The build files declare {plural(len(runtime), 'runtime dependency', 'runtime dependencies')} "
        f"and {plural(len(dev), 'development dependency', 'development dependencies')}.",
    ]
    if runtime:
        parts += ["## Runtime", _table(ctx, runtime)]
    if dev:
        parts += ["## Development, tests and extras", _table(ctx, dev)]
    parts += _undeclared(ctx)
    return "\n\n".join(parts) + "\n"


def _table(ctx: SiteContext, dependencies: list[Dependency]) -> str:
    rows = []
    for dependency in dependencies:
        importers = sorted(dependency.imported_in)
        used = ", ".join(code(path) for path in importers[:MAX_IMPORTERS])
        if len(importers) > MAX_IMPORTERS:
            used += f" and {len(importers) - MAX_IMPORTERS:,} more"
        rows.append(
            (
                code(dependency.name),
                text(dependency.ecosystem),
                cell_code(dependency.version_spec) if dependency.version_spec else "",
                ctx.citer.cite(dependency.location) or code(dependency.location.path),
                used or "not imported by analysed code",
            )
        )
    return table(("Package", "Ecosystem", "Version", "Declared in", "Imported in"), rows)


def _undeclared(ctx: SiteContext) -> list[str]:
    declared = {d.name.lower().replace("_", "-") for d in ctx.model.dependencies}
    imported: dict[str, set[str]] = {}
    for module in ctx.model.modules:
        for item in module.imports:
            if item.kind is ImportKind.EXTERNAL and item.target:
                imported.setdefault(item.target, set()).add(module.path)
    missing = sorted(name for name in imported if name.lower().replace("_", "-") not in declared)
    if not missing or not ctx.model.dependencies:
        return []
    rows = [(code(name), ", ".join(code(p) for p in sorted(imported[name])[:MAX_IMPORTERS])) for name in missing]
    return [
        "## Imported but not declared",
        "These external imports match no declared dependency by name; the package may be declared "
        "under another name (as PyYAML provides yaml) or come from the environment.",
        table(("Import", "Imported in"), rows),
    ]
