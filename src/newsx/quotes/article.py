"""One article as the quote rules see it: text, parse, paragraphs, quoted spans and the lookups
every pass shares, and :class:`Found`, a quote before its speaker is resolved.

Every lookup is built once per article in time linear in its length (arrays indexed by character
or by token), so that no pass rescans the article, a paragraph or a sentence for each quote or cue:
the words before or after a quote are read within a window of the lexicon's size
(``[quotes] cue_window_chars``), a token's children come from an index rather than from spaCy's
``Token.children`` (which walks the token's whole subtree), and its sentence from an array rather
than ``Token.sent`` (which walks the sentence).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Optional

from ..lexicon import Lexicon
from ..marks import QuotedSpan, markup_regions, pair_marks
from ..normalize import paragraphs
from ..speakers import Speaker

if TYPE_CHECKING:
    import numpy
    from spacy.tokens import Doc, Token


@dataclass
class Found:
    """A quote before its speaker is resolved.

    ``parts`` are the stretches of its words (one, until a quote split by its cue or continued over
    paragraphs is joined); ``start``/``end`` span them. ``rules`` names what made it, in order
    ("direct:cue-in-parse", "merge:mixed", ...), for ``--explain``; ``inherit`` marks a quote with
    no cue of its own, which continues the one before. ``kind`` is set once the cue is final.
    """

    start: int
    end: int
    type: str
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None
    speaker_token: Optional["Token"] = None
    inherit: bool = False
    paragraph: int = 0
    quoted: Optional[QuotedSpan] = None
    speaker: Optional[Speaker] = None
    clausal: bool = False
    rules: list[str] = field(default_factory=list)
    parts: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "speech"
    #: Why this is no quote after all (a question put to the speaker): it is dropped once it has
    #: done its work (a report nested in it is not the speaker's either).
    not_a_quote: Optional[str] = None

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [(self.start, self.end)]

    def set_cue(self, cue_start: int, cue_end: int, speaker: Optional["Token"], rule: str) -> "Found":
        """Give the quote its cue and speaker token, naming the rule that found them."""
        self.cue_start, self.cue_end, self.speaker_token = cue_start, cue_end, speaker
        self.rules.append(rule)
        return self

    def join(self, other: "Found") -> None:
        """Take ``other``'s parts as this quote's next ones (``other`` follows it in the text)."""
        self.parts.extend(other.parts)
        self.end = max(self.end, other.end)
        self.quoted = other.quoted or self.quoted
        if other.type != self.type:
            self.type = "mixed"


def _last_at_or_before(flags: numpy.ndarray, index: numpy.ndarray) -> list[int]:
    """For each position, the last position at or before it whose flag is set (-1: none)."""
    import numpy

    if not len(flags):
        return []
    return numpy.maximum.accumulate(numpy.where(flags, index, -1)).tolist()


class Article:
    """One article's text, parse, paragraphs and quoted spans, with the lookups the passes share."""

    def __init__(self, doc: "Doc", text: str, lexicon: Lexicon):
        import numpy
        from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START, TAG

        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.window = lexicon.quotes.cue_window_chars
        self.paragraphs = paragraphs(text)
        self.quoted = pair_marks(text, self.paragraphs, lexicon)
        self.quote_opens = [q.open_at for q in self.quoted]
        # For every character: the index of the quoted span (marks included) it lies in, or -1.
        quote_at = numpy.full(len(text) + 1, -1, dtype="int64")
        for n, q in enumerate(self.quoted):
            quote_at[q.open_at:(q.close_at + 1) if q.close_at is not None else q.end] = n
        self.quote_at: list[int] = quote_at.tolist()
        self.markup = [False] * (len(text) + 1)
        for start, end in markup_regions(text, lexicon):
            self.markup[start:end] = [True] * (end - start)
        self.paragraph_at = [0] * (len(text) + 1)
        for n, (start, end) in enumerate(self.paragraphs):
            self.paragraph_at[start:end + 1] = [n] * (end + 1 - start)
        # Where each paragraph's words start (after any indent).
        self.paragraph_text_start = [start + len(text[start:end]) - len(text[start:end].lstrip())
                                     for start, end in self.paragraphs]
        # Sentence ends in running text (outside quote marks), in order.
        self.sentence_ends = [m.end() for m in lexicon.patterns.sentence_end.finditer(text)
                              if self.quote_at[m.start()] < 0]
        # The parse as arrays, read from the Doc's (not from a Token per word) and worked out by
        # numpy, kept as lists (quicker to index one at a time): each token's head and children,
        # dependency, tag, sentence, offsets, and the words and running text around it.
        n_tokens = len(doc)
        index = numpy.arange(n_tokens)
        if n_tokens:
            columns = doc.to_array([HEAD, SENT_START, IDX, LENGTH, IS_PUNCT, IS_SPACE]).astype("int64").T
            labels = doc.to_array([DEP, TAG]).T.tolist()  # unsigned: a label's hash may be large
        else:
            columns, labels = numpy.zeros((6, 0), dtype="int64"), [[], []]
        heads, starts, token_starts, lengths, puncts, spaces = columns  # heads: offsets to the head
        head_of = index + heads
        self.head_of: list[int] = head_of.tolist()  # each token's head, by index
        # Each token's children, in order: _child_order[_child_from[i]:_child_from[i + 1]] (three
        # lists of numbers rather than a list per token, which would cost the garbage collector).
        dependents = numpy.flatnonzero(heads != 0)
        grouped = dependents[numpy.argsort(head_of[dependents], kind="stable")]
        self._child_order: list[int] = grouped.tolist()
        self._child_from: list[int] = numpy.concatenate(
            ([0], numpy.cumsum(numpy.bincount(head_of[dependents], minlength=n_tokens)))).tolist()
        strings = doc.vocab.strings
        names = {h: strings[h] for h in set(labels[0]) | set(labels[1])}
        self.deps = [names[h] for h in labels[0]]  # each token's dependency label
        self.tags = [names[h] for h in labels[1]]  # and fine-grained tag
        self._by_dep: dict[int, dict[str, list[int]]] = {}  # token -> its children by dependency
        # Answers that several quotes may ask of one token (a verb heading many quotes), kept.
        self.memo: dict[tuple[str, int], object] = {}
        opens = (starts == 1) & (index > 0)  # a sentence starts at the token (the first one aside)
        self.sentence_of: list[int] = numpy.maximum.accumulate(numpy.where(opens, index, 0)).tolist() \
            if n_tokens else []  # the first token of each token's sentence
        self.sentence_number: list[int] = numpy.cumsum(opens).tolist()
        self.token_starts: list[int] = token_starts.tolist()
        self.token_ends: list[int] = (token_starts + lengths).tolist()
        # The nearest token at or before each token that is outside quote marks (-1: none), so that
        # a search back through running text skips a run of quotes in one step.
        self._previous_outside: list[int] = _last_at_or_before(quote_at[token_starts] < 0, index)
        # Words (not punctuation or space): how many before each token, and the nearest at or
        # after / at or before each token, so that a span's words are counted without a scan.
        words = (puncts == 0) & (spaces == 0)
        self._words_before: list[int] = numpy.concatenate(([0], numpy.cumsum(words))).tolist()
        following = numpy.where(words, index, n_tokens)[::-1]
        self._next_word: list[int] = (numpy.minimum.accumulate(following)[::-1].tolist() if n_tokens else []) \
            + [n_tokens]
        self._previous_word: list[int] = _last_at_or_before(words, index)

    # -- the parse ---------------------------------------------------------------------------------

    def children(self, token: "Token") -> list["Token"]:
        """A token's children in the parse, in order (``Token.children`` without its cost)."""
        doc = self.doc
        return [doc[i] for i in self.child_indices(token.i)]

    def child_indices(self, i: int) -> list[int]:
        """The indices of token ``i``'s children in the parse, in order."""
        return self._child_order[self._child_from[i]:self._child_from[i + 1]]

    def child(self, token: "Token", deps: frozenset[str] | set[str]) -> Optional["Token"]:
        """A token's first child by one of the dependencies ``deps``, or None; each token's children
        are indexed by dependency once, so that asking again costs no scan of them."""
        index = self._by_dep.get(token.i)
        if index is None:
            index = {}
            for j in self.child_indices(token.i):
                index.setdefault(self.deps[j], []).append(j)
            self._by_dep[token.i] = index
        found = [index[d][0] for d in deps if d in index]
        return self.doc[min(found)] if found else None

    def rights(self, token: "Token") -> list["Token"]:
        """A token's children after it."""
        doc = self.doc
        return [doc[i] for i in self.child_indices(token.i) if i > token.i]

    def lefts(self, token: "Token") -> list["Token"]:
        """A token's children before it."""
        doc = self.doc
        return [doc[i] for i in self.child_indices(token.i) if i < token.i]

    def same_sentence(self, a: "Token", b: "Token") -> bool:
        """Whether two tokens are in one sentence."""
        return self.sentence_of[a.i] == self.sentence_of[b.i]

    def words_between(self, first: int, last: int) -> int:
        """How many words (not punctuation) tokens ``first`` to ``last`` (inclusive) hold."""
        if last < first:
            return 0
        return self._words_before[last + 1] - self._words_before[first]

    def word_span(self, first: int, last: int) -> Optional[tuple[int, int]]:
        """The characters from the first to the last word of tokens ``first`` to ``last``
        (inclusive), punctuation at either end left out; None when there is no word."""
        if last < first:
            return None
        a, b = self._next_word[first], self._previous_word[last]
        if a > b:
            return None
        end = self.doc[b]
        return self.doc[a].idx, end.idx + len(end)

    def words_in(self, start: int, end: int) -> int:
        """How many words (not punctuation) the tokens starting in characters ``start:end`` hold."""
        if end <= start:
            return 0
        return self.words_between(bisect_left(self.token_starts, start), self.token_at(end - 1))

    def opens_paragraph(self, offset: int) -> bool:
        """Whether nothing but space comes before ``offset`` in its paragraph."""
        return offset <= self.paragraph_text_start[self.paragraph_at[offset]]

    def token_at(self, offset: int) -> int:
        """The index of the token starting at or before character ``offset``."""
        return max(0, bisect_right(self.token_starts, offset) - 1)

    # -- the text ----------------------------------------------------------------------------------

    def in_quote(self, token: "Token") -> bool:
        """Whether a token lies between quote marks (or is one)."""
        return self.quote_at[token.idx] >= 0

    def tokens(self, start: int, end: int) -> list["Token"]:
        """The tokens covering characters ``start:end``."""
        if end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def token_range(self, start: int, end: int) -> range:
        """The indices of :meth:`tokens` ``(start, end)``, without making the tokens."""
        if end <= start:
            return range(0)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def forward(self, start: int, end: int) -> Iterator["Token"]:
        """The tokens overlapping characters ``start:end``, first to last, made one at a time (a
        search that stops early makes no more)."""
        i = max(0, bisect_right(self.token_starts, start) - 1)
        if i < len(self.token_ends) and self.token_ends[i] <= start:
            i += 1
        while i < len(self.token_starts) and self.token_starts[i] < end:
            yield self.doc[i]
            i += 1

    def backward_outside(self, start: int, end: int) -> Iterator["Token"]:
        """The tokens overlapping characters ``start:end`` that lie outside quote marks, last to
        first, made one at a time: those inside are skipped without a visit, so that a search back
        from a quote in a run of quotes costs no scan of the run."""
        i = bisect_left(self.token_starts, end) - 1
        outside = self._previous_outside
        i = outside[i] if i >= 0 else -1
        while i >= 0 and self.token_ends[i] > start:
            yield self.doc[i]
            i = outside[i - 1] if i else -1

    def sentence_before(self, q: QuotedSpan) -> tuple[int, int]:
        """The text before a quote's opening mark back to the sentence start, in its paragraph and
        within the window."""
        start = max(self.paragraphs[q.paragraph][0], q.open_at - self.window)
        n = bisect_right(self.sentence_ends, q.open_at) - 1
        if n >= 0 and self.sentence_ends[n] > start:
            start = self.sentence_ends[n]
        return start, q.open_at

    def sentence_after(self, q: QuotedSpan) -> tuple[int, int]:
        """The text after a quote's closing mark to the sentence end (or the next quote), in its
        paragraph and within the window."""
        start = (q.close_at + 1) if q.close_at is not None else q.end
        end = min(self.paragraphs[q.paragraph][1], start + self.window)
        n = bisect_left(self.sentence_ends, start + 1)
        if n < len(self.sentence_ends) and self.sentence_ends[n] < end:
            end = self.sentence_ends[n]
        following = bisect_left(self.quote_opens, start)
        if following < len(self.quote_opens) and self.quote_opens[following] < end:
            end = self.quote_opens[following]
        return start, end
