"""People, countries, organisations and other names of an article, from spaCy's NER plus rules.

spaCy reads ``normalize(text)``; every mention here is cut from the original ``text`` at the same
offsets. The model's spans are cleaned (line breaks, brackets, "the", titles, possessives), photo
credits are read by pattern, countries and nationalities are fixed by the tables in ``rules``, and
the mentions of one person or organisation ("Li Shangfu" ... "Li", "... Organisation (SCO)" ...
"SCO") are gathered into one :class:`~newsx.types.Entity`. spaCy itself is never imported here.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from . import rules
from .base import SECTIONS
from .types import Entities, Entity, Mention


_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")
_WORD = re.compile(r"\S+")
_PHOTO_CREDITS = tuple(
    re.compile(pattern) for pattern in (rules.PHOTO_CREDIT_PATTERN, rules.PHOTO_CREDIT_AGENCY_FIRST_PATTERN)
)
_ABBREVIATION = re.compile(rules.ABBREVIATION_PATTERN)
_POSSESSIVE = re.compile(r"['\u2019]s[ \t]+([a-z][\w-]*)")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")


@dataclass
class _Piece:
    """A cleaned mention before it is grouped: offsets into the text, and what is known of it."""

    start: int
    end: int
    label: str
    bare: str  # the name without a publication's "The": the form that keys and aliases use
    publication: bool = False
    alias_of: Optional["_Piece"] = None  # "SCO" in "Shanghai Cooperation Organisation (SCO"
    key: tuple = ()
    vote: str = ""
    words: tuple = ()  # fold(bare).split(), computed once

    def __post_init__(self):
        self.words = tuple(fold(self.bare).split())


@dataclass
class _Group:
    """The mentions gathered under one key, before they become an Entity."""

    key: tuple
    pieces: list = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Lookup tables, built once
# --------------------------------------------------------------------------------------------


def fold(name: str) -> str:
    """The comparison key of a name: no accents, no dots, one space, case-folded.

    >>> fold("  Tehrān  U.S. ")
    'tehran us'
    """
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(name.replace(".", "").split()).casefold()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """fold(name) -> alpha-2, for ISO names, common and official names, and rules' aliases."""
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                index.setdefault(fold(_strip_article(name)), country.alpha_2)
    for table in (rules.EXTRA_COUNTRIES, rules.PREFERRED_COUNTRY_NAMES):
        index.update({fold(name): code for code, name in table.items()})
    index.update({fold(_strip_article(name)): code for name, code in rules.COUNTRY_ALIASES.items()})
    return index


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """alpha-2 -> the name newsx prints."""
    import pycountry

    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    names.update(rules.EXTRA_COUNTRIES)
    names.update(rules.PREFERRED_COUNTRY_NAMES)
    return names


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    """fold(name) of every subdivision (pycountry) and of rules.MAJOR_CITIES."""
    import pycountry

    names = {fold(s.name) for s in pycountry.subdivisions}
    return frozenset(names | _major_cities())


@lru_cache(maxsize=1)
def _major_cities() -> frozenset[str]:
    return frozenset(fold(c) for c in rules.MAJOR_CITIES)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, str]]:
    """fold(demonym or its plural) -> (demonym, alpha-2)."""
    table = {}
    for word, code in rules.DEMONYMS.items():
        table[fold(word)] = table[fold(word + "s")] = (word, code)
    return table


