"""The offline writer: what each page says, built from facts alone."""

from __future__ import annotations

import re

from codedoc.model import CodeModel, Component, Module
from codedoc.write.offline import write_site
from codedoc.write.pages import Page
from codedoc.write.plan import plan_site
from write.factories import cli_tool, go_service, js_ts_package, large, monorepo, python_library, web_service


def site(model: CodeModel, prose: object = None) -> dict[str, Page]:
    pages = write_site(plan_site(model), model, prose=prose)  # type: ignore[arg-type]
    return {page.path: page for page in pages}


def md(model: CodeModel, path: str, prose: object = None) -> str:
    return site(model, prose)[path].markdown


class FixedProse:
    def module_summary(self, module: Module, model: CodeModel) -> str | None:
        return "Module prose." if module.name == "tinyhttp.client" else None

    def component_summary(self, component: Component, model: CodeModel) -> str | None:
        return "Component prose with <b>tags</b>."

    def overview(self, model: CodeModel) -> str | None:
        return "Overview prose."

    def architecture(self, model: CodeModel) -> str | None:
        return "Architecture prose."


class BrokenProse(FixedProse):
    def overview(self, model: CodeModel) -> str | None:
        raise RuntimeError("provider exploded")


def test_write_site_returns_every_planned_page_in_order() -> None:
    model = web_service()
    plan = plan_site(model)
    pages = write_site(plan, model)
    assert [(p.path, p.title, p.kind) for p in pages] == [(p.path, p.title, p.kind) for p in plan.pages]
    assert all(page.markdown.endswith("\n") for page in pages)


def test_write_site_is_deterministic() -> None:
    assert write_site(plan_site(web_service()), web_service()) == write_site(plan_site(web_service()), web_service())


def test_write_site_reports_progress_per_page() -> None:
    model = cli_tool()
    seen: list[tuple[float, str]] = []
    pages = write_site(plan_site(model), model, progress=lambda fraction, message: seen.append((fraction, message)))
    assert len(seen) == len(pages) + 1
    assert [fraction for fraction, _ in seen] == sorted(fraction for fraction, _ in seen)
    assert seen[-1][0] == 1.0


def test_overview_says_what_the_project_is_and_quotes_the_readme_with_its_lines() -> None:
    text = md(python_library(), "index.md")
    assert "`tinyhttp` is a Python library (6 modules, 76 lines of analysed code)." in text
    assert "“A tiny HTTP client library for people who like small things.” (`README.md:5`)" in text
    assert "Its package metadata describes it as “A tiny HTTP client.”" in text


def test_overview_lists_languages_and_components_with_their_purpose() -> None:
    text = md(python_library(), "index.md")
    assert "| Python | 6 | 76 |" in text
    assert "| [`tinyhttp`](components/tinyhttp.md) | A tiny HTTP client. | 5 | 68 |" in text


def test_overview_points_at_entry_points_and_most_used_components() -> None:
    text = md(cli_tool(), "index.md")
    assert "Entry point `greet` (console script) runs `greet.cli:main` (`pyproject.toml:9`)" in text
    text = md(monorepo(packages=4), "index.md")
    assert "## Where to start reading" in text


def test_overview_is_honest_without_readme_or_description() -> None:
    assert "no README paragraph or package description" in md(cli_tool(), "index.md")


def test_getting_started_quotes_tasks_with_citations() -> None:
    text = md(python_library(), "getting-started.md")
    assert "**test** (make, defined in `Makefile:1-2`):\n\n```sh\npytest -q\n```" in text
    assert "## Lint and check" in text


def test_getting_started_says_so_when_no_command_is_known() -> None:
    text = md(cli_tool(), "getting-started.md")
    assert "define no install, run or test command" in text
    assert "`pip install .`" in text  # the ecosystem's usual command, said to be a convention


def test_getting_started_lists_env_vars_without_defaults() -> None:
    text = md(web_service(), "getting-started.md")
    assert "| `SHOP_SECRET` | `shop/main.py:4` |" in text
    assert "SHOP_DEBUG" not in text


