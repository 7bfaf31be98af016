"""The same-length copy spaCy reads, paragraphs and chunks (no model)."""
from __future__ import annotations

import pytest

from newsx.normalize import MAX_RUN, chunks, normalize, paragraphs


@pytest.mark.parametrize("text, expected", [
    ("[ALEXANDER NEMENOV/AFP via Getty]", "[Alexander Nemenov/AFP via Getty]"),
    ("a\u00a0b\u2009c", "a b c"),
    ("ONE word IN capitals", "ONE word IN capitals"),  # a single capitalised word is an acronym
    ("broken \ud800 surrogate", "broken \ufffd surrogate"),
])
def test_normalize_keeps_length_and_fixes_what_spacy_reads_badly(text, expected):
    assert normalize(text) == expected
    assert len(normalize(text)) == len(text)


def test_normalize_breaks_runs_without_spaces():
    run = "x" * (3 * MAX_RUN + 5)
    normalized = normalize(run)
    assert len(normalized) == len(run) and max(len(w) for w in normalized.split()) <= MAX_RUN


def test_normalize_paragraphs_are_the_non_blank_lines():
    text = "One.\n\n  \nTwo.\r\nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]


@pytest.mark.parametrize("size", [3, 5, 8, 100])
def test_normalize_chunks_join_back_to_the_text(size):
    text = "aa\nbb cc\ndd eeeeeeeee\nf"
    pieces = chunks(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces)


def test_normalize_chunks_cut_at_line_breaks_first():
    assert chunks("aa bb\ncc dd\nee fff", 9) == ["aa bb\n", "cc dd\n", "ee fff"]