def _strip_article(name: str) -> str:
    for article in rules.LEADING_ARTICLES:
        if name.startswith(article):
            return name[len(article):].lstrip()
    return name


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name, abbreviation or alias, else None.

    >>> country_code("the Islamic Republic of Iran"), country_code("U.S."), country_code("Paris")
    ('IR', 'US', None)
    """
    name = name.strip(rules.MENTION_EDGE_CHARACTERS)
    if len(name) < 2:
        return None
    key = fold(_strip_article(name))
    code = _country_index().get(key)
    # Two- and three-letter aliases only in capitals: "US" is a country, "us" a pronoun.
    if code and len(key) <= 3 and not name.replace(".", "").isupper():
        return None
    return code


def country_name(code: str) -> str:
    """The display name of a country code.

    >>> country_name("IR"), country_name("KZ")
    ('Iran', 'Kazakhstan')
    """
    return _country_names().get(code, code)


def find_entity(entities: Entities, start: int, end: int) -> tuple[str, Entity] | None:
    """(section, entity) of the entity with a mention overlapping [start, end), the widest overlap.

    >>> iran = Entity("Iran", "GPE", (Mention("Iran", 4, 8),), code="IR")
    >>> section, entity = find_entity(Entities(countries=(iran,)), 5, 6)
    >>> section, entity.name
    ('countries', 'Iran')
    """
    end = max(end, start + 1)
    best, best_overlap = None, 0
    for section in SECTIONS:
        for entity in getattr(entities, section):
            for mention in entity.mentions:
                overlap = min(end, mention.end) - max(start, mention.start)
                if overlap > best_overlap:
                    best, best_overlap = (section, entity), overlap
    return best


# --------------------------------------------------------------------------------------------
# Cleaning spans
# --------------------------------------------------------------------------------------------


def _trim(text: str, start: int, end: int, dotted: frozenset = frozenset()) -> tuple[int, int]:
    """Strip edge punctuation, keeping the final dot of abbreviations ("U.S.", "Okla.", "Inc.").

    A dot is kept when it ends one of spaCy's tokens (``dotted``: its tokenizer exceptions keep
    an abbreviation's dot, and split a sentence's off) or matches rules.ABBREVIATION_PATTERN.
    """
    while start < end and text[start] in rules.MENTION_EDGE_CHARACTERS:
        start += 1
    while end > start and text[end - 1] in rules.MENTION_EDGE_CHARACTERS:
        if text[end - 1] == "." and (end in dotted or _ABBREVIATION.search(text, start, end)):
            break
        end -= 1
    return start, end


def _trim_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    for ending in rules.POSSESSIVE_ENDINGS:
        if text.endswith(ending, start, end) and end - start > len(ending):
            # "Iran's" loses "'s"; "Reuters'" loses only the apostrophe.
            return start, end - (len(ending) if ending[0] in "'\u2019" else 1)
    return start, end


def _trim_article(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Drop a leading "the"; a publication ("The Jerusalem Post") keeps a capital "The".

    Returns the new start and end, and whether an article stood before a publication's name.
    """
    for article in rules.LEADING_ARTICLES:
        if text.startswith(article, start, end) and end - start > len(article):
            words = text[start:end].split()
            if words[-1].casefold() in rules.PUBLICATION_WORDS:
                return (start if article[0] == "T" else start + len(article)), end, True
            return start + len(article), end, False
    return start, end, False


def _is_leading_word(word: str, following: str, label: str) -> bool:
    """A word before a name that is not part of it: lower case ("a", "federal"), or before a
    person a title ("Minister"), a nationality before a title ("Iranian President") or a
    possessive ("China's Defence Minister Li Shangfu").

    >>> _is_leading_word("Iranian", "Ambassador", "PERSON"), _is_leading_word("Kazem", "Jalali", "PERSON")
    (True, False)
    """
    if word.isalpha() and word.islower() and word not in rules.NAME_PARTICLES:
        return True
    if label != "PERSON":
        return False
    title = following.casefold() in rules.TITLE_WORDS
    possessive = word.endswith(rules.POSSESSIVE_ENDINGS)
    return word.casefold() in rules.TITLE_WORDS or possessive or (word in rules.DEMONYMS and title)


def _trim_leading_words(text: str, start: int, end: int, label: str) -> int:
    """The start of the name once leading non-name words are dropped (one word always stays)."""
    found = list(_WORD.finditer(text, start, end))
    words = [m.group(0) for m in found]
    index = 0
    while index < len(words) - 1 and _is_leading_word(words[index], words[index + 1], label):
        index += 1
    return found[index].start() if found else start


def _trim_headline_verb(text: str, start: int, end: int, label: str) -> int:
    """The end of a name once a headline's speech verb is dropped: "Obama Says" is Obama.

    >>> _trim_headline_verb("Obama Says", 0, 10, "PERSON")
    5
    """
    if label not in ("PERSON", "ORG"):
        return end
    found = list(_WORD.finditer(text, start, end))
    if len(found) >= 2 and found[-1].group(0)[:1].isupper() and _is_speech_verb(found[-1].group(0)):
        return found[-2].end()
    return end


