"""One docstrings run: plan from the code model, write the text, insert it into each file's source.

`add_docstrings` reads the checkout and returns the edits without writing anything; the CLI
applies them to the working tree (`apply_changes`) or prints a patch, the service stores them.
"""

from __future__ import annotations

import ast
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from codedoc.analyze.treesitter.parsing import ParsedFile, parse
from codedoc.docstrings.facts import NO_FACTS, BodyFacts, python_facts
from codedoc.docstrings.facts_treesitter import declaration_at, java_throws, treesitter_facts
from codedoc.docstrings.offline import offline_docstring
from codedoc.docstrings.plan import Target, plan_docstrings, targets_by_file
from codedoc.docstrings.python_insert import UnsafeEdit, insert_python_docstrings
from codedoc.docstrings.render import render_comment, render_python
from codedoc.docstrings.source_insert import decode_source, insert_comments
from codedoc.docstrings.style import detect_python_style
from codedoc.docstrings.text import DocText, PythonStyle
from codedoc.errors import OutputError
from codedoc.model import CodeModel, Language


@dataclass(frozen=True, slots=True)
class DocRequest:
    """What a writer gets for one symbol: the target, its body's facts, the offline text and its code."""

    target: Target
    facts: BodyFacts
    offline: DocText
    code: str
    """The symbol's source lines (for the LLM writer's prompt)."""


class DocstringWriter(Protocol):
    def write(self, requests: Sequence[DocRequest], model: CodeModel) -> list[DocText]:
        """One text per request, in order."""
        ...


class OfflineDocstrings:
    """The deterministic writer: the grounded offline text, as is."""

    def write(self, requests: Sequence[DocRequest], model: CodeModel) -> list[DocText]:
        return [request.offline for request in requests]


@dataclass(frozen=True, slots=True)
class AddedDocstring:
    path: str
    symbol: str
    """Qualified name within its module."""
    kind: str
    line: int
    """Line of the declaration in the file as it was."""
    docstring: str
    """The text added: a Python docstring's content, or the complete comment elsewhere."""


@dataclass(frozen=True, slots=True)
class FileChange:
    path: str
    old: bytes
    new: bytes


@dataclass(frozen=True)
class DocstringRun:
    missing: tuple[Target, ...]
    """Every public symbol that had no docstring when the run started."""
    added: tuple[AddedDocstring, ...] = ()
    changes: tuple[FileChange, ...] = ()
    warnings: tuple[str, ...] = ()
    """Files left alone, and why."""
    style: PythonStyle = PythonStyle.GOOGLE
    removed_names: tuple[str, ...] = field(default=())
    """Names an LLM answer invented, dropped by verification."""

    def files(self) -> dict[str, bytes]:
        """The files to commit: path → new content (for a pull request)."""
        return {change.path: change.new for change in self.changes}


ProgressHook = Callable[[float, str], None]


def add_docstrings(
    root: Path,
    model: CodeModel,
    *,
    writer: DocstringWriter | None = None,
    include_tests: bool = False,
    plan_only: bool = False,
    progress: ProgressHook | None = None,
) -> DocstringRun:
    """Docstrings for the undocumented public symbols of the checkout at `root` (nothing is written)."""
    targets = plan_docstrings(model, include_tests=include_tests)
    style = detect_python_style(model)
    if plan_only or not targets:
        return DocstringRun(missing=targets, style=style)
    warnings: list[str] = []
    sources: dict[str, bytes] = {}
    requests: list[DocRequest] = []
    grouped = targets_by_file(targets)
    for index, (path, file_targets) in enumerate(sorted(grouped.items())):
        if progress is not None:
            progress(index / max(1, len(grouped)) / 2, f"reading {path}")
        try:
            source = _read_inside(root, path)
            requests += _requests(source, file_targets, path)
        except UnsafeEdit as error:
            warnings.append(str(error))
            continue
        sources[path] = source
    texts = (writer or OfflineDocstrings()).write(requests, model)
    by_file: dict[str, list[tuple[Target, DocText]]] = {}
    for request, text in zip(requests, texts, strict=True):
        by_file.setdefault(request.target.path, []).append((request.target, text))
    added: list[AddedDocstring] = []
    changes: list[FileChange] = []
    for index, (path, items) in enumerate(sorted(by_file.items())):
        if progress is not None:
            progress(0.5 + index / max(1, len(by_file)) / 2, f"inserting into {path}")
        try:
            change, file_added = _insert(path, sources[path], items, style)
        except UnsafeEdit as error:
            warnings.append(str(error))
            continue
        if change is not None:
            changes.append(change)
            added += file_added
    removed = getattr(writer, "removed_names", ())
    return DocstringRun(
        missing=targets,
        added=tuple(added),
        changes=tuple(changes),
        warnings=tuple(warnings),
        style=style,
        removed_names=tuple(removed() if callable(removed) else removed),
    )


