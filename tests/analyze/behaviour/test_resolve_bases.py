"""Method lookup through bases that are still being resolved when a lookup first needs them."""

from __future__ import annotations

from pathlib import Path

from codedoc.acquire import Checkout
from codedoc.analyze import analyze
from codedoc.scan import scan
from repos import make_repo

# Resolving `A`'s bases looks `Inner` up on `C`, whose only base is `A`: at that moment `A` has no
# bases yet (it is the class being resolved), so `C`'s order of bases is incomplete. Once `A` is
# done, `C().shared()` must find `Root.shared` through `A`.
_CYCLE = """\
class Root:
    def shared(self):
        return 1


class A(Root, C.Inner):
    pass


class C(A):
    pass


def first():
    return A().shared()


def second():
    return C().shared()
"""


def test_bases_order_seen_mid_resolution_is_not_kept(tmp_path: Path) -> None:
    repo = make_repo({"pkg/__init__.py": "", "pkg/cycle.py": _CYCLE}, tmp_path / "repo")
    model = analyze(Checkout(repo, "repo"), scan(repo))
    edges = {(call.caller, call.callee) for call in model.calls}
    assert ("pkg.cycle.first", "pkg.cycle.Root.shared") in edges
    assert ("pkg.cycle.second", "pkg.cycle.Root.shared") in edges
