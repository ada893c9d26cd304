"""Identifier-aware words: what the index stores beside the text, and how a question is matched.

SQLite's `unicode61` tokenizer already splits on `_` and `.`, but it folds `HTTPAdapter` into one
word. Every name is therefore also indexed pre-split (`HTTPAdapter` → "http adapter",
`get_adapter` → "get adapter"), and a question's identifiers are matched both whole and split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_QUERY_WORDS = 16

_STOPWORD_TEXT = """a an and any are as at be been by can could do does did for from has have how i if in into is it its
    me my of on or our should so that the their them then there these this those to up was we were what when
    where which who whom why will with would you your about after before being between both each few more most
    other some such than too very just also not no nor only own same s t don now here out over under again
    further once all way ways work works happen happens used use using code repository repo project"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=100_000)
def _split(name: str) -> tuple[str, ...]:
    # `_CAMEL` matches only letters and digits, and its look-ahead only a letter and a letter or
    # digit: no match reaches across the other characters, so they need not be split off first.
    return tuple(map(str.lower, _CAMEL.findall(name)))


def split_identifier(name: str) -> list[str]:
    """`HTTPAdapter` → [http, adapter]; `get_adapter` → [get, adapter]; `parseURL2` → [parse, url, 2]."""
    return list(_split(name))


def index_words(*names: str | None) -> str:
    """The pre-split form of `names`, for the index's `names` column."""
    if len(names) == 1:
        return _name_words(names[0] or "")
    words: list[str] = []
    for name in names:
        words.extend(_dotted_words(name or ""))
    return " ".join(dict.fromkeys(words))


@lru_cache(maxsize=100_000)
def _name_words(name: str) -> str:
    # A symbol's name is indexed with its record and again with each chunk of its source.
    return " ".join(_dotted_words(name))


def _dotted_words(name: str) -> Iterable[str]:
    """The words of `name`, part by part: `Session.get` is the words of `Session`, then of `get`
    (no identifier holds a dot, so this is what one pass finds), each part's asked for often."""
    if "." not in name:
        return _words_of(name)
    words: list[str] = []
    for part in name.split("."):
        words.extend(_words_of(part))
    return dict.fromkeys(words)


@lru_cache(maxsize=100_000)
def _words_of(name: str) -> tuple[str, ...]:
    words: list[str] = []
    for identifier in _WORD.findall(name):
        parts = _split(identifier)
        words.extend(parts)
        if len(parts) > 1:
            words.append("".join(parts))
    return tuple(dict.fromkeys(words))


def question_words(question: str) -> list[str]:
    """The identifiers and words of a question worth matching, in order, without stop words."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(question):
        if word.lower() in STOPWORDS and word.islower():
            continue
        if len(word) == 1 and not word.isupper():
            continue
        seen.setdefault(word, None)
    return list(seen)[:MAX_QUERY_WORDS]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', "") + '"'


def match_expression(words: Iterable[str]) -> str:
    """An FTS5 MATCH expression: any word, an identifier whole or as its split phrase.

    Every piece is quoted, so nothing a person types is read as FTS5 syntax."""
    groups: list[str] = []
    for word in words:
        parts = split_identifier(word)
        if not parts:
            continue
        options = [_quoted(word.lower())]
        if len(parts) > 1:
            options.append(_quoted(" ".join(parts)))
            options.append(_quoted("".join(parts)))
        groups.append(options[0] if len(options) == 1 else "(" + " OR ".join(dict.fromkeys(options)) + ")")
    return " OR ".join(groups)


def stems(words: Iterable[str]) -> dict[str, str]:
    """Rough stem → the word it came from, for the words and their parts: to say what a result matched."""
    out: dict[str, str] = {}
    for word in words:
        for part in dict.fromkeys([word.lower(), *split_identifier(word)]):
            if len(part) >= 3:
                out.setdefault(part[: max(3, min(len(part), 6) - 1)], part)
    return out