def _read_inside(root: Path, path: str) -> bytes:
    base = root.resolve()
    full = (base / path).resolve()
    if not full.is_relative_to(base) or (base / path).is_symlink() or not full.is_file():
        raise UnsafeEdit(f"{path}: not a regular file inside the checkout")
    return full.read_bytes()


def _requests(source: bytes, targets: list[Target], path: str) -> list[DocRequest]:
    language = targets[0].language
    if language is Language.PYTHON:
        try:
            tree = ast.parse(source, filename=path)
            text = source.decode(_python_encoding(source), "replace")
        except (SyntaxError, ValueError, LookupError) as error:
            raise UnsafeEdit(f"{path}: Python cannot parse it ({error})") from None
        lines = text.split("\n")
        return [
            _request(
                target,
                python_facts(tree, target.symbol.qualname, target.symbol.location.start_line),
                lines,
            )
            for target in targets
        ]
    decoded, _ = decode_source(source, path)
    parsed = parse(language, path, decoded)
    lines = decoded.split("\n")
    return [_treesitter_request(parsed, target, lines) for target in targets]


def _treesitter_request(parsed: ParsedFile, target: Target, lines: list[str]) -> DocRequest:
    node = declaration_at(parsed, target.symbol.location.start_line)
    facts = treesitter_facts(parsed, node) if node is not None else NO_FACTS
    throws = java_throws(parsed, node) if node is not None and target.language is Language.JAVA else ()
    offline = offline_docstring(target, facts, declared_throws=throws)
    return DocRequest(target, facts, offline, _code(lines, target))


def _request(target: Target, facts: BodyFacts, lines: list[str]) -> DocRequest:
    return DocRequest(target, facts, offline_docstring(target, facts), _code(lines, target))


def _code(lines: list[str], target: Target) -> str:
    location = target.symbol.location
    return "\n".join(lines[location.start_line - 1 : min(location.end_line, location.start_line + 80)])


def _python_encoding(source: bytes) -> str:
    import io
    import tokenize

    return tokenize.detect_encoding(io.BytesIO(source).readline)[0]


def _insert(
    path: str, source: bytes, items: list[tuple[Target, DocText]], style: PythonStyle
) -> tuple[FileChange | None, list[AddedDocstring]]:
    language = items[0][0].language
    if language is Language.PYTHON:
        docs = {(t.symbol.qualname, t.symbol.location.start_line): render_python(text, style) for t, text in items}
        edit = insert_python_docstrings(source, docs, path=path)
        done = set(edit.added)
        added = [
            _added(target, "\n".join(docs[(target.symbol.qualname, target.symbol.location.start_line)]))
            for target, _ in items
            if target.symbol.qualname in done
        ]
        return (FileChange(path, source, edit.source) if edit.added else None), added
    comments = {t.symbol.location.start_line: render_comment(text, language) for t, text in items}
    result = insert_comments(source, language, comments, path=path)
    lines = set(result.added)
    added = [
        _added(target, "\n".join(comments[target.symbol.location.start_line]))
        for target, _ in items
        if target.symbol.location.start_line in lines
    ]
    return (FileChange(path, source, result.source) if result.added else None), added


def _added(target: Target, text: str) -> AddedDocstring:
    symbol = target.symbol
    return AddedDocstring(target.path, symbol.qualname, symbol.kind.value, symbol.location.start_line, text)


def apply_changes(root: Path, changes: Sequence[FileChange]) -> None:
    """Write each changed file in place, atomically, keeping its permissions; refuse a file that
    changed on disk since it was read."""
    base = root.resolve()
    for change in changes:
        target = (base / change.path).resolve()
        if not target.is_relative_to(base):
            raise OutputError(f"{change.path} is outside {root}")
        if target.read_bytes() != change.old:
            raise OutputError(f"{change.path} changed while docstrings were written; run again")
        mode = target.stat().st_mode
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".codedoc-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(change.new)
            os.chmod(temporary, mode & 0o7777)
            os.replace(temporary, target)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise OutputError(f"cannot write {change.path}: {error.strerror}") from None
