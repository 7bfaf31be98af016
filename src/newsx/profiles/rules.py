"""What the words around a name say about the person: role, organisation, country, gender.

Each rule reads the words next to one mention of a name (see :mod:`.words`) and returns
:class:`Fact` s, each naming its rule, so that a speaker's organisation can say where it came from:

=============================  ==================================================================
``title-before-name``          the title or role right before a name ("Foreign Minister X",
                               "head coach X", "Defence lawyer X"): the role
``honorific``                  "Ms X", "Mr X", "Sir X": the gender
``possessive-title``           "Croatia's Foreign Minister X": the possessor (a country or an
                               organisation; "the agency's director X" the agency named before)
``demonym-title``              "Brazilian Foreign Minister X": the country (for an official's title)
``organisation-before-title``  "FC Tarn coach X", "NDP president X", "Acme spokesperson X"
``place-before-title``         "Ohio Governor X", "Maharashtra Chief Minister X": the place an
                               official's title governs
``organisation-noun-title``    "a police spokesman", "council spokesman X": the organisation named
                               before ("Harwick Town Council"), else the noun
``role-before-name``           "The agency's regional director for Africa, X,", "A spokeswoman
                               for Y, X,", "Its chief executive, X,", "His Argentine counterpart, X,"
``party-letter``               "X (R-Texas)": the party of the letter (parties.tsv)
``appositive-role``            "X, an economist at Y", "X, president of Y (BDI)", "X, chief
                               economist at Mombasa-based Y", "X, a Y spokesman"
``party-appositive``           "X, a Democrat from Ohio"
``party-title``                "Republican Senator X": a party word inside an official's title
``of-organisation``            "X of Y", "X, of the opposition Green Party" (a place only after a
                               title: "Senator X of Ohio")
``heads-organisation``         "X heads the Lakeside Relief Fund", "X, who leads Y,"
``unnamed-role``               "a spokesperson for Y", "Analysts at Y": someone known by a role
=============================  ==================================================================

What is never an affiliation, by construction: a place visited or spoken in ("X, who visited the
World Bank", "X, speaking in Geneva"), the outlet a person talks to or is quoted by ("X told the
BBC", "TASS quoted X"): no rule reads a verb's object other than ``heads-organisation``'s.
Every word list comes from the lexicon (people.tsv, organisations.tsv, parties.tsv, ``[speakers]``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional

from ..countries import country_code, country_name, demonym, fold, is_known_place
from ..cues import is_cue_form
from ..lexicon import Lexicon
from .words import CLAUSE_BREAKS, Words

if TYPE_CHECKING:
    from ..types import Entity

_PARTY_LETTER = re.compile(r"\s*\(\s*([A-Z])(?:\s*[-\u2013]\s*[A-Z][A-Za-z. ]{0,24})?\s*\)")
#: Words whose role is remembered with the lexicon, up to this many.
_ROLE_CACHE_LIMIT = 65536
_POSSESSIVES = frozenset({"'s", "\u2019s", "'", "\u2019"})
_CLAUSE_BREAKS = CLAUSE_BREAKS


@dataclass(eq=False)
class Name:
    """A name in the text (words ``first`` to ``last``): an entity mention, or a name the rules
    recognised ("Councillor Tove Marrick-Allard"). ``section`` is the entity's section ("" when
    the rules found it), ``owner`` the profile it names (set by :mod:`.build`)."""

    first: int
    last: int
    section: str
    label: str
    entity: Optional["Entity"] = None
    owner: Any = None  # the Profile (of :mod:`.build`), once known
    display: Optional[str] = None  # the name as printed, when longer than the entity's ("... of Chile")


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing a rule read about a name: ``kind`` is role, organisation, country, gender or
    person (the name is a person's); ``word`` is where it was read, for text order."""

    kind: str
    value: str
    rule: str
    word: int


