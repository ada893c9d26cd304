"""Architecture at module level, for repositories with few components: inside each main component,
the modules and the imports between them (grouped by sub-package), their layers, and the central
classes with their relations as a class diagram. Diagrams are capped, and say what they leave out.

Classes are ranked by `class_importance`: the call graph's centrality when the model has one, else
how many other classes derive from, name or are named by a class.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from codedoc.model import Component, ImportKind, Language, Module, Symbol, SymbolKind, Visibility
from codedoc.write.markdown import cell_code, code, first_sentence, join_words, plural, table, text
from codedoc.write.mermaid import ClusteredFlowchart, RelationDiagram
from codedoc.write.offline.context import SiteContext
from codedoc.write.pages import PagePlan
from codedoc.write.selection import is_test_path

FEW_COMPONENTS = 3
"""With this many product components or fewer, the architecture page also shows their insides."""
MAX_INSIDE = 2
"""Components whose insides are drawn (the largest)."""
MIN_MODULES = 3
MAX_MODULE_NODES = 30
MAX_CLASSES = 12
MAX_LAYER_NAMES = 15
MAX_OUTSIDE_BASES = 4
DENSE_EDGES_PER_NODE = 2
"""A module graph with more arrows than this per module drops the arrows a longer path implies."""
_CLASS_KINDS = frozenset({SymbolKind.CLASS, SymbolKind.INTERFACE, SymbolKind.STRUCT, SymbolKind.TRAIT})
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ILLUSTRATIONS = frozenset({"example", "examples", "sample", "samples", "docs", "doc", "benchmarks", "bench"})
_ERROR_NAME = re.compile(r"(Error|Exception|Warning)$")


@dataclass(frozen=True, slots=True)
class _Class:
    module: Module
    symbol: Symbol

    @property
    def name(self) -> str:
        return self.symbol.qualname

    @property
    def full_name(self) -> str:
        return f"{self.module.name}.{self.symbol.qualname}"


def module_level(ctx: SiteContext, page: PagePlan, components: Sequence[Component]) -> list[str]:
    """The "inside" sections for the largest of few components; [] for repositories with many."""
    # Examples and sample apps illustrate the product; they are not among its parts.
    components = [c for c in components if not set(c.path.split("/")) & _ILLUSTRATIONS and c.name not in _ILLUSTRATIONS]
    if not components or len(components) > FEW_COMPONENTS:
        return []
    parts: list[str] = []
    for component in sorted(components, key=lambda c: (-c.line_count, c.name))[:MAX_INSIDE]:
        modules = [
            ctx.modules[path]
            for path in component.modules
            if path in ctx.modules and not is_test_path(path, ctx.categories)
        ]
        if len(modules) < MIN_MODULES:
            continue
        parts.append(f"## Inside {code(component.name)}")
        parts.append(
            "With so few components, the structure lives inside them: the modules of "
            f"{code(component.name)} and the imports between them, their layers, and its central classes."
        )
        parts += _module_graph(component, modules)
        parts += _module_layers(modules)
        parts += _classes(ctx, modules)
    return parts


def _cluster_of(module: Module) -> str:
    """The sub-package (or folder) a module belongs to."""
    if module.language is Language.PYTHON:
        return module.name if module.is_package else module.name.rpartition(".")[0] or module.name
    return module.path.rpartition("/")[0] or "."


def _edges(modules: Sequence[Module]) -> list[tuple[Module, Module]]:
    by_path = {module.path: module for module in modules}
    found: set[tuple[str, str]] = set()
    for module in modules:
        for item in module.imports:
            if item.kind is ImportKind.INTERNAL and item.target in by_path and item.target != module.path:
                found.add((module.path, item.target))
    return [(by_path[a], by_path[b]) for a, b in sorted(found)]


def _module_graph(component: Component, modules: Sequence[Module]) -> list[str]:
    edges = _edges(modules)
    if not edges:
        return [f"{code(component.name)} has {plural(len(modules), 'module')}; none imports another."]
    degree: dict[str, int] = defaultdict(int)
    for source, target in edges:
        degree[source.path] += 1
        degree[target.path] += 1
    connected = [m for m in modules if degree[m.path]]
    ranked = sorted(connected, key=lambda m: (-degree[m.path], -m.line_count, m.name))
    shown = sorted(ranked[:MAX_MODULE_NODES], key=lambda m: m.name)
    shown_paths = {m.path for m in shown}
    clusters: dict[str, list[str]] = defaultdict(list)
    for module in shown:
        clusters[_cluster_of(module)].append(module.name)
    boxes = sorted(clusters.items()) if len(clusters) > 1 else []
    drawn_edges = [(a.name, b.name) for a, b in edges if a.path in shown_paths and b.path in shown_paths]
    kept = implied_edges_removed(drawn_edges) if len(drawn_edges) > DENSE_EDGES_PER_NODE * len(shown) else drawn_edges
    diagram = ClusteredFlowchart([m.name for m in shown], kept, boxes)
    note = (
        f"{code(component.name)} has {plural(len(modules), 'module')}. An arrow from one module to another "
        "means the first imports the second" + ("; boxes are sub-packages." if boxes else ".")
    )
    if len(kept) < len(drawn_edges):
        note += (
            f" To keep it readable, {plural(len(drawn_edges) - len(kept), 'arrow')} already implied by a longer "
            "path of arrows (A imports B, B imports C, so A's own import of C is not drawn) are left out."
        )
    left = [m for m in modules if m.path not in shown_paths]
    if left:
        isolated = sum(1 for m in left if not degree[m.path])
        note += (
            f" The {len(shown):,} most connected modules are drawn; {plural(len(left), 'module')} "
            f"{'is' if len(left) == 1 else 'are'} left out"
            + (f" ({isolated:,} isolated: importing no other module of it, imported by none)" if isolated else "")
            + "."
        )
    return ["### Modules", note, diagram.render()]


def _module_layers(modules: Sequence[Module]) -> list[str]:
    edges = _edges(modules)
    imports: dict[str, int] = defaultdict(int)
    imported: dict[str, int] = defaultdict(int)
    for source, target in edges:
        imports[source.path] += 1
        imported[target.path] += 1
    layers: dict[str, list[Module]] = defaultdict(list)
    for module in modules:
        if module.is_package and module.language is Language.PYTHON:
            continue  # an `__init__` re-exports; it is the door, not a layer
        if imports[module.path] and not imported[module.path]:
            layers["top"].append(module)
        elif imports[module.path]:
            layers["middle"].append(module)
        elif imported[module.path]:
            layers["base"].append(module)
    described = (
        ("Entry modules", "import others of the component, imported by none", "top"),
        ("Middle", "imported by some, importing others", "middle"),
        ("Foundations", "imported by others, importing none of them", "base"),
    )
    lines = []
    for title, meaning, key in described:
        members = sorted(layers[key], key=lambda m: (-imported[m.path], m.name))
        if not members:
            continue
        names = [code(m.name) for m in members[:MAX_LAYER_NAMES]]
        extra = f" and {len(members) - MAX_LAYER_NAMES:,} more" if len(members) > MAX_LAYER_NAMES else ""
        lines.append(f"- **{title}** ({meaning}): {join_words(names)}{extra}.")
    return ["### Module layers", "\n".join(lines)] if lines else []


def class_importance(
    classes: Sequence[_Class], modules: Sequence[Module], centrality: Mapping[str, float] | None = None
) -> dict[str, float]:
    """A score per class (`module.qualname`): subclasses, and mentions in other classes' bases,
    signatures and imports. With `centrality`, that score is used instead where it has one."""
    names = {c.name.rpartition(".")[2]: c for c in classes}
    score: dict[str, float] = defaultdict(float)
    for holder in classes:
        for base in holder.symbol.bases:
            parent = names.get(base.rpartition(".")[2])
            if parent is not None and parent is not holder:
                score[parent.full_name] += 2
    for module in modules:
        for item in module.imports:
            for imported in item.names:
                if imported in names:
                    score[names[imported].full_name] += 1
    for _, used in _uses(classes):
        score[used.full_name] += 1
    for holder in classes:
        methods = sum(1 for s in holder.module.symbols if s.parent == holder.name and not s.name.startswith("_"))
        score[holder.full_name] += 0.2 * min(methods, 25)
        if _ERROR_NAME.search(holder.name):
            score[holder.full_name] *= 0.5  # errors are named everywhere but explain little of the design
    if centrality:
        return {c.full_name: centrality.get(c.full_name, score[c.full_name]) for c in classes}
    return dict(score)


def _uses(classes: Sequence[_Class]) -> list[tuple[_Class, _Class]]:
    """(user, used): a class whose methods' or fields' annotations name another class."""
    names = {c.name.rpartition(".")[2]: c for c in classes}
    found: dict[tuple[str, str], tuple[_Class, _Class]] = {}
    for user in classes:
        members = [s for s in user.module.symbols if s.parent == user.name]
        words: set[str] = set()
        for member in members:
            for annotation in (member.returns, *(p.annotation for p in member.parameters)):
                if annotation:
                    words.update(_WORD.findall(annotation))
        for word in sorted(words):
            used = names.get(word)
            if used is not None and used is not user:
                found[(user.full_name, used.full_name)] = (user, used)
    return [found[key] for key in sorted(found)]


def _classes(ctx: SiteContext, modules: Sequence[Module]) -> list[str]:
    classes = [
        _Class(module, symbol)
        for module in modules
        for symbol in module.symbols
        if symbol.kind in _CLASS_KINDS and symbol.visibility is Visibility.PUBLIC and not symbol.name.startswith("_")
    ]
    if len(classes) < 2:
        return []
    product = [m for m in ctx.model.modules if not is_test_path(m.path, ctx.categories)]
    score = class_importance(classes, product, ctx.model.centrality)
    ranked = sorted(classes, key=lambda c: (-score.get(c.full_name, 0.0), c.full_name))[:MAX_CLASSES]
    labels = {c.full_name: c.name for c in ranked}
    if len(set(labels.values())) < len(labels):  # same class name in two modules: qualify them
        labels = {c.full_name: c.full_name for c in ranked}
    by_short = {c.name.rpartition(".")[2]: c for c in ranked}
    inherits = [
        (labels[c.full_name], labels[by_short[base.rpartition(".")[2]].full_name])
        for c in ranked
        for base in c.symbol.bases
        if base.rpartition(".")[2] in by_short and by_short[base.rpartition(".")[2]] is not c
    ]
    uses = [(labels[a.full_name], labels[b.full_name]) for a, b in _uses(ranked)]
    # Bases that live in another component (Flask's `Flask` extends `flask.sansio.app.App`) are drawn
    # too, by their full name, from the call graph's resolved inheritance.
    drawn = set(labels)
    outside: list[str] = []
    for record in ctx.model.inheritance:
        if record.child in drawn and record.parent not in drawn and not record.structural:
            if record.parent not in outside and len(outside) < MAX_OUTSIDE_BASES:
                outside.append(record.parent)
            if record.parent in outside:
                inherits.append((labels[record.child], record.parent))
    diagram = RelationDiagram([labels[c.full_name] for c in ranked] + outside, inherits, uses)
    how = (
        "most central in the call graph"
        if ctx.model.centrality
        else "other code refers to most (derives from, imports or names in signatures; the larger first)"
    )
    note = (
        f"The {plural(len(ranked), 'class', 'classes')} {how}, and their relations: a hollow arrow points to "
        "a base class, a plain arrow from a class to one its methods take or return."
    )
    if outside:
        note += " Base classes from elsewhere in the repository are shown by their full name."
    if len(classes) > len(ranked):
        note += f" {len(classes) - len(ranked):,} other public classes are left out."
    rows = [
        (
            cell_code(c.full_name),
            text(first_sentence(c.symbol.docstring)) if c.symbol.docstring else "",
            ctx.citer.cite(c.symbol.location),
        )
        for c in ranked
    ]
    return [
        "### Central classes",
        note,
        diagram.render(),
        table(("Class", "Purpose", "Source"), rows),
    ]


def component_clusters(names: Sequence[str]) -> list[tuple[str, list[str]]]:
    """Boxes for a big component graph: components grouped by their first name part (`openhands`,
    `frontend`), when that makes more than one box of several members."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        head = re.split(r"[./]", name, maxsplit=1)[0] or name
        groups[head].append(name)
    boxes = [(head, members) for head, members in sorted(groups.items()) if len(members) > 1]
    return boxes if len(groups) > 1 and boxes else []


def implied_edges_removed(edges: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """`edges` without those another path of arrows already implies, one at a time so that what
    reaches what is unchanged (safe with cycles): a transitive reduction for drawing."""
    kept = list(dict.fromkeys(edges))
    for edge in sorted(kept):
        source, target = edge
        rest = [e for e in kept if e != edge]
        following: dict[str, list[str]] = defaultdict(list)
        for a, b in rest:
            following[a].append(b)
        seen = {source}
        frontier = [source]
        while frontier and target not in seen:
            node = frontier.pop()
            for nxt in following[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        if target in seen:
            kept = rest
    return kept
