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

import re
from bisect import bisect_left, bisect_right
from functools import partial
from typing import TYPE_CHECKING, Iterator, NamedTuple, Optional

from ..lexicon import Lexicon
from ..marks import pair_marks
from ..normalize import paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc

_HYPHENS = frozenset("-\u2010\u2011")
_HYPHEN_SPLIT = re.compile(r"[-\u2010\u2011]")
#: Punctuation that ends a clause or a phrase in apposition.
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "\u2014", "\u2013", "--", "\u201c", "\u201d", '"', "[", "]"})
_SENTENCE_ENDS = frozenset({".", "!", "?", "...", "\u2026"})


class Word(NamedTuple):
    """One word: its tokens ``[first, last]``, characters ``[start, end)``, and its text as written.

    What the rules ask of a word again and again (``lower``, ``capitalised``, ``is_alpha``,
    ``is_acronym``) is worked out once, by :meth:`of`, when the word is made.

    >>> w = Word.of(0, 0, 0, 3, "U.N", 0, 0)
    >>> w.lower, w.capitalised, w.is_acronym, w.is_alpha
    ('u.n', True, True, True)
    """

    first: int
    last: int
    start: int
    end: int
    text: str
    sentence: int
    paragraph: int
    lower: str
    #: Starts with a capital letter ("Wambugu-Kiarie", "WHO", "McCoy").
    capitalised: bool
    #: Two or more capitals and nothing else but digits, dots and ampersands ("WHO", "U.N.").
    is_acronym: bool
    #: Letters, with hyphens, apostrophes and dots only ("Wambugu-Kiarie", "O'Neil", "U.N.").
    is_alpha: bool

    @classmethod
    def of(cls, first: int, last: int, start: int, end: int, text: str, sentence: int, paragraph: int) -> "Word":
        return cls(first, last, start, end, text, sentence, paragraph, text.lower(), text[:1].isupper(),
                   _is_acronym(text), text.isalpha() or _is_alpha(text))


def _is_acronym(text: str) -> bool:
    if text[:1].islower():
        return False  # a lower-case letter first: never all capitals (the common case, answered at once)
    letters = text.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalnum() and letters.isupper() and any(c.isalpha() for c in letters)


