"""One label per name, decided from all its mentions; what is no name dropped; each entity named.

The label of an entity is the kind of name most of the evidence of all its mentions votes for
(:mod:`newsx.entities.context`): the model's label of each mention, a title before one ("BJP
president Amit Shah"), a speech verb after one ("Shah said"), a head word ("FC Goa", "Lornhill
Stadium"), a place's preposition ("in Blatten"), a gazetteer's place. A person is therefore never
also an organisation in the same article because the headline set the name in capitals.

Dropped: a "person" with no word that is not a title, a unit, a common noun or a number ("Bill
No", "Ward 2"); a word capitalised only because it starts a line, a sentence or a heading that the
article also writes in lower case ("Glaciers", "Proud"); an abbreviation that names no entity
(``not-name`` words, an abbreviation defined by lower-case words: "volatile organic compounds (VOC)",
or always next to a number: "80 NOK").
"""
from __future__ import annotations

import re
from typing import Optional

from ..countries import country_name, fold, is_known_place, strip_article
from ..lexicon import Lexicon
from ..types import Entity, Mention
from .context import (
    ORG, PERSON, PLACE, PLACE_LABELS, Context, head_kind, kind_of, name_evidence, person_shaped, piece_evidence,
    place_code, team_use,
)
from .pieces import Piece, is_acronym, is_title, key_form

_KIND_ORDER = {PERSON: 0, ORG: 1, PLACE: 2}
_NUMBER = re.compile(r"#?[\d.,/-]*\d[\d.,/-]*(?:st|nd|rd|th)?")


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


# --------------------------------------------------------------------------------------------
# The label
# --------------------------------------------------------------------------------------------


def _votes(pieces: list[Piece], context: Context) -> dict[str, float]:
    """The summed evidence of every mention, and of the name: a one-word name used as a person's
    surname ("Wendell Okoro" ... "Okoro") votes for a person at each such mention; a one-word "person"
    never introduced (no title, full name, speech verb or "born" anywhere) counts its model votes
    for a person at ``vote_model_unintroduced``."""
    lexicon = context.lexicon
    settings = lexicon.entities
    votes: dict[str, float] = {}
    introduced = False
    for piece in pieces:
        for kind, weight, rule in context.evidence(piece):
            if kind == PERSON and rule not in ("model", "recovered"):
                introduced = True
            votes[kind] = votes.get(kind, 0.0) + weight
    bares = _bares(pieces)
    longest = _longest(bares)
    for kind, weight, rule in name_evidence(longest, lexicon):
        # What the name itself is (a platform, a movement) holds at every mention; a gazetteer's
        # place counts once, as a person may be named like a city.
        times = 1 if rule == "gazetteer" else len(pieces)
        votes[kind] = votes.get(kind, 0.0) + weight * times
    if context.person_shaped(longest):
        votes[PERSON] = votes.get(PERSON, 0.0) + settings.vote_person_shape
    surnames = {bare.split()[-1] for bare in bares if context.person_shaped(bare)}
    if surnames:
        introduced = True
        votes[PERSON] = votes.get(PERSON, 0.0) + settings.vote_surname * sum(1 for p in pieces if p.bare in surnames)
    elif len(longest.split()) == 1 and not introduced and votes.get(PERSON):
        model = sum(1 for p in pieces if p.label == PERSON and p.rule == "model")
        votes[PERSON] -= model * (settings.vote_model - settings.vote_model_unintroduced)
    return votes


def _bares(pieces: list[Piece]) -> list[str]:
    """The distinct bare names of the mentions, in order of first mention."""
    return list(dict.fromkeys(p.bare for p in pieces))


def _longest(names: list[str]) -> str:
    """The name with most words, then most characters (the first such)."""
    return max(names, key=lambda n: (len(n.split()), len(n))) if len(names) > 1 else names[0]


def _kind(pieces: list[Piece], context: Context) -> str:
    """The kind of name (PERSON, ORG, PLACE or another spaCy label) most evidence votes for; on a tie
    the one the model gave most often, then a person before an organisation before a place."""
    votes = _votes(pieces, context)
    if not votes:
        return kind_of(pieces[0].label)
    model: dict[str, int] = {}
    for piece in pieces:
        kind = kind_of(piece.label)
        model[kind] = model.get(kind, 0) + 1
    if PERSON in votes and len(votes) > 1 and _plural_of_a_kind(pieces, context.lexicon):
        del votes[PERSON]  # "Free Kenyans", "the Senators": a party or a group, no person
    return max(votes, key=lambda k: (round(votes[k], 6), model.get(k, 0), -_KIND_ORDER.get(k, 3)))