@dataclass
class Context:
    """The words of an article, its names by word, and the lookups the rules share."""

    words: Words
    lexicon: Lexicon
    names: list[Name]
    name_at: list[Optional[Name]] = field(default_factory=list)
    known_names: set[str] = field(default_factory=set)
    #: resolves an organisation noun before a word ("the agency" -> the agency named earlier)
    organisation_for_noun: Callable[[str, int], Optional[str]] = lambda noun, at: None

    def __post_init__(self) -> None:
        # word -> role_of(word), kept with the lexicon (a bounded cache, as for cue verbs).
        self._roles: dict[str, Optional[str]] = self.lexicon.derived("profiles.roles", lambda _: {})
        if len(self._roles) > _ROLE_CACHE_LIMIT:
            self._roles.clear()
        self.name_at = [None] * len(self.words)
        self._title_runs: dict[int, Optional[TitleRun]] = {}  # start -> title_run(self, start)
        self.known_names = {fold(n.entity.name) for n in self.names if n.entity is not None}
        for name in self.names:
            for index in range(name.first, name.last + 1):
                if self.name_at[index] is None:
                    self.name_at[index] = name

    def names_changed(self) -> None:
        """Say that ``name_at`` changed: what was read from it is read again."""
        self._title_runs.clear()

    # -- word classes, from the lexicon ---------------------------------------------------------

    def is_title(self, index: int) -> bool:
        """A title or role word ("Minister", "spokeswoman", "Dr"), or the plural of a role."""
        return self.words.lower(index) in self.lexicon.titles or self.is_role(index)

    def is_role(self, index: int) -> bool:
        return self.role_of(self.words.lower(index)) is not None

    def role_of(self, lower: str) -> Optional[str]:
        """The role a word names, singular: "analysts" -> "analyst", "spokesmen" -> "spokesman"."""
        if lower in self._roles:
            return self._roles[lower]
        roles = self.lexicon.roles
        found: Optional[str] = None
        if lower in roles:
            found = lower
        else:
            for plural, singular in self.lexicon.speakers.plural_pairs:
                if lower.endswith(plural) and lower[: len(lower) - len(plural)] + singular in roles:
                    found = lower[: len(lower) - len(plural)] + singular
                    break
        self._roles[lower] = found  # each word is asked about many times
        return found

    def is_plural_role(self, lower: str) -> bool:
        return lower not in self.lexicon.roles and self.role_of(lower) is not None

    def is_honorific(self, index: int) -> bool:
        return self.words.lower(index) in self.lexicon.speakers.honorifics

    def is_organisation_noun(self, lower: str) -> bool:
        return lower in self.lexicon.organisation_nouns

    def country_of_demonym(self, first: int, last: int) -> Optional[str]:
        """The country code of a nationality word or two ("Brazilian", "South Korean")."""
        words = self.words
        if first < 0 or not all(words[i].capitalised for i in range(first, last + 1)):
            return None
        found = demonym(words.span_text(first, last), self.lexicon)
        return found[1] if found else None

    def demonym_before(self, index: int) -> Optional[tuple[int, str]]:
        """(first word, country code) of a nationality ending at word ``index``, two words first."""
        for first in (index - 1, index):
            if first >= 0 and self.words.same_sentence(first, index):
                code = self.country_of_demonym(first, index)
                if code:
                    return first, code
        return None

    # -- organisations ---------------------------------------------------------------------------

    def organisation_at(self, index: int, *, allow_places: bool = False) -> Optional[tuple[int, str]]:
        """(last word, display name) of an organisation starting at word ``index``: an entity that is
        an organisation or a country, or a capitalised name the recogniser missed ("Brinmoor");
        never a person, and a place only with ``allow_places`` ("Senator X of Ohio")."""
        words = self.words
        if not 0 <= index < len(words) or words.quoted[index] or not words[index].capitalised:
            return None
        name = self.name_at[index]
        if name is not None and name.first == index:
            section = name.section
            if section == "organisations" or section == "countries" or (
                    section == "other" and name.label in self.lexicon.speakers.organisation_labels
                    and demonym(words.span_text(name.first, name.last), self.lexicon) is None):
                return name.last, _display_name(name, words)
            if section == "other" and allow_places and name.label in ("GPE", "LOC"):
                return name.last, _display_name(name, words)
            if section == "people" and getattr(name.owner, "kind", "person") == "organisation":
                return name.last, _display_name(name, words)
            return None
        if name is not None:
            return None
        last = index
        while last + 1 < len(words) and words.same_sentence(index, last + 1) and self.name_at[last + 1] is None \
                and _is_name_word(words, last + 1, self.lexicon) and not self.is_title(last + 1) \
                and last - index < self.lexicon.speakers.max_name_words:
            last += 1
        text = words.span_text(index, last)
        if self.is_title(index):
            return None
        code = country_code(text, self.lexicon)
        if code:
            return last, country_name(code, self.lexicon)
        if is_known_place(text, self.lexicon) and not allow_places:
            return None
        if index == words.sentence_start(index) and index == last and not words[index].is_acronym \
                and fold(text) not in self.known_names:
            return None  # one capitalised word opening a sentence may be any word, unless it is a name here
        return last, text

    def organisation_after(self, index: int, limit: int, *, allow_places: bool = False) -> Optional[tuple[int, str]]:
        """The organisation that a preposition at word ``index`` introduces, within words < ``limit``:
        "at the University of Eastmarch", "of the opposition Green Party", "at Mombasa-based PHL"."""
        words, settings = self.words, self.lexicon.speakers
        at = index + 1
        while at < limit and not words[at].is_acronym and (
                (words.lower(at) in settings.organisation_skip_words and not words[at].capitalised)
                or words.lower(at) in settings.definite_determiners
                or words.lower(at).endswith(settings.organisation_modifier_endings)):
            at += 1
        if at >= limit:
            return None
        found = self.organisation_at(at, allow_places=allow_places)
        if found is None and self.is_organisation_noun(words.lower(at)) and not words[at].capitalised:
            resolved = self.organisation_for_noun(words.lower(at), at)
            return (at, resolved) if resolved else None
        return found

    def party_of(self, index: int) -> Optional[str]:
        """The party a capitalised member word names ("Democrat" -> Democratic Party), from parties.tsv."""
        word = self.words[index]
        if not word.capitalised:
            return None
        return self.lexicon.parties.get(word.lower)


