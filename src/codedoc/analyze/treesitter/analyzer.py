"""One analysis of one file: parse once, extract the module, let the framework detectors add facts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from codedoc.analyze.behaviour.sites import Behaviour
from codedoc.analyze.facts import FileContext, FileFacts, merge_facts
from codedoc.analyze.treesitter.calls import collect_calls
from codedoc.analyze.treesitter.complexity import with_complexity
from codedoc.analyze.treesitter.detectors import DETECTORS
from codedoc.analyze.treesitter.extraction import Extraction
from codedoc.analyze.treesitter.go import extract_go
from codedoc.analyze.treesitter.java import extract_java
from codedoc.analyze.treesitter.javascript import extract_javascript
from codedoc.analyze.treesitter.parsing import ParsedFile, count_lines, parse, syntax_diagnostic
from codedoc.analyze.treesitter.rust import extract_rust
from codedoc.model import Language, Module

Extractor = Callable[[ParsedFile, FileContext, str], Extraction]


def _analyze(language: Language, extractor: Extractor, context: FileContext, text: str) -> FileFacts:
    parsed = parse(language, context.path, text)
    extraction = extractor(parsed, context, text)
    module = Module(
        path=context.path,
        name=context.module_name,
        language=context.language,
        docstring=extraction.docstring,
        imports=tuple(extraction.imports),
        symbols=tuple(with_complexity(extraction.symbols, parsed)),
        exports=extraction.exports,
        is_package=context.is_package,
        line_count=count_lines(text),
    )
    diagnostic = syntax_diagnostic(parsed)
    behaviour = collect_calls(parsed, extraction.symbols)
    if extraction.default_export is not None:
        behaviour = dataclasses.replace(behaviour or Behaviour(), default_export=extraction.default_export)
    base = FileFacts(
        module=module,
        diagnostics=(diagnostic,) if diagnostic is not None else (),
        behaviour=behaviour,
    )
    found = (detect(parsed=parsed, module=module, context=context, text=text) for detect in DETECTORS[language])
    return merge_facts(base, found)


def analyze_javascript(*, context: FileContext, text: str) -> FileFacts:
    return _analyze(Language.JAVASCRIPT, extract_javascript, context, text)


def analyze_typescript(*, context: FileContext, text: str) -> FileFacts:
    return _analyze(Language.TYPESCRIPT, extract_javascript, context, text)


def analyze_tsx(*, context: FileContext, text: str) -> FileFacts:
    return _analyze(Language.TSX, extract_javascript, context, text)


def analyze_go(*, context: FileContext, text: str) -> FileFacts:
    return _analyze(Language.GO, extract_go, context, text)


def analyze_java(*, context: FileContext, text: str) -> FileFacts:
    return _analyze(Language.JAVA, extract_java, context, text)


def analyze_rust(*, context: FileContext, text: str) -> FileFacts:
    return _analyze(Language.RUST, extract_rust, context, text)
