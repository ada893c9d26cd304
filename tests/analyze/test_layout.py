from __future__ import annotations

from codedoc.analyze.layout import ModuleName, go_module_paths, module_names
from codedoc.model import Language

L = Language


def test_python_names_follow_packages_from_the_import_root() -> None:
    names = module_names(
        [
            ("src/pkg/__init__.py", L.PYTHON),
            ("src/pkg/core.py", L.PYTHON),
            ("src/pkg/sub/__init__.py", L.PYTHON),
            ("src/pkg/sub/leaf.py", L.PYTHON),
            ("scripts/tool.py", L.PYTHON),
        ],
        {},
    )
    assert names["src/pkg/__init__.py"] == ModuleName("pkg", True)
    assert names["src/pkg/core.py"] == ModuleName("pkg.core", False)
    assert names["src/pkg/sub/__init__.py"] == ModuleName("pkg.sub", True)
    assert names["src/pkg/sub/leaf.py"] == ModuleName("pkg.sub.leaf", False)
    assert names["scripts/tool.py"] == ModuleName("tool", False)


def test_javascript_index_files_stand_for_their_folder() -> None:
    names = module_names([("lib/router/index.js", L.JAVASCRIPT), ("lib/app.ts", L.TYPESCRIPT)], {})
    assert names["lib/router/index.js"] == ModuleName("lib/router", True)
    assert names["lib/app.ts"] == ModuleName("lib/app", False)


def test_go_packages_are_named_from_go_mod() -> None:
    modules = go_module_paths({"go.mod": "module example.com/shop\n\ngo 1.22\n"})
    names = module_names([("internal/db/db.go", L.GO), ("main.go", L.GO)], modules)
    assert names["internal/db/db.go"].name == "example.com/shop/internal/db"
    assert names["main.go"].name == "example.com/shop"


def test_java_and_rust_names() -> None:
    names = module_names(
        [("src/main/java/com/acme/App.java", L.JAVA), ("src/lib.rs", L.RUST), ("src/net/mod.rs", L.RUST)], {}
    )
    assert names["src/main/java/com/acme/App.java"].name == "com.acme.App"
    assert names["src/lib.rs"] == ModuleName("crate", True)
    assert names["src/net/mod.rs"] == ModuleName("crate::net", True)


def test_rust_modules_are_named_within_their_crate() -> None:
    names = module_names(
        [
            ("crates/cli/src/lib.rs", L.RUST),
            ("crates/cli/src/wtr.rs", L.RUST),
            ("crates/core/flags/mod.rs", L.RUST),
            ("crates/core/main.rs", L.RUST),
        ],
        {},
        ["crates/cli", "crates/core", ""],
    )
    assert names["crates/cli/src/lib.rs"] == ModuleName("crates/cli:crate", True)
    assert names["crates/cli/src/wtr.rs"] == ModuleName("crates/cli:crate::wtr", False)
    assert names["crates/core/flags/mod.rs"] == ModuleName("crates/core:crate::flags", True)
    assert names["crates/core/main.rs"] == ModuleName("crates/core:crate", True)