def _display_name(name: Name, words: Words) -> str:
    if name.display is not None:
        return name.display
    if name.entity is not None:
        return name.entity.name
    return words.span_text(name.first, name.last)


def _is_name_word(words: Words, index: int, lexicon: Lexicon) -> bool:
    """A word that may belong to a name: capitalised in each hyphenated part ("Wambugu-Kiarie"), or a
    particle between such words ("van", "de", "al-"), by the lexicon the words were read with (see
    :meth:`Words.is_name_word`, which works it out once per word)."""
    return words.is_name_word(index)


# -- the title run before a name -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitleRun:
    """Words ``first`` to ``last`` right before a name that give the person's title or role."""

    first: int
    last: int
    official: bool  # its last word is capitalised: an official's title ("Foreign Minister")


def title_run(ctx: Context, start: int) -> Optional[TitleRun]:
    """The title or role right before the name starting at word ``start`` (see :func:`_title_run`),
    read once per word: every rule about a name asks it."""
    runs = ctx._title_runs
    if start not in runs:
        runs[start] = _title_run(ctx, start)
    return runs[start]


def _title_run(ctx: Context, start: int) -> Optional[TitleRun]:
    """The title or role right before the name starting at word ``start``.

    Lower-case role words run back as far as they go ("head coach", "chief executive"); a
    capitalised title takes capitalised words before it too ("Fisheries Minister", "Fisheries
    and Coast Minister"), but never a name, a nationality, an acronym or a possessive.
    """
    words = ctx.words
    last = start - 1
    if last < 0 or not words.same_sentence(last, start) or not ctx.is_title(last) or words.quoted[last] \
            or ctx.is_plural_role(words.lower(last)):
        return None  # "experts I interviewed", "analysts John Smith and ...": no title
    official = words[last].capitalised and not words[last].is_acronym  # "Tory MP X": the party before "MP"
    first = last
    while first - 1 >= 0 and words.same_sentence(first - 1, start):
        index = first - 1
        name = ctx.name_at[index]
        if official and name is not None and name.section in ("organisations", "other") and (
                all(ctx.is_title(i) for i in range(name.first, name.last + 1)) or name.first - 1 >= 0 and (
                    words.lower(name.first - 1) in _POSSESSIVES or ctx.demonym_before(name.first - 1) is not None)):
            # "Norway's Fisheries and Coast Minister", "State Representative": the model's
            # "organisation" is part of the title.
            first = name.first
            continue
        if name is not None or words[index].is_acronym or words.lower(index) in _POSSESSIVES:
            break
        if ctx.demonym_before(index) is not None and not ctx.is_title(index):
            break
        if ctx.is_title(index):
            first = index
            continue
        if official and words[index].capitalised and _is_name_word(words, index, ctx.lexicon) \
                and index != words.sentence_start(index):
            first = index
            continue
        if official and words.lower(index) in ctx.lexicon.speakers.title_connectors and index - 1 >= 0 \
                and words[index - 1].capitalised and ctx.name_at[index - 1] is None:
            first = index
            continue
        break
    return TitleRun(first, last, official)


