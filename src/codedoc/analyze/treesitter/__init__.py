"""JavaScript, TypeScript (and TSX), Go, Java and Rust through tree-sitter grammars from PyPI wheels.

Each analyser reads one file (`analyzer(*, context=…, text=…) -> FileFacts`), never raises on bad
input (a syntax error costs a diagnostic and keeps what parsed) and returns plain picklable data.
Imports come back as written with only the standard library classified; the orchestrator resolves
the rest across the repository. Rust's `mod x;` is reported as an import of the absolute module
path (`crate::a::x` when declared in `crate::a`), the form the Rust import resolver understands.
"""

from __future__ import annotations

from codedoc.analyze.dispatch import FileAnalyzer
from codedoc.analyze.treesitter.analyzer import (
    analyze_go,
    analyze_java,
    analyze_javascript,
    analyze_rust,
    analyze_tsx,
    analyze_typescript,
)
from codedoc.model import Language

TREE_SITTER_ANALYZERS: dict[Language, FileAnalyzer] = {
    Language.JAVASCRIPT: analyze_javascript,
    Language.TYPESCRIPT: analyze_typescript,
    Language.TSX: analyze_tsx,
    Language.GO: analyze_go,
    Language.JAVA: analyze_java,
    Language.RUST: analyze_rust,
}

__all__ = ["TREE_SITTER_ANALYZERS"]
