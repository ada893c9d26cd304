"""Mermaid diagrams built from untrusted names.

Node ids are generated (`n0`, `n1`…) so no name can collide with a Mermaid keyword or break
the syntax; names only ever appear in labels, and labels are reduced to characters that every
diagram type accepts inside quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from codedoc.write.markdown import fence, one_line

_LABEL_UNSAFE = re.compile(r"[^\w .,:/@+\-()=?!]")
_WORD_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")
_CLASS_LABEL_UNSAFE = re.compile(r"[^\w .\-]")

MAX_LABEL = 60

# erDiagram cardinalities by `Relation.kind`, written from the model that holds the relation.
_CARDINALITY = {
    "one_to_many": "||--o{",
    "many_to_one": "}o--||",
    "foreign_key": "}o--||",
    "many_to_many": "}o--o{",
    "one_to_one": "||--||",
}


def label(name: str) -> str:
    """A quoted label: quotes, brackets, backticks, angle brackets and `#` entities are removed."""
    cleaned = _LABEL_UNSAFE.sub("_", one_line(name, limit=MAX_LABEL))
    return f'"{cleaned or "_"}"'


def word(name: str, fallback: str = "x") -> str:
    """An identifier-like word (erDiagram attribute types and names): `[A-Za-z0-9_]`, not starting with a digit."""
    cleaned = _WORD_UNSAFE.sub("_", one_line(name, limit=MAX_LABEL)).strip("_")
    if not cleaned:
        return fallback
    return cleaned if not cleaned[0].isdigit() else f"_{cleaned}"


@dataclass(frozen=True, slots=True)
class Flowchart:
    """A flowchart of named nodes and edges between them; names are escaped on rendering (no boxes)."""

    nodes: Sequence[str]
    edges: Iterable[tuple[str, str]]
    direction: str = "LR"

    def render(self) -> str:
        return ClusteredFlowchart(self.nodes, self.edges, direction=self.direction).render()


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    attributes: Sequence[tuple[str, str, bool]] = ()
    """(type, name, is primary key)."""


@dataclass(frozen=True, slots=True)
class ERDiagram:
    entities: Sequence[Entity]
    relations: Iterable[tuple[str, str, str, str]]
    """(from entity, to entity, relation kind, label)."""

    def render(self) -> str:
        ids: dict[str, str] = {}
        taken: set[str] = set()
        for entity in self.entities:
            base = word(entity.name, "entity")
            candidate, counter = base, 2
            while candidate in taken:
                candidate, counter = f"{base}_{counter}", counter + 1
            taken.add(candidate)
            ids[entity.name] = candidate
        lines = ["erDiagram"]
        for entity in self.entities:
            if not entity.attributes:
                lines.append(f"    {ids[entity.name]}")
                continue
            lines.append(f"    {ids[entity.name]} {{")
            for kind, name, key in entity.attributes:
                lines.append(f"        {word(kind, 'value')} {word(name, 'field')}{' PK' if key else ''}")
            lines.append("    }")
        for source, target, kind, text in self.relations:
            if source in ids and target in ids:
                arrow = _CARDINALITY.get(kind, "}o--o{")
                lines.append(f"    {ids[source]} {arrow} {ids[target]} : {label(text)}")
        return fence("\n".join(lines), "mermaid")


# --- clustered diagrams (architecture at module level) ---


@dataclass(frozen=True, slots=True)
class ClusteredFlowchart:
    """A flowchart whose nodes are grouped in labelled boxes (`subgraph`), e.g. modules by sub-package.

    `clusters` maps a box's label to the nodes drawn in it; nodes in no box are drawn outside."""

    nodes: Sequence[str]
    edges: Iterable[tuple[str, str]]
    clusters: Sequence[tuple[str, Sequence[str]]] = ()
    direction: str = "LR"

    def render(self) -> str:
        ids = {name: f"n{index}" for index, name in enumerate(self.nodes)}
        lines = [f"flowchart {self.direction}"]
        boxed: set[str] = set()
        for index, (title, members) in enumerate(self.clusters):
            inside = [name for name in members if name in ids and name not in boxed]
            if not inside:
                continue
            lines.append(f"    subgraph c{index} [{label(title)}]")
            lines += [f"        {ids[name]}[{label(name)}]" for name in inside]
            lines.append("    end")
            boxed.update(inside)
        lines += [f"    {ids[name]}[{label(name)}]" for name in self.nodes if name not in boxed]
        # An edge to a node not drawn, or to itself, is skipped.
        lines += [f"    {ids[s]} --> {ids[t]}" for s, t in self.edges if s in ids and t in ids and s != t]
        return fence("\n".join(lines), "mermaid")


