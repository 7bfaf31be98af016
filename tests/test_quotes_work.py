"""The quote passes do work linear in the article's length, on hostile text: counted, not timed.

Each case builds a synthetic article of a repeated pattern at two sizes, as a hand-built spaCy Doc
(no model: the parse is part of the pattern), runs :func:`newsx.quotes.extract_quotes` under a
tracer that counts the lines executed in ``newsx/quotes/`` and ``newsx/marks.py``, and asserts that
doubling the article at most about doubles the count. A pass that rescans what came before for each
quote, mark or report (quadratic) would quadruple it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from spacy.tokens import Doc

import newsx.marks
import newsx.quotes
import work
from docs import vocab
from newsx.quotes import extract_quotes
from work import MAX_GROWTH

#: The source files whose lines are counted.
COUNTED = (str(Path(newsx.quotes.__file__).parent), newsx.marks.__file__)

#: The smaller article's length in cue windows (``[quotes] cue_window_chars``): long enough that the
#: text around a quote is read in full windows, as it is in any long article, so that doubling the
#: article doubles the windows read and not more.
WINDOWS = 3


def repeats(build) -> int:
    """How many repeats of ``build``'s pattern make an article of WINDOWS cue windows."""
    from newsx.lexicon import default_lexicon

    per_repeat = len(build(2).text) - len(build(1).text)
    return -(-WINDOWS * default_lexicon().quotes.cue_window_chars // per_repeat)


@dataclass
class Builder:
    """Tokens of a synthetic article: each added with its tag, dependency and head."""

    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    ents: list[str] = field(default_factory=list)

    def add(self, word: str, tag: str, dep: str, head: int | None = None, *, space: bool = True,
            ent: str = "O") -> int:
        """Add a token; ``head`` is a token index (None: the token heads itself). Returns its index."""
        index = len(self.words)
        self.words.append(word)
        self.spaces.append(space)
        self.tags.append(tag)
        self.deps.append(dep)
        self.heads.append(index if head is None else head)
        self.ents.append(ent)
        return index

    def point(self, token: int, head: int) -> None:
        """Attach ``token`` to ``head`` (once the head is added)."""
        self.heads[token] = head

    def doc(self) -> Doc:
        return Doc(vocab(), words=self.words, spaces=self.spaces, tags=self.tags, deps=self.deps,
                   heads=self.heads, ents=self.ents)


def tiny_quotes(n: int) -> Doc:
    """One paragraph of many short quotes: “a” “a” “a” ... she said."""
    b = Builder()
    tokens = []
    for _ in range(n):
        tokens += [b.add("“", "``", "punct", space=False), b.add("a", "NN", "dobj", space=False),
                   b.add("”", "''", "punct")]
    she = b.add("she", "PRP", "nsubj")
    said = b.add("said", "VBD", "ROOT", space=False)
    b.point(she, said)
    for t in tokens:
        b.point(t, said)
    b.add(".", ".", "punct", said, space=False)
    return b.doc()


def uncued_quotes(n: int) -> Doc:
    """One paragraph of many short quotes and no cue at all: “a” “a” “a” ... (every search for a
    cue or a name runs its whole course)."""
    b = Builder()
    root = b.add("Look", "VB", "ROOT")
    for _ in range(n):
        b.add("“", "``", "punct", root, space=False)
        b.add("a", "NN", "dobj", root, space=False)
        b.add("”", "''", "punct", root)
    return b.doc()


def according_chain(n: int) -> Doc:
    """One sentence of many cue phrases: according to Doe, according to Doe, ... it works."""
    b = Builder()
    pending = []
    for _ in range(n):
        according = b.add("according", "VBG", "prep")
        to = b.add("to", "IN", "prep", according)
        b.add("Doe", "NNP", "pobj", to, space=False, ent="B-PERSON")
        comma = b.add(",", ",", "punct")
        pending += [according, comma]
    it = b.add("it", "PRP", "nsubj")
    works = b.add("works", "VBZ", "ROOT", space=False)
    b.point(it, works)
    for t in pending:
        b.point(t, works)
    b.add(".", ".", "punct", works, space=False)
    return b.doc()


def nested_reports(n: int) -> Doc:
    """One sentence of reports nested in reports: Smith said that Jones said that ... it works."""
    b = Builder()
    previous = mark = None
    for k in range(n):
        name = b.add("Smith" if k % 2 else "Jones", "NNP", "nsubj", ent="B-PERSON")
        said = b.add("said", "VBD", "ROOT" if previous is None else "ccomp", previous)
        b.point(name, said)
        if mark is not None:
            b.point(mark, said)  # the "that" before this report introduces it
        mark = b.add("that", "IN", "mark")
        previous = said
    it = b.add("it", "PRP", "nsubj")
    works = b.add("works", "VBZ", "ccomp", previous, space=False)
    b.point(it, works)
    b.point(mark, works)
    b.add(".", ".", "punct", 1, space=False)
    return b.doc()


def colon_runs(n: int) -> Doc:
    """One paragraph of introductions that never quote: The minister said: The minister said: ..."""
    b = Builder()
    for _ in range(n):
        the = b.add("The", "DT", "det")
        minister = b.add("minister", "NN", "nsubj")
        said = b.add("said", "VBD", "ROOT", space=False)
        b.point(the, minister)
        b.point(minister, said)
        b.add(":", ":", "punct", said)
    return b.doc()


def unpaired_marks(n: int) -> Doc:
    """One paragraph of prose with opening marks never closed: He said “ it works. He said “ ..."""
    b = Builder()
    for _ in range(n):
        he = b.add("He", "PRP", "nsubj")
        said = b.add("said", "VBD", "ROOT")
        b.point(he, said)
        b.add("“", "``", "punct", said, space=False)
        it = b.add("it", "PRP", "nsubj")
        works = b.add("works", "VBZ", "ccomp", said, space=False)
        b.point(it, works)
        b.add(".", ".", "punct", said)
    return b.doc()


def marks_in_markup(n: int) -> Doc:
    """Quote marks between HTML tags: <b>"x"</b> <b>"x"</b> ..."""
    b = Builder()
    root = b.add("Look", "VB", "ROOT")
    for _ in range(n):
        for word, tag in (("<b>", "XX"), ('"', "``"), ("x", "NN"), ('"', "''"), ("</b>", "XX")):
            b.add(word, tag, "dep", root, space=word == "</b>")
    return b.doc()


def alternating_marks(n: int) -> Doc:
    """Mixed single and double marks with spaces: “ ' " “ ' " ..."""
    b = Builder()
    root = b.add("Look", "VB", "ROOT")
    for _ in range(n):
        for word in ("“", "'", '"'):
            b.add(word, "``", "punct", root)
    return b.doc()


def plain_news(n: int) -> Doc:
    """Ordinary paragraphs, repeated: a quote split by its cue, a reported clause, "according to"."""
    b = Builder()
    for _ in range(n):
        o1 = b.add("“", "``", "punct", space=False)
        we = b.add("We", "PRP", "nsubj")
        win = b.add("win", "VBP", "ccomp", space=False)
        c1 = b.add(",", ",", "punct", space=False)
        c2 = b.add("”", "''", "punct")
        said = b.add("said", "VBD", "ROOT")
        for t in (o1, win, c1, c2):
            b.point(t, said)
        b.point(we, win)
        b.add("Jane", "NNP", "compound", len(b.words) + 1, ent="B-PERSON")
        b.add("Doe", "NNP", "nsubj", said, space=False, ent="I-PERSON")
        b.add(".", ".", "punct", said)
        o2 = b.add("“", "``", "punct", space=False)
        nobody = b.add("Nobody", "NN", "nsubj")
        stops = b.add("stops", "VBZ", "ROOT")
        b.point(o2, stops)
        b.point(nobody, stops)
        b.add("us", "PRP", "dobj", stops, space=False)
        b.add(".", ".", "punct", stops, space=False)
        b.add("”", "''", "punct", stops, space=False)
        b.add("\n\n", "_SP", "dep", stops, space=False)
        doe = b.add("Doe", "NNP", "nsubj", ent="B-PERSON")
        said2 = b.add("said", "VBD", "ROOT")
        b.point(doe, said2)
        that = b.add("that", "IN", "mark")
        the = b.add("the", "DT", "det")
        plan = b.add("plan", "NN", "nsubj")
        works = b.add("works", "VBZ", "ccomp", said2, space=False)
        for t, h in ((that, works), (the, plan), (plan, works)):
            b.point(t, h)
        b.add(".", ".", "punct", said2, space=False)
        b.add("\n\n", "_SP", "dep", said2, space=False)
    return b.doc()


CASES = {f.__name__: f for f in (tiny_quotes, uncued_quotes, according_chain, nested_reports, colon_runs, unpaired_marks,
                                  marks_in_markup, alternating_marks, plain_news)}


def lines_run(doc: Doc, lexicon=None) -> int:
    """How many lines of the quote passes run to extract the quotes of ``doc`` (with ``lexicon``)."""
    return work.lines_run(extract_quotes, doc, doc.text, lexicon=lexicon, counted=COUNTED)


@pytest.mark.parametrize("case", list(CASES))
def test_quotes_work_grows_at_most_linearly_with_the_article(case):
    build = CASES[case]
    n = repeats(build)
    small, large = lines_run(build(n)), lines_run(build(2 * n))
    assert small > 0
    assert large <= MAX_GROWTH * small, f"{case}: {small} lines for {n} repeats, {large} for {2 * n}"


def test_quotes_work_counter_sees_a_quadratic_pass(monkeypatch):
    """The counter is not blind: a pass that checks every report against every other (as
    ``outermost`` once did) makes the same article fail the bound."""
    from newsx.quotes import assemble

    original = assemble.outermost

    def quadratic(reports):
        for report in reports:
            for other in reports:
                assemble._belongs_to(other, report)  # a counted line or two per pair
        return original(reports)

    monkeypatch.setattr(assemble, "outermost", quadratic)
    n = repeats(nested_reports)
    small, large = lines_run(nested_reports(n)), lines_run(nested_reports(2 * n))
    assert large > MAX_GROWTH * small


def test_quotes_work_in_a_run_of_quotes_does_not_grow_with_the_window():
    """A search back from a quote skips the quotes before it without visiting their tokens: in a
    run of tiny quotes, a four times wider window (``[quotes] cue_window_chars``) costs about the
    same work, not four times the tokens visited per quote."""
    import dataclasses

    from newsx.lexicon import resolve_lexicon

    lexicon = resolve_lexicon(None)
    wide = dataclasses.replace(lexicon, quotes=dataclasses.replace(lexicon.quotes,
                                                                   cue_window_chars=4 * lexicon.quotes.cue_window_chars))
    doc = uncued_quotes(repeats(uncued_quotes))
    counts = []
    for rules in (lexicon, wide):
        counts.append(lines_run(doc, lexicon=rules))
    assert counts[1] <= 1.2 * counts[0], counts
