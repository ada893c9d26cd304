"""The Data models page: an entity-relation diagram, then each model's fields and relations."""

from __future__ import annotations

from codedoc.model import DataModel
from codedoc.write.markdown import cell_code, code, plural, table, text
from codedoc.write.mermaid import Entity, ERDiagram
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.symbols import docstring_paragraphs
from codedoc.write.pages import PagePlan

MAX_DIAGRAM_ENTITIES = 30
MAX_DIAGRAM_FIELDS = 8


def write_data_models(ctx: SiteContext, page: PagePlan) -> str:
    models = sorted(ctx.model.data_models, key=lambda m: (m.name, m.qualname, m.location.path))
    frameworks = sorted({m.framework for m in models})
    parts = [
        "# Data models",
        f"The code declares {plural(len(models), 'data model')} with {', '.join(text(f) for f in frameworks)}.",
    ]
    parts += _diagram(models)
    for model in models:
        parts.append(_model(ctx, model))
    return "\n\n".join(parts) + "\n"


def _diagram(models: list[DataModel]) -> list[str]:
    related = [m for m in models if m.relations]
    targets = {r.target for m in related for r in m.relations}
    shown = [m for m in models if m.relations or m.name in targets][:MAX_DIAGRAM_ENTITIES]
    if not shown:
        return []
    names = {m.name for m in shown}
    entities = [
        Entity(m.name, [(f.type or "value", f.name, f.primary_key) for f in m.fields[:MAX_DIAGRAM_FIELDS]])
        for m in shown
    ]
    relations = [(m.name, r.target, r.kind, r.name) for m in shown for r in m.relations if r.target in names]
    note = "How the models refer to each other (the first fields of each are shown):"
    return ["## Relations", note, ERDiagram(entities, relations).render()]


def _model(ctx: SiteContext, model: DataModel) -> str:
    parts = [f"## {code(model.name)}"]
    parts += docstring_paragraphs(model.docstring)
    details = [f"{code(model.qualname)}, {text(model.framework)}"]
    if model.table:
        details.append(f"table {code(model.table)}")
    citation = ctx.citer.cite(model.location)
    if citation:
        details.append(f"source {citation}")
    parts.append(" · ".join(details))
    if model.fields:
        rows = [
            (
                code(f.name),
                cell_code(f.type) if f.type else "",
                cell_code(f.default) if f.default else "",
                {True: "yes", False: "no", None: ""}[f.nullable],
                "yes" if f.primary_key else "",
                text(f.description or ""),
            )
            for f in model.fields
        ]
        parts.append(table(("Field", "Type", "Default", "Nullable", "Primary key", "Description"), rows))
    if model.relations:
        relations = [(code(r.name), code(r.target), text(r.kind.replace("_", " "))) for r in model.relations]
        parts.append(table(("Relation", "Target", "Kind"), relations))
    return "\n\n".join(parts)
