"""The LLM docstring writer through the real `openai` client against the fake provider server."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from docstring_projects import run_over

from codedoc.docstrings.llm import LLMDocstrings
from codedoc.write.llm import resolve_settings
from fakes.llm_server import FakeLLMServer, FakeReply
from repos import write_files

SOURCE = '''
def load_settings(path: str, strict: bool = False) -> dict[str, str]:
    token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
    if not path:
        raise ValueError("no path")
    return read_pairs(path)


def read_pairs(path: str) -> dict[str, str]:
    """Already documented."""
    return {}
'''


def _writer(server: FakeLLMServer, cache: Path | None = None) -> LLMDocstrings:
    settings = resolve_settings(
        "openai", env={"OPENAI_API_KEY": "test-key"}, base_url=server.url + "/v1", cache_dir=cache
    )
    return LLMDocstrings(dataclasses.replace(settings, timeout=10.0, max_attempts=1), sleep=lambda seconds: None)


def _answer(**fields: object) -> FakeReply:
    return FakeReply(text=json.dumps(fields))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_files(tmp_path / "p", {"settings.py": SOURCE})
    return tmp_path / "p"


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as fake:
        yield fake


def test_a_grounded_answer_becomes_the_docstring(project: Path, server: FakeLLMServer) -> None:
    server.script(
        _answer(
            summary="Load the settings file at `path` into a dictionary.",
            details="Reads `path` with `read_pairs` and returns its pairs.",
            params={"path": "File to read.", "strict": "Refuse unknown keys."},
            returns="The settings, by name.",
            raises={"ValueError": "When `path` is empty."},
        )
    )
    writer = _writer(server)
    run = run_over(project, writer=writer)
    text = run.changes[0].new.decode()
    assert '    """Load the settings file at `path` into a dictionary.\n' in text
    assert "        path (str): File to read.\n        strict (bool): Refuse unknown keys. Defaults to `False`." in text
    assert "        ValueError: When `path` is empty." in text
    assert server.calls == 1 and server.requests[0].protocol == "openai"
    prompt = server.prompts()[0]
    assert "<code>" in prompt and "ghp_abcdefghijklmnopqrstuvwxyz0123456789" not in prompt
    assert writer.report().secrets_redacted >= 1


def test_prose_instead_of_json_is_asked_again_then_the_offline_text_stands_in(
    project: Path, server: FakeLLMServer
) -> None:
    server.script(FakeReply(text="Sure! This function loads settings."), FakeReply(text="It loads settings, really."))
    writer = _writer(server)
    text = run_over(project, writer=writer).changes[0].new.decode()
    assert '    """Load settings.\n' in text  # the offline writer's summary
    assert server.calls == 2 and "could not be used" in server.prompts()[1]
    assert writer.report().fallbacks == (
        "settings.py:load_settings: unusable answer (the answer is not a JSON object)",
    )


def test_invented_names_are_dropped_and_counted(project: Path, server: FakeLLMServer) -> None:
    server.script(
        _answer(
            summary="Load the settings file.",
            details="Validates them with `check_schema()`. Reads `path` line by line.",
            params={"path": "File to read.", "ghost": "Does not exist."},
            raises={"ValueError": "When `path` is empty.", "KeyError": "Never raised here."},
        )
    )
    writer = _writer(server)
    text = run_over(project, writer=writer).changes[0].new.decode()
    assert "check_schema" not in text and "ghost" not in text and "KeyError" not in text
    assert "Reads `path` line by line." in text
    assert set(writer.removed_names()) == {"check_schema()", "ghost", "KeyError"}


def test_answers_are_cached_by_their_inputs(project: Path, server: FakeLLMServer, tmp_path: Path) -> None:
    server.script(_answer(summary="Load the settings file."))
    first = run_over(project, writer=_writer(server, tmp_path / "cache")).changes[0].new
    again = _writer(server, tmp_path / "cache")
    second = run_over(project, writer=again).changes[0].new
    assert first == second and server.calls == 1 and again.report().cache_hits == 1
