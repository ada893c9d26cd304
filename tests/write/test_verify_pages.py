"""Verification: citations, source links and identifiers are checked against the model and counted."""

from __future__ import annotations

from codedoc.model import CodeModel, Component, Module
from codedoc.write.offline import write_site
from codedoc.write.pages import Page, PageKind
from codedoc.write.plan import plan_site
from codedoc.write.verify import SOURCE_NOT_FOUND, UNVERIFIED, verify_pages
from write.factories import FACTORIES, python_library

SHA = "b" * 40
REMOTE = "https://github.com/example/tinyhttp"


def check(markdown: str, model: CodeModel | None = None, path: str = "index.md") -> tuple[str, object]:
    model = model or python_library()
    pages = (Page(path=path, title="T", kind=PageKind.OVERVIEW, markdown=markdown),)
    verified, verification = verify_pages(pages, model)
    return verified[0].markdown, verification


class InventiveProse:
    """A prose source that invents a function, as an LLM might."""

    def module_summary(self, module: Module, model: CodeModel) -> str | None:
        return None

    def component_summary(self, component: Component, model: CodeModel) -> str | None:
        return "It wraps `Client` and calls `frobnicate_widget()` before sending."

    def overview(self, model: CodeModel) -> str | None:
        return "Start with `tinyhttp.get` and `Client.request`; avoid `Client.teleport`."

    def architecture(self, model: CodeModel) -> str | None:
        return None


def test_known_identifiers_are_kept_and_counted() -> None:
    source = "`Client`, `Client.request`, `tinyhttp.client`, `src/tinyhttp/`, `TINYHTTP_PROXY`, `certifi`, `get()`"
    result, verification = check(source)
    assert result == source
    assert verification.code_spans == 7
    assert verification.unresolved_code_spans == 0


def test_invented_identifier_loses_its_backticks_and_is_flagged() -> None:
    result, verification = check("Call `frobnicate_widget()` first.")
    assert result == f"Call frobnicate\\_widget(){UNVERIFIED} first."
    assert verification.unresolved_code_spans == 1
    assert verification.removed == ("index.md: frobnicate_widget()",)


def test_dotted_name_with_an_invented_part_is_unresolved() -> None:
    _, verification = check("`Client.teleport` and `tinyhttp.client.Client`")
    assert verification.unresolved_code_spans == 1
    assert verification.code_spans == 2


def test_spans_that_are_not_identifiers_are_left_alone_and_not_counted() -> None:
    source = '`pip install -e .`, `42`, `1.2.0rc1`, `True`, `self`, `x = f(a, b)`, `"quoted"`, `dict[str, int]`'
    result, verification = check(source)
    assert result == source
    assert verification.code_spans == 0


def test_values_the_model_holds_count_as_resolved() -> None:
    _, verification = check('`""` and `>=2023` and `pytest -q`')
    assert verification.unresolved_code_spans == 0


def test_fenced_code_is_never_checked() -> None:
    source = "```python\nfrobnicate_widget()\n`nope`\n```"
    result, verification = check(source)
    assert result == source
    assert verification.code_spans == 0


def test_citation_within_the_file_is_a_valid_source_link() -> None:
    _, verification = check("See `src/tinyhttp/client.py:12-26` and `README.md:5`.")
    assert verification.source_links == 2
    assert verification.broken_source_links == 0


def test_citation_past_the_end_of_the_file_is_broken_and_marked() -> None:
    result, verification = check("See `src/tinyhttp/errors.py:8-90`.")
    assert verification.broken_source_links == 1
    assert SOURCE_NOT_FOUND in result and "`" not in result


def test_citation_of_a_missing_file_is_broken() -> None:
    _, verification = check("See `src/tinyhttp/gone.py:1-3`.")
    assert (verification.source_links, verification.broken_source_links) == (1, 1)