def _is_speech_verb(word: str) -> bool:
    from .quotes import cue_lemma

    # Only the third-person forms a headline uses ("Says", "Calls", "Slams"), never a bare noun.
    return word.lower().endswith("s") and cue_lemma(word) is not None


def _clean(text: str, start: int, end: int, label: str, dotted: frozenset = frozenset()) -> Iterator[_Piece]:
    """The pieces a model span becomes: cleaned, and split at an unbalanced "(" tail."""
    start, end = _trim(text, start, end, dotted)
    opening = text.find("(", start, end)
    alias = None
    if opening != -1 and text.find(")", opening, end) == -1:
        alias = _trim(text, opening + 1, end)
        start, end = _trim(text, start, opening, dotted)
    start, end = _trim_possessive(text, *_trim(text, start, end, dotted))
    start, end, publication = _trim_article(text, start, end)
    start = _trim_leading_words(text, start, end, label)
    end = _trim_headline_verb(text, start, end, label)
    if not _is_name(text[start:end]):
        return
    name = _strip_article(text[start:end]) if publication else text[start:end]
    head = _Piece(start, end, label, name, publication)
    yield head
    if alias and _is_acronym(text[alias[0]:alias[1]]):
        yield _Piece(alias[0], alias[1], label, text[alias[0]:alias[1]], alias_of=head)


def _is_name(surface: str) -> bool:
    """A name has a capital letter or a digit: "n't", "taco" or "conservatives" are not names.

    >>> _is_name("Iran"), _is_name("n\u2019t"), _is_name("G7")
    (True, False, True)
    """
    return any(c.isupper() or c.isdigit() for c in surface)


def _is_acronym(word: str) -> bool:
    """A single token of capitals, maybe dotted or with digits: "SCO", "U.N.", "G7".

    >>> _is_acronym("SCO"), _is_acronym("U.N."), _is_acronym("Iran")
    (True, True, False)
    """
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and " " not in word and letters.isupper() and letters.isalnum()


def _split_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of [start, end) between line breaks: a name never runs across lines."""
    position = start
    for brk in _LINE_BREAK.finditer(text, start, end):
        yield position, brk.start()
        position = brk.end()
    yield position, end


def _model_pieces(doc, text: str) -> Iterator[_Piece]:
    for span in doc.ents:
        if span.label_ in rules.IGNORED_ENTITY_LABELS:
            continue
        dotted = frozenset(t.idx + len(t) for t in span if len(t) > 1 and t.text.endswith("."))
        for start, end in _split_lines(text, span.start_char, span.end_char):
            yield from _clean(text, start, end, span.label_, dotted)


def _credit_pieces(text: str) -> tuple[list[_Piece], list[tuple[int, int]]]:
    """Photographers and agencies of photo credits, and the regions the credits cover."""
    pieces, regions = [], []
    for pattern in _PHOTO_CREDITS:
        for match in pattern.finditer(text):
            regions.append(match.span())
            for group, value in match.groupdict().items():
                if value:
                    label = "PERSON" if group == "person" else "ORG"
                    pieces.extend(_clean(text, match.start(group), match.end(group), label))
    return pieces, regions


def _pieces(doc, text: str) -> list[_Piece]:
    """Every cleaned mention in text order; a photo credit overrides the model's spans in it."""
    credits, regions = _credit_pieces(text)
    inside = lambda p: any(s <= p.start < e or s < p.end <= e for s, e in regions)  # noqa: E731
    pieces = [p for p in _model_pieces(doc, text) if not inside(p)] + credits
    pieces.sort(key=lambda p: (p.start, -p.end))
    unique, seen = [], set()
    for piece in pieces:
        if (piece.start, piece.end) not in seen:
            seen.add((piece.start, piece.end))
            unique.append(piece)
    return unique


# --------------------------------------------------------------------------------------------
# Grouping mentions into entities
# --------------------------------------------------------------------------------------------