@dataclass(frozen=True, slots=True)
class RelationDiagram:
    """Classes with inheritance (`parent <|-- child`) and use (`user --> used : uses`) between them."""

    classes: Sequence[str]
    inherits: Iterable[tuple[str, str]] = ()
    """(child, parent) pairs."""
    uses: Iterable[tuple[str, str]] = ()
    """(user, used) pairs: one class's signatures or attributes name the other."""

    def render(self) -> str:
        ids = {name: f"n{index}" for index, name in enumerate(self.classes)}
        lines = ["classDiagram", *_class_lines(self.classes, ids)]
        inherited = set()
        for child, parent in self.inherits:
            if child in ids and parent in ids and child != parent:
                lines.append(f"    {ids[parent]} <|-- {ids[child]}")
                inherited.add((child, parent))
        for user, used in self.uses:
            if user in ids and used in ids and user != used and (user, used) not in inherited:
                lines.append(f"    {ids[user]} --> {ids[used]} : uses")
        return fence("\n".join(lines), "mermaid")


# Inheritance alone is a relation diagram without uses.
ClassDiagram = RelationDiagram


def _class_lines(classes: Iterable[str], ids: dict[str, str]) -> list[str]:
    """`class n0["Name"]` declarations: the label keeps only word characters, spaces, dots and dashes."""
    lines = []
    for name in classes:
        shown = _CLASS_LABEL_UNSAFE.sub("_", one_line(name, limit=MAX_LABEL)) or "_"
        lines.append(f'    class {ids[name]}["{shown}"]')
    return lines


_SEQUENCE_UNSAFE = re.compile(r"[^\w .,/@+\-()=?!<>]")
_BLOCKS = ("opt", "loop", "alt")


def _sequence_text(value: str) -> str:
    """Text after `participant … as`, after `:` or after `opt`: no `;`, `#`, quotes or line breaks."""
    cleaned = _SEQUENCE_UNSAFE.sub("_", one_line(value, limit=MAX_LABEL)).strip()
    return cleaned or "_"


_MESSAGE_UNSAFE = re.compile(r"[^\w .,/()+\-]")


def message(text: str) -> str:
    """Unquoted text after a `:` in sequence and state diagrams: no `;`, `#`, `:`, quotes or brackets."""
    return _MESSAGE_UNSAFE.sub(" ", one_line(text, limit=MAX_LABEL)).strip() or "_"


@dataclass(frozen=True, slots=True)
class Message:
    """One arrow of a sequence diagram, with the block (`opt`/`loop`) that guards it, if any."""

    source: str
    target: str
    text: str
    depth: int = 1
    """Nesting: a guarded message's block also holds the deeper messages that follow it."""
    block: str | None = None
    """`opt` or `loop`; None when the call always happens."""
    block_label: str = ""


