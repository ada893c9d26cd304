"""Which analyser reads which file: one table for languages, one lookup for manifests and build files."""

from __future__ import annotations

import gc
import pickle
from collections.abc import Callable

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.model import Diagnostic, Language

FileAnalyzer = Callable[..., FileFacts]
"""`analyzer(*, context: FileContext, text: str) -> FileFacts`."""


def language_analyzer(language: Language) -> FileAnalyzer | None:
    from codedoc.analyze.python import analyze_python

    if language == Language.PYTHON:
        python_analyzer: FileAnalyzer = analyze_python
        return python_analyzer
    # Imported only for other languages: a Python repository never loads the tree-sitter grammars.
    from codedoc.analyze.treesitter import TREE_SITTER_ANALYZERS

    analyzer: FileAnalyzer | None = TREE_SITTER_ANALYZERS.get(language)
    return analyzer


def manifest_analyzer(path: str) -> FileAnalyzer | None:
    from codedoc.analyze.manifests import manifest_analyzer_for

    analyzer: FileAnalyzer | None = manifest_analyzer_for(path)
    return analyzer


def analyze_file(context: FileContext, text: str, *, is_manifest: bool) -> FileFacts:
    """Run the one analyser for this file; an analyser that fails costs a warning, not the run."""
    analyzer = manifest_analyzer(context.path) if is_manifest else language_analyzer(context.language)
    if analyzer is None:
        return FileFacts()
    try:
        return analyzer(context=context, text=text)
    except RecursionError:
        message = "too deeply nested to analyse"
    except Exception as error:  # a bug in one analyser must not lose the other files
        message = f"could not be analysed ({type(error).__name__}: {error})"[:300]
    return FileFacts(diagnostics=(Diagnostic(path=context.path, message=message),))


def start_worker() -> None:
    """Initializer of worker processes: the cyclic garbage collector tuned for parsing.

    An `ast` tree is a burst of hundreds of thousands of container objects with no cycles; at the
    default threshold (a collection every 700 allocations) the collector walks them again and
    again and frees nothing, which cost about a third of the analysis time. What the worker
    inherited from its parent is frozen (never walked: it lives as long as the worker), and the
    young generation is collected every 50,000 allocations instead."""
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 20, 20)


YOUNG_COLLECTION_EVERY = 50_000
"""Allocations between two collections of the young generation while long-lived structures are built
(the workers' facts, the pipeline's model and pages): the default 700 walks them again and again."""


def analyze_batch(batch: list[tuple[FileContext, str, bool]]) -> list[FileFacts]:
    """Entry point of worker processes: a list in, a list out, to keep pickling overhead low."""
    return [analyze_file(context, text, is_manifest=is_manifest) for context, text, is_manifest in batch]


def analyze_batch_pickled(batch: list[tuple[FileContext, str, bool]]) -> list[bytes]:
    """`analyze_batch` for worker processes: each file's facts pickled here, on the worker's core,
    so the parent unpickles them once and stores the same bytes in the cache as they are."""
    return [pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL) for facts in analyze_batch(batch)]