def _initials(name: str) -> str:
    """The capitals' initials: "Organisation of the Petroleum Exporting Countries" -> "OPEC"."""
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _is_known_place(piece: _Piece) -> bool:
    return fold(piece.bare) in _known_places()


def _full_names(pieces: list[_Piece], label: str) -> list[_Piece]:
    """Multi-word mentions with ``label`` that are not countries: what short forms refer to."""
    return [p for p in pieces if p.label == label and len(p.words) > 1 and not country_code(p.bare)]


def _person_for(piece: _Piece, people: "_People") -> Optional[_Piece]:
    """The person a one-word mention names: a full name before it ending (else starting) with it.

    Where several people share the word ("Hillary Clinton", "Chelsea Clinton"), a bare "Clinton" is
    the one named most often so far, the first introduced on a tie: news copy gives the protagonist
    the bare surname and names relatives in full. Only a PERSON mention may name someone
    introduced later ("Li said ... Li Shangfu").
    """
    if len(piece.words) != 1:
        return None
    word = piece.words[0]
    candidates = people.by_last.get(word, []), people.by_first.get(word, [])
    for named in candidates:
        before = [p for p in named if p.start < piece.start]
        if before:
            return _protagonist(before)
    if piece.label == "PERSON":
        return next((named[0] for named in candidates if named), None)
    return None


def _protagonist(mentions: list[_Piece]) -> _Piece:
    """Of full-name mentions (in text order), one of the person named most often, first on a tie."""
    counts = Counter(p.key for p in mentions)
    first = {}
    for p in mentions:
        first.setdefault(p.key, p)
    return max(first.values(), key=lambda p: (counts[p.key], -p.start))


class _People:
    """The full names of people, by their folded first and by their last word, in text order."""

    def __init__(self, people: list[_Piece]):
        self.by_first: dict[str, list[_Piece]] = {}
        self.by_last: dict[str, list[_Piece]] = {}
        for person in people:
            self.by_first.setdefault(person.words[0], []).append(person)
            self.by_last.setdefault(person.words[-1], []).append(person)


def _same_person(full: _Piece, earlier: list[_Piece]) -> Optional[_Piece]:
    """An earlier full name with the same first and last words ("Donald J. Trump", "Donald Trump")."""
    words = full.words
    return next((p for p in earlier if p.words[0] == words[0] and p.words[-1] == words[-1]), None)


def _organisation_for(piece: _Piece, organisations: list[_Piece]) -> Optional[_Piece]:
    """The organisation an acronym stands for, by the initials of its capitalised words."""
    if not _is_acronym(piece.bare):
        return None
    letters = piece.bare.replace(".", "")
    return next((o for o in organisations if _initials(o.bare) == letters), None)


def _publication_for(piece: _Piece, organisations: list[_Piece]) -> Optional[_Piece]:
    """The publication a one-word mention of its last word names: "The Star" after "The Toronto Star"."""
    if len(piece.words) != 1 or piece.words[0] not in rules.PUBLICATION_WORDS:
        return None
    word = piece.words[0]
    earlier = [o for o in organisations if o.publication and o.words[-1] == word and o.start < piece.start]
    return earlier[-1] if earlier else None


def _vote(piece: _Piece) -> str:
    """The label a piece votes for: the model's, but a publication is an organisation and a one-word
    "organisation" that is a known city is a place ("Copenhagen" in "the Copenhagen talks")."""
    if piece.publication and piece.label != "PERSON":
        return "ORG"
    if piece.label == "ORG" and fold(piece.bare) in _major_cities():
        return "GPE"
    return piece.label


def _country_in_context(name: str, text: str) -> bool:
    """Whether a name shared by a country and another place means the country in this text.

    >>> _country_in_context("Georgia", "Tbilisi, Georgia"), _country_in_context("Georgia", "Atlanta, Georgia")
    (True, False)
    """
    context = rules.AMBIGUOUS_COUNTRY_NAMES.get(name)
    return context is None or any(word in text for word in context)