def _plural_of_a_kind(pieces: list[Piece], lexicon: Lexicon) -> bool:
    """The name's last word is the plural of a title or a nationality ("Senators", "Kenyans")."""
    last = max(pieces, key=lambda p: len(p.bare)).bare.split()[-1]
    singular = last[:-1]
    return last.endswith("s") and last[:1].isupper() and (
        singular.casefold() in lexicon.titles or singular.casefold() in lexicon.roles or singular in lexicon.demonyms)


def _label(kind: str, pieces: list[Piece], lexicon: Lexicon) -> str:
    """The spaCy-style label printed for a kind: a place keeps the model's GPE, LOC or FAC."""
    if kind != PLACE:
        return kind
    places: dict[str, int] = {}
    for piece in pieces:
        if piece.label in PLACE_LABELS:
            places[piece.label] = places.get(piece.label, 0) + 1
    if places:
        return max(places, key=places.__getitem__)
    return "GPE" if is_known_place(pieces[0].bare, lexicon) else "LOC"


def _reads_as_person(pieces: list[Piece], context: Context) -> bool:
    """A one-word "place" that the article treats as a person: the model's PERSON/GPE confusion.

    It must be a capitalised word (not an acronym) that is no known place (country, subdivision,
    places.tsv), that some mention uses as a possessor ("Raisi's focus") and that no mention
    uses as a place: after a locative preposition ("in Novi") or before ", Region".
    """
    first = pieces[0]
    lexicon = context.lexicon
    if not _is_plain_word(first.bare) or is_known_place(first.bare, lexicon):
        return False
    return any(_is_possessor(context.text, p.end, lexicon) for p in pieces) and not any(
        _is_place_use(p, context) for p in pieces
    )


def _is_plain_word(word: str) -> bool:
    return word.isalpha() and word[0].isupper() and not word.isupper()


def _is_possessor(text: str, end: int, lexicon: Lexicon) -> bool:
    """True when "'s" plus a noun follows: "Raisi's focus", not "Carolina's going".

    >>> from newsx.lexicon import default_lexicon
    >>> _is_possessor("Raisi's focus", 5, default_lexicon()), _is_possessor("Carolina's going", 8, default_lexicon())
    (True, False)
    """
    match = lexicon.patterns.possessive_noun.match(text, end)
    if not match:
        return False
    word = match.group(1)
    return word not in lexicon.entities.words_after_is and not word.endswith(lexicon.entities.word_endings_after_is)


def _is_place_use(piece: Piece, context: Context) -> bool:
    """After a locative preposition ("in Novi", not "at Brazile's direction"), or any other evidence of
    a place at the mention (", Region" after it, "X is a town")."""
    lexicon = context.lexicon
    before = context.word_before(piece.start).casefold()
    if before in lexicon.entities.locative_prepositions and not _is_possessor(context.text, piece.end, lexicon):
        return True
    return any(kind == PLACE and rule not in ("model", "recovered") for kind, _, rule in context.evidence(piece))


def _plays_as_team(pieces: list[Piece], context: Context) -> bool:
    """A country (or a nation, a city) that plays in a sports report is its team, an organisation
    ("Sweden beat Norway 2-1", "Sweden's goalkeeper"): one of its mentions is next to a score or a
    team noun (:func:`~newsx.entities.context.team_use`), and either at least ``team_share`` of them
    are at play or none is a place's ("in Sweden") outside play. Elsewhere, and for a country only
    visited or hosting ("the final in Sweden"), the country stays a country."""
    if not context.sports_report():
        return False
    uses = [team_use(p, context) for p in pieces]
    if 2 not in uses:
        return False
    if sum(1 for use in uses if use) >= context.lexicon.entities.team_share * len(pieces):
        return True
    return not any(not use and _is_place_use(piece, context) for piece, use in zip(pieces, uses))


# --------------------------------------------------------------------------------------------
# What is no name
# --------------------------------------------------------------------------------------------


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def _no_name_word(name: str, context: Context) -> bool:
    """Every word is a title, a unit, a common noun of the lexicon or a number: "Bill No", "Ward 2"."""
    lexicon = context.lexicon
    words = lexicon.name_words
    return all(
        _is_number(w) or is_title(w, lexicon) or w.casefold().rstrip(".") in words.units
        or w.casefold() in words.common or w.casefold() in lexicon.entities.person_nouns for w in name.split()
    )


