"""The result types: small frozen dataclasses with character offsets into the article's text.

Offsets are Python string indices into the decoded text, end exclusive, so that
``text[m.start:m.end] == m.text`` for every mention, quote, speaker and cue.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from .base import Document, InputProblem

__all__ = ["Article", "Document", "Entities", "Entity", "InputProblem", "Mention", "Quote", "QuotePart"]

QuoteType = Literal["direct", "indirect", "mixed"]
#: What kind of attribution a quote is, from its cue (and its source): see ``cues.tsv``.
AttributionKind = Literal["speech", "writing", "thought", "stance", "evidence"]
Section = Literal["people", "countries", "places", "organisations", "other"]


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity is named: ``text == article_text[start:end]``.

    >>> Mention("Li", 10, 12).end
    12
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One person, country, organisation or other name, with all its mentions in an article.

    ``label`` is spaCy's label after newsx's corrections (PERSON, ORG, GPE, NORP, LOC, ...);
    ``code`` is the ISO 3166-1 alpha-2 code for countries and nationalities, and of the country a
    place is in when the text or the gazetteer gives it; else None.

    >>> Entity("Iran", "GPE", (Mention("Iran", 0, 4),), code="IR").count
    1
    """

    name: str
    label: str
    mentions: tuple[Mention, ...]
    code: Optional[str] = None
    aliases: tuple[str, ...] = ()
    #: For people: the role, organisation and gender the article gives them (None where it gives none;
    #: gender is "female" or "male", never guessed from a first name).
    role: Optional[str] = None
    organisation: Optional[str] = None
    gender: Optional[str] = None

    @property
    def count(self) -> int:
        """The number of mentions."""
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class QuotePart:
    """One stretch of a quote's words: ``text == article_text[start:end]``.

    >>> QuotePart("We will", 1, 8).end
    8
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: one attribution, its words, its speaker, the speaker's organisation, the cue.

    A quote is one statement: the halves of a quote split by its cue ("“A,” she said, “B.”") or a
    quotation running over paragraphs are its ``parts``, each a :class:`QuotePart` cut from the
    text; ``start``/``end`` run from the first part's start to the last part's end and ``text`` is
    the parts joined by one space (so ``text == article_text[start:end]`` only for a quote of one
    part). ``parts`` defaults to the one part ``(text, start, end)``. ``text`` excludes quote marks
    at its ends. ``kind`` is what kind of attribution it is (speech, writing, thought, stance,
    evidence), from its cue. ``speaker`` is the resolved full name ("Li Shangfu" for a "he"), the same for
    every quote of that person in the article, while ``speaker_start``/``speaker_end`` locate where
    the speaker is named at this quote; ``speaker_gender`` ("female", "male") and ``speaker_role``
    ("foreign minister") are what the article says of them. Any of the speaker and cue fields is None
    when the text does not give it. ``rules`` names the rules that
    made the quote.

    >>> q = Quote("We will", 1, 8, "direct", "Li Shangfu", None, None, None, None, None, None)
    >>> q.type, q.kind, q.parts
    ('direct', 'speech', (QuotePart(text='We will', start=1, end=8),))
    """

    text: str
    start: int
    end: int
    type: QuoteType
    speaker: Optional[str]
    speaker_start: Optional[int]
    speaker_end: Optional[int]
    organisation: Optional[str]
    cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    speaker_kind: Optional[str] = None
    speaker_gender: Optional[str] = None
    speaker_role: Optional[str] = None
    #: The rules that made this quote, in order ("direct:cue-in-parse", "speaker:pronoun"): what
    #: ``--explain`` shows, so that a wrong row can be traced to its rule.
    rules: tuple[str, ...] = ()
    kind: AttributionKind = "speech"
    parts: tuple[QuotePart, ...] = ()

    def __post_init__(self) -> None:
        if not self.parts:
            object.__setattr__(self, "parts", (QuotePart(self.text, self.start, self.end),))

    @property
    def label(self) -> str:
        """What tables show as the quote's type: its type, and its kind when that is not speech.

        >>> Quote("A", 0, 1, "indirect", None, None, None, None, None, None, None, kind="stance").label
        'indirect (stance)'
        """
        return self.type if self.kind == "speech" else f"{self.type} ({self.kind})"


@dataclass(frozen=True, slots=True)
class Entities:
    """The entities of one article, by section.

    >>> Entities().people
    ()
    """

    people: tuple[Entity, ...] = ()
    countries: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()
    organisations: tuple[Entity, ...] = ()
    other: tuple[Entity, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """Everything newsx found in one article. ``entities``/``quotes`` are None when not asked for.

    >>> Article(source="a.txt", text="").quotes is None
    True
    """

    source: str
    text: str
    entities: Optional[Entities] = None
    quotes: Optional[tuple[Quote, ...]] = None


