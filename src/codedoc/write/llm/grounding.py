"""A cheap grounding pass before verification: a sentence that names code the model does not
know (an identifier or path in backticks, or a bare `name()` call) is dropped, and counted.

Verification checks the finished pages again; this pass keeps invented names out of the
summaries that feed the next level up (a component summary built on an invented function
would spread it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from codedoc.model import CodeModel, ImportKind

# Names that are part of every language rather than of the repository.
_LANGUAGE_WORDS = frozenset(
    " ".join(
        (
            "None True False null nil undefined true false self this cls super async await",
            "str int float bool bytes dict list tuple set object Any Optional string number boolean void",
            "error Error Exception interface struct enum fn func def class return yield import export",
        )
    ).split()
)
_IDENTIFIER = re.compile(r"^(?:[A-Za-z_$][\w$]*)(?:(?:\.|::|->|#)[A-Za-z_$][\w$]*)*(?:\([^()]*\))?$")
_PATH = re.compile(r"^[\w.@-]*(?:/[\w.@-]+)+/?(?::\d+(?:-\d+)?)?$|^[\w@-]+\.[A-Za-z]{1,5}(?::\d+(?:-\d+)?)?$")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_BARE_CALL = re.compile(r"(?<![\w`.])([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)\(\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*_(\[\"'])")
_WORDS = re.compile(r"[A-Za-z_$][\w$]*")
_TOP_NAME = re.compile(r"[./:]")


@dataclass(frozen=True, slots=True)
class Grounded:
    text: str
    removed: tuple[str, ...]
    """The unknown names that caused sentences to be dropped."""


class KnownNames:
    """Every name and path the code model knows, in the spellings a writer might use."""

    def __init__(self, model: CodeModel) -> None:
        names: set[str] = {model.repository.name}
        paths: set[str] = {f.path for f in model.repository.files}
        spelled: set[str] = set()

        def spell(dotted: str) -> None:
            # The same module is imported in hundreds of places: its spellings are added once.
            if dotted not in spelled:
                spelled.add(dotted)
                names.update(_spellings(dotted))

        for module in model.modules:
            paths.add(module.path)
            spell(module.name)
            names.update(module.exports or ())
            prefix = module.name + "."
            for symbol in module.symbols:
                qualname = symbol.qualname
                spell(qualname)
                names.add(prefix + qualname)
                if symbol.parameters:
                    names.update([parameter.name for parameter in symbol.parameters])
                if symbol.signature or symbol.returns or symbol.bases or symbol.decorators:
                    # One search over the texts joined by spaces finds the words of each text.
                    texts = [symbol.signature or "", symbol.returns or "", *symbol.bases, *symbol.decorators]
                    names.update(_WORDS.findall(" ".join(texts)))
            for item in module.imports:
                spell(item.module)
                names.update(item.names)
                if item.target:
                    spell(item.target)
                    paths.add(item.target)
        for component in model.components:
            spell(component.name)
            paths.add(component.path)
            names.update(component.external_dependencies)
        names.update(_facts_names(model))
        self.line_counts: dict[str, int] = {f.path: f.line_count for f in model.repository.files}
        for module in model.modules:
            self.line_counts.setdefault(module.path, module.line_count)
        self.names = frozenset(names)
        self.paths = frozenset(paths)
        self.folders = frozenset(folder for path in paths for folder in _folders(path))
        # Thousands of imports name a few hundred packages: each distinct name is split once.
        outside = {i.target or i.module for m in model.modules for i in m.imports if i.kind is not ImportKind.INTERNAL}
        outside.update(d.name for d in model.dependencies)
        self.externals = frozenset(_TOP_NAME.split(name)[0] for name in outside)

    @classmethod
    def from_parts(
        cls,
        *,
        names: Iterable[str],
        paths: Iterable[str],
        folders: Iterable[str],
        externals: Iterable[str],
        line_counts: Mapping[str, int],
    ) -> KnownNames:
        """The same knowledge stored elsewhere (the Ask index keeps it so answers need no code model)."""
        known = cls.__new__(cls)
        known.names = frozenset(names)
        known.paths = frozenset(paths)
        known.folders = frozenset(folders)
        known.externals = frozenset(externals)
        known.line_counts = dict(line_counts)
        return known

    def knows(self, span: str) -> bool:
        span = span.strip()
        if _PATH.match(span) and not _IDENTIFIER.match(span):
            return self._knows_path(span)
        if not _IDENTIFIER.match(span):
            return True  # a command line, a literal, an expression: verification judges those
        name = re.sub(r"\(.*\)$", "", span)
        name = re.sub(r"^(?:self|this|cls)(?:\.|->)", "", name)
        dotted = re.sub(r"::|->|#", ".", name)
        if name in _LANGUAGE_WORDS or dotted in self.names or name in self.names:
            return True
        if "." in dotted:
            # `Session.get` where the model knows `pkg.sessions.Session.get`; a third-party package's
            # API (`requests.get`) cannot be checked against this repository, so it is let through.
            # `tiny.py` reads as a dotted name too: a file the model knows is never unknown.
            parts = dotted.split(".")
            return ".".join(parts[-2:]) in self.names or parts[0] in self.externals or self._knows_path(span)
        return self._knows_path(span)

    def _knows_path(self, span: str) -> bool:
        lines = re.search(r":(\d+)(?:-(\d+))?$", span)
        path = re.sub(r":\d+(?:-\d+)?$", "", span).strip("/").removeprefix("./")
        if lines is not None:
            # A citation must point at lines that exist at the documented commit (`cart.py:3` names
            # `shop/cart.py` when no other file has that name).
            count = self.line_counts.get(path)
            if count is None:
                matches = [known for known in self.line_counts if known.endswith("/" + path)]
                count = self.line_counts[matches[0]] if len(matches) == 1 else None
            last = int(lines.group(2) or lines.group(1))
            return count is not None and 1 <= int(lines.group(1)) <= last <= max(count, 1)
        if path in self.paths or path in self.folders:
            return True
        return any(known.endswith("/" + path) for known in self.paths)


def _spellings(dotted: str) -> list[str]:
    """`a.b.c` is also written `b.c` and `c`."""
    if "/" in dotted or ":" in dotted or ".." in dotted:
        parts = re.split(r"[./:]+", dotted)
        return [dotted, *(".".join(parts[index:]) for index in range(1, len(parts)))]
    # Only single dots: each spelling is what follows one of them (no splitting and joining again).
    spellings = [dotted]
    dot = dotted.find(".")
    while dot >= 0:
        spellings.append(dotted[dot + 1 :])
        dot = dotted.find(".", dot + 1)
    return spellings


def _folders(path: str) -> Iterable[str]:
    parts = path.split("/")
    for index in range(1, len(parts)):
        yield "/".join(parts[:index])


def _facts_names(model: CodeModel) -> Iterable[str]:
    for route in model.routes:
        yield from (route.path, f"{route.method} {route.path}", *_spellings(route.handler))
    for command in model.commands:
        yield command.name
        yield from command.name.split()
        yield from (parameter.name for parameter in command.parameters)
    for data_model in model.data_models:
        yield from (data_model.name, *_spellings(data_model.qualname))
        yield from (field.name for field in data_model.fields)
        if data_model.table:
            yield data_model.table
    for setting in model.settings:
        yield setting.name
        if setting.settings_class:
            yield setting.settings_class
    for entry in model.entry_points:
        yield from (entry.name, entry.target, *_spellings(entry.target.replace(":", ".")))
    for dependency in model.dependencies:
        yield dependency.name
    for task in model.tasks:
        yield from (task.name, task.command)


def ground(markdown: str, known: KnownNames) -> Grounded:
    """`markdown` without the sentences (or list items) that name code unknown to the model."""
    removed: list[str] = []
    kept_blocks: list[str] = []
    for block in markdown.split("\n\n"):
        kept_lines: list[str] = []
        for line in block.split("\n"):
            bullet = re.match(r"^(\s*[-*]\s+)", line)
            prefix = bullet.group(1) if bullet else ""
            sentences = _SENTENCE.split(line[len(prefix) :])
            good = []
            for sentence in sentences:
                unknown = _unknown_names(sentence, known)
                removed += unknown
                if not unknown:
                    good.append(sentence)
            if bullet and len(good) < len(sentences):
                continue  # a list item loses its point when any of its sentences goes
            if good:
                kept_lines.append(prefix + " ".join(good))
        if kept_lines:
            kept_blocks.append("\n".join(kept_lines))
    return Grounded("\n\n".join(kept_blocks), tuple(removed))


def _unknown_names(sentence: str, known: KnownNames) -> list[str]:
    spans = _CODE_SPAN.findall(sentence)
    bare = _BARE_CALL.findall(_CODE_SPAN.sub("", sentence))
    return [name for name in [*spans, *(f"{call}()" for call in bare)] if not known.knows(name)]
