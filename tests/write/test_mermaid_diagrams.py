"""Mermaid basics: generated ids, labels that cannot break out, edges only between drawn nodes."""

from __future__ import annotations

import re

from codedoc.write.mermaid import ClassDiagram, Entity, ERDiagram, Flowchart, label, word

HOSTILE = 'evil"]; click n0 "javascript:alert(1)" <b>x</b> `tick` #quot;'


def body(block: str) -> list[str]:
    lines = block.split("\n")
    assert lines[0] == "```mermaid" and lines[-1] == "```"
    return lines[1:-1]


def test_label_keeps_no_quote_bracket_tag_or_entity_characters() -> None:
    inner = label(HOSTILE)[1:-1]
    assert not set(inner) & set('"[]<>`#;{}|')


def test_word_is_a_valid_identifier() -> None:
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", word("9 lives <b>"))
    assert word("") == "x"


def test_flowchart_uses_generated_ids_and_escaped_labels() -> None:
    lines = body(Flowchart([HOSTILE, "api"], [(HOSTILE, "api")]).render())
    assert lines[0] == "flowchart LR"
    assert re.fullmatch(r'    n0\["[^"\[\]]*"\]', lines[1])
    assert lines[2] == '    n1["api"]'
    assert lines[3] == "    n0 --> n1"


def test_flowchart_drops_edges_to_nodes_not_drawn_and_self_loops() -> None:
    lines = body(Flowchart(["a"], [("a", "b"), ("a", "a")]).render())
    assert lines == ["flowchart LR", '    n0["a"]']


def test_class_diagram_declares_labelled_classes_and_inheritance() -> None:
    lines = body(ClassDiagram(["Base", "Child<T>"], [("Child<T>", "Base")]).render())
    assert lines == ["classDiagram", '    class n0["Base"]', '    class n1["Child_T_"]', "    n0 <|-- n1"]


def test_er_diagram_entities_attributes_and_relations_are_words() -> None:
    diagram = ERDiagram(
        [Entity("Order", [("str | None", "note", False), ("int", "id", True)]), Entity("Customer"), Entity("Order ")],
        [("Order", "Customer", "many_to_one", 'customer"]')],
    )
    lines = body(diagram.render())
    assert lines[0] == "erDiagram"
    assert "        str_None note" in lines
    assert "        int id PK" in lines
    assert "    Customer" in lines
    assert "    Order_2" in lines
    assert lines[-1] == '    Order }o--|| Customer : "customer__"'