def _key(piece: _Piece, people: _People, organisations: list[_Piece], index: dict, text: str) -> tuple:
    """The key of the entity a piece names; sets ``piece.vote``, the label it votes for."""
    if piece.alias_of is not None:
        piece.vote = piece.alias_of.vote
        return piece.alias_of.key
    piece.vote = _vote(piece)
    folded = fold(piece.bare)
    demonym = _demonyms().get(folded)
    if demonym and piece.label == "NORP":
        return ("demonym", demonym[1], demonym[0])
    person = _person_for(piece, people) if piece.label == "PERSON" else None
    code = None if person else country_code(piece.bare)
    if code and not _country_in_context(piece.bare, text):
        code = None  # "Georgia" in a story about Atlanta is the state
    if code:
        return ("country", code)
    if demonym:
        return ("demonym", demonym[1], demonym[0])
    if person is None and not (piece.label in ("GPE", "LOC", "FAC") and _is_known_place(piece)):
        person = _person_for(piece, people)
    if person is not None:
        piece.vote = "PERSON"
        return person.key
    if folded in index:
        return index[folded]
    organisation = _publication_for(piece, organisations) or _organisation_for(piece, organisations)
    return organisation.key if organisation is not None else ("name", folded)


def _key_full_names(people: list[_Piece], organisations: list[_Piece]) -> None:
    """Key the full names first, so that short forms, before or after them, can point to them."""
    for index, full in enumerate(people):
        same = _same_person(full, people[:index])
        full.key = same.key if same else ("name", fold(full.bare))
    for full in organisations:
        full.key = ("name", fold(full.bare))


def _group(pieces: list[_Piece], text: str) -> list[_Group]:
    """Gather the pieces by entity, in order of first mention."""
    people, organisations = _full_names(pieces, "PERSON"), _full_names(pieces, "ORG")
    _key_full_names(people, organisations)
    full = {id(p) for p in people + organisations}
    by_name = _People(people)
    groups: dict[tuple, _Group] = {}
    index: dict[str, tuple] = {}
    for piece in pieces:
        if id(piece) in full:
            piece.vote = _vote(piece)
        else:
            piece.key = _key(piece, by_name, organisations, index, text)
        if piece.key[0] == "name":
            index.setdefault(fold(piece.bare), piece.key)
        groups.setdefault(piece.key, _Group(piece.key)).pieces.append(piece)
    places = {p.start for p in pieces if p.label in ("GPE", "LOC") or p.key[0] == "country"}
    for group in groups.values():
        if _reads_as_person(group, text, places):
            for piece in group.pieces:
                piece.vote = "PERSON"
    return list(groups.values())


def _reads_as_person(group: _Group, text: str, places: set[int]) -> bool:
    """A one-word "place" that the article treats as a person: the model's PERSON/GPE confusion.

    It must be a capitalised word (not an acronym) that is no known place (country, subdivision,
    rules.MAJOR_CITIES), that some mention uses as a possessor ("Raisi's focus") and that no
    mention uses as a place: after a locative preposition ("in Novi") or before ", Region".
    """
    first = group.pieces[0]
    if group.key[0] != "name" or _label(group) != "GPE" or not _is_plain_word(first.bare):
        return False
    if _is_known_place(first):
        return False
    return any(_is_possessor(text, p.end) for p in group.pieces) and not any(
        _is_place_use(text, p, places) for p in group.pieces
    )


def _is_plain_word(word: str) -> bool:
    return word.isalpha() and word[0].isupper() and not word.isupper()


def _is_possessor(text: str, end: int) -> bool:
    """True when "'s" plus a noun follows: "Raisi's focus", not "Carolina's going".

    >>> _is_possessor("Raisi's focus", 5), _is_possessor("Carolina's going", 8)
    (True, False)
    """
    match = _POSSESSIVE.match(text, end)
    if not match:
        return False
    word = match.group(1)
    return word not in rules.WORDS_AFTER_IS and not word.endswith(rules.WORD_ENDINGS_AFTER_IS)


def _is_place_use(text: str, piece: _Piece, places: set[int]) -> bool:
    """After a locative preposition ("in Novi", not "at Brazile's direction"), or before ", Region"."""
    before = _WORD_BEFORE.search(text, max(0, piece.start - 20), piece.start)
    if before and before.group(1).casefold() in rules.LOCATIVE_PREPOSITIONS:
        if not _is_possessor(text, piece.end):
            return True
    return text.startswith(", ", piece.end) and piece.end + 2 in places


