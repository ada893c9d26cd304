"""The whole pipeline with the LLM writer: an invented function name never reaches the published pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from llm_fixtures import settings_for

from codedoc.pipeline import GenerateOptions, generate
from codedoc.write.llm import LLMProse
from fakes.llm_server import FakeLLMServer, FakeReply
from repos import make_repo

_STAGES = ("codedoc.write.offline", "codedoc.write.plan", "codedoc.write.verify", "codedoc.publish.site")
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in _STAGES),
    reason="the offline writer, planner, verifier and publisher have not all landed yet",
)

FILES: dict[str, str | bytes] = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "1.0"\ndescription = "A small shop."\n',
    "README.md": "# Shop\n\nA small web shop.\n",
    "shop/__init__.py": '"""The shop."""\n',
    "shop/cart.py": '''\
        """The cart."""


        class Cart:
            """A shopping cart."""

            def total(self) -> int:
                return 0
        ''',
    "shop/payments.py": '''\
        """Payments."""

        AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"


        def charge(amount: int) -> str:
            return "ok"
        ''',
}

MARKER = "Customers keep their picks in a `Cart`."


def generate_with_fake(tmp_path: Path, server: FakeLLMServer) -> str:
    repo = make_repo(FILES, tmp_path / "shop")
    prose = LLMProse(settings_for(server.url, wiki=True, source_root=repo))  # the wiki and code excerpts too
    try:
        result = generate(str(repo), tmp_path / "site", GenerateOptions(prose=prose, cache_dir=None))
    except NotImplementedError:
        pytest.skip("a pipeline stage is still a stub")
    return "\n".join(page.markdown for page in result.pages)


def test_invented_function_name_does_not_survive_into_the_output(tmp_path: Path, server: FakeLLMServer) -> None:
    server.responder = lambda request: FakeReply.summary(
        f"{MARKER} Totals come from `compute_grand_total_v2`.", ["Call `explode_everything()` to reset."]
    )
    output = generate_with_fake(tmp_path, server)
    assert server.calls > 0
    assert MARKER in output  # the LLM's prose is used…
    assert "compute_grand_total_v2" not in output  # …without the invented names
    assert "explode_everything" not in output
    published = "\n".join(path.read_text(errors="replace") for path in (tmp_path / "site").rglob("*.md"))
    assert "compute_grand_total_v2" not in published


def test_planted_secret_never_reaches_a_prompt(tmp_path: Path, server: FakeLLMServer) -> None:
    generate_with_fake(tmp_path, server)
    assert server.calls > 0
    assert any(request.prompt.startswith("Write the wiki page") for request in server.requests)
    assert any("code excerpts" in request.prompt for request in server.requests)
    assert all("AKIAIOSFODNN7EXAMPLE" not in request.prompt for request in server.requests)
