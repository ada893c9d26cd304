"""A docstring's content, independent of its language and style: summary, details, parameters,
return value, exceptions. Writers produce it; `codedoc.docstrings.render` turns it into comment text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class PythonStyle(StrEnum):
    GOOGLE = "google"
    NUMPY = "numpy"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class ParamDoc:
    name: str
    description: str
    type: str | None = None
    default: str | None = None
    kind: str = "positional_or_keyword"


@dataclass(frozen=True, slots=True)
class RaiseDoc:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class DocText:
    summary: str
    """One sentence, ending with a full stop."""
    details: str = ""
    """Further paragraphs (what the body calls, or an LLM's explanation)."""
    params: tuple[ParamDoc, ...] = ()
    attributes: tuple[ParamDoc, ...] = ()
    """A class's fields (Python), documented like parameters."""
    returns: str | None = None
    """What the return value is; None when nothing is returned."""
    return_type: str | None = None
    yields: bool = False
    raises: tuple[RaiseDoc, ...] = ()


_WORD = re.compile(r"[A-Z]+\d*(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")


def split_words(name: str) -> list[str]:
    """`getUserByID` → get, user, by, ID; `load_config` → load, config; `urllib3_version` → urllib3,
    version. Acronyms keep their case."""
    words = _WORD.findall(name)
    return [w if (w.isupper() and len(w) > 1) else w.lower() for w in words]


def sentence(text: str) -> str:
    """Capitalised, ending with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def third_person(verb: str) -> str:
    """`get` → gets, `match` → matches, `apply` → applies (Go, Java and Rust doc comments say what a function does)."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