def _is_unit(name: str, lexicon: Lexicon) -> bool:
    """A numbered unit: unit words and numbers, at least one of each ("Ward 2", "Bill No 12")."""
    words = name.split()
    units = lexicon.name_words.units
    return any(w.casefold() in units for w in words) and all(
        w.casefold() in units or _is_number(w) for w in words)


def _common_by_position(pieces: list[Piece], context: Context) -> bool:
    """Capitalised only where any word is (line or sentence starts, headings), and every word one the
    article writes in lower case or a common noun: "Glaciers", "Proud", "Weather Outlook"."""
    name = pieces[0].bare
    if is_acronym(name) or is_known_place(name, context.lexicon):
        return False
    return all(context.is_common_word(w) for w in name.split()) and all(
        context.capitalised_by_position(p) for p in pieces)


def is_abbreviation(word: str) -> bool:
    """An acronym ("SCO", "IE6") or a short mixed-case abbreviation ("CoM", "PhD").

    >>> is_abbreviation("CoM"), is_abbreviation("Iran")
    (True, False)
    """
    return is_acronym(word) or (" " not in word and len(word) <= 6 and sum(c.isupper() for c in word) >= 2)


def _abbreviation_is_no_name(pieces: list[Piece], context: Context) -> bool:
    """An abbreviation that names no entity: a ``not-name`` word ("ATM"), always next to a number
    ("80 NOK", "5 PSI"), or defined by lower-case words ("volatile organic compounds (VOC)")."""
    name = pieces[0].bare
    if not is_abbreviation(name):
        return False
    lexicon = context.lexicon
    if name.casefold() in lexicon.name_words.not_names:
        return True
    patterns = lexicon.patterns
    text = context.text
    numbered = sum(1 for p in pieces if patterns.number_before_name.search(text, max(0, p.start - 20), p.start)
                   or patterns.number_after_name.match(text, p.end))
    if numbered * 2 >= len(pieces):
        return True
    if name in context.counted_abbreviations:
        return True
    letters = name.replace(".", "").casefold()
    for words in _definitions(name, context):
        if len(words) != len(letters) or "".join(w[0] for w in words).casefold() != letters:
            continue
        # Defined by lower-case words, or by capitalised common words with no head word: a term
        # ("Light Emitting Panel (LEP)"), not an organisation ("Arctic Fisheries Council (AFC)").
        if all(w[:1].islower() for w in words) or (
                head_kind(" ".join(words), lexicon) is None
                and all(w.casefold() in context.lower_words or w.isdigit() for w in words)):
            return True
    return False


def _definitions(name: str, context: Context, limit: int = 3):
    """The words that may spell out an abbreviation where the text defines it: before "(VOC)", or
    after "VOC (" and "VOC [" (the first ``limit`` places of each)."""
    text = context.text
    size = len(name.replace(".", ""))
    sites = context.bracket_sites(name)
    if sites is not None:
        for found in sites[0][:limit]:
            yield text[max(0, found - 200):found].split()[-size:]
        for opening, closing in (("(", ")"), ("[", "]")):
            for found in sites[1][opening][:limit]:
                inside = text[found + len(name) + 2:found + len(name) + 202].split(closing)[0]
                yield [w.strip(",;") for w in inside.split()][:size]
        return
    position = 0
    for _ in range(limit):
        found = text.find(f"({name})", position)
        if found == -1:
            break
        yield text[max(0, found - 200):found].split()[-size:]
        position = found + 1
    for opening, closing in (("(", ")"), ("[", "]")):
        position = 0
        for _ in range(limit):
            found = text.find(f"{name} {opening}", position)
            if found == -1:
                break
            inside = text[found + len(name) + 2:found + len(name) + 202].split(closing)[0]
            yield [w.strip(",;") for w in inside.split()][:size]
            position = found + 1


def _unsupported(kind: str, pieces: list[Piece], context: Context) -> bool:
    """A one-word organisation named fewer than ``min_mentions_unsupported_organisation`` times
    with nothing but the model's label for it (no head word, abbreviation, title, speech verb,
    known platform or publication): on open text, mostly a work, a term or a surname."""
    lexicon = context.lexicon
    name = pieces[0].bare
    if kind != ORG or " " in name or is_abbreviation(name) or name.casefold() in lexicon.publications:
        return False
    if len(pieces) >= lexicon.entities.min_mentions_unsupported_organisation:
        return False
    if name_evidence(name, lexicon):
        return False
    return all(rule in ("model", "the") for p in pieces for _, _, rule in context.evidence(p))


