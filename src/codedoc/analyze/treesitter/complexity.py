"""Cyclomatic complexity of the functions of a tree-sitter parse: 1 + the decision points in the
function's own body (branches, loops, cases, catches, `&&`/`||`), nested functions and closures
counted on their own, as ESLint, gocyclo and PMD count them.

One compiled query per language finds every function and every decision point in one C-side walk
of the tree the extractor already parsed; no second parse, no Python walk over every node.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence

from tree_sitter import Language as Grammar
from tree_sitter import Node, Query, QueryCursor

from codedoc.analyze.treesitter.parsing import ParsedFile, grammar
from codedoc.model import Language, Symbol, SymbolKind

_JS_FUNCTIONS = """
[(function_declaration) (function_expression) (arrow_function) (method_definition)
 (generator_function_declaration)] @function
"""
_JS_DECISIONS = """
[(if_statement) (for_statement) (for_in_statement) (while_statement) (do_statement)
 (switch_case) (catch_clause) (ternary_expression)] @decision
(binary_expression operator: ["&&" "||" "??"] @decision)
"""
_PATTERNS: dict[Language, str] = {
    Language.JAVASCRIPT: _JS_FUNCTIONS + _JS_DECISIONS,
    Language.TYPESCRIPT: _JS_FUNCTIONS + _JS_DECISIONS,
    Language.TSX: _JS_FUNCTIONS + _JS_DECISIONS,
    Language.GO: """
[(function_declaration) (method_declaration) (func_literal)] @function
[(if_statement) (for_statement) (expression_case) (type_case) (communication_case)] @decision
(binary_expression operator: ["&&" "||"] @decision)
""",
    Language.JAVA: """
[(method_declaration) (constructor_declaration) (lambda_expression)] @function
[(if_statement) (for_statement) (enhanced_for_statement) (while_statement) (do_statement)
 (catch_clause) (ternary_expression)] @decision
(switch_label "case" @decision)
(binary_expression operator: ["&&" "||"] @decision)
""",
    Language.PYTHON: """
[(function_definition) (lambda)] @function
[(if_statement) (elif_clause) (for_statement) (while_statement) (except_clause) (conditional_expression)
 (boolean_operator) (for_in_clause) (if_clause) (case_clause) (assert_statement)] @decision
""",
    Language.RUST: """
[(function_item) (closure_expression)] @function
[(if_expression) (for_expression) (while_expression) (match_arm)] @decision
(match_expression) @match
(binary_expression operator: ["&&" "||"] @decision)
""",
}
_QUERIES: dict[Language, Query] = {}
_FUNCTION_KINDS = frozenset({SymbolKind.FUNCTION, SymbolKind.METHOD, SymbolKind.PROPERTY})


def _query(language: Language, grammar_of: Callable[[Language], Grammar]) -> Query | None:
    pattern = _PATTERNS.get(language)
    if pattern is None:
        return None
    found = _QUERIES.get(language)
    if found is None:
        found = _QUERIES[language] = Query(grammar_of(language), pattern)
    return found


def function_complexities(parsed: ParsedFile) -> dict[tuple[int, int], int]:
    """(start line, end line) of each function node → its cyclomatic complexity."""
    query = _query(parsed.language, grammar)
    return complexities_in(parsed.root, query) if query is not None else {}


def complexities_in(root: Node, query: Query) -> dict[tuple[int, int], int]:
    captures = QueryCursor(query).captures(root)
    functions = sorted(captures.get("function", []), key=lambda n: (n.start_byte, -n.end_byte))
    if not functions:
        return {}
    starts = [node.start_byte for node in functions]
    counts = [1] * len(functions)

    def owner(byte: int) -> int | None:
        """The innermost function containing `byte` (functions nest, so scan back from the last start)."""
        index = bisect.bisect_right(starts, byte) - 1
        while index >= 0:
            if functions[index].end_byte > byte:
                return index
            index -= 1
        return None

    for node in captures.get("decision", []):
        if (index := owner(node.start_byte)) is not None and node.start_byte != functions[index].start_byte:
            counts[index] += 1
    for node in captures.get("match", []):  # n arms are n - 1 decisions
        if (index := owner(node.start_byte)) is not None:
            counts[index] -= 1
    found: dict[tuple[int, int], int] = {}
    for node, count in zip(functions, counts, strict=True):
        found.setdefault((node.start_point[0] + 1, node.end_point[0] + 1), max(1, count))
    return found


def python_complexities(root: Node, python_grammar: Grammar) -> dict[tuple[int, int], int]:
    """For the Python fallback, which parses with its own tree-sitter grammar."""
    query = _query(Language.PYTHON, lambda _: python_grammar)
    return complexities_in(root, query) if query is not None else {}


def with_complexity(symbols: Sequence[Symbol], parsed: ParsedFile) -> list[Symbol]:
    """`symbols` with `complexity` set on functions and methods, matched to their node by line span."""
    return measured(symbols, function_complexities(parsed))


def measured(symbols: Sequence[Symbol], complexities: dict[tuple[int, int], int]) -> list[Symbol]:
    """A symbol's span may start earlier than its node (annotations, doc comments): the node that
    ends on the symbol's last line and starts closest after its first line is the one."""
    if not complexities:
        return list(symbols)
    by_end: dict[int, list[tuple[int, int]]] = {}
    for (start, end), value in complexities.items():
        by_end.setdefault(end, []).append((start, value))
    measured: list[Symbol] = []
    for symbol in symbols:
        candidates = by_end.get(symbol.location.end_line, []) if symbol.kind in _FUNCTION_KINDS else []
        fitting = sorted((start, value) for start, value in candidates if start >= symbol.location.start_line)
        if fitting:
            symbol = dataclasses.replace(symbol, complexity=fitting[0][1])
        measured.append(symbol)
    return measured