def test_architecture_draws_the_component_graph() -> None:
    text = md(web_service(), "architecture.md")
    block = re.search(r"```mermaid\n(.*?)\n```", text, re.S)
    assert block is not None
    lines = block.group(1).split("\n")
    assert lines[0] == "flowchart LR"
    labels = {line.split("[")[0].strip(): line.split('"')[1] for line in lines[1:] if "[" in line}
    edges = {tuple(line.split(" --> ")) for line in lines[1:] if "-->" in line}
    by_label = {label: node for node, label in labels.items()}
    assert (f"    {by_label['shop']}", by_label["shop.api"]) in edges
    assert (f"    {by_label['shop.api']}", by_label["shop.db"]) in edges
    assert "tests" not in labels.values()


def test_architecture_names_layers_and_external_packages() -> None:
    text = md(web_service(), "architecture.md")
    assert "**Entry layer**" in text and "[`shop`](components/shop.md)" in text
    assert "**Foundations**" in text
    assert "| [`shop.db`](components/shop-db.md) | `sqlalchemy` |" in text


def test_architecture_caps_the_diagram_for_huge_repositories() -> None:
    text = md(large(components_count=90, modules_per_component=1, symbols_per_module=1), "architecture.md")
    assert text.count(" --> ") <= 40
    assert "most connected of 90 components are drawn" in text
    assert "## Smaller components" in text


def test_component_page_has_purpose_files_symbols_and_relations() -> None:
    text = md(web_service(), "components/shop-db.md")
    assert text.startswith("# `shop.db`\n\n`shop.db` is a component of 2 modules, 25 lines in `shop/db`")
    assert "| `shop/db/models.py` | 24 | SQLAlchemy tables. | `shop/db/models.py:1-24` |" in text
    assert "### `Customer` (class)\n\n```python\nclass Customer(Base)\n```\n\nSomeone who orders." in text
    assert "- Used by [`shop.api`](shop-api.md)." in text
    assert "[API reference](../reference/index.md)" in text


def test_component_page_draws_inheritance() -> None:
    text = md(web_service(), "components/shop-db.md")
    assert "classDiagram" in text
    assert '    class n0["DeclarativeBase"]' in text


def test_component_page_uses_prose_and_keeps_the_facts() -> None:
    text = md(python_library(), "components/tinyhttp.md", FixedProse())
    assert "Component prose with &lt;b&gt;tags&lt;/b&gt;." in text
    assert "`tinyhttp` is a component of 5 modules" in text


def test_prose_answers_replace_the_offline_paragraphs() -> None:
    pages = site(python_library(), FixedProse())
    assert "Overview prose." in pages["index.md"].markdown
    assert "is a Python library" not in pages["index.md"].markdown
    assert "Architecture prose." in pages["architecture.md"].markdown
    assert "## `tinyhttp.client`\n\nModule prose." in pages["reference/index.md"].markdown


def test_a_failing_prose_source_falls_back_to_the_offline_text() -> None:
    assert "is a Python library" in md(python_library(), "index.md", BrokenProse())


def test_reference_documents_public_names_with_signatures_parameters_and_sources() -> None:
    text = md(python_library(), "reference/index.md")
    assert (
        "#### `Client.request` (method)\n\n```python\ndef request(self, method: str, path: str) -> bytes\n```" in text
    )
    assert "| `timeout` | `float` | `DEFAULT_TIMEOUT` | keyword only |" in text
    assert "Source: `src/tinyhttp/client.py:19-21`" in text
    assert "_private" not in text
    assert "test_request_returns_body" not in text


def test_reference_lists_package_exports_and_shows_those_from_private_modules_in_full() -> None:
    text = md(python_library(), "reference/index.md")
    assert "| `Client` | class | `tinyhttp.client` | `src/tinyhttp/client.py:12-26` |" in text
    package = text.split("## `tinyhttp`\n", 1)[1].split("\n## ", 1)[0]
    assert "### `Retry` (class)" in package
    assert "## `tinyhttp._retry`" not in text