def _role_text(ctx: Context, first: int, last: int) -> str:
    """A role as printed: the words without honorifics, the title in lower case ("climate change
    minister"), names after a preposition and acronyms as written ("ambassador to Russia", "CEO")."""
    words, kept, named = ctx.words, [], False
    for index in range(first, last + 1):
        if ctx.is_honorific(index):
            continue
        word = words[index]
        kept.append(word.text if word.is_acronym or (named and word.capitalised) else word.lower)
        named = named or word.lower in ctx.lexicon.speakers.role_phrase_words
    return " ".join(kept)


def _role_facts(ctx: Context, first: int, last: int, rule: str) -> Iterator[Fact]:
    """The role and the gender words of a role phrase."""
    genders = ctx.lexicon.genders
    role = _role_text(ctx, first, last)
    if role:
        yield Fact("role", role, rule, first)
    for index in range(first, last + 1):
        lower = ctx.words.lower(index)
        if lower in genders and lower not in ctx.lexicon.speaker_pronouns and ctx.is_title(index):
            yield Fact("gender", genders[lower], "honorific" if ctx.is_honorific(index) else "gendered-word", index)
        if ctx.is_role(index):  # "Senator", "spokeswoman": a person; "former", "acting" tell nothing
            yield Fact("person", "title", rule, index)
    if any(ctx.is_honorific(i) for i in range(first, last + 1)):
        yield Fact("person", "honorific", "honorific", first)


# -- rules before a name ---------------------------------------------------------------------------


def before_name(ctx: Context, name: Name) -> Iterator[Fact]:
    """``title-before-name``, ``honorific``, ``possessive-title``, ``demonym-title``,
    ``place-before-title``, ``organisation-before-title`` and ``organisation-noun-title``."""
    run = title_run(ctx, name.first)
    if run is None:
        return
    words = ctx.words
    party = next((i for i in range(run.first, run.last) if ctx.party_of(i)), None)
    if party is not None:
        # "Republican Senator X", "Democratic Rep. X": the party, and the title after it.
        yield Fact("organisation", ctx.party_of(party) or "", "party-title", party)
        yield from _role_facts(ctx, party + 1, run.last, "title-before-name")
        return
    yield from _role_facts(ctx, run.first, run.last, "title-before-name")
    head = ctx.role_of(words.lower(run.last)) or words.lower(run.last)
    at = run.first - 1
    if at < 0 or not words.same_sentence(at, name.first):
        return
    if words.lower(at) in _POSSESSIVES:
        yield from _possessor(ctx, at - 1, "possessive-title")
        return
    nationality = ctx.demonym_before(at)
    if nationality is not None:
        if run.official or head in ctx.lexicon.speakers.state_roles:
            code = nationality[1]
            yield Fact("country", code, "demonym-title", at)
            yield Fact("organisation", country_name(code, ctx.lexicon), "demonym-title", at)
        return
    place = ctx.name_at[at]
    if run.official and place is not None and place.last == at and (
            place.section == "countries" or (place.section == "other" and place.label in ("GPE", "LOC"))):
        # "Maharashtra Chief Minister X", "Ohio Governor X": the place an official governs.
        yield Fact("organisation", _display_name(place, words), "place-before-title", at)
        return
    organisation = _organisation_ending(ctx, at)
    if organisation is not None and (not run.official or ctx.name_at[at] is not None or words[at].is_acronym):
        # An official's title takes the capitalised words before it ("Fisheries Minister"); an
        # organisation the model named ("Wells Fargo Chairman X") or an acronym before it stays one.
        yield Fact("organisation", organisation, "organisation-before-title", at)
        return
    if run.official:
        return
    if ctx.is_organisation_noun(words.lower(at)) and not words[at].capitalised:
        yield Fact("organisation", _noun_organisation(ctx, at), "organisation-noun-title", at)


