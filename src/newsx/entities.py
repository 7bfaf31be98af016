"""People, countries, organisations and other names of an article, from spaCy's NER plus rules.

spaCy reads ``normalize(text)``; every mention here is cut from the original ``text`` at the same
offsets. The model's spans are cleaned (line breaks, brackets, "the", titles, possessives), photo
credits are read by pattern, countries and nationalities are fixed by :mod:`newsx.countries`, and
the mentions of one person or organisation ("Li Shangfu" ... "Li", "... Organisation (SCO)" ...
"SCO") are gathered into one :class:`~newsx.types.Entity`. Every word list and pattern comes from
the :class:`~newsx.lexicon.Lexicon`. spaCy itself is never imported here.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, Optional

from .base import SECTIONS
from .countries import (
    country_code, country_in_context, country_name, demonym, fold, is_known_place, major_cities, strip_article,
)
from .cues import cue_lemma
from .lexicon import Lexicon, LexiconLike, resolve_lexicon
from .types import Entities, Entity, Mention


_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")
_WORD = re.compile(r"\S+")
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
# Cleaning spans
# --------------------------------------------------------------------------------------------


def _trim(text: str, start: int, end: int, lexicon: Lexicon, dotted: frozenset = frozenset()) -> tuple[int, int]:
    """Strip edge punctuation, keeping the final dot of abbreviations ("U.S.", "Okla.", "Inc.").

    A dot is kept when it ends one of spaCy's tokens (``dotted``: its tokenizer exceptions keep
    an abbreviation's dot, and split a sentence's off) or matches the lexicon's ``abbreviation``.
    """
    edges = lexicon.entities.mention_edge_characters
    while start < end and text[start] in edges:
        start += 1
    while end > start and text[end - 1] in edges:
        if text[end - 1] == "." and (end in dotted or lexicon.patterns.abbreviation.search(text, start, end)):
            break
        end -= 1
    return start, end


def _trim_possessive(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, int]:
    for ending in lexicon.entities.possessive_endings:
        if text.endswith(ending, start, end) and end - start > len(ending):
            # "Iran's" loses "'s"; "Reuters'" loses only the apostrophe.
            return start, end - (len(ending) if ending[0] in "'\u2019" else 1)
    return start, end


def _trim_article(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, int, bool]:
    """Drop a leading "the"; a publication ("The Jerusalem Post") keeps a capital "The".

    Returns the new start and end, and whether an article stood before a publication's name.
    """
    for article in lexicon.entities.leading_articles:
        if text.startswith(article, start, end) and end - start > len(article):
            words = text[start:end].split()
            if words[-1].casefold() in lexicon.publications:
                return (start if article[0] == "T" else start + len(article)), end, True
            return start + len(article), end, False
    return start, end, False


def _is_leading_word(word: str, following: str, label: str, lexicon: Lexicon) -> bool:
    """A word before a name that is not part of it: lower case ("a", "federal"), or before a
    person a title ("Minister"), a nationality before a title ("Iranian President") or a
    possessive ("China's Defence Minister Li Shangfu").

    >>> from newsx.lexicon import default_lexicon
    >>> [_is_leading_word(w, f, "PERSON", default_lexicon()) for w, f in (("Iranian", "Ambassador"), ("Kazem", "Jalali"))]
    [True, False]
    """
    if word.isalpha() and word.islower() and word not in lexicon.entities.name_particles:
        return True
    if label != "PERSON":
        return False
    title = following.casefold() in lexicon.titles
    possessive = word.endswith(lexicon.entities.possessive_endings)
    return word.casefold() in lexicon.titles or possessive or (word in lexicon.demonyms and title)


def _trim_leading_words(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> int:
    """The start of the name once leading non-name words are dropped (one word always stays)."""
    found = list(_WORD.finditer(text, start, end))
    words = [m.group(0) for m in found]
    index = 0
    while index < len(words) - 1 and _is_leading_word(words[index], words[index + 1], label, lexicon):
        index += 1
    return found[index].start() if found else start


def _trim_headline_verb(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> int:
    """The end of a name once a headline's speech verb is dropped: "Obama Says" is Obama.

    >>> from newsx.lexicon import default_lexicon
    >>> _trim_headline_verb("Obama Says", 0, 10, "PERSON", default_lexicon())
    5
    """
    if label not in ("PERSON", "ORG"):
        return end
    found = list(_WORD.finditer(text, start, end))
    if len(found) >= 2 and found[-1].group(0)[:1].isupper() and _is_speech_verb(found[-1].group(0), lexicon):
        return found[-2].end()
    return end


def _is_speech_verb(word: str, lexicon: Lexicon) -> bool:
    # Only the third-person forms a headline uses ("Says", "Calls", "Slams"), never a bare noun.
    return word.lower().endswith("s") and cue_lemma(word, lexicon) is not None


def _clean(text: str, start: int, end: int, label: str, lexicon: Lexicon,
           dotted: frozenset = frozenset()) -> Iterator[_Piece]:
    """The pieces a model span becomes: cleaned, and split at an unbalanced "(" tail."""
    start, end = _trim(text, start, end, lexicon, dotted)
    opening = text.find("(", start, end)
    alias = None
    if opening != -1 and text.find(")", opening, end) == -1:
        alias = _trim(text, opening + 1, end, lexicon)
        start, end = _trim(text, start, opening, lexicon, dotted)
    start, end = _trim_possessive(text, *_trim(text, start, end, lexicon, dotted), lexicon)
    start, end, publication = _trim_article(text, start, end, lexicon)
    start = _trim_leading_words(text, start, end, label, lexicon)
    end = _trim_headline_verb(text, start, end, label, lexicon)
    if not _is_name(text[start:end]):
        return
    name = strip_article(text[start:end], lexicon) if publication else text[start:end]
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


def _model_pieces(doc, text: str, lexicon: Lexicon) -> Iterator[_Piece]:
    for span in doc.ents:
        if span.label_ in lexicon.entities.ignored_labels:
            continue
        dotted = frozenset(t.idx + len(t) for t in span if len(t) > 1 and t.text.endswith("."))
        for start, end in _split_lines(text, span.start_char, span.end_char):
            yield from _clean(text, start, end, span.label_, lexicon, dotted)


def _credit_pieces(text: str, lexicon: Lexicon) -> tuple[list[_Piece], list[tuple[int, int]]]:
    """Photographers and agencies of photo credits, and the regions the credits cover."""
    pieces: list[_Piece] = []
    regions: list[tuple[int, int]] = []
    for pattern in (lexicon.patterns.photo_credit, lexicon.patterns.photo_credit_agency_first):
        for match in pattern.finditer(text):
            regions.append(match.span())
            for group, value in match.groupdict().items():
                if value:
                    label = "PERSON" if group == "person" else "ORG"
                    pieces.extend(_clean(text, match.start(group), match.end(group), label, lexicon))
    return pieces, regions


def _pieces(doc, text: str, lexicon: Lexicon) -> list[_Piece]:
    """Every cleaned mention in text order; a photo credit overrides the model's spans in it."""
    credits, regions = _credit_pieces(text, lexicon)
    inside = lambda p: any(s <= p.start < e or s < p.end <= e for s, e in regions)  # noqa: E731
    pieces = [p for p in _model_pieces(doc, text, lexicon) if not inside(p)] + credits
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