def test_permalinks_are_checked_against_files_and_line_counts() -> None:
    model = python_library(source_url=f"{REMOTE}.git", commit_sha=SHA)
    good = f"[a]({REMOTE}/blob/{SHA}/src/tinyhttp/client.py#L12-L26)"
    bad_lines = f"[b]({REMOTE}/blob/{SHA}/src/tinyhttp/client.py#L12-L99)"
    bad_file = f"[c]({REMOTE}/blob/main/src/nope.py#L1)"
    result, verification = check(f"{good} {bad_lines} {bad_file}", model)
    assert verification.source_links == 3
    assert verification.broken_source_links == 2
    assert result.startswith(good)
    assert f"b{SOURCE_NOT_FOUND}" in result and f"c{SOURCE_NOT_FOUND}" in result


def test_other_web_links_are_left_alone() -> None:
    source = "[docs](https://example.com/a) [mail](mailto:a@example.com)"
    result, verification = check(source)
    assert result == source
    assert verification.source_links == 0


def test_links_to_missing_pages_lose_their_target() -> None:
    pages = (
        Page("index.md", "T", PageKind.OVERVIEW, "[ok](components/a.md) [gone](components/b.md#x) [top](#here)"),
        Page("components/a.md", "A", PageKind.COMPONENT, "[back](../index.md) [up](../../escape.md)"),
    )
    verified, verification = verify_pages(pages, python_library())
    assert verified[0].markdown == "[ok](components/a.md) gone [top](#here)"
    assert verified[1].markdown == "[back](../index.md) up"
    assert verification.removed == ("index.md: link components/b.md#x", "components/a.md: link ../../escape.md")


def test_images_and_script_links_are_removed() -> None:
    result, verification = check("![x](https://evil.example/t.png) [y](javascript:alert(1)) [z](data:text/html,hi)")
    assert "](" not in result
    assert len(verification.removed) == 3


def test_invented_names_in_prose_are_removed_and_counted() -> None:
    model = python_library()
    pages = write_site(plan_site(model), model, prose=InventiveProse())
    verified, verification = verify_pages(pages, model)
    assert verification.unresolved_code_spans == 2
    assert sorted(verification.removed) == [
        "components/tinyhttp.md: frobnicate_widget()",
        "index.md: Client.teleport",
    ]
    text = "\n".join(page.markdown for page in verified)
    assert "`frobnicate_widget()`" not in text
    assert f"frobnicate\\_widget(){UNVERIFIED}" in text
    assert "`Client.request`" in text


def test_verification_leaves_page_order_paths_and_titles_unchanged() -> None:
    model = FACTORIES["web-service"]()
    pages = write_site(plan_site(model), model)
    verified, _ = verify_pages(pages, model)
    assert [(p.path, p.title, p.kind) for p in verified] == [(p.path, p.title, p.kind) for p in pages]


def test_links_with_titles_and_reference_definitions_are_checked_too() -> None:
    source = '[a](javascript:alert(1) "t")\n[b][x]\n[x]: javascript:alert(2)\n[y]: https://example.com'
    result, verification = check(source)
    assert "javascript" not in result
    assert "[y]: https://example.com" in result
    assert len(verification.removed) == 2


def test_a_span_repeated_across_pages_is_counted_and_listed_on_each() -> None:
    pages = tuple(
        Page(path=path, title="T", kind=PageKind.OVERVIEW, markdown="`frobnicate()` and `Client` and `frobnicate()`")
        for path in ("a.md", "b.md")
    )
    verified, verification = verify_pages(pages, python_library())
    assert (
        verified[0].markdown
        == verified[1].markdown
        == f"frobnicate(){UNVERIFIED} and `Client` and frobnicate(){UNVERIFIED}"
    )
    assert verification.code_spans == 6
    assert verification.unresolved_code_spans == 4
    assert verification.removed == ("a.md: frobnicate()",) * 2 + ("b.md: frobnicate()",) * 2


def test_dotted_name_made_of_path_pieces_resolves() -> None:
    # `src` and `tinyhttp` are pieces of known paths, not names themselves.
    _, verification = check("`src.tinyhttp`")
    assert verification.unresolved_code_spans == 0
    assert verification.code_spans == 1