def _organisation_ending(ctx: Context, index: int) -> Optional[str]:
    """An organisation whose name ends at word ``index`` ("FC Tarn", "NDP", "Corvane Security Group")."""
    words = ctx.words
    name = ctx.name_at[index]
    if name is not None and name.last == index:
        found = ctx.organisation_at(name.first)
        if found is not None:
            return found[1]
        owner = name.owner
        if name.section == "people" and getattr(owner, "kind", "") != "person":
            return _display_name(name, words)
        return None
    if name is not None:
        return None
    first = index
    while first - 1 >= 0 and words.same_sentence(first - 1, index) and ctx.name_at[first - 1] is None \
            and _is_name_word(words, first - 1, ctx.lexicon) and not ctx.is_title(first - 1) \
            and index - first < ctx.lexicon.speakers.max_name_words:
        first -= 1
    if not _is_name_word(words, index, ctx.lexicon) and not words[index].is_acronym:
        return None
    if first == index and ctx.party_of(index):
        return ctx.party_of(index)  # "Tory MP X", even opening a sentence
    found = ctx.organisation_at(first)
    return found[1] if found is not None and found[0] == index else None


def _noun_organisation(ctx: Context, index: int) -> str:
    """The organisation an organisation noun stands for ("council" -> "Harwick Town Council"), else
    the noun itself ("police")."""
    noun = ctx.words.lower(index)
    return ctx.organisation_for_noun(noun, index) or noun


def _possessor(ctx: Context, index: int, rule: str) -> Iterator[Fact]:
    """The organisation or country of a possessor ending at word ``index``: "Croatia's", "Tellbridge's",
    "the agency's" (the agency named before); a person's ("the man's lawyer") is no affiliation."""
    words = ctx.words
    if index < 0:
        return
    name = ctx.name_at[index]
    if name is not None and name.section == "countries" and name.entity is not None and name.entity.code:
        yield Fact("country", name.entity.code, rule, index)
        yield Fact("organisation", name.entity.name, rule, index)
        return
    organisation = _organisation_ending(ctx, index)
    if organisation is not None:
        code = country_code(organisation, ctx.lexicon)
        if code:
            yield Fact("country", code, rule, index)
        yield Fact("organisation", organisation, rule, index)
        return
    noun = words.lower(index)
    if ctx.is_organisation_noun(noun) and not words[index].capitalised or (
            ctx.is_organisation_noun(noun) and index == words.sentence_start(index) + 1):
        resolved = ctx.organisation_for_noun(noun, index)
        if resolved:
            yield Fact("organisation", resolved, "possessive-referent", index)


# -- a role phrase before ", Name," ----------------------------------------------------------------


def role_before_name(ctx: Context, name: Name) -> Iterator[Fact]:
    """``role-before-name``: "A spokeswoman for Tellbridge, X,", "The agency's regional director for
    Africa, X,", "Its chief executive, X,", "His Argentine counterpart, X,", "Iranian Ambassador to
    Russia, X,". The phrase runs from its clause's start to the comma before the name, starts with a
    determiner, a possessive, a nationality or a title, and has a role word."""
    phrase = role_phrase_before(ctx, name)
    if phrase is None:
        return
    yield from _phrase_facts(ctx, phrase[0], phrase[1], "role-before-name")


def role_phrase_before(ctx: Context, name: Name) -> Optional[tuple[int, int]]:
    """Words (first, last) of a role phrase in apposition before the name, or None."""
    words, settings = ctx.words, ctx.lexicon.speakers
    run = title_run(ctx, name.first)
    comma = (run.first if run is not None else name.first) - 1  # "The minister, Mr. X, said"
    if comma < 1 or words[comma].text != "," or not words.same_sentence(comma, name.first):
        return None
    after = name.last + 1
    if after < len(words) and words.same_sentence(after, name.last) and words[after].text not in (",", ")", ".") \
            and not is_cue_form(words.lower(after), ctx.lexicon):
        return None
    first = comma - 1
    while first - 1 >= 0 and words.same_sentence(first - 1, comma) and words[first - 1].text not in _CLAUSE_BREAKS \
            and comma - first < settings.max_role_phrase_words:
        first -= 1
    if first - 1 >= 0 and words.same_sentence(first - 1, comma) and words[first - 1].text not in _CLAUSE_BREAKS:
        return None  # longer than a role phrase
    opener = words.lower(first)
    opening_name = ctx.name_at[first]
    if not (opener in settings.phrase_openers or ctx.is_title(first) or ctx.demonym_before(first) is not None
            or (first + 1 < comma and words.lower(first + 1) in _POSSESSIVES)
            or (opening_name is not None and opening_name.section != "people")):
        return None
    head = next((i for i in range(comma - 1, first - 1, -1) if ctx.is_role(i)), None)
    if head is None or ctx.is_plural_role(words.lower(head)) or _has_auxiliary(ctx, first, comma):
        return None  # "Officials, John Smith said": no apposition of one person
    return first, comma - 1