def _full_names(pieces: list[_Piece], label: str, lexicon: Lexicon) -> list[_Piece]:
    """Multi-word mentions with ``label`` that are not countries: what short forms refer to."""
    return [p for p in pieces if p.label == label and len(p.words) > 1 and not country_code(p.bare, lexicon)]


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
    first: dict[tuple, _Piece] = {}
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


def _publication_for(piece: _Piece, organisations: list[_Piece], lexicon: Lexicon) -> Optional[_Piece]:
    """The publication a one-word mention of its last word names: "The Star" after "The Toronto Star"."""
    if len(piece.words) != 1 or piece.words[0] not in lexicon.publications:
        return None
    word = piece.words[0]
    earlier = [o for o in organisations if o.publication and o.words[-1] == word and o.start < piece.start]
    return earlier[-1] if earlier else None


def _vote(piece: _Piece, lexicon: Lexicon) -> str:
    """The label a piece votes for: the model's, but a publication is an organisation and a one-word
    "organisation" that is a known city is a place ("Copenhagen" in "the Copenhagen talks")."""
    if piece.publication and piece.label != "PERSON":
        return "ORG"
    if piece.label == "ORG" and fold(piece.bare) in major_cities(lexicon):
        return "GPE"
    return piece.label


def _key(piece: _Piece, people: _People, organisations: list[_Piece], index: dict, text: str,
         lexicon: Lexicon) -> tuple:
    """The key of the entity a piece names; sets ``piece.vote``, the label it votes for."""
    if piece.alias_of is not None:
        piece.vote = piece.alias_of.vote
        return piece.alias_of.key
    piece.vote = _vote(piece, lexicon)
    folded = fold(piece.bare)
    nationality = demonym(piece.bare, lexicon)
    if nationality and piece.label == "NORP":
        return ("demonym", nationality[1], nationality[0])
    person = _person_for(piece, people) if piece.label == "PERSON" else None
    code = None if person else country_code(piece.bare, lexicon)
    if code and not country_in_context(piece.bare, text, lexicon):
        code = None  # "Georgia" in a story about Atlanta is the state
    if code:
        return ("country", code)
    if nationality:
        return ("demonym", nationality[1], nationality[0])
    if person is None and not (piece.label in ("GPE", "LOC", "FAC") and is_known_place(piece.bare, lexicon)):
        person = _person_for(piece, people)
    if person is not None:
        piece.vote = "PERSON"
        return person.key
    if folded in index:
        return index[folded]
    organisation = _publication_for(piece, organisations, lexicon) or _organisation_for(piece, organisations)
    return organisation.key if organisation is not None else ("name", folded)


