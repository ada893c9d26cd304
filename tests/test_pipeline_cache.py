"""Re-runs: an unchanged repository re-uses its analysis and its written site; a change does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import fixture_repos
from codedoc.analyze.dispatch import YOUNG_COLLECTION_EVERY
from codedoc.pipeline import GenerateOptions, generate
from codedoc.progress import ProgressEvent
from repos import make_repo


def _run(repo: Path, out: Path, cache: Path) -> tuple[list[str], dict[str, str]]:
    messages: list[str] = []
    generate(str(repo), out, GenerateOptions(cache_dir=cache, workers=1), progress=lambda e: messages.append(e.message))
    assert (out / "ask.sqlite").is_file()  # the retrieval index, binary: compared by the ask tests
    files = {
        p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file() and p.suffix != ".sqlite"
    }
    return messages, files


def test_unchanged_repository_reuses_the_site_into_another_folder(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.WEB_SERVICE, tmp_path / "repo")
    first_messages, first = _run(repo, tmp_path / "a", tmp_path / "cache")
    second_messages, second = _run(repo, tmp_path / "b", tmp_path / "cache")
    assert not any("re-using its pages" in m for m in first_messages)
    assert any("files unchanged: re-using the code model" in m for m in second_messages)
    assert any("re-using its pages" in m for m in second_messages)
    assert first == second


def test_a_changed_file_is_analysed_again_and_the_site_rewritten(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.WEB_SERVICE, tmp_path / "repo")
    _run(repo, tmp_path / "a", tmp_path / "cache")
    api = repo / "shop" / "api.py"
    api.write_text(
        api.read_text() + '\n\n@app.get("/version")\ndef version() -> str:\n    """The version."""\n    return "1"\n'
    )
    messages, files = _run(repo, tmp_path / "b", tmp_path / "cache")
    assert any("analysing 1" in m for m in messages)
    assert not any("re-using its pages" in m for m in messages)
    assert "/version" in files["docs/http-api.md"]


def test_progress_events_cover_every_stage_in_order(tmp_path: Path) -> None:
    repo = make_repo(fixture_repos.CLI_TOOL, tmp_path / "repo")
    events: list[ProgressEvent] = []
    generate(str(repo), tmp_path / "out", GenerateOptions(cache_dir=None, workers=1), progress=events.append)
    stages = list(dict.fromkeys(e.stage.value for e in events))
    assert stages == ["clone", "scan", "analyze", "plan", "write", "verify", "publish"]
    overall = [e.overall for e in events]
    assert overall == sorted(overall) and overall[-1] == 100


def test_the_index_is_started_beside_the_pages_only_when_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from codedoc.ask import background as background_module
    from codedoc.ask.background import BackgroundIndex

    started: list[object] = []
    original = BackgroundIndex.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[BackgroundIndex], *args: object) -> BackgroundIndex | None:
        started.append(original(cls, *args))
        return started[-1]  # type: ignore[return-value]

    monkeypatch.setattr(BackgroundIndex, "start", classmethod(spy))
    # Threads other tests left idle in this process would make `start` decline to fork; what is
    # tested here is when the pipeline asks for the background index, so forking is allowed.
    monkeypatch.setattr(background_module, "can_fork", background_module.fork_available)
    repo = make_repo(fixture_repos.WEB_SERVICE, tmp_path / "repo")
    first = generate(str(repo), tmp_path / "a", GenerateOptions(cache_dir=tmp_path / "cache", workers=1))
    assert len(started) == 1 and started[0] is not None
    assert set(first.background) == {"ask_index", "ask_index_wait"}
    # Unchanged: the pages and the index come from the cache, nothing runs beside them.
    second = generate(str(repo), tmp_path / "b", GenerateOptions(cache_dir=tmp_path / "cache", workers=1))
    assert len(started) == 1
    assert second.background == {}
    assert (tmp_path / "b" / "ask.sqlite").read_bytes() == (tmp_path / "a" / "ask.sqlite").read_bytes()


def test_the_collector_runs_less_often_during_a_run_and_as_before_after_it(tmp_path: Path) -> None:
    import gc

    repo = make_repo(fixture_repos.CLI_TOOL, tmp_path / "repo")
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    generate(str(repo), None, GenerateOptions(workers=1), progress=lambda event: during.append(gc.get_threshold()))
    assert during and all(threshold[0] >= YOUNG_COLLECTION_EVERY for threshold in during)
    assert gc.get_threshold() == before


def test_the_pages_go_to_the_index_before_the_model_and_site_are_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index's process works on the pages while this one stores the model and renders the site."""
    from codedoc.analyze.cache import AnalysisCache
    from codedoc.ask import background as background_module
    from codedoc.ask.background import BackgroundIndex
    from codedoc.publish import site as site_module

    order: list[str] = []

    def record(name: str, function: Any) -> Any:
        def recorded(*args: object, **kwargs: object) -> object:
            order.append(name)
            return function(*args, **kwargs)

        return recorded

    monkeypatch.setattr(background_module, "can_fork", background_module.fork_available)
    monkeypatch.setattr(BackgroundIndex, "hand_pages", record("pages to the index", BackgroundIndex.hand_pages))
    monkeypatch.setattr(AnalysisCache, "put_model", record("model stored", AnalysisCache.put_model))
    monkeypatch.setattr(AnalysisCache, "put_site", record("site stored", AnalysisCache.put_site))
    monkeypatch.setattr(site_module, "render_site_files", record("site rendered", site_module.render_site_files))
    repo = make_repo(fixture_repos.WEB_SERVICE, tmp_path / "repo")
    generate(str(repo), tmp_path / "a", GenerateOptions(cache_dir=tmp_path / "cache", workers=1))
    assert order[:4] == ["pages to the index", "model stored", "site rendered", "site stored"]
    second: list[str] = []
    generate(
        str(repo),
        tmp_path / "b",
        GenerateOptions(cache_dir=tmp_path / "cache", workers=1),
        progress=lambda e: second.append(e.message),
    )
    assert any("re-using the code model" in message for message in second)