def _phrase_facts(ctx: Context, first: int, last: int, rule: str) -> Iterator[Fact]:
    """Role, organisation, country and gender of a role phrase ("a spokeswoman for Tellbridge",
    "the agency's regional director for Africa", "his Argentine counterpart", "chief economist at Y")."""
    words, settings = ctx.words, ctx.lexicon.speakers
    start = first
    if words.lower(start) in settings.phrase_openers:
        start += 1
    possessor_end = next((i for i in range(start, last + 1) if words.lower(i) in _POSSESSIVES), None)
    organisation: Optional[Fact] = None
    if possessor_end is not None:
        organisation = next(iter(_possessor(ctx, possessor_end - 1, rule)), None)
        facts = list(_possessor(ctx, possessor_end - 1, rule))
        yield from facts
        organisation = next((f for f in facts if f.kind == "organisation"), None)
        start = possessor_end + 1
    elif words.lower(first) in settings.organisation_pronouns:
        resolved = ctx.organisation_for_noun("", first)
        if resolved:
            organisation = Fact("organisation", resolved, "possessive-referent", first)
            yield organisation
    head = next((i for i in range(start, last + 1) if ctx.is_role(i)), None)
    if head is None:
        return
    # The role runs to the preposition that introduces the organisation, or to the phrase's end.
    role_end = last
    for index in range(head + 1, last + 1):
        if words.lower(index) in settings.affiliation_prepositions:
            found = ctx.organisation_after(index, last + 1)
            if found is not None:
                role_end = index - 1
                if organisation is None:
                    code = country_code(found[1], ctx.lexicon)
                    if code:
                        yield Fact("country", code, rule, index)
                    organisation = Fact("organisation", found[1], rule, index)
                    yield organisation
                break
    for index in range(head + 1, role_end + 1):
        if words.lower(index) in settings.function_words and words.lower(index) not in settings.role_phrase_words \
                or not words[index].is_alpha or is_cue_form(words.lower(index), ctx.lexicon):
            role_end = index - 1
            break
    while start < role_end and (ctx.demonym_before(start) is not None and not ctx.is_title(start)):
        nationality = ctx.demonym_before(start)
        assert nationality is not None
        if organisation is None and ctx.role_of(words.lower(head)) in settings.state_roles:
            yield Fact("country", nationality[1], rule, start)
            organisation = Fact("organisation", country_name(nationality[1], ctx.lexicon), rule, start)
            yield organisation
        start += 1
    if organisation is None and start < head:
        # "an Acme spokesperson", "a police spokesman": the organisation before the role, and the role
        # after it.
        before = _organisation_ending(ctx, head - 1)
        if before is not None:
            yield Fact("organisation", before, rule, head - 1)
            start = head
        elif ctx.is_organisation_noun(words.lower(head - 1)):
            yield Fact("organisation", _noun_organisation(ctx, head - 1), "organisation-noun-title", head - 1)
            start = head
    yield from _role_facts(ctx, start, min(role_end, start + settings.max_role_words - 1), rule)
    yield Fact("person", "role", rule, head)


# -- rules after a name ----------------------------------------------------------------------------