# --------------------------------------------------------------------------------------------
# Naming entities
# --------------------------------------------------------------------------------------------


def display(surface: str, label: str) -> str:
    """How a name is printed: ALL-CAPS names title-cased, acronyms kept.

    Credits, datelines and headlines set names in capitals as a typographic convention
    ("[ALEXANDER NEMENOV/AFP via Getty Images]", "WASHINGTON -"), not because the name is spelt
    so: the name is printed as running text would spell it. A one-word name in capitals is kept
    when it is a known acronym (rules.KNOWN_ACRONYMS) or, not naming a person, short enough to be
    one (rules.ACRONYM_MAX_LETTERS: SCO, TASS, AFP).

    >>> display("ALEXANDER NEMENOV", "PERSON"), display("AFP", "ORG"), display("WASHINGTON", "GPE")
    ('Alexander Nemenov', 'AFP', 'Washington')
    """
    words = surface.split()
    if not surface.isupper():
        return " ".join(words)
    if len(words) == 1 and (label != "PERSON" and len(surface) <= rules.ACRONYM_MAX_LETTERS):
        return surface
    return " ".join(w if w in rules.KNOWN_ACRONYMS else w.title() for w in words)


def _label(group: _Group) -> str:
    kind = group.key[0]
    if kind == "country":
        return "GPE"
    if kind == "demonym":
        return "NORP"
    votes = Counter(p.vote for p in group.pieces)
    first = {p.vote: i for i, p in reversed(list(enumerate(group.pieces)))}
    return max(votes, key=lambda label: (votes[label], -first[label]))


def _name(group: _Group, label: str) -> str:
    kind = group.key[0]
    if kind == "country":
        return country_name(group.key[1])
    if kind == "demonym":
        return group.key[2]
    forms = [display(p.bare, label) for p in group.pieces]
    longest = max(forms, key=lambda f: (len(f.split()), len(f), not f.isupper()))
    publication = any(p.publication for p in group.pieces)
    return f"The {longest}" if publication else longest


def _aliases(group: _Group, name: str, label: str) -> tuple[str, ...]:
    seen, aliases = {fold(name)}, []
    for form in [display(p.bare, label) for p in group.pieces] + [_strip_article(name)]:
        if fold(form) not in seen:
            seen.add(fold(form))
            aliases.append(form)
    return tuple(aliases)


def _section(group: _Group, label: str) -> str:
    if group.key[0] == "country":
        return "countries"
    if label == "PERSON":
        return "people"
    return "organisations" if label == "ORG" else "other"


def _entity(group: _Group, text: str) -> tuple[str, Entity]:
    label = _label(group)
    name = _name(group, label)
    mentions = tuple(Mention(text[p.start:p.end], p.start, p.end) for p in group.pieces)
    code = group.key[1] if group.key[0] in ("country", "demonym") else None
    return _section(group, label), Entity(name, label, mentions, code, _aliases(group, name, label))


def extract_entities(doc, text: str) -> Entities:
    """The entities of ``text``, read from ``doc``, spaCy's Doc of ``normalize(text)``.

    Mentions are cut from ``text`` (``text[m.start:m.end] == m.text``); spaCy is not imported.

    >>> from newsx import pipeline  # doctest: +SKIP
    >>> from newsx.normalize import normalize  # doctest: +SKIP
    >>> text = "Vice President Kamala Harris met Rishi Sunak in London. Harris and Sunak agreed."
    >>> found = extract_entities(pipeline.load(tasks=("entities",))(normalize(text)), text)  # doctest: +SKIP
    >>> [(e.name, e.aliases, e.count) for e in found.people]  # doctest: +SKIP
    [('Kamala Harris', ('Harris',), 2), ('Rishi Sunak', ('Sunak',), 2)]
    """
    if (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0) != len(text):
        raise ValueError("doc must be spaCy's Doc of normalize(text), of the same length as text")
    sections: dict[str, list[Entity]] = {s: [] for s in SECTIONS}
    for group in _group(_pieces(doc, text), text):
        section, entity = _entity(group, text)
        sections[section].append(entity)
    return Entities(**{s: tuple(e) for s, e in sections.items()})
