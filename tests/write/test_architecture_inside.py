"""Architecture at module level for repositories with few components, diagrams that cap and say what
they leave out, clustered Mermaid diagrams, and summaries that fall back on the code or the README."""

from __future__ import annotations

import re

from codedoc.model import CodeModel, Component, Language, Module, ProjectKind, Repository, Symbol
from codedoc.write.mermaid import ClusteredFlowchart, RelationDiagram
from codedoc.write.offline import write_site
from codedoc.write.offline.summaries import component_fallback, module_fallback, readme_sentence
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from write.factories import assemble, cls, component, internal

HOSTILE = 'evil"]; click n0 "javascript:alert(1)" <b>x</b>'


def _body(block: str) -> list[str]:
    lines = block.split("\n")
    assert lines[0] == "```mermaid" and lines[-1] == "```"
    return lines[1:-1]


def test_clustered_flowchart_boxes_nodes_with_generated_ids_and_escaped_titles() -> None:
    lines = _body(
        ClusteredFlowchart(["a.x", "a.y", "b"], [("a.x", "b"), ("b", "gone")], [(HOSTILE, ["a.x", "a.y"])]).render()
    )
    assert lines[0] == "flowchart LR"
    assert re.fullmatch(r'    subgraph c0 \["[^"\[\]<>]*"\]', lines[1])
    assert lines[2:5] == ['        n0["a.x"]', '        n1["a.y"]', "    end"]
    assert lines[5:] == ['    n2["b"]', "    n0 --> n2"]


def test_relation_diagram_draws_inheritance_and_use_once_each() -> None:
    lines = _body(
        RelationDiagram(
            ["Base", "Child", "Other"], [("Child", "Base")], [("Child", "Base"), ("Other", "Child")]
        ).render()
    )
    assert "    n0 <|-- n1" in lines
    assert "    n2 --> n1 : uses" in lines
    assert "    n1 --> n0 : uses" not in lines  # already drawn as inheritance


def _one_package(count: int) -> CodeModel:
    """One package of `count` modules, each importing the next, with a base class and two subclasses."""
    modules = [Module("pkg/__init__.py", "pkg", Language.PYTHON, is_package=True, line_count=1)]
    for index in range(count):
        path = f"pkg/sub{index % 3}/m{index}.py"
        following = f"pkg/sub{(index + 1) % 3}/m{index + 1}.py"
        imports = (internal(f"pkg.sub{(index + 1) % 3}.m{index + 1}", following, 1),) if index + 1 < count else ()
        symbols: tuple[Symbol, ...] = ()
        if index == 0:
            symbols = (cls(path, "Engine", 3, doc="Runs the jobs."),)
        elif index in (1, 2):
            base = cls(path, f"Job{index}", 3, doc="One kind of job.")
            symbols = (Symbol(**{**{f: getattr(base, f) for f in base.__slots__}, "bases": ("Engine",)}),)
        modules.append(
            Module(
                path, f"pkg.sub{index % 3}.m{index}", Language.PYTHON, imports=imports, symbols=symbols, line_count=10
            )
        )
    components = (component("pkg", "pkg", modules),)
    return assemble(Repository(name="pkg", kind=ProjectKind.LIBRARY), modules, {}, components=components)


def test_a_single_package_gets_its_modules_layers_and_central_classes_drawn() -> None:
    model = _one_package(5)
    page = next(p for p in write_site(plan_site(model), model) if p.path == "architecture.md").markdown
    assert "## Inside `pkg`" in page
    assert 'subgraph c0 ["pkg.sub0"]' in page
    assert "- **Entry modules** (import others of the component, imported by none): `pkg.sub0.m0`." in page
    assert "- **Foundations** (imported by others, importing none of them): `pkg.sub1.m4`." in page
    classes = page[page.index("### Central classes") :]
    assert classes.index("`pkg.sub0.m0.Engine`") < classes.index("`pkg.sub1.m1.Job1`")
    assert "<|--" in classes