def after_name(ctx: Context, name: Name) -> Iterator[Fact]:
    """``party-letter``, ``appositive-role``, ``party-appositive``, ``of-organisation``,
    ``heads-organisation``."""
    words, settings = ctx.words, ctx.lexicon.speakers
    after = name.last + 1
    if after >= len(words) or not words.same_sentence(after, name.last):
        return
    letter = _PARTY_LETTER.match(words.text, words[name.last].end)
    if letter:
        party = ctx.lexicon.party_letters.get(letter.group(1))
        if party:
            yield Fact("organisation", party, "party-letter", after)
            yield Fact("person", "party", "party-letter", after)
        return
    lower = words.lower(after)
    if lower == "(" and after + 2 < len(words) and words[after + 2].text == ")":
        after += 3  # "(BDI)" after an organisation's name; for a person, rarely anything else
        if after >= len(words) or not words.same_sentence(after, name.last):
            return
        lower = words.lower(after)
    if lower == "of":
        found = ctx.organisation_after(after, _clause_end(ctx, after),
                                       allow_places=title_run(ctx, name.first) is not None)
        if found is not None:
            yield Fact("organisation", found[1], "of-organisation", after)
        return
    if lower in settings.affiliation_verbs:
        yield from _heads(ctx, after, name)
        return
    if lower != ",":
        return
    if words.lower(name.first - 1) in ctx.lexicon.speakers.place_prepositions:
        return  # "In Chelsea, the mayor said": a place, and the phrase after it the subject
    start = after + 1
    end = _clause_end(ctx, start)
    if start >= end:
        return
    closed = end >= len(words) or not words.same_sentence(end, start) or words[end].text in _CLAUSE_BREAKS \
        or words[end].text in (".", "!", "?")
    opener = words.lower(start)
    if opener == "of":
        found = ctx.organisation_after(start, end, allow_places=title_run(ctx, name.first) is not None)
        if found is not None:
            yield Fact("organisation", found[1], "of-organisation", start)
        return
    if opener in settings.relative_pronouns and start + 1 < end \
            and words.lower(start + 1) in settings.affiliation_verbs:
        yield from _heads(ctx, start + 1, name)
        return
    # "X, a Democrat from Ohio": a party member word is the affiliation.
    member = start + 1 if opener in settings.phrase_openers else start
    if member < end and ctx.party_of(member):
        yield Fact("organisation", ctx.party_of(member) or "", "party-appositive", member)
        yield Fact("person", "party", "party-appositive", member)
        return
    if not closed or _has_auxiliary(ctx, start, end):
        return  # "X, the mayor said ...", "X, the campaign has appeared to ...": no apposition
    if not (opener in settings.phrase_openers or ctx.is_role(start) or ctx.is_title(start)
            or _organisation_ending(ctx, start) is not None or ctx.demonym_before(start) is not None):
        return
    head = next((i for i in range(start, min(end, start + settings.max_role_phrase_words)) if ctx.is_role(i)), None)
    if head is None or ctx.is_plural_role(words.lower(head)):
        return
    first_preposition = next((i for i in range(start, end) if words.lower(i) in settings.affiliation_prepositions), end)
    if head > first_preposition:
        return  # "X, the target of the chants": the role word is no head of the phrase
    yield from _phrase_facts(ctx, start, end - 1, "appositive-role")


def _has_auxiliary(ctx: Context, first: int, end: int) -> bool:
    """Whether words ``first`` to ``end`` (exclusive) hold a finite verb ("has", "was", "will"): a
    clause, not a role phrase."""
    auxiliaries = ctx.lexicon.speakers.auxiliaries
    return any(ctx.words.lower(i) in auxiliaries for i in range(first, end))


def _clause_end(ctx: Context, start: int) -> int:
    """The word after the clause that begins at ``start``: the next comma, semicolon, dash or quote
    mark, or the sentence's end; a parenthesis "(BDI)" is part of it."""
    words = ctx.words
    index, depth = start, 0
    limit = start + ctx.lexicon.speakers.max_clause_words
    while index < len(words) and index < limit and words.same_sentence(index, start):
        text = words[index].text
        if text == "(":
            depth += 1
        elif text == ")":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (text in _CLAUSE_BREAKS or text in (".", "!", "?")):
            break
        elif depth == 0 and is_cue_form(words[index].lower, ctx.lexicon) and index > start + 1 \
                and not ctx.is_role(index):
            break  # "X, a professor at Y said ...": a missing comma
        index += 1
    return index


def _heads(ctx: Context, verb: int, name: Name) -> Iterator[Fact]:
    """``heads-organisation``: the first organisation in the clause of an affiliation verb ("heads the
    freight desk at the Lakeside Relief Fund's northern office")."""
    end = _clause_end(ctx, verb + 1)
    for index in range(verb + 1, end):
        found = ctx.organisation_at(index)
        if found is not None:
            yield Fact("organisation", found[1], "heads-organisation", index)
            yield Fact("person", "heads", "heads-organisation", verb)
            return
        other = ctx.name_at[index]
        if other is not None and (other.section == "people" or getattr(other.owner, "kind", "") == "person"):
            return  # a person comes first: "leads Smith's team"


def facts(ctx: Context, name: Name) -> list[Fact]:
    """Every fact the rules read around one mention of a name."""
    found = list(before_name(ctx, name))
    if not any(f.kind == "role" for f in found):
        found += role_before_name(ctx, name)
    found += after_name(ctx, name)
    return found
