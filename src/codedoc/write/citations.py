"""Citations: how a page points at the lines of code a fact comes from.

One format, which `codedoc.write.verify` relies on:

- with a known remote and commit, a link whose label is the location and whose target is the
  permalink: `[src/app.py:10-20](https://github.com/o/r/blob/<sha>/src/app.py#L10-L20)`;
- otherwise an inline code span holding the location: `` `src/app.py:10-20` `` (or
  `` `src/app.py:7` `` for one line), which MkDocs renders without any link to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from codedoc.model import Location, Repository
from codedoc.write.markdown import code, link, one_line, text

CITATION_SPAN = re.compile(r"^(?P<path>\S.*?):(?P<start>\d+)(?:-(?P<end>\d+))?$")
"""The content of a code span that cites lines: `path:start` or `path:start-end`."""


@dataclass(frozen=True, slots=True)
class Citer:
    """Makes citations for one repository, clamped to the files it knows."""

    repository: Repository
    line_counts: dict[str, int]
    """Lines per citable path (scanned files and analysed modules)."""
    plain_paths: dict[str, bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Whether a path can stand in a citation as it is, by path (SQLAlchemy cites 11,000 times)."""

    @classmethod
    def for_repository(cls, repository: Repository, modules: Iterable[tuple[str, int]] = ()) -> Citer:
        counts = {source.path: source.line_count for source in repository.files}
        for path, lines in modules:
            counts.setdefault(path, lines)
        return cls(repository, counts)

    def location(self, location: Location) -> Location | None:
        """The location clamped to the file's length, or None when it cannot be cited."""
        lines = self.line_counts.get(location.path)
        if lines is None or not self._plain(location.path):
            return None
        start = max(1, location.start_line)
        if lines > 0:
            start = min(start, lines)
        end = max(start, location.end_line)
        if lines > 0:
            end = min(end, lines)
        return Location(location.path, start, end)

    def _plain(self, path: str) -> bool:
        plain = self.plain_paths.get(path)
        if plain is None:
            plain = self.plain_paths[path] = path == one_line(path) and "`" not in path
        return plain

    def cite(self, location: Location | None) -> str:
        """Markdown citing `location`, or "" when it cannot be cited."""
        if location is None:
            return ""
        checked = self.location(location)
        if checked is None:
            return ""
        url = self.repository.permalink(checked)
        if url:
            return link(text(str(checked)), url)
        return code(str(checked))

    def cite_path(self, path: str) -> str:
        """A citation of a whole file (its first line when its length is unknown)."""
        lines = self.line_counts.get(path)
        if not lines:  # unknown, or an empty file: there is no line to point at
            return ""
        return self.cite(Location(path, 1, lines))

    def cite_all(self, locations: Iterable[Location], *, limit: int = 5) -> str:
        """Up to `limit` distinct citations joined by commas, with a count of the rest."""
        seen: list[str] = []
        extra = 0
        for location in locations:
            cited = self.cite(location)
            if not cited or cited in seen:
                continue
            if len(seen) < limit:
                seen.append(cited)
            else:
                extra += 1
        if extra:
            seen.append(f"and {extra:,} more")
        return ", ".join(seen)
