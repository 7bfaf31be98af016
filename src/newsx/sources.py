"""Who is quoted across many articles: a tally of speakers, organisations and genders.

:class:`Tally` takes one :class:`~newsx.types.Article` at a time (with its quotes and entities) and
keeps counts, never the articles, so memory grows with the number of speakers, not of articles.
:meth:`Tally.report` gives a :class:`SourcesReport`: one row per speaker, and totals by
organisation and by gender. ``newsx sources`` writes it (``newsx.output.sources_to_dict``,
``newsx.tables.sources_renderable``, ``newsx.formats.SourcesWriter``).

What counts, exactly (the README's "newsx sources"):

* **quotes**: every quote ``newsx quotes`` writes for the article, as it writes them (with the same
  options); a quote without a speaker is counted in a row of its own, ``speaker`` None ("(no
  speaker)"), so that every quote is in the totals and the shares add up to 100%.
* **speaker**: the quote's ``speaker`` (the canonical name within an article). Across articles, the
  same full name (letter case and spacing aside) is the same speaker; nothing else is merged ("Li"
  in one article and "Li Shangfu" in another are two rows). A speaker is **named** when the article
  names them: the name is one of its people, organisations, countries or places. An unnamed
  speaker ("police spokesman", "analysts", "a source") is a description: its row counts a speaker
  per article it occurs in, since two articles' police spokesmen are not known to be one person.
* **words**: the words of each quote's text, as ``wc -w`` counts them (runs of non-space).
* **organisation** and **role**: as each quote gives them; a speaker's are listed by their quotes.
* **gender**: only what the articles give (``speaker_gender``); a named speaker's gender is what any
  article quoting them gives, and counts for all their quotes; "not given" (None) when none does.
  Never guessed. Articles that disagree give "female, male".
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .base import SECTIONS
from .types import Article, Quote

#: The version of the JSON of ``newsx sources`` (its own shape, not an article's).
SOURCES_SCHEMA = "newsx-sources/1"

#: How a missing organisation or gender is shown in tables and Markdown (None in the JSON).
NOT_GIVEN = "not given"

#: How the row of quotes without a speaker is shown in tables and Markdown (None in the JSON).
NO_SPEAKER = "(no speaker)"


def count_words(text: str) -> int:
    """The words of ``text`` as ``wc -w`` counts them: runs of characters that are not spaces.

    >>> count_words("We will win — and soon,” she said"), count_words("")
    (8, 0)
    """
    return len(text.split())


def speaker_key(name: str) -> str:
    """What makes two speakers' names the same name: letter case and spacing aside.

    >>> speaker_key("Li  Shangfu") == speaker_key("LI SHANGFU")
    True
    """
    return " ".join(name.split()).casefold()


def gender_key(genders: Iterable[Optional[str]]) -> Optional[str]:
    """The gender the articles give, from the genders of some quotes: the one given, None when none
    is, "female, male" when they disagree.

    >>> gender_key([None, "female"]), gender_key([None]), gender_key(["male", "female"])
    ('female', None, 'female, male')
    """
    given = sorted({g for g in genders if g})
    return ", ".join(given) if given else None


# -- the report -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    """A name (an organisation, a role, a gender; None: not given) and how many quotes have it."""

    name: Optional[str]
    quotes: int


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """One speaker across the articles (see the module's docstring for what each count means).

    ``speaker`` is None for the quotes without a speaker; ``speakers`` is 1 for a named speaker,
    the number of articles for an unnamed one, 0 for no speaker.
    """

    speaker: Optional[str]
    named: bool
    speakers: int
    quotes: int
    share: float
    articles: int
    words: int
    organisations: tuple[Count, ...]
    roles: tuple[Count, ...]
    gender: Optional[str]
    genders: tuple[Count, ...]
    first_source: str
    last_source: str


@dataclass(frozen=True, slots=True)
class TotalRow:
    """The quotes of one organisation or gender (None: not given), of how many speakers, and (for
    an organisation) in how many articles. A speaker quoted for two organisations counts in both."""

    name: Optional[str]
    speakers: int
    quotes: int
    share: float
    words: int
    articles: Optional[int] = None


@dataclass(frozen=True, slots=True)
class SourcesReport:
    """Who is quoted across ``articles`` articles: the speakers (most quoted first, the row of
    quotes without a speaker last; ``top`` keeps the first N named or unnamed speakers, and
    ``speaker_rows`` says how many there were), and totals by organisation and by gender over
    every quote.

    >>> SourcesReport(0, 0, 0, 0, (), (), ()).quotes
    0
    """

    articles: int
    quotes: int
    words: int
    speaker_rows: int
    speakers: tuple[SpeakerRow, ...]
    by_organisation: tuple[TotalRow, ...]
    by_gender: tuple[TotalRow, ...]
    top: Optional[int] = None


# -- the tally ------------------------------------------------------------------------------------


@dataclass
class _Row:
    """What is kept of one speaker: counts only."""

    speaker: Optional[str]
    named: bool
    first_source: str
    last_source: str = ""
    quotes: int = 0
    articles: int = 0
    words: int = 0
    organisations: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    genders_given: set = field(default_factory=set)  # named: every gender any article gives
    by_gender: Counter = field(default_factory=Counter)  # unnamed: speakers, quotes, words by gender
    order: int = 0  # when first quoted: ties keep input order


@dataclass
class _Total:
    speakers: set = field(default_factory=set)
    quotes: int = 0
    words: int = 0
    articles: int = 0


class Tally:
    """Counts who is quoted, one article at a time (see the module's docstring).

    >>> from newsx.types import Quote
    >>> tally = Tally()
    >>> tally.add(Article("a.txt", "", quotes=(Quote("Yes", 1, 4, "direct", "police spokesman", None, None,
    ...                                                   "police", "said", None, None, speaker_gender="male"),)))
    >>> [(row.speaker, row.named, row.quotes, row.words, row.gender) for row in tally.report().speakers]
    [('police spokesman', False, 1, 1, 'male')]
    """

    def __init__(self) -> None:
        self.rows: dict[Optional[tuple[bool, str]], _Row] = {}
        self.articles = 0
        self.quotes = 0
        self.words = 0
        self.organisations: dict[Optional[str], _Total] = {}

    def add(self, article: Article) -> None:
        """Count one article's quotes."""
        self.articles += 1
        quotes = article.quotes or ()
        names = _names(article)
        groups: dict[Optional[tuple[bool, str]], list[Quote]] = {}
        for quote in quotes:
            groups.setdefault(self._key(quote, names), []).append(quote)
        organisations_here: set[Optional[str]] = set()
        for key, group in groups.items():
            row = self.rows.get(key)
            if row is None:
                speaker = group[0].speaker
                row = self.rows[key] = _Row(speaker, bool(key and key[0]), article.source, order=len(self.rows))
            self._count(row, key, group, article.source, organisations_here)
        for organisation in organisations_here:
            self.organisations.setdefault(organisation, _Total()).articles += 1

    @staticmethod
    def _key(quote: Quote, names: set[str]) -> Optional[tuple[bool, str]]:
        if quote.speaker is None:
            return None
        named = quote.speaker_kind != "pronoun" and speaker_key(quote.speaker) in names
        return (named, speaker_key(quote.speaker))

    def _count(self, row: _Row, key: Optional[tuple[bool, str]], group: list[Quote], source: str,
               organisations_here: set[Optional[str]]) -> None:
        words = [count_words(quote.text) for quote in group]
        row.quotes += len(group)
        row.words += sum(words)
        row.articles += 1
        row.last_source = source
        self.quotes += len(group)
        self.words += sum(words)
        for quote, count in zip(group, words):
            row.organisations[quote.organisation] += 1
            row.roles[quote.speaker_role] += 1
            total = self.organisations.setdefault(quote.organisation, _Total())
            total.quotes += 1
            total.words += count
            organisations_here.add(quote.organisation)
            if key is not None:
                # A named speaker is one speaker wherever quoted; an unnamed one, one per article.
                total.speakers.add(key if row.named else (key, self.articles))
        genders = [quote.speaker_gender for quote in group]
        if row.named:
            row.genders_given.update(g for g in genders if g)
        else:
            gender = gender_key(genders)
            row.by_gender[(gender, "speakers")] += 1 if key is not None else 0
            row.by_gender[(gender, "quotes")] += len(group)
            row.by_gender[(gender, "words")] += sum(words)

    def report(self, top: Optional[int] = None) -> SourcesReport:
        """The speakers (most quoted first; ``top``: the first N only, the row of quotes without a
        speaker always last) and the totals by organisation and gender, over every quote."""
        quotes = self.quotes
        rows = sorted((row for key, row in self.rows.items() if key is not None),
                      key=lambda row: (-row.quotes, -row.words, row.order))
        speakers = [self._speaker_row(row) for row in rows]
        nobody = self.rows.get(None)
        shown = speakers[:top] if top is not None else speakers
        if nobody is not None:
            shown.append(self._speaker_row(nobody))
        genders: dict[Optional[str], list[int]] = {}
        for row in [*rows, *([nobody] if nobody else [])]:
            for gender, (people, said, words) in _gender_counts(row).items():
                counts = genders.setdefault(gender, [0, 0, 0])
                counts[0] += people
                counts[1] += said
                counts[2] += words
        by_gender = tuple(TotalRow(gender, c[0], c[1], _share(c[1], quotes), c[2])
                          for gender, c in _ordered(genders, lambda c: c[1]))
        by_organisation = tuple(
            TotalRow(name, len(total.speakers), total.quotes, _share(total.quotes, quotes), total.words, total.articles)
            for name, total in _ordered(self.organisations, lambda t: t.quotes))
        return SourcesReport(self.articles, quotes, self.words, len(rows), tuple(shown), by_organisation, by_gender,
                             top)

    def _speaker_row(self, row: _Row) -> SpeakerRow:
        counts = _gender_counts(row)
        gender = (gender_key(row.genders_given) if row.named
                  else gender_key(g for key in counts for g in (key or "").split(", ")))
        return SpeakerRow(
            speaker=row.speaker, named=row.named,
            speakers=sum(people for people, _, _ in counts.values()) if row.speaker is not None else 0,
            quotes=row.quotes, share=_share(row.quotes, self.quotes), articles=row.articles, words=row.words,
            organisations=_counts(row.organisations), roles=_counts(row.roles), gender=gender,
            genders=tuple(Count(name, said) for name, (_, said, _) in _ordered(counts, lambda c: c[1])),
            first_source=row.first_source, last_source=row.last_source)


def _gender_counts(row: _Row) -> dict[Optional[str], tuple[int, int, int]]:
    """(speakers, quotes, words) of a row by gender: a named speaker's all under their gender."""
    if row.named:
        return {gender_key(row.genders_given): (1, row.quotes, row.words)}
    genders = {gender for gender, _ in row.by_gender}
    return {g: (row.by_gender[(g, "speakers")], row.by_gender[(g, "quotes")], row.by_gender[(g, "words")])
            for g in genders}


def _names(article: Article) -> set[str]:
    """The names the article names (speaker_key of every name and alias of its people,
    organisations, countries and places): what makes a speaker named."""
    if article.entities is None:
        return set()
    names: set[str] = set()
    for section in SECTIONS:
        if section == "other":
            continue
        for entity in getattr(article.entities, section):
            names.add(speaker_key(entity.name))
            names.update(speaker_key(alias) for alias in entity.aliases)
    return names


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _ordered(counts: dict, quotes_of) -> list:
    """Most quotes first, "not given" (None) last, then by name."""
    return sorted(counts.items(), key=lambda item: (item[0] is None, -quotes_of(item[1]), item[0] or ""))


def _counts(counter: Counter) -> tuple[Count, ...]:
    """The names given (None left out), most quotes first."""
    return tuple(Count(name, n) for name, n in sorted(counter.items(), key=lambda i: (-i[1], i[0] or ""))
                 if name is not None)
