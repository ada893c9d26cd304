from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language

Analyze = Callable[..., Any]


def entry_points(result: Any) -> list[tuple[str, str, str, int]]:
    return [(e.name, e.target, e.kind, e.location.start_line) for e in result.facts.entry_points]


def test_go_main_package_with_main_function(analyze: Analyze) -> None:
    source = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(1)\n}\n'
    result = analyze(Language.GO, "cmd/shopd/main.go", source)
    assert entry_points(result) == [("shopd", "cmd/shopd", "main_function", 5)]


def test_go_main_function_outside_package_main_is_not_an_entry_point(analyze: Analyze) -> None:
    source = "package tools\n\nfunc main() {}\n"
    assert analyze(Language.GO, "tools/gen.go", source).facts.entry_points == ()


def test_java_public_static_void_main(analyze: Analyze) -> None:
    source = """\
        package com.acme;

        public class App {
            public static void main(String[] args) {}
            public void main() {}
        }
    """
    result = analyze(Language.JAVA, "src/main/java/com/acme/App.java", source)
    assert entry_points(result) == [("App", "com.acme.App", "main_function", 4)]


def test_rust_main_in_main_rs_and_bin_folder(analyze: Analyze) -> None:
    main = analyze(Language.RUST, "shapes/src/main.rs", "fn main() {}\n", module_name="shapes:crate")
    assert entry_points(main) == [("shapes", "shapes/src/main.rs", "main_function", 1)]
    tool = analyze(Language.RUST, "src/bin/convert.rs", "\nfn main() {}\n", module_name="crate::bin::convert")
    assert entry_points(tool) == [("convert", "src/bin/convert.rs", "main_function", 2)]


def test_rust_main_in_a_library_file_is_not_an_entry_point(analyze: Analyze) -> None:
    assert analyze(Language.RUST, "src/util.rs", "fn main() {}\n").facts.entry_points == ()


def test_node_shebang_makes_a_script(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "bin/cli.js", "#!/usr/bin/env node\nconsole.log('hi');\n")
    assert entry_points(result) == [("cli", "bin/cli.js", "script", 1)]


def test_javascript_without_shebang_is_not_a_script(analyze: Analyze) -> None:
    assert analyze(Language.JAVASCRIPT, "lib/x.js", "console.log('#!/usr/bin/env node');\n").facts.entry_points == ()
