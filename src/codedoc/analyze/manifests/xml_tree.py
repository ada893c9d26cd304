"""A tiny XML element tree with line numbers, built on the standard library's expat with every
entity declaration refused — so "billion laughs" and external entities fail fast instead of
expanding (the same rule defusedxml applies)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn
from xml.parsers import expat

from codedoc.analyze.manifests.guard import ManifestProblem

_MAX_ELEMENTS = 200_000


@dataclass
class XmlElement:
    tag: str
    line: int
    end_line: int = 0
    text: str = ""
    children: list[XmlElement] = field(default_factory=list)

    def child(self, tag: str) -> XmlElement | None:
        return next((item for item in self.children if item.tag == tag), None)

    def children_named(self, tag: str) -> Iterator[XmlElement]:
        return (item for item in self.children if item.tag == tag)

    def child_text(self, tag: str) -> str | None:
        found = self.child(tag)
        return (found.text.strip() or None) if found is not None else None


class _EntitiesRefused(Exception):
    pass


def parse_xml(text: str, name: str) -> XmlElement:
    """The root element, or `ManifestProblem` for malformed XML or any entity declaration."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[XmlElement] = []
    stack: list[XmlElement] = []
    texts: list[list[str]] = []
    count = [0]

    def refuse(*_: object) -> NoReturn:
        raise _EntitiesRefused

    def start(tag: str, _attributes: dict[str, str]) -> None:
        count[0] += 1
        if count[0] > _MAX_ELEMENTS:
            raise ManifestProblem(f"{name} has too many elements to analyse")
        element = XmlElement(tag=_local(tag), line=parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        elif not root:
            root.append(element)
        stack.append(element)
        texts.append([])

    def end(_tag: str) -> None:
        element = stack.pop()
        element.text = "".join(texts.pop())
        element.end_line = parser.CurrentLineNumber

    def data(chunk: str) -> None:
        if texts:
            texts[-1].append(chunk)

    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text, True)
    except _EntitiesRefused:
        raise ManifestProblem(f"{name} declares XML entities; refused for safety", parser.CurrentLineNumber) from None
    except expat.ExpatError as error:
        raise ManifestProblem(f"{name} is not valid XML: {error}", error.lineno) from None
    if not root:
        raise ManifestProblem(f"{name} has no root element")
    return root[0]


def _local(tag: str) -> str:
    """`pom:project` → `project`: namespace prefixes do not change what a Maven element means."""
    return tag.rsplit(":", 1)[-1]
