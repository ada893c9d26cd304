"""The Python call graph of a fixture library with known chains, inheritance, a protocol and registries."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviour_fixture import shop_model, shop_repo
from codedoc.acquire import Checkout
from codedoc.analyze import analyze
from codedoc.model import Call, CodeModel, Location
from codedoc.scan import scan


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> CodeModel:
    return shop_model(tmp_path_factory.mktemp("shop") / "shop")


def _edges(model: CodeModel) -> set[tuple[str, str]]:
    return {(call.caller, call.callee) for call in model.calls}


def _call(model: CodeModel, caller: str, callee: str) -> Call:
    return next(call for call in model.calls if call.caller == caller and call.callee == callee)


def test_calls_through_imports_modules_and_with_targets_resolve(model: CodeModel) -> None:
    edges = _edges(model)
    assert ("shop.api.get", "shop.api.request") in edges
    # `with sessions.Session() as session: session.request(...)`: a module attribute, a constructor,
    # then a method on the name the `with` binds.
    assert ("shop.api.request", "shop.sessions.Session") in edges
    assert ("shop.api.request", "shop.sessions.Session.request") in edges
    assert _call(model, "shop.api.request", "shop.sessions.Session.request").location == Location("shop/api.py", 11, 11)


def test_self_typed_locals_return_annotations_and_super_resolve(model: CodeModel) -> None:
    edges = _edges(model)
    assert ("shop.sessions.Session.request", "shop.sessions.Session.send") in edges  # self.method
    assert ("shop.sessions.Session.request", "shop.models.Prepared.prepare") in edges  # local = Class()
    # `adapter = self.get_adapter(...)` is a `BaseAdapter` by the return annotation.
    assert ("shop.sessions.Session.send", "shop.adapters.BaseAdapter.send") in edges
    assert ("shop.adapters.HTTPAdapter.send", "shop.adapters.Pool.connection") in edges  # self.pool = Pool()
    assert ("shop.adapters.RetryAdapter.send", "shop.adapters.HTTPAdapter.send") in edges  # super()
    assert ("shop.models.Response.next_request", "shop.models.Prepared") in edges
    assert ("shop.hooks.dispatch_hook", "shop.hooks.Hook.on_response") in edges  # annotated parameter
    assert ("shop.sessions.Session.__exit__", "shop.sessions.Session.close") in edges


def test_inherited_methods_resolve_on_the_subclass(tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/base.py": "class Base:\n    def helper(self):\n        return 1\n",
        "pkg/child.py": (
            "from pkg.base import Base\n\n\nclass Child(Base):\n    def run(self):\n        return self.helper()\n"
        ),
    }
    from repos import make_repo

    repo = make_repo(files, tmp_path / "repo")
    built = analyze(Checkout(repo, "repo"), scan(repo))
    assert ("pkg.child.Child.run", "pkg.base.Base.helper") in _edges(built)


def test_conditional_calls_keep_their_condition(model: CodeModel) -> None:
    redirect = _call(model, "shop.sessions.Session.send", "shop.sessions.Session.resolve_redirects")
    assert (redirect.branch, redirect.condition) == ("if", "if response.is_redirect")
    hook = _call(model, "shop.sessions.Session.send", "shop.hooks.dispatch_hook")
    assert (hook.branch, hook.condition) == ("loop", "for hook in self.hooks")
    close = _call(model, "shop.adapters.HTTPAdapter.send", "shop.adapters.HTTPAdapter.close")
    assert (close.branch, close.condition) == ("except", "except OSError")
    assert _call(model, "shop.sessions.Session.send", "shop.adapters.BaseAdapter.send").branch is None


def test_unresolved_calls_are_counted_never_guessed(model: CodeModel) -> None:
    stats = model.call_graph
    assert stats is not None
    assert stats.resolved == len(model.calls)
    # `lookup`: `helper.find()` on an untyped parameter counts; `os.path.join` and `len` do not.
    assert stats.unresolved_by_module["shop/api.py"] == 1
    assert stats.unresolved == sum(stats.unresolved_by_module.values())
    assert not any(call.caller == "shop.api.lookup" for call in model.calls)


def test_tests_take_no_part_in_the_call_graph(model: CodeModel) -> None:
    assert not any(call.location.path.startswith("tests/") for call in model.calls)
    assert "tests/test_shop.py" not in (model.call_graph.unresolved_by_module if model.call_graph else {})


def test_inheritance_and_structural_protocol_implementations(model: CodeModel) -> None:
    found = {(item.child, item.parent, item.structural) for item in model.inheritance}
    assert ("shop.adapters.HTTPAdapter", "shop.adapters.BaseAdapter", False) in found
    assert ("shop.adapters.RetryAdapter", "shop.adapters.HTTPAdapter", False) in found
    assert ("shop.hooks.LogHook", "shop.hooks.Hook", True) in found


def test_registrations_by_decorator_and_by_mapping(model: CodeModel) -> None:
    found = {(r.kind, r.registry, r.target, r.key) for r in model.registrations}
    assert ("decorator", "shop.registry.register", "shop.adapters.RetryAdapter", "retry") in found
    assert ("mapping", "shop.adapters.ADAPTERS", "shop.adapters.HTTPAdapter", "http") in found
    assert ("mapping", "shop.adapters.ADAPTERS", "shop.adapters.RetryAdapter", "retry") in found


def test_extension_point_lists_implementations_requirements_and_where_chosen(model: CodeModel) -> None:
    point = next(p for p in model.extension_points if p.base == "shop.adapters.BaseAdapter")
    assert set(point.implementations) == {"shop.adapters.HTTPAdapter", "shop.adapters.RetryAdapter"}
    assert point.required == ("shop.adapters.BaseAdapter.send", "shop.adapters.BaseAdapter.close")
    assert {r.kind for r in point.registrations} == {"decorator", "mapping"}
    assert [str(call.location) for call in point.created_at] == ["shop/sessions.py:14"]


def test_private_typing_protocols_matched_only_structurally_are_not_extension_points(tmp_path: Path) -> None:
    """`requests._types.SupportsItems` is a type hint's shape, not a place to plug code in; a public protocol
    that classes match stays one, after the bases classes name."""
    files = {
        "pkg/__init__.py": "",
        "pkg/_types.py": (
            "from typing import Protocol\n\n\nclass SupportsItems(Protocol):\n    def items(self): ...\n"
        ),
        "pkg/hooks.py": "from typing import Protocol\n\n\nclass Hook(Protocol):\n    def fire(self): ...\n",
        "pkg/base.py": ("import abc\n\n\nclass Adapter(abc.ABC):\n    @abc.abstractmethod\n    def send(self): ...\n"),
        "pkg/impl.py": (
            "from pkg.base import Adapter\n\n\nclass Jar:\n    def items(self):\n        return []\n\n\n"
            "class Log:\n    def fire(self):\n        return 1\n\n\n"
            "class Http(Adapter):\n    def send(self):\n        return Jar().items()\n"
        ),
    }
    from repos import make_repo

    repo = make_repo(files, tmp_path / "repo")
    built = analyze(Checkout(repo, "repo"), scan(repo))
    assert [point.base for point in built.extension_points] == ["pkg.base.Adapter", "pkg.hooks.Hook"]


def test_centrality_ranks_the_class_everything_goes_through_first(model: CodeModel) -> None:
    ranked = sorted(model.centrality, key=lambda s: -model.centrality[s])
    assert ranked[0] == "shop.sessions.Session"
    assert model.centrality["shop.sessions.Session"] > model.centrality["shop.adapters.Connection"]
    assert sum(model.module_centrality.values()) == pytest.approx(len(model.module_centrality), rel=1e-3)


def test_flows_start_at_the_entry_points_and_follow_the_chain_in_order(model: CodeModel) -> None:
    flows = {flow.title: flow for flow in model.flows}
    assert list(flows)[:2] == ["App.__call__", "shop.get"]
    get = flows["shop.get"]
    assert get.kind == "export"
    chain = [step.callee for step in get.steps]
    expected = [
        "shop.api.request",
        "shop.sessions.Session",
        "shop.sessions.Session.request",
        "shop.sessions.Session.send",
        "shop.adapters.BaseAdapter.send",
        "shop.adapters.HTTPAdapter.send",
    ]
    assert [name for name in chain if name in expected] == expected
    dispatch = next(step for step in get.steps if step.callee == "shop.adapters.HTTPAdapter.send")
    assert (dispatch.branch, dispatch.caller) == ("dispatch", "shop.adapters.BaseAdapter.send")
    redirects = next(step for step in get.steps if step.callee == "shop.sessions.Session.resolve_redirects")
    assert redirects.branch == "if" and redirects.depth == 4
    # Trivial helpers (a few lines that call nothing of ours) are not steps.
    assert "shop.sessions.Session.get_adapter" not in chain
    assert get.component == "shop"


def test_call_sites_are_cached_with_the_file_facts_and_the_model_with_its_fingerprint(tmp_path: Path) -> None:
    repo = shop_repo(tmp_path / "shop")
    cache = tmp_path / "cache"
    first = analyze(Checkout(repo, "shop"), scan(repo), cache_dir=cache)
    with (repo / "shop" / "hooks.py").open("a", encoding="utf-8") as handle:
        handle.write("# one more line\n")
    messages: list[str] = []

    def run() -> CodeModel:
        return analyze(
            Checkout(repo, "shop"), scan(repo), cache_dir=cache, progress=lambda _, message: messages.append(message)
        )

    second = run()
    assert any(message.endswith("files unchanged, analysing 1") for message in messages)
    assert second.calls == first.calls
    assert second.flows == first.flows
    assert second.extension_points == first.extension_points
    messages.clear()
    third = run()
    assert len(messages) == 1 and messages[0].endswith("files unchanged: re-using the code model")
    assert third == second
