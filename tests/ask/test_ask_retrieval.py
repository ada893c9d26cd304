"""Retrieval quality: each question finds the symbol or file that answers it in the top 5."""

from __future__ import annotations

import pytest
from ask_indexes import IndexOf
from ask_questions import CODEDOC_QUESTIONS, NETKIT, NETKIT_QUESTIONS, TINYHTTP_QUESTIONS, found_at

from codedoc.ask import AskIndex
from fixture_repos import PYTHON_LIBRARY


@pytest.mark.parametrize(("question", "expected"), NETKIT_QUESTIONS)
def test_netkit_question_finds_its_answer_in_the_top_5(index_of: IndexOf, question: str, expected: str) -> None:
    hits = list(index_of(NETKIT).search(question, limit=5).hits)
    assert found_at(hits, expected) is not None, [(h.key, str(h.citation)) for h in hits]


def test_tinyhttp_questions_find_their_answers_in_the_top_5(index_of: IndexOf) -> None:
    index = index_of(PYTHON_LIBRARY)
    for question, expected in TINYHTTP_QUESTIONS:
        hits = list(index.search(question, limit=5).hits)
        assert found_at(hits, expected) is not None, (question, [(h.key, str(h.citation)) for h in hits])


@pytest.mark.slow
def test_questions_about_codedoc_itself_find_their_answers_in_the_top_5(codedoc_index: AskIndex) -> None:
    missed = []
    for question, expected in CODEDOC_QUESTIONS:
        hits = list(codedoc_index.search(question, limit=5).hits)
        if found_at(hits, expected) is None:
            missed.append((question, expected, [str(h.citation or h.page) for h in hits]))
    assert missed == []


def test_identifiers_match_in_words_and_whole(index_of: IndexOf) -> None:
    index = index_of(NETKIT)
    assert index.search("http adapter", limit=1).hits[0].key == "netkit.adapters.HTTPAdapter"
    assert index.search("HTTPAdapter", limit=1).hits[0].key == "netkit.adapters.HTTPAdapter"
    assert index.search("get adapter", limit=1).hits[0].key == "netkit.sessions.Session.get_adapter"
    assert index.search("get_adapter", limit=1).hits[0].key == "netkit.sessions.Session.get_adapter"


def test_every_result_is_cited_and_says_why(index_of: IndexOf) -> None:
    index = index_of(NETKIT)
    hits = index.search("how does a session pick its adapter?", limit=8).hits
    assert hits
    for hit in hits:
        assert hit.why and "\n" not in hit.why
        assert hit.citation is not None or hit.page is not None
    code_hits = [hit for hit in hits if hit.citation is not None]
    for hit in code_hits:
        lines = index.line_counts()[hit.citation.path]
        assert 1 <= hit.citation.start_line <= hit.citation.end_line <= lines


def test_fts_syntax_in_a_question_is_only_words(index_of: IndexOf) -> None:
    index = index_of(NETKIT)
    for question in ['adapter" OR x:', "NEAR(a b)", "*", "session AND -- ;DROP TABLE docs", '"""', "^adapter"]:
        index.search(question)  # never an FTS5 syntax error
    assert index.search("?!.", limit=3).hits == ()