def _key_full_names(people: list[_Piece], organisations: list[_Piece]) -> None:
    """Key the full names first, so that short forms, before or after them, can point to them."""
    for index, full in enumerate(people):
        same = _same_person(full, people[:index])
        full.key = same.key if same else ("name", fold(full.bare))
    for full in organisations:
        full.key = ("name", fold(full.bare))


def _group(pieces: list[_Piece], text: str, lexicon: Lexicon) -> list[_Group]:
    """Gather the pieces by entity, in order of first mention."""
    people, organisations = _full_names(pieces, "PERSON", lexicon), _full_names(pieces, "ORG", lexicon)
    _key_full_names(people, organisations)
    full = {id(p) for p in people + organisations}
    by_name = _People(people)
    groups: dict[tuple, _Group] = {}
    index: dict[str, tuple] = {}
    for piece in pieces:
        if id(piece) in full:
            piece.vote = _vote(piece, lexicon)
        else:
            piece.key = _key(piece, by_name, organisations, index, text, lexicon)
        if piece.key[0] == "name":
            index.setdefault(fold(piece.bare), piece.key)
        groups.setdefault(piece.key, _Group(piece.key)).pieces.append(piece)
    places = {p.start for p in pieces if p.label in ("GPE", "LOC") or p.key[0] == "country"}
    for group in groups.values():
        if _reads_as_person(group, text, places, lexicon):
            for piece in group.pieces:
                piece.vote = "PERSON"
    return list(groups.values())


def _reads_as_person(group: _Group, text: str, places: set[int], lexicon: Lexicon) -> bool:
    """A one-word "place" that the article treats as a person: the model's PERSON/GPE confusion.

    It must be a capitalised word (not an acronym) that is no known place (country, subdivision,
    cities.txt), that some mention uses as a possessor ("Raisi's focus") and that no
    mention uses as a place: after a locative preposition ("in Novi") or before ", Region".
    """
    first = group.pieces[0]
    if group.key[0] != "name" or _label(group) != "GPE" or not _is_plain_word(first.bare):
        return False
    if is_known_place(first.bare, lexicon):
        return False
    return any(_is_possessor(text, p.end, lexicon) for p in group.pieces) and not any(
        _is_place_use(text, p, places, lexicon) for p in group.pieces
    )


def _is_plain_word(word: str) -> bool:
    return word.isalpha() and word[0].isupper() and not word.isupper()


def _is_possessor(text: str, end: int, lexicon: Lexicon) -> bool:
    """True when "'s" plus a noun follows: "Raisi's focus", not "Carolina's going".

    >>> from newsx.lexicon import default_lexicon
    >>> _is_possessor("Raisi's focus", 5, default_lexicon()), _is_possessor("Carolina's going", 8, default_lexicon())
    (True, False)
    """
    match = _POSSESSIVE.match(text, end)
    if not match:
        return False
    word = match.group(1)
    return word not in lexicon.entities.words_after_is and not word.endswith(lexicon.entities.word_endings_after_is)


def _is_place_use(text: str, piece: _Piece, places: set[int], lexicon: Lexicon) -> bool:
    """After a locative preposition ("in Novi", not "at Brazile's direction"), or before ", Region"."""
    before = _WORD_BEFORE.search(text, max(0, piece.start - 20), piece.start)
    if before and before.group(1).casefold() in lexicon.entities.locative_prepositions:
        if not _is_possessor(text, piece.end, lexicon):
            return True
    return text.startswith(", ", piece.end) and piece.end + 2 in places


