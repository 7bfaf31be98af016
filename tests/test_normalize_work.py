"""Normalisation and paragraph breaks (``newsx_paragraph_breaks``) do work linear in the text, on
hostile text: counted, not timed.

As in ``test_quotes_work``, a tracer counts the lines of newsx run (in ``newsx/normalize.py`` and
``newsx/components.py``) and doubling the input may at most about double the count. The ALL-CAPS
pass is the one that once took quadratic time inside ``re`` ("A. " repeated: 44 s for 80,000
characters), where no line counter sees it: it is now a scan whose every pattern is matched at
one place and over one word at most, so its work is its lines; and it finds exactly what the one
pattern ``ALL_CAPS_RUN`` finds, which a generated-text test checks.
"""
from __future__ import annotations

import random

import pytest
from spacy.tokens import Doc

import newsx.components
import newsx.normalize
import work
from docs import vocab
from work import MAX_GROWTH
from newsx.components import ParagraphBreaks, line_starts
from newsx.lexicon import resolve_lexicon
from newsx.normalize import ALL_CAPS_RUN, caps_runs, normalize

COUNTED = (newsx.normalize.__file__, newsx.components.__file__)
SIZE = 20_000


def lines_run(call, *args, files: tuple[str, ...] = COUNTED) -> int:
    """How many lines of ``files`` run in ``call(*args)``."""
    return work.lines_run(call, *args, counted=files)


def repeated(unit: str):
    return lambda size: (unit * (size // len(unit) + 1))[:size]


TEXTS = {
    "initials": repeated("A. "),  # a run of capitals that never ends at a word boundary
    "initials and words": repeated("A. B. JONES. "),
    "capitals": repeated("SHOUTED HEADLINE WORDS "),
    "capital dashes": repeated("AB-CD- "),
    "news": repeated("The minister, JOHN SMITH of the U.S. Senate, said: “We will win.”\n"),
}


@pytest.mark.parametrize("case", list(TEXTS))
def test_normalize_work_grows_at_most_linearly_with_the_text(case):
    make = TEXTS[case]
    small, large = lines_run(normalize, make(SIZE)), lines_run(normalize, make(2 * SIZE))
    assert small > 0
    assert large <= MAX_GROWTH * small, f"{case}: {small} lines for {SIZE} characters, {large} for {2 * SIZE}"


def test_normalize_caps_runs_find_what_the_pattern_finds():
    # Short texts of the characters that decide a run: capitals, other letters, the marks a word
    # may hold, spaces, tabs and line breaks, digits and underscores (word characters for \b).
    pieces = ["A", "B", "Z", "a", "é", "É", ".", "'", "\u2019", "-", " ", "\t", "\n", "1", "_", "AB", "CD.", " A."]
    generator = random.Random(16)
    for _ in range(20_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 14)))
        assert list(caps_runs(text)) == [m.span() for m in ALL_CAPS_RUN.finditer(text)], repr(text)


@pytest.mark.parametrize("text, expected", [
    ("A. A. A. ", "A. A. A. "),  # no run ends at a word boundary: nothing changes
    ("By A. B. JONES.", "By A. B. Jones."),
    ("JOHN SMITH-", "John Smith-"),
    ("AB CD.x", "Ab Cd.x"),
])
def test_normalize_caps_runs_on_initials(text, expected):
    assert normalize(text) == expected


def paragraphs_doc(paragraphs: int, words: int) -> Doc:
    """``paragraphs`` paragraphs of ``words`` words, a line break between them."""
    tokens, spaces = [], []
    for p in range(paragraphs):
        tokens += ["word"] * words + ["."]
        spaces += [True] * (words - 1) + [False, False]
        if p < paragraphs - 1:
            tokens.append("\n\n")
            spaces.append(False)
    return Doc(vocab(), words=tokens, spaces=spaces)


def test_components_paragraph_breaks_start_a_sentence_after_every_line_break():
    doc = ParagraphBreaks(resolve_lexicon(None))(paragraphs_doc(3, 4))
    assert [t.i for t in doc if t.is_sent_start] == [0, 6, 12]  # the first token starts one anyway
    assert line_starts(doc) == [6, 12]


def test_components_paragraph_breaks_work_grows_with_the_line_breaks_not_the_words():
    breaks = ParagraphBreaks(resolve_lexicon(None))
    few_words = lines_run(breaks, paragraphs_doc(200, 10))
    more_words = lines_run(breaks, paragraphs_doc(200, 40))
    more_paragraphs = lines_run(breaks, paragraphs_doc(400, 10))
    assert few_words > 0
    assert more_words <= 1.1 * few_words, (few_words, more_words)  # no line run per token
    assert more_paragraphs <= MAX_GROWTH * few_words, (few_words, more_paragraphs)


def test_components_paragraph_breaks_counter_sees_a_pass_over_every_token(monkeypatch):
    """The counter is not blind: a pass that visits every token, as the component once did, makes
    the work grow with the words (its lines, here in this file, counted as the component's)."""
    def every_token(doc):
        return [token.i for token in doc[1:] if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text]

    monkeypatch.setattr(newsx.components, "line_starts", every_token)
    breaks = ParagraphBreaks(resolve_lexicon(None))
    files = COUNTED + (__file__,)
    few = lines_run(breaks, paragraphs_doc(200, 10), files=files)
    more = lines_run(breaks, paragraphs_doc(200, 40), files=files)
    assert more > 2 * few