def test_a_big_package_diagram_is_capped_and_says_what_it_leaves_out() -> None:
    model = _one_package(45)
    page = next(p for p in write_site(plan_site(model), model) if p.path == "architecture.md").markdown
    # 46 modules: the package's `__init__` (which imports nothing) and the 45 in a chain.
    assert "The 30 most connected modules are drawn; 16 modules are left out (1 isolated" in page
    assert page.count('["pkg.sub') == 30 + 3  # nodes plus the three sub-package boxes


def test_inside_pages_verify_with_no_unresolved_names() -> None:
    model = _one_package(8)
    _, verification = verify_pages(write_site(plan_site(model), model), model)
    assert verification.broken_source_links == 0
    assert verification.unresolved_code_spans == 0


def test_module_without_docstring_is_summarised_by_its_leading_documented_class() -> None:
    module = Module(
        "pkg/engine.py",
        "pkg.engine",
        Language.PYTHON,
        symbols=(
            cls("pkg/engine.py", "Helper", 1, doc="Small."),
            cls("pkg/engine.py", "Engine", 5, end=40, doc="Runs every job of the queue in order."),
        ),
    )
    assert module_fallback(module) == "Engine: Runs every job of the queue in order."
    assert module_fallback(Module("pkg/empty.py", "pkg.empty", Language.PYTHON)) == ""


def test_component_without_docstring_is_summarised_by_the_readme_sentence_naming_it() -> None:
    readme = "# Shop\n\n```\n`billing` in a fence\n```\n\n- The `billing` package computes invoices and taxes.\n"
    billing = Component("shop.billing", "shop/billing", ("shop/billing/core.py",))
    assert readme_sentence(readme, ["billing"]) == "The `billing` package computes invoices and taxes."
    core = Module(
        "shop/billing/core.py",
        "shop.billing.core",
        Language.PYTHON,
        docstring="Invoices and their taxes, computed.",
        line_count=5,
    )
    assert component_fallback(billing, [core], readme) == "The `billing` package computes invoices and taxes."
    assert component_fallback(billing, [core], None) == "Invoices and their taxes, computed."


def test_reading_priority_puts_complex_and_central_functions_first() -> None:
    from codedoc.model import ComplexFunction, Location
    from codedoc.write.offline.insights import reading_priority

    leaf = ComplexFunction("pkg.leaf", 12, Location("pkg/a.py", 1, 9))
    hub = ComplexFunction("pkg.hub", 9, Location("pkg/a.py", 10, 19))
    assert [f.name for f in reading_priority([hub, leaf])] == ["pkg.leaf", "pkg.hub"]
    assert [f.name for f in reading_priority([hub, leaf], {"pkg.hub": 6.0, "pkg.leaf": 0.1})] == ["pkg.hub", "pkg.leaf"]


def test_bases_from_another_component_are_drawn_by_their_full_name() -> None:
    import dataclasses

    from codedoc.model import Inheritance, Location

    model = _one_package(4)
    base_module = Module(
        "core/base.py", "core.base", Language.PYTHON, symbols=(cls("core/base.py", "Base", 1, doc="The root."),)
    )
    model = dataclasses.replace(
        model,
        modules=(*model.modules, base_module),
        components=(*model.components, component("core", "core", [base_module])),
        inheritance=(Inheritance("pkg.sub0.m0.Engine", "core.base.Base", Location("pkg/sub0/m0.py", 3, 8)),),
    )
    page = next(p for p in write_site(plan_site(model), model) if p.path == "architecture.md").markdown
    classes = page[page.index("### Central classes") :]
    assert 'class n3["core.base.Base"]' in classes
    assert "    n3 <|-- n0" in classes
    _, verification = verify_pages(write_site(plan_site(model), model), model)
    assert verification.unresolved_code_spans == 0


def test_dense_module_graphs_drop_only_arrows_a_longer_path_implies() -> None:
    from codedoc.write.offline.architecture_modules import implied_edges_removed

    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "a"), ("b", "d")]
    kept = implied_edges_removed(edges)

    def reach(graph: list[tuple[str, str]]) -> set[tuple[str, str]]:
        found = set(graph)
        while True:
            more = {(a, d) for a, b in found for c, d in found if b == c} - found
            if not more:
                return found
            found |= more

    assert reach(kept) == reach(edges)
    assert len(kept) < len(edges)
    assert ("b", "d") in kept  # the only way to reach d
