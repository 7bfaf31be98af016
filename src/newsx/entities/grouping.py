"""Gathering the mentions of one person, organisation, country or place under one key.

"Li" after "Li Shangfu" is Li Shangfu; "SCO" after "Shanghai Cooperation Organisation" is the
organisation; "The Star" after "The Toronto Star" the publication; "Iran" and "the Islamic
Republic" one country. Every look-up is an index (by first and last word, by initials, by a
publication's last word), filled as the pieces are read in text order, so grouping takes time
linear in the number of mentions.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from ..countries import country_code, demonym, fold, is_known_place
from ..lexicon import Lexicon
from .context import Context, head_kind
from .pieces import Piece, is_acronym, key_form


def initials(name: str) -> str:
    """The capitals' initials: "Organisation of the Petroleum Exporting Countries" -> "OPEC".

    >>> initials("Organisation of the Petroleum Exporting Countries")
    'OPEC'
    """
    return "".join(w[0] for w in name.split() if w[0].isupper())


class _Names:
    """The full names of people read so far, by their folded first and last word.

    ``seen(word)`` gives, of the people read so far whose full name ends (else starts) with
    ``word``, the one named most often, the first introduced on a tie; ``first(word)`` the first
    person in the whole article with that word, for a PERSON surname read before the full name.
    """

    def __init__(self, people: list[Piece]):
        self.first_by_last: dict[str, Piece] = {}
        self.first_by_first: dict[str, Piece] = {}
        for person in people:
            self.first_by_last.setdefault(person.words[-1], person)
            self.first_by_first.setdefault(person.words[0], person)
        self._counts: dict[tuple[str, str], Counter] = {}
        self._first: dict[tuple[str, str], dict[tuple, Piece]] = {}

    def read(self, person: Piece) -> None:
        for side, word in (("last", person.words[-1]), ("first", person.words[0])):
            self._counts.setdefault((side, word), Counter())[person.key] += 1
            self._first.setdefault((side, word), {}).setdefault(person.key, person)

    def seen(self, word: str, by_first: bool = True) -> Optional[Piece]:
        for side in ("last", "first") if by_first else ("last",):
            counts = self._counts.get((side, word))
            if counts:
                first = self._first[(side, word)]
                return max(first.values(), key=lambda p: (counts[p.key], -p.start))
        return None

    def first(self, word: str, by_first: bool = True) -> Optional[Piece]:
        return self.first_by_last.get(word) or (self.first_by_first.get(word) if by_first else None)


def _full_names(pieces: list[Piece], label: str, lexicon: Lexicon) -> list[Piece]:
    """Multi-word mentions with ``label`` that are not countries: what short forms refer to."""
    return [p for p in pieces if p.label == label and len(p.words) > 1 and p.alias_of is None
            and not country_code(p.bare, lexicon)]


def _people_names(pieces: list[Piece], context: Context) -> list[Piece]:
    """The full names a surname may refer to: the model's people that are no organisation's or
    place's name ("Tarnwick Hotel"), and names of any label shaped like a person's ("Wendell Okoro")."""
    lexicon = context.lexicon
    return [p for p in pieces if len(p.words) > 1 and p.alias_of is None and not country_code(p.bare, lexicon)
            and ((p.label == "PERSON" and (head_kind(p.bare, lexicon) is None
                                           or p.bare.split()[-1].casefold() in lexicon.name_words.surnames))
                 or context.person_shaped(p.bare))]


def group_pieces(pieces: list[Piece], context: Context) -> dict[tuple, list[Piece]]:
    """The pieces (in text order) by entity key, in order of first mention.

    Keys: ``("country", code)``, ``("demonym", code, demonym)``, ``("name", folded full name)``.
    """
    text, lexicon = context.text, context.lexicon
    people = _people_names(pieces, context)
    organisations = [p for p in _full_names(pieces, "ORG", lexicon)
                     if not context.person_shaped(p.bare)]
    same_person: dict[tuple[str, str], tuple] = {}
    suffixes: dict[tuple[str, ...], tuple] = {}  # ("barros", "leite") -> the key of "Joaquim Barros Leite"
    for full in people:
        if full.words[:-1] and (full.words[-2], full.words[-1]) in suffixes and len(full.words) == 2:
            full.key = suffixes[(full.words[-2], full.words[-1])]  # "Barros Leite" after the full name
            continue
        full.key = same_person.setdefault((full.words[0], full.words[-1]), ("name", " ".join(full.words)))
        for size in range(2, len(full.words)):
            suffixes.setdefault(full.words[-size:], full.key)
    by_initials: dict[str, tuple] = {}
    by_plural: dict[str, tuple] = {}  # "kestrels" -> the key of "Lyon Kestrels"
    for full in organisations:
        full.key = ("name", " ".join(full.words))
        by_initials.setdefault(initials(full.bare), full.key)
        if full.bare.split()[-1].endswith("s") and full.bare.split()[-1][:1].isupper():
            by_plural.setdefault(full.words[-1], full.key)
    people_ids = {id(p) for p in people}
    full_ids = people_ids | {id(p) for p in organisations}
    names = _Names(people)
    publications: dict[str, Piece] = {}  # last word -> the latest publication read
    index: dict[str, tuple] = {}
    groups: dict[tuple, list[Piece]] = {}
    for piece in pieces:
        if id(piece) not in full_ids:
            piece.key = _key(piece, names, by_initials, by_plural, publications, index, context)
        elif piece.words and id(piece) in people_ids:
            names.read(piece)
        if piece.publication and piece.words:
            publications[piece.words[-1]] = piece
        if piece.key[0] == "name":
            index.setdefault(" ".join(piece.words), piece.key)
        groups.setdefault(piece.key, []).append(piece)
    return groups


def _person_for(piece: Piece, names: _Names, lexicon: Lexicon) -> Optional[Piece]:
    """The person a one-word mention names: a full name before it ending (else starting) with it.

    Where several people share the word ("Hillary Clinton", "Chelsea Clinton"), a bare "Clinton" is
    the one named most often so far, the first introduced on a tie: news copy gives the protagonist
    the bare surname and names relatives in full. Only a PERSON mention may name someone
    introduced later ("Li said ... Li Shangfu").
    """
    if len(piece.words) != 1:
        return None
    word = piece.words[0]
    # A first word names the person ("Wang" of "Wang Lei") unless it is a known place ("Leeds" is no
    # "Leeds Minster").
    by_first = not is_known_place(piece.bare, lexicon)
    found = names.seen(word, by_first)
    if found is None and piece.label == "PERSON":
        found = names.first(word, by_first)
    return found


def _speaks(piece: Piece, context: Context) -> bool:
    # "Lima said", "Ms Lima": a place's name used as a person's ("Ines Lima").
    return any(rule in ("speaker", "title", "addressee") for _, _, rule in context.evidence(piece))


def _key(piece: Piece, names: _Names, by_initials: dict[str, tuple], by_plural: dict[str, tuple],
         publications: dict[str, Piece], index: dict[str, tuple], context: Context) -> tuple:
    """The key of the entity a piece names."""
    text, lexicon = context.text, context.lexicon
    if piece.alias_of is not None:
        return piece.alias_of.key
    folded = " ".join(piece.words)
    nationality = demonym(piece.bare, lexicon)
    if nationality and piece.label == "NORP":
        return ("demonym", nationality[1], nationality[0])
    person = _person_for(piece, names, lexicon) if piece.label == "PERSON" else None
    code = None if person else country_code(key_form(piece.bare), lexicon)
    if code and not context.country_here(piece.bare):
        code = None  # "Georgia" in a story about Atlanta is the state
    if code:
        return ("country", code)
    if nationality:
        return ("demonym", nationality[1], nationality[0])
    if person is None and not (piece.label in ("GPE", "LOC", "FAC") and is_known_place(piece.bare, lexicon)
                               and not _speaks(piece, context)):
        person = _person_for(piece, names, lexicon)
    if person is not None:
        if person.label == "PERSON":
            piece.label = "PERSON"  # a surname of a person named in full is that person's
        return person.key
    if folded in index:
        return index[folded]
    if len(piece.words) == 1 and piece.words[0] in lexicon.publications:
        publication = publications.get(piece.words[0])
        if publication is not None:
            return publication.key
    if is_acronym(piece.bare):
        found = by_initials.get(piece.bare.replace(".", ""))
        if found is not None:
            return found
    if len(piece.words) == 1 and piece.words[0] in by_plural and piece.label != "PERSON":
        return by_plural[piece.words[0]]  # "the Kestrels" after "the Lyon Kestrels"
    return ("name", fold(key_form(piece.bare)))
