"""A concept page from a model's answer: Markdown sections kept, everything else made safe.

- Diagrams come as data in ```` ```diagram ```` blocks (JSON: kind, nodes, edges with labels). Nodes
  must be names the code model knows; unknown ones and their edges are removed and counted, and
  CodeDoc renders what is left to Mermaid itself, so every diagram parses. Mermaid or other code
  the model wrote is dropped.
- Headings are kept (a `#` title is demoted: the page has its own); links, images, URLs and HTML go.
- `Sources:` lines keep only citations of lines that exist; a sentence that names unknown code or
  cites lines that do not exist is removed and counted (grounding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from codedoc.write.llm.answer_checks import check_text
from codedoc.write.llm.answers import AnswerError, clean_markdown
from codedoc.write.llm.grounding import KnownNames, ground
from codedoc.write.llm.json_repair import JSONProblem, find_object
from codedoc.write.mermaid import LabeledGraph

MAX_PAGE_CHARS = 30_000
MIN_PAGE_WORDS = 25
MAX_NODES = 20
MAX_EDGES = 30
DIAGRAM_KINDS = ("flowchart", "sequence", "class", "state")

_DIAGRAM = re.compile(r"^[ \t]*```[ \t]*diagram[^\n]*\n(.*?)\n[ \t]*```[ \t]*$", re.DOTALL | re.MULTILINE)
_PLACEHOLDER = "DIAGRAMPLACEHOLDER{}"
_SOURCES = re.compile(r"^\s*\**\s*Sources?\s*\**\s*:\s*(.*)$", re.IGNORECASE)
_SPAN = re.compile(r"`([^`\n]+)`")
_NODE = re.compile(r"^[\w./:\-]+$")


@dataclass(frozen=True, slots=True)
class PageAnswer:
    markdown: str
    removed: tuple[str, ...]
    """What was taken out: unknown names and citations, unknown diagram nodes."""
    diagrams: int


def build_page(text: str, prompt: str, known: KnownNames) -> PageAnswer:
    """The page body from `text`, or `AnswerError` when there is no usable page in it."""
    if len(text) > MAX_PAGE_CHARS:
        raise AnswerError(f"the answer is too long ({len(text)} characters)")
    diagrams: list[str] = []
    removed: list[str] = []

    def keep_diagram(match: re.Match[str]) -> str:
        rendered, lost = render_diagram(match.group(1), known)
        removed.extend(lost)
        if rendered is None:
            return ""
        diagrams.append(rendered)
        return "\n\n" + _PLACEHOLDER.format(len(diagrams) - 1) + "\n\n"

    body = _DIAGRAM.sub(keep_diagram, text)
    body = clean_markdown(body, keep_headings=True)
    body = re.sub(r"^#\s+", "## ", body, flags=re.MULTILINE)
    body = re.sub(r"^#{4,6}\s+", "### ", body, flags=re.MULTILINE)
    check_text(re.sub(r"DIAGRAMPLACEHOLDER\d+", "", body), prompt, raw=text)
    body = "\n".join(_sources_line(line, known, removed) for line in body.split("\n"))
    grounded = ground(body, known)
    removed += grounded.removed
    prose_words = len(re.findall(r"[A-Za-z]{2,}", re.sub(r"`[^`]*`|DIAGRAMPLACEHOLDER\d+", "", grounded.text)))
    if prose_words < MIN_PAGE_WORDS:
        raise AnswerError("the page has too little text; write its sections in full sentences")
    markdown = _drop_empty_sections(grounded.text)
    for index, diagram in enumerate(diagrams):
        markdown = markdown.replace(_PLACEHOLDER.format(index), diagram)
    return PageAnswer(markdown, tuple(removed), len(diagrams))


def _sources_line(line: str, known: KnownNames, removed: list[str]) -> str:
    match = _SOURCES.match(line)
    if match is None:
        return line
    cited = _SPAN.findall(match.group(1))
    good = [span for span in cited if known.knows(span)]
    removed += [span for span in cited if span not in good]
    return ("Sources: " + ", ".join(f"`{span}`" for span in dict.fromkeys(good))) if good else ""


def _drop_empty_sections(markdown: str) -> str:
    """A heading whose section lost every sentence goes too."""
    blocks = [block for block in re.split(r"\n\s*\n", markdown) if block.strip()]
    kept: list[str] = []
    for index, block in enumerate(blocks):
        is_heading = block.lstrip().startswith("#") and "\n" not in block.strip()
        following = blocks[index + 1] if index + 1 < len(blocks) else ""
        if is_heading and (not following or following.lstrip().startswith("#")):
            continue
        kept.append(block)
    return "\n\n".join(kept)


def render_diagram(data_text: str, known: KnownNames) -> tuple[str | None, list[str]]:
    """Mermaid for a diagram given as data, keeping only known nodes; (None, …) when too little is left."""
    try:
        data = find_object(data_text).data
    except JSONProblem:
        return None, ["a diagram that was not JSON data"]
    kind = str(data.get("kind", "flowchart")).lower()
    kind = kind if kind in DIAGRAM_KINDS else "flowchart"
    raw_nodes = data.get("nodes")
    names = [_name(node) for node in raw_nodes] if isinstance(raw_nodes, list) else []
    nodes = [name for name in dict.fromkeys(names) if name and _NODE.match(name) and known.knows(name)][:MAX_NODES]
    removed = [f"diagram node {name}" for name in names if name and name not in nodes]
    edges: list[tuple[str, str, str]] = []
    raw_edges = data.get("edges")
    for edge in raw_edges[:MAX_EDGES] if isinstance(raw_edges, list) else []:
        source, target, text = _edge(edge)
        if source in nodes and target in nodes:
            edges.append((source, target, text))
    if len(nodes) < 2 or not edges:
        return None, removed
    used = {name for edge in edges for name in edge[:2]}
    return LabeledGraph(kind, [n for n in nodes if n in used], edges).render(), removed


def _name(node: object) -> str:
    if isinstance(node, dict):
        node = node.get("id") or node.get("name") or ""
    return str(node).strip().strip("`") if isinstance(node, str) else ""


def _edge(edge: object) -> tuple[str, str, str]:
    if isinstance(edge, dict):
        parts = [edge.get("from"), edge.get("to"), edge.get("label", "")]
    elif isinstance(edge, list) and len(edge) >= 2:
        parts = [*edge[:3], ""][:3]
    else:
        return "", "", ""
    source, target, text = (str(part).strip().strip("`") if part is not None else "" for part in parts)
    return source, target, text[:40]
