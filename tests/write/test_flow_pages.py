"""How it works and Extension points, as a reader of the generated site sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviour_fixture import shop_repo
from codedoc.pipeline import GenerateOptions, GenerateResult, generate
from codedoc.schema import model_json_schema
from repos import make_repo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[GenerateResult, Path]:
    root = tmp_path_factory.mktemp("site")
    repo = shop_repo(root / "shop")
    out = root / "out"
    return generate(str(repo), out, GenerateOptions(cache_dir=None, workers=1)), out


def _page(site: tuple[GenerateResult, Path], path: str) -> str:
    return (site[1] / "docs" / path).read_text(encoding="utf-8")


def test_the_overview_says_what_happens_when_the_entry_points_run(site: tuple[GenerateResult, Path]) -> None:
    overview = _page(site, "index.md")
    assert "## How it works" in overview
    assert "### What happens when `App.__call__` is called" in overview
    assert "### What happens when `shop.get` is called" in overview
    assert "1. `shop.api.get` calls `shop.api.request` (`shop/api.py:16`)." in overview
    assert "`Session.send` calls `BaseAdapter.send` (`shop/sessions.py:42`)." in overview
    assert "`BaseAdapter.send` is abstract: the call runs the implementation `HTTPAdapter.send`" in overview
    assert (
        "`Session.send` calls `Session.resolve_redirects`, only `if response.is_redirect` (`shop/sessions.py:44`)."
        in overview
    )
    assert "sequenceDiagram" in overview and "    opt if response.is_redirect" in overview


def test_where_to_start_reading_leads_with_the_most_central_class(site: tuple[GenerateResult, Path]) -> None:
    overview = _page(site, "index.md")
    start = overview.split("## Where to start reading", 1)[1].split("##", 1)[0]
    assert "- `shop.sessions.Session`, one of the most central classes: A session. (`shop/sessions.py:" in start


def test_the_component_page_explains_flows_and_how_to_extend(site: tuple[GenerateResult, Path]) -> None:
    page = _page(site, "components/shop.md")
    key_types = page.split("## Key types and functions", 1)[1].split("\n## ", 1)[0]
    assert key_types.index("### `Session` (class)") < key_types.index("### `Prepared` (class)")
    assert "## How it works" in page
    assert "## Extension points" in page
    extending = page.split("### Extending `shop.adapters.BaseAdapter`", 1)[1].split("\n### ", 1)[0]
    assert "has 2 implementations in this repository: `shop.adapters.HTTPAdapter`" in extending
    assert "| `send` | `def send(self, request: Prepared) -> Response` | `shop/adapters.py:" in extending
    assert "| `close` | `def close(self)` |" in extending
    assert (
        "- `shop.adapters.RetryAdapter` is registered by the decorator `shop.registry.register` under the key "
        "“retry” (`shop/adapters.py:49`)."
    ) in extending
    assert "- `shop.adapters.HTTPAdapter` is listed in `shop.adapters.ADAPTERS` under the key “http”" in extending
    assert "- `Session.__init__` creates a `shop.adapters.HTTPAdapter` (`shop/sessions.py:14`)." in extending


def test_every_flow_citation_and_name_verifies(site: tuple[GenerateResult, Path]) -> None:
    verification = site[0].model.verification
    assert verification is not None
    assert verification.broken_source_links == 0
    assert verification.unresolved_code_spans == 0
    assert verification.code_spans > 0


def test_codedoc_json_holds_the_call_graph_and_the_schema_describes_it(site: tuple[GenerateResult, Path]) -> None:
    import json

    data = json.loads((site[1] / "codedoc.json").read_text(encoding="utf-8"))
    assert {"caller": "shop.api.get", "callee": "shop.api.request"}.items() <= data["calls"][0].items() or any(
        call["caller"] == "shop.api.get" and call["callee"] == "shop.api.request" for call in data["calls"]
    )
    assert data["call_graph"]["unresolved"] >= 1
    assert data["flows"][0]["steps"][0]["location"]["path"]
    assert data["centrality"]["shop.sessions.Session"] > 1.0
    definitions = model_json_schema()["$defs"]
    assert {"Call", "Flow", "FlowStep", "ExtensionPoint", "Inheritance", "Registration", "CallGraphStats"} <= set(
        definitions
    )


EXPRESS_STYLE = {
    "package.json": '{"name": "web", "version": "1.0.0"}',
    "lib/utils.js": "/** Compile a setting. */\nexports.compile = function compile(x) {\n  return x;\n};\n",
    "lib/application.js": (
        "var compile = require('./utils').compile;\n"
        "var app = exports = module.exports = {};\n"
        "/** Dispatch a request into the application. */\n"
        "app.handle = function handle(req, res) {\n"
        "  if (this.enabled('x')) {\n    res.end();\n  }\n"
        "};\n"
        "/** Assign a setting. */\n"
        "app.set = function set(name, value) {\n"
        "  switch (name) {\n    case 'etag':\n      return compile(value);\n  }\n};\n"
        "/** Whether a setting is on. */\n"
        "app.enabled = function enabled(name) {\n  return Boolean(this.set(name));\n};\n"
    ),
}


def test_a_javascript_objects_functions_are_named_as_the_code_calls_them(tmp_path: Path) -> None:
    repo = make_repo(EXPRESS_STYLE, tmp_path / "web")
    result = generate(str(repo), tmp_path / "out", GenerateOptions(cache_dir=None, workers=1))
    overview = (tmp_path / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "### What happens when `app.handle` is called" in overview
    assert "1. `app.handle` calls `app.enabled` (`lib/application.js:5`)." in overview
    assert "2. `app.enabled` calls `app.set` (`lib/application.js:18`)." in overview
    # A helper of a few lines that calls nothing of ours is no step, but its call keeps its case.
    compile_call = next(c for c in result.model.calls if c.callee == "lib/utils.compile")
    assert compile_call.condition == "if name is 'etag'"
    verification = result.model.verification
    assert verification is not None and verification.unresolved_code_spans == 0


def test_a_flows_opening_reads_rst_roles_as_plain_names(tmp_path: Path) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "wsgi"\nversion = "1.0"\n',
        "wsgi/__init__.py": '"""A tiny WSGI framework."""\n',
        "wsgi/app.py": (
            "class App:\n"
            "    def __call__(self, environ):\n"
            '        """The server calls the app. This calls :meth:`wsgi_app`\n'
            '        and :class:`~wsgi.app.Response`."""\n'
            "        return self.wsgi_app(environ)\n\n"
            "    def wsgi_app(self, environ):\n        return self.dispatch(environ)\n\n"
            "    def dispatch(self, environ):\n        return Response(environ)\n\n\n"
            "class Response:\n    def __init__(self, body):\n        self.body = body\n"
        ),
    }
    repo = make_repo(files, tmp_path / "wsgi")
    generate(str(repo), tmp_path / "out", GenerateOptions(cache_dir=None, workers=1))
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "docs").rglob("*.md"))
    assert "describes as “The server calls the app. This calls wsgi\\_app and Response.”" in pages
    openings = [line for line in pages.splitlines() if line.startswith("It starts in `App.__call__`")]
    assert openings and not [line for line in openings if ":meth:" in line or ":class:" in line]
