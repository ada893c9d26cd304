"""Sequence diagrams of flows: generated participant ids, inert text, balanced `opt`/`loop` blocks."""

from __future__ import annotations

import re

from codedoc.write.mermaid import LabeledGraph, Message, SequenceDiagram

HOSTILE = 'evil"]; end\nparticipant x #quot; <b>x</b> `tick`'


def body(block: str) -> list[str]:
    lines = block.split("\n")
    assert lines[0] == "```mermaid" and lines[-1] == "```"
    return lines[1:-1]


def test_participants_get_generated_ids_and_text_without_breaking_characters() -> None:
    lines = body(SequenceDiagram(["App", HOSTILE], [Message("App", HOSTILE, HOSTILE)]).render())
    assert lines[0] == "sequenceDiagram"
    assert lines[1] == "    participant p0 as App"
    assert re.fullmatch(r"    participant p1 as [^;#\"`\n]+", lines[2])
    assert lines[3].startswith("    p0->>p1: ")
    assert not set(lines[3].split(": ", 1)[1]) & set(';#"`')


def test_guarded_calls_sit_in_blocks_with_what_they_call_and_blocks_close() -> None:
    messages = [
        Message("A", "A", "send"),
        Message("A", "B", "redirect", depth=1, block="opt", block_label="if response.is_redirect"),
        Message("B", "C", "next", depth=2),
        Message("B", "C", "again", depth=2, block="loop", block_label="while more"),
        Message("A", "D", "hook", depth=1, block="loop", block_label="for hook in hooks"),
        Message("A", "D", "other", depth=1, block="loop", block_label="for hook in hooks"),
        Message("A", "A", "finish"),
    ]
    lines = body(SequenceDiagram(["A", "B", "C", "D"], messages).render())[5:]
    assert lines == [
        "    p0->>p0: send",
        "    opt if response.is_redirect",
        "        p0->>p1: redirect",
        "        p1->>p2: next",
        "        loop while more",
        "            p1->>p2: again",
        "        end",
        "    end",
        "    loop for hook in hooks",
        "        p0->>p3: hook",
        "        p0->>p3: other",
        "    end",
        "    p0->>p0: finish",
    ]


def test_messages_between_participants_not_drawn_are_left_out() -> None:
    lines = body(SequenceDiagram(["A"], [Message("A", "Z", "x"), Message("A", "A", "y")]).render())
    assert lines == ["sequenceDiagram", "    participant p0 as A", "    p0->>p0: y"]


def test_sequence_diagrams_from_data_share_the_renderer_with_the_stricter_escaping() -> None:
    """`LabeledGraph(kind="sequence")` (the LLM's diagrams): a node given twice is drawn once, an edge to a node
    not drawn is left out, a self-call stays, and text loses `@`, `=`, `?`, `>`, `;` and `#` (the flows keep the
    first four)."""
    nodes = ["Cart", "a@b=c?", "Cart", "x"]
    edges = [
        ("Cart", "a@b=c?", "add(item) -> ok; #1"),
        ("a@b=c?", "a@b=c?", ""),
        ("Cart", "gone", "lost"),
        ("x", "Cart", "back"),
    ]
    assert body(LabeledGraph("sequence", nodes, edges).render()) == [
        "sequenceDiagram",
        "    participant n0 as Cart",
        "    participant n1 as a b c",
        "    participant n2 as x",
        "    n0->>n1: add(item) -  ok   1",
        "    n1->>n1: _",
        "    n2->>n0: back",
    ]
    flow = SequenceDiagram(["Cart", "a@b=c?"], [Message("Cart", "a@b=c?", "add(item) -> ok; #1")])
    assert body(flow.render())[2:] == ["    participant p1 as a@b=c?", "    p0->>p1: add(item) -> ok_ _1"]