def _is_no_name(kind: str, pieces: list[Piece], context: Context) -> bool:
    longest = _longest(_bares(pieces))
    if kind == PERSON and _no_name_word(longest, context):
        return True
    if _unsupported(kind, pieces, context):
        return True
    if kind != PLACE and _is_unit(longest, context.lexicon):
        return True
    if _common_by_position(pieces, context) or _abbreviation_is_no_name(pieces, context):
        return True
    if any(p.alias_of is not None for p in pieces):
        # An abbreviation's expansion goes with it: "Light Emitting Panel (LEP)".
        abbreviation = [p for p in pieces if p.alias_of is not None]
        return _abbreviation_is_no_name(abbreviation, context)
    return _head_word_alone(longest, context)


def _head_word_alone(name: str, context: Context) -> bool:
    """A head word alone that the article also writes in lower case: "the Church", "the Hotel"."""
    lower = name.casefold()
    words = context.lexicon.name_words
    return " " not in name and lower in context.lower_words and (
        lower in words.organisation_first or lower in words.organisation_last or lower in words.place_last
        or lower in words.place_first)


# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------


def _ends(pieces: list[Piece], text: str) -> list[int]:
    """Where each mention ends: a name one of whose mentions keeps its "'s" ("Moody's said") keeps it
    at every mention written with it ("Moody's cut")."""
    if not any(key_form(p.bare) != p.bare for p in pieces):
        return [p.end for p in pieces]
    return [p.end + 2 if key_form(p.bare) == p.bare and text.startswith(("'s", "\u2019s"), p.end) else p.end
            for p in pieces]


def _name(key: tuple, pieces: list[Piece], label: str, lexicon: Lexicon) -> str:
    if key[0] == "country":
        return country_name(key[1], lexicon)
    if key[0] == "demonym":
        return key[2]
    forms = [display(bare, label, lexicon) for bare in dict.fromkeys(p.bare for p in pieces)]
    longest = max(forms, key=lambda f: (len(f.split()), len(f), not f.isupper()))
    publication = any(p.publication for p in pieces)
    return f"The {longest}" if publication else longest


def _aliases(name: str, pieces: list[Piece], label: str, lexicon: Lexicon) -> tuple[str, ...]:
    seen, aliases = {fold(name)}, []
    for form in [display(bare, label, lexicon) for bare in dict.fromkeys(p.bare for p in pieces)] \
            + [strip_article(name, lexicon)]:
        if fold(form) not in seen:
            seen.add(fold(form))
            aliases.append(form)
    return tuple(aliases)


def _section(key: tuple, kind: str) -> str:
    if key[0] == "country" and kind != ORG:
        return "countries"
    if kind == PERSON:
        return "people"
    if kind == ORG:
        return "organisations"
    return "places" if kind == PLACE else "other"


def entity(key: tuple, pieces: list[Piece], context: Context) -> Optional[tuple[str, Entity]]:
    """The section and entity of one group of pieces (in text order), or None when it is no name."""
    lexicon = context.lexicon
    text = context.text
    if key[0] == "country":
        kind, label = (ORG, "ORG") if _plays_as_team(pieces, context) else (PLACE, "GPE")
    elif key[0] == "demonym":
        kind, label = "NORP", "NORP"
    else:
        kind = _kind(pieces, context)
        if kind == PLACE and _reads_as_person(pieces, context):
            kind = PERSON
        if _is_no_name(kind, pieces, context):
            return None
        if kind == PLACE and _plays_as_team(pieces, context):
            kind = ORG  # a nation or city that plays: England's team, Lyon's club
        label = _label(kind, pieces, lexicon)
    name = _name(key, pieces, label, lexicon)
    mentions = tuple(Mention(text[p.start:end], p.start, end) for p, end in zip(pieces, _ends(pieces, text)))
    if key[0] in ("country", "demonym"):
        code: Optional[str] = key[1]
    elif kind == PLACE:
        code = place_code(strip_article(name, lexicon), [p.end for p in pieces], context)
    else:
        code = None
    return _section(key, kind), Entity(name, label, mentions, code, _aliases(name, pieces, label, lexicon))
