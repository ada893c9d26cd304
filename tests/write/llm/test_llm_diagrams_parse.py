"""Every Mermaid diagram CodeDoc writes parses with the Mermaid the viewer ships, in Chromium.

The diagrams: every kind drawn from data with hostile names, the concept pages a JSON model and
an inventing model produce through the whole pipeline (the same runs as the scenario tests), and
the offline pages' own diagrams of the same repository.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from llm_fixtures import sample_model
from test_llm_scenarios import run

from codedoc.write.llm.grounding import KnownNames
from codedoc.write.llm.page_answer import DIAGRAM_KINDS, render_diagram
from codedoc.write.mermaid import LabeledGraph
from fakes.llm_scenarios import SCENARIOS
from fakes.llm_server import FakeLLMServer

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
MERMAID = Path(__file__).parents[3] / "src/codedoc/service/web/static/vendor/mermaid.min.js"
_BLOCK = re.compile(r"```mermaid\n(.*?)\n```", re.DOTALL)
HOSTILE = ['a "quoted" name', "end", "graph", "x --> y", "a;b", "<script>", "#35;", "näme", "Cart.add_item()", "{x}"]
PARSE_ALL = """async (sources) => {
  const errors = [];
  for (const [index, source] of sources.entries()) {
    try { await mermaid.parse(source); } catch (error) { errors.push(index + ": " + String(error).slice(0, 300)); }
  }
  return errors;
}"""


def mermaid_blocks(markdown: str) -> list[str]:
    return _BLOCK.findall(markdown)


def data_diagrams() -> list[str]:
    known = KnownNames(sample_model())
    blocks = []
    for kind in DIAGRAM_KINDS:
        blocks += mermaid_blocks(
            LabeledGraph(kind, HOSTILE, [(a, b, f"{a} to {b}") for a, b in itertools.pairwise(HOSTILE)]).render()
        )
        data = {
            "kind": kind,
            "nodes": ["Cart", "checkout", "shop/payments.py", "charge"],
            "edges": [
                ["Cart", "checkout", "paid by"],
                ["checkout", "charge", "calls: now"],
                ["charge", "shop/payments.py", ""],
            ],
        }
        rendered, _ = render_diagram(json.dumps(data), known)
        assert rendered is not None
        blocks += mermaid_blocks(rendered)
    return blocks


def pipeline_diagrams(tmp_path: Path) -> list[str]:
    blocks: list[str] = []
    for scenario in ("json", "invented"):
        with FakeLLMServer() as server:
            server.responder = SCENARIOS[scenario]
            result, _ = run(tmp_path / scenario, server)
        blocks += [block for page in result.pages for block in mermaid_blocks(page.markdown)]
    return blocks


def test_every_generated_diagram_parses_with_the_viewers_mermaid(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from_pipeline = pipeline_diagrams(tmp_path)
    assert len(from_pipeline) >= 4  # concept pages' diagrams and the offline pages' own
    sources = data_diagrams() + from_pipeline
    assert any(source.startswith("sequenceDiagram") for source in sources)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.set_content("<html><body></body></html>")
            page.add_script_tag(path=str(MERMAID))
            page.evaluate("() => mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
            errors = page.evaluate(PARSE_ALL, sources)
        finally:
            browser.close()
    assert errors == [], "\n\n".join(f"{error}\n{sources[int(error.split(':')[0])]}" for error in errors)