def test_reference_follows_declared_exports() -> None:
    text = md(js_ts_package(), "reference/index.md")
    assert "### `Emitter` (class)" in text
    assert "### `Listener` (type)" in text
    assert "helper" not in text


def test_reference_hides_go_unexported_names() -> None:
    text = md(go_service(), "reference/index.md")
    assert "### `Ping` (function)" in text and "### `Pong` (struct)" in text
    assert "#### `Pong.Message` (field)" in text
    assert "`helper`" not in text


def test_split_reference_has_an_index_and_a_page_per_component() -> None:
    pages = site(large(components_count=30))
    index = pages["reference/index.md"].markdown
    assert "| [`big.c0`](big-c0.md) | 3 | 15 |" in index
    component = pages["reference/big-c7.md"].markdown
    assert component.startswith("# `big.c7`: API reference")
    assert "### `f7_2_4` (function)" in component
    assert "f8_" not in component


def test_http_api_lists_every_route() -> None:
    text = md(web_service(), "http-api.md")
    assert (
        "| GET | `/orders/{order_id}` | `shop.api.orders.get_order` | Fetch one order by id. | "
        "`shop/api/orders.py:8-12` |" in text
    )
    assert text.count("| GET |") == 2 and text.count("| POST |") == 1


def test_cli_page_lists_commands_and_parameters() -> None:
    text = md(cli_tool(), "cli.md")
    assert "## `greet`\n\nGreet someone. More text." in text
    assert "| `--shout` | flag |   | `False` | Shout it \\| loudly. |" in text
    assert "Handler: `greet.cli.main`" in text


def test_data_models_page_has_fields_relations_and_an_er_diagram() -> None:
    text = md(web_service(), "data-models.md")
    assert "erDiagram" in text
    assert '    Customer ||--o{ Order : "orders"' in text
    assert "| `note` | str \\| None | `None` | yes |   |   |" in text
    assert "table `orders`" in text


def test_configuration_page_groups_env_vars_and_settings_classes() -> None:
    text = md(web_service(), "configuration.md")
    assert "## Environment variables" in text and "## `Settings`" in text
    assert "| `SHOP_DEBUG` | `False` | `bool` | pydantic-settings |   | `shop/core/settings.py:6` |" in text


def test_configuration_merges_a_variable_read_in_several_places() -> None:
    text = md(python_library(), "configuration.md")
    assert "| `TINYHTTP_VERBOSE` | *(none)* |" in text
    assert "`src/tinyhttp/config.py:8`, `src/tinyhttp/config.py:11`" in text


def test_dependencies_page_separates_runtime_and_development() -> None:
    text = md(python_library(), "dependencies.md")
    runtime, dev = text.split("## Development, tests and extras")
    assert "`certifi`" in runtime and "`pytest`" not in runtime
    assert "| `pytest` | pypi | `>=8` | `pyproject.toml:8` | not imported by analysed code |" in dev
    assert "## Imported but not declared" in dev and "| `yaml` |" in dev


def test_testing_page_counts_test_files_and_says_how_to_run_them() -> None:
    text = md(js_ts_package(), "testing.md")
    assert "1 test file in 1 folder" in text
    assert "```sh\nvitest run\n```" in text
    assert "Test tools among the dependencies: `vitest`." in text


def test_docstrings_stop_where_structure_begins() -> None:
    from codedoc.write.offline.symbols import docstring_paragraphs

    doc = "Summary line.\n\nMore detail.\n\nArgs:\n    x: a value.\n"
    assert docstring_paragraphs(doc) == ["Summary line.", "More detail."]
    assert docstring_paragraphs("One.\n\nUsage\n-----\n\nText.") == ["One."]
    assert docstring_paragraphs("One.\n\n.. note:: x") == ["One."]
