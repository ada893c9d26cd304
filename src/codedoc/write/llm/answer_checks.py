"""Answers that parse but are still not answers: empty, a refusal, in another language than the
English asked for, or the prompt's facts repeated back. Each raises `AnswerError` with a message
that is sent back to the model when it is asked again."""

from __future__ import annotations

import re

from codedoc.write.llm.answers import AnswerError

MIN_WORDS = 3

_REFUSAL = re.compile(
    r"^\W*(?:i'?m sorry|i am sorry|sorry,|unfortunately,? i|i can(?:no|')t|i cannot|i'?m (?:not )?(?:unable|able)|"
    r"i am (?:not )?(?:unable|able)|i won'?t|i will not|as an ai|i do not have access|i don'?t have access)",
    re.IGNORECASE,
)
# The most frequent English function words: English prose of a dozen words always has some.
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "is",
        "are",
        "in",
        "it",
        "its",
        "for",
        "with",
        "that",
        "this",
        "by",
        "as",
        "on",
        "from",
        "be",
        "or",
        "can",
        "which",
        "when",
        "each",
        "uses",
        "use",
        "used",
        "into",
        "not",
        "if",
        "has",
        "have",
        "their",
        "them",
        "these",
        "those",
        "all",
        "one",
        "at",
        "so",
        "how",
        "what",
    ]
)
_CODE = re.compile(r"`[^`]*`")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def check_text(text: str, prompt: str, *, raw: str | None = None) -> None:
    """Raise `AnswerError` when `text` (the usable prose of an answer; `raw` as the model wrote it)
    is not an answer to `prompt`."""
    prose = _CODE.sub(" ", text)
    words = _WORD.findall(prose)
    if len(_WORD.findall(text)) < MIN_WORDS:
        raise AnswerError("the answer is empty")
    if _REFUSAL.match(text.strip()):
        raise AnswerError(
            "the answer is a refusal; the task is only to describe the code in the facts given, which is allowed"
        )
    if _repeats(text, prompt) or (raw is not None and _repeats(raw, prompt)):
        raise AnswerError("the answer only repeats the facts it was given; explain them in your own words")
    if _foreign(prose, words):
        raise AnswerError("the answer is not in English; write it in English")


def _foreign(prose: str, words: list[str]) -> bool:
    letters = [char for char in prose if char.isalpha()]
    if letters and sum(1 for char in letters if not char.isascii()) / len(letters) > 0.3:
        return True
    if len(words) < 12:
        return False
    english = sum(1 for word in words if word.lower() in _ENGLISH)
    return english / len(words) < 0.06


def _repeats(text: str, prompt: str) -> bool:
    """The facts' own lines handed back (a summary that reuses a sentence of an earlier summary is fine)."""
    if "<repository_data" in text or "</repository_data" in text:
        return True
    task = prompt.split("\n", 1)[0].strip()
    if len(task) > 20 and task in text:
        return True
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 8]
    if len(lines) < 2:
        return False
    given = {line.strip() for line in prompt.splitlines()}
    return sum(1 for line in lines if line in given) / len(lines) >= 0.5