def _is_alpha(text: str) -> bool:
    return any(c.isalpha() for c in text) and all(c.isalpha() or c in "-'\u2019." for c in text)


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
        self.starts: list[int] = []
        self.paragraph_of: list[int] = []
        self.sentence_first: list[int] = []  # the first word of each sentence
        self._build(doc, text)
        self.quoted = self._quoted(text, lexicon)
        self.furniture = self._furniture(text, lexicon)
        self.heading = self._headings()
        self.numeric = self._numeric(doc, lexicon)
        self.tags = self._tags(doc)
        self._name_words: list[Optional[bool]] = [None] * len(self.words)
        self._name_word_indices: Optional[list[int]] = None

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, index: int) -> Word:
        return self.words[index]

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def _build(self, doc: "Doc", text: str) -> None:
        """The words, and the word of each token, a column at a time over the Doc's arrays (no
        Token objects are made: that costs more than all the rest)."""
        import numpy as np
        from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SPACY

        if not len(doc):
            return
        raw = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE, ORTH])
        table = raw[:, :4].astype(np.int64)
        offsets, lengths, spaced, space = table[:, 0], table[:, 1], table[:, 2], table[:, 3].astype(bool)
        # Tokens touching across a hyphen make one word ("Wambugu-Kiarie", "Mombasa-based"): token j
        # may join the one before when neither is a space and nothing is between them.
        maybe = np.flatnonzero(~space[1:] & ~space[:-1] & (spaced[:-1] == 0)) + 1
        strings, orths = doc.vocab.strings, raw[:, 4].tolist()  # hashes: unsigned 64 bits
        joined = np.zeros(len(doc) + 1, dtype=bool)
        joined[[j for j in maybe.tolist() if _joins(strings[orths[j - 1]], strings[orths[j]])]] = True
        opens = ~space & ~joined[:-1]  # the first token of each word
        firsts = np.flatnonzero(opens)
        lasts = np.flatnonzero(~space & ~joined[1:])
        number = np.cumsum(opens) - 1
        self.of_token = np.where(space, -1, number).tolist()
        starts = offsets[firsts]
        ends = offsets[lasts] + lengths[lasts]
        texts = [text[start:end] for start, end in zip(starts.tolist(), ends.tolist())]
        # The paragraph of a word: the last starting at or before it (the first if none).
        breaks = np.array([start for start, _ in paragraphs(text)] or [0], dtype=np.int64)
        paragraph = np.maximum(np.searchsorted(breaks, starts, side="right") - 1, 0)
        # A sentence starts after ". ! ?", at a new paragraph, and after a dateline.
        datelines = np.array(sorted(m.end() for m in self.lexicon.patterns.dateline.finditer(text)), dtype=np.int64)
        after_end = np.array([t in _SENTENCE_ENDS for t in texts[:-1]], dtype=bool)
        new_sentence = after_end | (paragraph[1:] != paragraph[:-1])
        if len(datelines):
            at = np.searchsorted(datelines, ends[:-1], side="left")
            inside = at < len(datelines)
            new_sentence |= inside & (datelines[np.minimum(at, len(datelines) - 1)] <= starts[1:])
        sentence = np.concatenate(([0], np.cumsum(new_sentence)))
        self.starts, self.paragraph_of = starts.tolist(), paragraph.tolist()
        self.sentence_first = np.concatenate(([0], np.flatnonzero(new_sentence) + 1)).tolist() if len(texts) else []
        make = partial(tuple.__new__, Word)
        self.words = list(map(make, zip(
            firsts.tolist(), lasts.tolist(), self.starts, ends.tolist(), texts, sentence.tolist(),
            self.paragraph_of, [t.lower() for t in texts], [t[:1].isupper() for t in texts],
            [_is_acronym(t) for t in texts], [t.isalpha() or _is_alpha(t) for t in texts])))

    def _tags(self, doc: "Doc") -> list[str]:
        """The tagger's tag of each word's last token, when the pipeline has one ("" otherwise)."""
        if not doc.has_annotation("TAG"):
            return [""] * len(self.words)
        from spacy.attrs import TAG

        strings = doc.vocab.strings
        hashes = doc.to_array(TAG)[[w.last for w in self.words]].tolist()
        names = {key: strings[key] if key else "" for key in set(hashes)}
        return [names[key] for key in hashes]

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
            end = bisect_right(self.paragraph_of, self.paragraph_of[start], start)  # the paragraph's end
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

    def is_name_word(self, index: int) -> bool:
        """Whether word ``index`` may belong to a name: capitalised in each hyphenated part
        ("Wambugu-Kiarie"), or a particle before such a word ("van", "de", "al-"); worked out once
        per word, since every rule that runs over a name asks it."""
        known = self._name_words[index]
        if known is None:
            known = self._name_words[index] = self._name_word(index)
        return known

    def name_word_indices(self) -> list[int]:
        """The indices of the words that may belong to a name (:meth:`is_name_word`), in order: the
        passes that look for names go from one to the next, not over every word."""
        if self._name_word_indices is None:
            particles = self.lexicon.entities.name_particles
            # Only a capitalised word, a particle or a hyphenated word can be one; the rest need no look.
            self._name_word_indices = [
                index for index, word in enumerate(self.words)
                if word.is_alpha and (word.capitalised or word.lower in particles or _HYPHEN_SPLIT.search(word.text))
                and self.is_name_word(index)]
        return self._name_word_indices

    def _name_word(self, index: int) -> bool:
        word, lexicon = self.words[index], self.lexicon
        if word.text in CLAUSE_BREAKS or not word.is_alpha or self.numeric[index]:
            return False
        if word.lower in lexicon.speaker_pronouns or word.lower in lexicon.speakers.function_words:
            return False  # "I", "On", "The": capitalised, but no name
        if word.lower in lexicon.entities.name_particles:
            return index + 1 < len(self.words) and self.words[index + 1].capitalised
        parts = [p for p in _HYPHEN_SPLIT.split(word.text) if p]
        return bool(parts) and all(p[:1].isupper() or p.lower() in lexicon.entities.name_particles for p in parts)

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
