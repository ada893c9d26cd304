"""The plan: which pages a repository deserves, in which order, at which safe paths."""

from __future__ import annotations

import re
from dataclasses import replace

from codedoc.model import CodeModel, Language, Module
from codedoc.write.pages import PageKind
from codedoc.write.plan import MAX_COMPONENT_PAGES, plan_site
from codedoc.write.reference_layout import MAX_PAGE_ENTRIES, entries, reference_layout
from write.factories import cli_tool, component, fn, go_service, hostile, large, monorepo, python_library, web_service


def paths(model: CodeModel) -> list[str]:
    return [page.path for page in plan_site(model).pages]


def test_plan_always_starts_with_overview_getting_started_and_architecture() -> None:
    for model in (python_library(), web_service(), cli_tool(), monorepo()):
        assert paths(model)[:3] == ["index.md", "getting-started.md", "architecture.md"]
        assert "reference/index.md" in paths(model)


def test_plan_gives_a_web_service_its_http_api_data_models_and_configuration_before_components() -> None:
    planned = paths(web_service())
    first_component = next(i for i, p in enumerate(planned) if p.startswith("components/"))
    assert planned.index("http-api.md") < planned.index("data-models.md") < planned.index("configuration.md")
    assert planned.index("configuration.md") < first_component


def test_plan_puts_the_commands_page_first_for_a_cli() -> None:
    assert paths(cli_tool())[3] == "cli.md"


def test_plan_leaves_out_pages_the_model_has_no_facts_for() -> None:
    planned = paths(python_library())
    for absent in ("http-api.md", "cli.md", "data-models.md"):
        assert absent not in planned
    for present in ("configuration.md", "dependencies.md", "testing.md"):
        assert present in planned


def test_plan_has_no_testing_page_without_tests() -> None:
    assert "testing.md" not in paths(cli_tool())


def test_plan_skips_test_only_components() -> None:
    planned = paths(python_library())
    assert "components/tinyhttp.md" in planned
    assert "components/tests.md" not in planned


def test_plan_folds_tiny_components_without_public_names_into_the_architecture_page() -> None:
    planned = paths(go_service())
    assert "components/internal-api.md" in planned
    assert "components/cmd-pinger.md" not in planned


def test_plan_caps_component_pages_at_the_largest_components() -> None:
    plan = plan_site(large(components_count=MAX_COMPONENT_PAGES + 20))
    components = [page for page in plan.pages if page.kind is PageKind.COMPONENT]
    assert len(components) == MAX_COMPONENT_PAGES
    # In the factory, later components have more lines: the smallest ones are left out.
    assert "big.c0" not in {page.component for page in components}
    assert f"big.c{MAX_COMPONENT_PAGES + 19}" in {page.component for page in components}


def test_plan_splits_the_reference_per_component_for_large_repositories() -> None:
    plan = plan_site(large(components_count=30))
    reference = [page.path for page in plan.pages if page.kind is PageKind.API_REFERENCE]
    assert reference[0] == "reference/index.md"
    assert "reference/big-c0.md" in reference
    assert len(reference) == 31


def test_plan_keeps_a_small_reference_on_one_page() -> None:
    plan = plan_site(python_library())
    assert [p.path for p in plan.pages if p.kind is PageKind.API_REFERENCE] == ["reference/index.md"]


def test_plan_slugs_are_safe_and_unique_for_colliding_names() -> None:
    base = monorepo(packages=1)
    module = base.modules[0]
    twins = [replace(module, path=f"x{i}/m.py", name=f"x{i}.m") for i in range(3)]
    names = ["a.b", "a-b", "A B"]
    model = replace(
        base,
        modules=tuple(twins),
        components=tuple(component(name, f"x{i}", [twins[i]]) for i, name in enumerate(names)),
    )
    planned = [p for p in paths(model) if p.startswith("components/")]
    assert planned == ["components/a-b.md", "components/a-b-2.md", "components/a-b-3.md"]


def test_plan_paths_never_carry_characters_from_hostile_names() -> None:
    for path in paths(hostile()):
        assert re.fullmatch(r"[a-z0-9-]+(/[a-z0-9-]+)?\.md", path), path


def test_plan_titles_carry_no_markup() -> None:
    plan = plan_site(hostile())
    for page in plan.pages:
        assert not set(page.title) & set("<>&\"'`\n"), page.title
    assert not set(plan.site_name) & set("<>&\"'`")


def test_plan_is_deterministic() -> None:
    assert plan_site(web_service()) == plan_site(web_service())


def test_plan_names_the_site_after_the_repository() -> None:
    assert plan_site(python_library()).site_name == "tinyhttp"


def test_plan_ignores_components_without_modules() -> None:
    base = python_library()
    empty = component("ghost", "ghost", [])
    model = replace(base, components=(*base.components, empty))
    assert "components/ghost.md" not in paths(model)


def test_plan_documents_a_tiny_component_that_has_public_names() -> None:
    module = Module(path="tiny/x.py", name="tiny.x", language=Language.PYTHON, line_count=3)
    base = python_library()
    with_api = replace(module, symbols=(fn("tiny/x.py", "public", 1),))
    model = replace(
        base, modules=(*base.modules, with_api), components=(*base.components, component("tiny", "tiny", [with_api]))
    )
    assert "components/tiny.md" in paths(model)


def test_reference_layout_cuts_a_huge_component_into_parts_between_modules() -> None:
    model = large(components_count=2, modules_per_component=40, symbols_per_module=40)
    layout = reference_layout(model)
    parts = [page for page in layout if page.component == "big.c1"]
    assert [page.path for page in parts] == [
        "reference/big-c1.md",
        "reference/big-c1-part-2.md",
        "reference/big-c1-part-3.md",
    ]
    assert [page.title for page in parts] == ["big.c1 (1/3)", "big.c1 (2/3)", "big.c1 (3/3)"]
    assert all(sum(entries(m) for m in model.modules if m.path in page.modules) <= MAX_PAGE_ENTRIES for page in parts)


def test_reference_layout_documents_every_module_exactly_once() -> None:
    model = large(components_count=5, modules_per_component=40, symbols_per_module=40)
    covered = [path for page in reference_layout(model) for path in page.modules]
    assert sorted(covered) == sorted(m.path for m in model.modules)
    paths = [page.path for page in plan_site(model).pages]
    assert len(paths) == len(set(paths))
