"""The words of an article as the profile rules read them: no parse needed, only spaCy's tokens.

A *word* is what a reader sees between spaces and punctuation: spaCy's tokens joined where they touch
across a hyphen ("Wambugu-Kiarie", "Mombasa-based"), with punctuation and the possessive "'s" as words
of their own. Each word knows its sentence (split at ". ! ?", line breaks and the end of a
dateline), its paragraph, whether it lies between quote marks, and whether it is page furniture (a
dateline, a photo credit): words that no person or organisation of the story is named by. The
rules work on these words and on the entity mentions, so that they give the same answers with or
without a parser (``newsx entities`` loads only the named-entity recogniser).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Optional

from ..lexicon import Lexicon
from ..marks import pair_marks
from ..normalize import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

_HYPHENS = frozenset("-\u2010\u2011")
_SENTENCE_ENDS = frozenset({".", "!", "?", "...", "\u2026"})


@dataclass(frozen=True, slots=True)
class Word:
    """One word: its tokens ``[first, last]``, characters ``[start, end)``, and its text as written."""

    first: int
    last: int
    start: int
    end: int
    text: str
    sentence: int
    paragraph: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        """Starts with a capital letter ("Wambugu-Kiarie", "WHO", "McCoy")."""
        return self.text[:1].isupper()

    @property
    def is_acronym(self) -> bool:
        """Two or more capitals and nothing else but digits, dots and ampersands ("WHO", "U.N.")."""
        letters = self.text.replace(".", "").replace("&", "")
        return len(letters) >= 2 and letters.isalnum() and letters.isupper() and any(c.isalpha() for c in letters)

    @property
    def is_alpha(self) -> bool:
        return any(c.isalpha() for c in self.text) and all(c.isalpha() or c in "-'\u2019." for c in self.text)


class Words:
    """The words of one article, with lookups from characters and tokens to words.

    >>> from newsx.lexicon import default_lexicon
    >>> import spacy
    >>> doc = spacy.blank("en")("Wambugu-Kiarie said. “Yes.”")
    >>> words = Words(doc, doc.text, default_lexicon())
    >>> [w.text for w in words], words[0].sentence, words[3].sentence, words.quoted[4]
    (['Wambugu-Kiarie', 'said', '.', '“', 'Yes', '.', '”'], 0, 1, True)
    """

    def __init__(self, doc: "Doc", text: str, lexicon: Lexicon):
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.words: list[Word] = []
        self.of_token: list[int] = [-1] * len(doc)
        self._build(doc, text)
        self.starts = [w.start for w in self.words]
        self.paragraph_of = [w.paragraph for w in self.words]
        self.sentence_first: list[int] = []
        for index, word in enumerate(self.words):
            if word.sentence == len(self.sentence_first):
                self.sentence_first.append(index)
        self.quoted = self._quoted(text, lexicon)
        self.furniture = self._furniture(text, lexicon)
        self.heading = self._headings()
        self.numeric = self._numeric(doc, lexicon)
        # The tagger's tag of each word's last token, when the pipeline has one ("" otherwise).
        tagged = doc.has_annotation("TAG")
        self.tags = [doc[w.last].tag_ if tagged else "" for w in self.words]

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, index: int) -> Word:
        return self.words[index]

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def _build(self, doc: "Doc", text: str) -> None:
        breaks = [start for start, _ in paragraphs(text)]
        datelines = {m.end() for m in self.lexicon.patterns.dateline.finditer(text)}
        sentence = 0
        pending: list = []  # tokens of the word being built

        def flush() -> None:
            nonlocal sentence
            if not pending:
                return
            first, last = pending[0], pending[-1]
            start, end = first.idx, last.idx + len(last)
            previous = self.words[-1] if self.words else None
            paragraph = max(bisect_right(breaks, start) - 1, 0)
            if previous is not None and (previous.text in _SENTENCE_ENDS or previous.paragraph != paragraph
                                         or any(previous.end <= d <= start for d in datelines)):
                sentence += 1
            word = Word(first.i, last.i, start, end, text[start:end], sentence, paragraph)
            for token in pending:
                self.of_token[token.i] = len(self.words)
            self.words.append(word)
            pending.clear()

        for token in doc:
            if token.is_space:
                flush()
                continue
            if pending and not pending[-1].whitespace_ and _joins(pending[-1].text, token.text):
                pending.append(token)
                continue
            flush()
            pending.append(token)
        flush()

    def _quoted(self, text: str, lexicon: Lexicon) -> list[bool]:
        """For each word: whether it lies between quote marks (the marks included)."""
        quoted = [False] * len(self.words)
        for span in pair_marks(text, paragraphs(text), lexicon):
            if _is_title(text[span.start:span.end], lexicon.quotes.max_title_words):
                continue  # “The Wall Street Journal”: a name between marks, not a quotation
            end = (span.close_at + 1) if span.close_at is not None else span.end
            for index in self.between(span.open_at, end):
                quoted[index] = True
        return quoted

    def _furniture(self, text: str, lexicon: Lexicon) -> list[bool]:
        """For each word: whether it belongs to a dateline, a photo credit or a byline."""
        furniture = [False] * len(self.words)
        patterns = lexicon.patterns
        for pattern in (patterns.dateline, patterns.photo_credit, patterns.photo_credit_agency_first, patterns.byline):
            for match in pattern.finditer(text):
                for index in self.between(*match.span()):
                    furniture[index] = True
        return furniture

    def _headings(self) -> list[bool]:
        """For each word: whether its paragraph is a heading, a short line in title case ("Contact
        Details", "Mayor Hid Past Budget Gaps"), where every word is capitalised and capitals
        tell nothing about names."""
        settings = self.lexicon.quotes
        heading = [False] * len(self.words)
        start = 0
        while start < len(self.words):
            end = start
            paragraph = self.words[start].paragraph
            while end < len(self.words) and self.words[end].paragraph == paragraph:
                end += 1
            alphabetic = [w for w in self.words[start:end] if w.text[:1].isalpha()]
            introduces = self.words[end - 1].text == ":"  # "The Evening Courier reports:" opens a quotation
            if 2 <= len(alphabetic) <= settings.max_headline_words and not introduces and \
                    sum(w.capitalised for w in alphabetic) >= settings.headline_capitals * len(alphabetic):
                heading[start:end] = [True] * (end - start)
            start = end
        return heading

    def _numeric(self, doc: "Doc", lexicon: Lexicon) -> list[bool]:
        """For each word: whether the model read it as part of a date, a time or an amount ("On Thursday")."""
        numeric = [False] * len(self.words)
        for entity in doc.ents:
            if entity.label_ in lexicon.entities.ignored_labels:
                for token in entity:
                    index = self.of_token[token.i]
                    if index >= 0:
                        numeric[index] = True
        return numeric

    def between(self, start: int, end: int) -> range:
        """The indices of the words inside characters ``[start, end)``."""
        first = bisect_right(self.starts, start - 1)
        if first > 0 and self.words[first - 1].end > start:
            first -= 1
        last = bisect_right(self.starts, end - 1)
        return range(first, last)

    def at_char(self, offset: int) -> Optional[int]:
        """The index of the word covering character ``offset``, or None."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.words[index].start <= offset < self.words[index].end:
            return index
        return None

    def same_sentence(self, a: int, b: int) -> bool:
        words = self.words
        return 0 <= a < len(words) and 0 <= b < len(words) and words[a].sentence == words[b].sentence

    def lower(self, index: int) -> str:
        """The lower-cased text of word ``index``, or "" outside the article."""
        return self.words[index].lower if 0 <= index < len(self.words) else ""

    def first_of_paragraph(self, paragraph: int) -> int:
        """The index of the first word of paragraph ``paragraph`` or a later one (0 before the first)."""
        return bisect_left(self.paragraph_of, max(paragraph, 0))

    def sentence_start(self, index: int) -> int:
        """The index of the first word of word ``index``'s sentence."""
        return self.sentence_first[self.words[index].sentence]

    def span_text(self, first: int, last: int) -> str:
        """The article's text from word ``first`` to word ``last`` (inclusive)."""
        return self.text[self.words[first].start:self.words[last].end]


def _is_title(text: str, max_words: int) -> bool:
    """A short stretch in title case, not ending as a sentence does: the name of a work or an outlet
    between quote marks (“The Wall Street Journal”), not speech (“Yes.”)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    stripped = text.rstrip()
    return 0 < len(words) <= max_words and stripped[-1:] not in ".!?,;:" and all(w[:1].isupper() for w in words)


def _joins(before: str, after: str) -> bool:
    """Whether two touching tokens make one word: across a hyphen between letters."""
    return (before in _HYPHENS and after[:1].isalnum()) or (after in _HYPHENS) or (
        before[-1:] in _HYPHENS and after[:1].isalnum())