@dataclass(frozen=True, slots=True)
class SequenceDiagram:
    """Participants and the messages between them, in order: the one sequence renderer.

    Participants get generated ids (`prefix` and their place, a name given twice drawn once);
    a message naming a participant not drawn is left out; a guarded message opens an `opt`/`loop`
    block that also holds the siblings under the same guard and everything they call.
    `text` escapes every name and label: flows keep the conditions' `=`, `<`, `>`; diagrams from
    data (`LabeledGraph`) use the stricter `message`.
    """

    participants: Sequence[str]
    messages: Sequence[Message]
    prefix: str = "p"
    text: Callable[[str], str] = _sequence_text

    def render(self) -> str:
        ids = {name: f"{self.prefix}{index}" for index, name in enumerate(dict.fromkeys(self.participants))}
        lines = ["sequenceDiagram"]
        lines += [f"    participant {ids[name]} as {self.text(name)}" for name in ids]
        kept = [m for m in self.messages if m.source in ids and m.target in ids]
        self._render(kept, 0, len(kept), ids, lines, 1, guarded=False)
        return fence("\n".join(lines), "mermaid")

    def _render(
        self,
        messages: Sequence[Message],
        start: int,
        stop: int,
        ids: dict[str, str],
        lines: list[str],
        indent: int,
        *,
        guarded: bool,
    ) -> None:
        """Messages `start:stop` at `indent`; `guarded` when they already sit inside their block (plain arrows)."""
        pad = "    " * indent
        position = start
        while position < stop:
            message = messages[position]
            end = _subtree_end(messages, position, stop)
            if message.block in _BLOCKS and not guarded:
                # Siblings under the same guard share one block.
                while (
                    end < stop
                    and messages[end].depth == message.depth
                    and messages[end].block == message.block
                    and messages[end].block_label == message.block_label
                    and messages[end].source == message.source
                ):
                    end = _subtree_end(messages, end, stop)
                lines.append(f"{pad}{message.block} {self.text(message.block_label or message.block)}")
                self._render(messages, position, end, ids, lines, indent + 1, guarded=True)
                lines.append(f"{pad}end")
            else:
                lines.append(f"{pad}{ids[message.source]}->>{ids[message.target]}: {self.text(message.text)}")
                self._render(messages, position + 1, end, ids, lines, indent, guarded=False)
            position = end


def _subtree_end(messages: Sequence[Message], position: int, stop: int) -> int:
    """Just past the message at `position` and the deeper ones after it (what it calls)."""
    end = position + 1
    while end < stop and messages[end].depth > messages[position].depth:
        end += 1
    return end


@dataclass(frozen=True, slots=True)
class LabeledGraph:
    """A diagram from data — flowchart, sequence, class or state — with labelled edges.

    Nodes are names (escaped on rendering); edges are (source, target, label) between them.
    Edges naming a node not in `nodes` are skipped, so the diagram always parses.
    """

    kind: str
    """`flowchart`, `sequence`, `class` or `state`."""
    nodes: Sequence[str]
    edges: Sequence[tuple[str, str, str]]

    def render(self) -> str:
        if self.kind == "sequence":
            messages = [Message(source, target, text) for source, target, text in self.edges]
            return SequenceDiagram(self.nodes, messages, prefix="n", text=message).render()
        ids = {name: f"n{index}" for index, name in enumerate(dict.fromkeys(self.nodes))}
        edges = [(ids[s], ids[t], text) for s, t, text in self.edges if s in ids and t in ids]
        if self.kind == "state":
            lines = ["stateDiagram-v2"]
            lines += [f"    state {label(name)} as {ids[name]}" for name in ids]
            lines += [f"    {s} --> {t}" + (f" : {message(text)}" if text else "") for s, t, text in edges if s != t]
        elif self.kind == "class":
            lines = ["classDiagram", *_class_lines(ids, ids)]
            lines += [f"    {s} --> {t}" + (f" : {message(text)}" if text else "") for s, t, text in edges if s != t]
        else:
            lines = ["flowchart LR"]
            lines += [f"    {ids[name]}[{label(name)}]" for name in ids]
            lines += [
                f"    {s} -->|{label(text)}| {t}" if text else f"    {s} --> {t}" for s, t, text in edges if s != t
            ]
        return fence("\n".join(lines), "mermaid")
