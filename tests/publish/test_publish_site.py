"""Publishing: the folder layout, a strict MkDocs build, atomic replacement and refusing to clobber."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from codedoc.errors import OutputError
from codedoc.model import CodeModel
from codedoc.publish.site import MARKER, publish_site
from codedoc.schema import load_model
from codedoc.write.offline import write_site
from codedoc.write.pages import Page, PageKind
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from write.factories import FACTORIES, python_library, web_service

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build(model: CodeModel) -> tuple[tuple[Page, ...], CodeModel]:
    pages, verification = verify_pages(write_site(plan_site(model), model), model)
    return pages, dataclasses.replace(model, verification=verification)


def publish(model: CodeModel, output: Path) -> tuple[Page, ...]:
    pages, verified = build(model)
    publish_site(pages, verified, output)
    return pages


def siblings(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir())


def test_publish_writes_pages_config_model_schema_and_single_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    pages = publish(web_service(), out)
    for page in pages:
        assert (out / "docs" / page.path).read_text(encoding="utf-8") == page.markdown
    model = load_model((out / "codedoc.json").read_text(encoding="utf-8"))
    assert model.verification is not None and model.verification.source_links > 0
    schema = json.loads((out / "codedoc.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert (out / "documentation.md").is_file() and (out / MARKER).is_file()


def test_mkdocs_config_has_nav_in_plan_order(tmp_path: Path) -> None:
    out = tmp_path / "site"
    pages = publish(web_service(), out)
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == "shop" and config["docs_dir"] == "docs"
    flat: list[str] = []
    for entry in config["nav"]:
        (value,) = entry.values()
        flat += [next(iter(item.values())) for item in value] if isinstance(value, list) else [value]
    assert flat == [page.path for page in pages]
    assert {
        "Components": [
            {"shop": "components/shop.md"},
            {"shop.api": "components/shop-api.md"},
            {"shop.core": "components/shop-core.md"},
            {"shop.db": "components/shop-db.md"},
        ]
    } in config["nav"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_mkdocs_build_strict_passes(tmp_path: Path, name: str) -> None:
    out = tmp_path / "site"
    publish(FACTORIES[name](), out)
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "html")],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "html" / "index.html").is_file()


def test_published_html_loads_nothing_from_a_cdn(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(python_library(), out)
    subprocess.run(
        [str(MKDOCS), "build", "--quiet", "--site-dir", str(tmp_path / "html")],
        cwd=out,
        check=True,
        capture_output=True,
        timeout=240,
    )
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", html.split("<body", 1)[0])
    assert "cdnjs" not in html


def test_publish_replaces_a_previous_codedoc_output(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(web_service(), out)
    publish(python_library(), out)
    assert not (out / "docs" / "http-api.md").exists()
    assert yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == "tinyhttp"
    assert siblings(out) == ["site"]


def test_publish_into_an_empty_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    publish(python_library(), out)
    assert (out / "docs" / "index.md").is_file()


def test_publish_refuses_to_clobber_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    with pytest.raises(OutputError, match="not empty and was not written by CodeDoc"):
        publish(python_library(), out)
    assert [p.name for p in out.iterdir()] == ["thesis.txt"]
    assert siblings(out) == ["precious"]


def test_publish_refuses_a_file_as_output(tmp_path: Path) -> None:
    out = tmp_path / "file.txt"
    out.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        publish(python_library(), out)
    assert out.read_text() == "x"


def test_publish_refuses_a_symlinked_output(tmp_path: Path) -> None:
    target = tmp_path / "real"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(OutputError, match="symbolic link"):
        publish(python_library(), tmp_path / "link")


def test_failed_publish_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(web_service(), out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    pages, model = build(python_library())
    # `x.md` is written as a file first, so `x.md/y.md` cannot be: the write fails half-way.
    clash = (*pages, Page("x.md", "X", PageKind.TESTING, "x"), Page("x.md/y.md", "Y", PageKind.TESTING, "y"))
    with pytest.raises(OutputError, match="cannot write the documentation"):
        publish_site(clash, model, out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert siblings(out) == ["site"]


@pytest.mark.parametrize("path", ["../escape.md", "/abs.md", "a\\b.md", "page.html"])
def test_publish_refuses_unsafe_page_paths(tmp_path: Path, path: str) -> None:
    pages, model = build(python_library())
    with pytest.raises(OutputError, match="unsafe"):
        publish_site((*pages, Page(path, "X", PageKind.TESTING, "x")), model, tmp_path / "site")
    assert not (tmp_path / "escape.md").exists()
    assert siblings(tmp_path / "site") == []


def test_published_folder_is_readable_by_others(tmp_path: Path) -> None:
    out = tmp_path / "site"
    publish(python_library(), out)
    assert out.stat().st_mode & 0o055 == 0o055


def test_hostile_repository_leaves_no_script_in_the_built_site(tmp_path: Path) -> None:
    from html.parser import HTMLParser

    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.bad: list[str] = []
            self.in_script = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                    self.bad.append(f"{tag} {name}={value}")
            if tag in ("iframe", "img", "object", "embed"):
                self.bad.append(tag)
            self.in_script = tag == "script"

        def handle_data(self, data: str) -> None:
            if self.in_script and "alert" in data:
                self.bad.append(data)

    out = tmp_path / "site"
    publish(FACTORIES["hostile"](), out)
    subprocess.run(
        [str(MKDOCS), "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "html")],
        cwd=out,
        check=True,
        capture_output=True,
        timeout=240,
    )
    pages = list((tmp_path / "html").rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        parser = Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.bad == [], page


def test_a_binary_given_as_a_function_is_asked_for_once_the_site_files_are_written(tmp_path: Path) -> None:
    """The pipeline waits for the ask index there, so that writing the site overlaps its end."""
    pages, verified = build(python_library())
    output = tmp_path / "site"
    index = tmp_path / "index.sqlite"
    index.write_bytes(b"SQLite format 3\x00")
    seen_when_asked: list[list[str]] = []

    def finished_index() -> Path:
        staging = next(p for p in tmp_path.iterdir() if ".codedoc-new-" in p.name)
        seen_when_asked.append(sorted(p.name for p in staging.iterdir()))
        return index

    publish_site(pages, verified, output, binaries={"ask.sqlite": finished_index, "none.sqlite": lambda: None})
    assert len(seen_when_asked) == 1 and {"codedoc.json", "docs", "mkdocs.yml"} <= set(seen_when_asked[0])
    assert (output / "ask.sqlite").read_bytes() == index.read_bytes()
    assert not (output / "none.sqlite").exists()
    assert siblings(output) == ["index.sqlite", "site"]
