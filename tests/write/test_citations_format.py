"""Citations: a permalink when the remote and commit are known, else a code span; always within the file."""

from __future__ import annotations

from codedoc.model import Location
from codedoc.write.citations import CITATION_SPAN, Citer
from write.factories import python_library


def citer(**kwargs: str) -> Citer:
    model = python_library(**kwargs)
    return Citer.for_repository(model.repository, ((m.path, m.line_count) for m in model.modules))


def test_citation_is_a_code_span_without_a_remote() -> None:
    assert citer().cite(Location("src/tinyhttp/client.py", 12, 26)) == "`src/tinyhttp/client.py:12-26`"
    assert citer().cite(Location("src/tinyhttp/client.py", 9, 9)) == "`src/tinyhttp/client.py:9`"


def test_citation_links_to_the_permalink_with_remote_and_commit() -> None:
    cited = citer(source_url="https://github.com/o/r.git", commit_sha="c" * 40).cite(
        Location("src/tinyhttp/client.py", 12, 26)
    )
    assert cited == (
        f"[src/tinyhttp/client.py:12-26](https://github.com/o/r/blob/{'c' * 40}/src/tinyhttp/client.py#L12-L26)"
    )


def test_citation_is_clamped_to_the_length_of_the_file() -> None:
    assert citer().cite(Location("src/tinyhttp/errors.py", 8, 400)) == "`src/tinyhttp/errors.py:8-9`"


def test_citation_of_an_unknown_file_is_left_out() -> None:
    assert citer().cite(Location("nowhere.py", 1, 2)) == ""
    assert citer().cite(None) == ""


def test_cite_all_deduplicates_and_counts_the_rest() -> None:
    locations = [Location("src/tinyhttp/client.py", n, n) for n in (1, 1, 2, 3)]
    assert citer().cite_all(locations, limit=2) == (
        "`src/tinyhttp/client.py:1`, `src/tinyhttp/client.py:2`, and 1 more"
    )


def test_citation_span_pattern_reads_path_and_range() -> None:
    match = CITATION_SPAN.match("src/a b.py:3-9")
    assert match is not None
    assert (match.group("path"), match.group("start"), match.group("end")) == ("src/a b.py", "3", "9")
