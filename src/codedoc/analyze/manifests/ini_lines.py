"""INI files (setup.cfg, tox.ini) with line numbers: `configparser` for the values, a line scan
for where each section, key and continuation line is written."""

from __future__ import annotations

import configparser
import re

from codedoc.analyze.manifests.guard import ManifestProblem
from codedoc.analyze.manifests.lines import Span, split_lines

_SECTION = re.compile(r"^\[([^\]]+)\]")
_KEY = re.compile(r"^([^\s#;=:][^=:]*?)\s*[=:]\s?(.*)$")


def load_ini(text: str, name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text, source=name)
    except configparser.Error as error:
        line = getattr(error, "lineno", None)
        message = str(error).splitlines()[0]
        raise ManifestProblem(f"{name} is not a valid INI file: {message}", line) from None
    return parser


class IniLines:
    """Where each section and key is written, and the line of each line of a multi-line value."""

    def __init__(self, text: str) -> None:
        self._sections: dict[str, Span] = {}
        self._keys: dict[tuple[str, str], list[tuple[int, str]]] = {}
        section = ""
        key: tuple[str, str] | None = None
        for number, line in enumerate(split_lines(text), 1):
            stripped = line.strip()
            if not stripped or stripped.startswith(("#", ";")):
                continue
            if line[0] in " \t":
                if key is not None:
                    self._keys[key].append((number, stripped))
                    self._extend(section, number)
                continue
            header = _SECTION.match(line)
            if header:
                section = header.group(1).strip()
                self._sections.setdefault(section, (number, number))
                key = None
                continue
            found = _KEY.match(line)
            if found:
                key = (section, found.group(1).strip().lower())
                self._keys.setdefault(key, []).clear()
                self._keys[key].append((number, found.group(2).strip()))
                self._extend(section, number)

    def _extend(self, section: str, line: int) -> None:
        if section in self._sections:
            self._sections[section] = (self._sections[section][0], line)

    def section(self, section: str) -> Span | None:
        return self._sections.get(section)

    def key(self, section: str, key: str) -> Span | None:
        lines = self._keys.get((section, key.lower()))
        if not lines:
            return None
        return (lines[0][0], lines[-1][0])

    def value_line(self, section: str, key: str, value: str) -> int:
        """The line holding `value` inside a (multi-line) value, else the key's line."""
        lines = self._keys.get((section, key.lower()), [])
        for number, text in lines:
            if text == value or text.startswith(value):
                return number
        for number, text in lines:
            if value in text:
                return number
        if lines:
            return lines[0][0]
        return (self._sections.get(section) or (1, 1))[0]
