"""Centrality and neighbours: from imports today, from the call graph once the model carries calls."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

from ask_repos import NETKIT
from codedoc.ask import AskIndex, build_index
from codedoc.ask.graph import CallGraph, ImportGraph, graph_for
from codedoc.ask.sources import read_sources
from codedoc.model import CodeModel, Location
from codedoc.pipeline import build_model
from repos import make_repo


def _model(tmp_path: Path, *, with_calls: bool = False) -> tuple[CodeModel, dict[str, str]]:
    """The netkit model; without its call graph unless asked, so each test supplies the calls it means."""
    repo = make_repo(NETKIT, tmp_path / "netkit")
    texts: dict[str, str] = {}
    model = build_model(str(repo), on_checkout=lambda root, model: texts.update(read_sources(root, model).texts))
    if not with_calls:
        model = dataclasses.replace(model, calls=(), centrality={}, module_centrality={})
    return model, texts


def test_the_models_own_call_graph_is_used(tmp_path: Path) -> None:
    model, _texts = _model(tmp_path, with_calls=True)
    graph = graph_for(model)
    assert isinstance(graph, CallGraph)
    assert any(
        edge.source == "netkit.sessions.Session.send"
        and edge.target == "netkit.sessions.Session.get_adapter"
        and edge.kind == "calls"
        for edge in graph.edges()
    )
    centrality = graph.centrality()
    # A class carries its methods' rank in the model; retrieval boosts each symbol by its own.
    assert centrality["netkit.sessions.Session"] < 0.25 + 1e-9


def _call(caller: str, callee: str, line: int) -> SimpleNamespace:
    return SimpleNamespace(caller=caller, callee=callee, location=Location("netkit/sessions.py", line, line))


def test_without_calls_the_import_graph_ranks_what_is_imported(tmp_path: Path) -> None:
    model, _texts = _model(tmp_path)
    graph = graph_for(model)
    assert isinstance(graph, ImportGraph)
    centrality = graph.centrality()
    assert centrality["netkit.retry.backoff"] > 0  # `from netkit.retry import backoff`
    assert centrality.get("netkit.sessions.Session.get_adapter", 0.0) < centrality["netkit.adapters.HTTPAdapter"]
    assert any(edge.target == "netkit.retry.backoff" and edge.kind == "imports" for edge in graph.edges())


def test_with_calls_results_grow_along_the_call_graph(tmp_path: Path) -> None:
    model, texts = _model(tmp_path)
    calls = [
        _call("netkit.sessions.Session.send", "netkit.sessions.Session.get_adapter", 23),
        _call("Session.get_adapter", "HTTPAdapter.send", 16),  # short spellings resolve too
        _call("netkit.sessions.Session.send", "netkit.nowhere.unknown", 22),  # unresolved: never guessed
    ]
    path = build_index(tmp_path / "ask.sqlite", model, (), texts, graph=CallGraph(model, calls))
    index = AskIndex(path)
    try:
        assert index.has_calls
        (symbol,) = index.find_symbol("Session.get_adapter")
        assert symbol.callers == ("netkit.sessions.Session.send",)
        assert symbol.callees == ("netkit.adapters.HTTPAdapter.send",)
        assert symbol.to_json()["callers"] == ["netkit.sessions.Session.send"]
        hits = index.search("prefix matches the URL", limit=5).hits
        assert hits[0].key == "netkit.sessions.Session.get_adapter"
        expanded = [hit for hit in hits if hit.key == "netkit.adapters.HTTPAdapter.send"]
        assert expanded and "called by `Session.get_adapter`" in expanded[0].why
        assert str(expanded[0].citation).startswith("netkit/adapters.py:")
    finally:
        index.close()


def test_without_calls_find_symbol_says_so_and_lists_importers(tmp_path: Path) -> None:
    model, texts = _model(tmp_path)
    index = AskIndex(build_index(tmp_path / "ask.sqlite", model, (), texts))
    try:
        data = index.find_symbol("backoff")[0].to_json()
        assert data["callers"] is None and "no call graph" in data["note"]
        assert data["imported_by"] == ["netkit.sessions"]
    finally:
        index.close()


def test_without_calls_results_grow_along_the_import_graph(tmp_path: Path) -> None:
    model, texts = _model(tmp_path)
    index = AskIndex(build_index(tmp_path / "ask.sqlite", model, (), texts))
    try:
        hits = index.search("seconds to wait grows exponentially", limit=5).hits
        assert hits[0].key == "netkit.retry.backoff"
        users = [hit for hit in hits if hit.key == "netkit.sessions" and "imports `backoff`" in hit.why]
        assert users and str(users[0].citation).startswith("netkit/sessions.py:1-")
    finally:
        index.close()