# --------------------------------------------------------------------------------------------
# Naming entities
# --------------------------------------------------------------------------------------------


def display(surface: str, label: str, lexicon: Lexicon) -> str:
    """How a name is printed: ALL-CAPS names title-cased, acronyms kept.

    Credits, datelines and headlines set names in capitals as a typographic convention
    ("[ALEXANDER NEMENOV/AFP via Getty Images]", "WASHINGTON -"), not because the name is spelt
    so: the name is printed as running text would spell it. A one-word name in capitals is kept
    when it is a known acronym (acronyms.txt) or, not naming a person, short enough to be one
    (``acronym_max_letters``: SCO, TASS, AFP).

    >>> from newsx.lexicon import default_lexicon
    >>> [display(s, label, default_lexicon()) for s, label in (("ALEXANDER NEMENOV", "PERSON"), ("AFP", "ORG"))]
    ['Alexander Nemenov', 'AFP']
    """
    words = surface.split()
    if not surface.isupper():
        return " ".join(words)
    if len(words) == 1 and (label != "PERSON" and len(surface) <= lexicon.entities.acronym_max_letters):
        return surface
    return " ".join(w if w in lexicon.acronyms else w.title() for w in words)


def _label(group: _Group) -> str:
    kind = group.key[0]
    if kind == "country":
        return "GPE"
    if kind == "demonym":
        return "NORP"
    votes = Counter(p.vote for p in group.pieces)
    first = {p.vote: i for i, p in reversed(list(enumerate(group.pieces)))}
    return max(votes, key=lambda label: (votes[label], -first[label]))


def _name(group: _Group, label: str, lexicon: Lexicon) -> str:
    kind = group.key[0]
    if kind == "country":
        return country_name(group.key[1], lexicon)
    if kind == "demonym":
        return group.key[2]
    forms = [display(p.bare, label, lexicon) for p in group.pieces]
    longest = max(forms, key=lambda f: (len(f.split()), len(f), not f.isupper()))
    publication = any(p.publication for p in group.pieces)
    return f"The {longest}" if publication else longest


def _aliases(group: _Group, name: str, label: str, lexicon: Lexicon) -> tuple[str, ...]:
    seen, aliases = {fold(name)}, []
    for form in [display(p.bare, label, lexicon) for p in group.pieces] + [strip_article(name, lexicon)]:
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


def _entity(group: _Group, text: str, lexicon: Lexicon) -> tuple[str, Entity]:
    label = _label(group)
    name = _name(group, label, lexicon)
    mentions = tuple(Mention(text[p.start:p.end], p.start, p.end) for p in group.pieces)
    code = group.key[1] if group.key[0] in ("country", "demonym") else None
    return _section(group, label), Entity(name, label, mentions, code, _aliases(group, name, label, lexicon))


def extract_entities(doc, text: str, *, lexicon: LexiconLike = None) -> Entities:
    """The entities of ``text``, read from ``doc``, spaCy's Doc of ``normalize(text)``.

    Mentions are cut from ``text`` (``text[m.start:m.end] == m.text``); spaCy is not imported.
    ``lexicon`` is a :class:`~newsx.lexicon.Lexicon`, a lexicon directory, or None for the packaged one.

    >>> from newsx import pipeline  # doctest: +SKIP
    >>> from newsx.normalize import normalize  # doctest: +SKIP
    >>> text = "Vice President Kamala Harris met Rishi Sunak in London. Harris and Sunak agreed."
    >>> found = extract_entities(pipeline.load(tasks=("entities",))(normalize(text)), text)  # doctest: +SKIP
    >>> [(e.name, e.aliases, e.count) for e in found.people]  # doctest: +SKIP
    [('Kamala Harris', ('Harris',), 2), ('Rishi Sunak', ('Sunak',), 2)]
    """
    if (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0) != len(text):
        raise ValueError("doc must be spaCy's Doc of normalize(text), of the same length as text")
    rules = resolve_lexicon(lexicon)
    sections: dict[str, list[Entity]] = {s: [] for s in SECTIONS}
    for group in _group(_pieces(doc, text, rules), text, rules):
        section, entity = _entity(group, text, rules)
        sections[section].append(entity)
    return Entities(**{s: tuple(e) for s, e in sections.items()})
