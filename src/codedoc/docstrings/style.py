"""The Python docstring style a repository already uses, read from its existing docstrings."""

from __future__ import annotations

import re
from collections import Counter

from codedoc.docstrings.text import PythonStyle
from codedoc.model import CodeModel, Language

_MARKERS: tuple[tuple[PythonStyle, re.Pattern[str]], ...] = (
    (PythonStyle.NUMPY, re.compile(r"^\s*(Parameters|Returns|Raises|Yields)\s*\n\s*-{3,}\s*$", re.MULTILINE)),
    (PythonStyle.REST, re.compile(r"^\s*:(param|type|returns?|rtype|raises?)\b[^:\n]*:", re.MULTILINE)),
    (PythonStyle.GOOGLE, re.compile(r"^\s*(Args|Arguments|Returns|Raises|Yields|Attributes):\s*$", re.MULTILINE)),
)


def detect_python_style(model: CodeModel, default: PythonStyle = PythonStyle.GOOGLE) -> PythonStyle:
    """The style most of the repository's structured docstrings use; `default` when none is structured."""
    votes: Counter[PythonStyle] = Counter()
    for module in model.modules:
        if module.language is not Language.PYTHON:
            continue
        for symbol in module.symbols:
            text = symbol.docstring
            if not text or "\n" not in text:
                continue
            for style, marker in _MARKERS:
                if marker.search(text):
                    votes[style] += 1
                    break
    if not votes:
        return default
    return max(votes, key=lambda style: (votes[style], style is default))
