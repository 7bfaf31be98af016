"""Quote-mark pairing on messy marks, paragraph by paragraph."""
from __future__ import annotations

import pytest

from newsx.lexicon import default_lexicon
from newsx.marks import pair_marks
from newsx.normalize import paragraphs


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in pair_marks(text, paragraphs(text), default_lexicon())]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("He said “yes” and “no”.", ["yes", "no"]),
        ("''It is over,'' he said.", ["It is over,"]),
        ("``It is over,'' he said.", ["It is over,"]),
        ("“It is ‘over’ now,” he said.", ["It is ‘over’ now,"]),
        # A closing mark used as the opening one.
        ("in regards to” joint action to counter terror.”", ["joint action to counter terror."]),
        ("«Nous sommes prêts», a-t-il dit.", ["Nous sommes prêts"]),
        ("„Wir sind bereit“, sagte er.", ["Wir sind bereit"]),
        ("「準備はできている」と彼は言った。", ["準備はできている"]),
        # Opened with a single mark and closed with a double one, or the reverse.
        ("'We will win,\" she said.", ["We will win,"]),
        ("‘We will win,” she said.", ["We will win,"]),
        ("\"We will win,' she said.", ["We will win,"]),
        ("“We will win,’ she said.", ["We will win,"]),
        # ... but an apostrophe is no mark, and a single quotation inside a double one stays inside.
        ("The players' union said \"no\".", ["no"]),
        ("\"He said 'no,' and left,\" she said.", ["He said 'no,' and left,"]),
    ],
)
def test_marks_pairs_messy_marks(text, expected):
    assert quoted(text) == expected


def test_marks_unclosed_quote_runs_to_paragraph_end_and_next_paragraph_still_pairs():
    text = "He said “this never ends\n\nShe said “done” then."
    spans = pair_marks(text, paragraphs(text), default_lexicon())
    assert [text[s.start:s.end] for s in spans] == ["this never ends", "done"]
    assert not spans[0].closed and spans[1].closed


def test_marks_multi_paragraph_quote_is_continued():
    text = "“The first part of it,\n\n“and the second part of it,” she said."
    spans = pair_marks(text, paragraphs(text), default_lexicon())
    assert [s.continued for s in spans] == [True, False]
    assert text[spans[1].start:spans[1].end] == "and the second part of it,"


def test_marks_odd_number_of_marks_never_gives_up_on_the_article():
    text = "A stray ” mark.\n\n“Still found,” he said.\n\nAnother “one."
    assert "Still found," in quoted(text)


def test_marks_ignores_quotes_inside_markup_tags():
    text = '<tweet author="someone" id="1">We “must” act</tweet>.'
    assert quoted(text) == ["must"]


def test_marks_double_quotation_with_a_single_quotation_inside_is_not_closed_by_it():
    text = "\"He told me 'go home,' and I stayed\n\nShe left."
    spans = pair_marks(text, paragraphs(text), default_lexicon())
    assert [text[s.start:s.end] for s in spans] == ["He told me 'go home,' and I stayed"]
    assert not spans[0].closed
