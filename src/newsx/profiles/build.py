"""One profile per person and per organisation of an article, built once from every mention.

:func:`build_profiles` reads the entities (:mod:`newsx.entities`) and the words of the article, and
gives a :class:`Profiles`: every person, group ("analysts at Brinmoor Capital") and organisation with its
canonical name, role, organisation, country and gender, and for each word the profile it names, so
that speaker resolution (:mod:`newsx.speakers`) only has to look a speaker up. In order:

1. names: the entity mentions, and the names the model missed that a title, a role in apposition or
   a verb such as "heads" shows ("Councillor Tove Marrick-Allard", "Ileana Voss Barreto heads");
   organisations named by their head word ("Harwick Town Council");
2. one profile per name; a shorter form ("Voss Barreto", "Kovačević") joins the full name it ends;
3. the facts each mention's words give (:mod:`.rules`): role, organisation, country, gender; a
   "name" the model took for an organisation but the text treats as a person ("X, a professor at
   Y") becomes a person, one it took for a person but that stands where an organisation does
   ("Union Verde midfielder X") an organisation;
4. role nouns ("the minister", "The Slovenian minister", "a police spokesman", "Analysts at Y"):
   the person introduced with that role, or a profile of their own (unnamed);
5. gender from the pronouns outside quote marks that refer to each person ("after meeting her
   counterpart"), where the honorifics and gendered words (Ms, spokeswoman) have not said it; never
   from a first name.

Everything is linear in the article's length: words and mentions are indexed by position, and each
search looks back over a bounded window.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Collection, Iterator, Optional

from ..countries import fold, is_known_place
from ..cues import is_cue_form
from ..lexicon import Lexicon, LexiconLike, resolve_lexicon
from ..types import Entities, Entity, Mention
from . import rules
from .rules import Context, Fact, Name
from .words import Words

if TYPE_CHECKING:
    from spacy.tokens import Doc

PERSON, GROUP, ORGANISATION, COUNTRY = "person", "group", "organisation", "country"
#: The kind of a profile that joined another (a short form of a full name), and of a "person" the text
#: only uses as a place.
MERGED, PLACE = "merged", "place"
#: The references that name a person (rather than describe one named next to them): pronouns look for these.
_NAMING = frozenset({"name", "surname", "unnamed", "role-noun"})
#: Entity labels of places: never a person's name.
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


@dataclass(eq=False)
class Profile:
    """What an article says about one person, group of people, organisation or country.

    ``named`` is False for a person known only by a role ("a police spokesman"); ``rules`` names the
    rule behind each of role, organisation and gender ("organisation": "possessive-title").
    Profiles compare by identity.

    >>> p = Profile("person", "Mira Kovačević", role="foreign minister", organisation="Croatia")
    >>> p.organisation, p.named
    ('Croatia', True)
    """

    kind: str
    name: str
    entity: Optional[Entity] = None
    named: bool = True
    role: Optional[str] = None
    organisation: Optional[str] = None
    country: Optional[str] = None
    gender: Optional[str] = None
    rules: dict[str, str] = field(default_factory=dict)
    role_words: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)  # the first word of each mention, in text order
    evidence: set[str] = field(default_factory=set)
    explicit: Counter = field(default_factory=Counter)  # gender -> honorifics and gendered words
    votes: Counter = field(default_factory=Counter)  # gender -> pronouns that refer to the profile
    merged_into: Optional["Profile"] = None

    @property
    def is_person(self) -> bool:
        return self.kind in (PERSON, GROUP)

    def leaning(self) -> Optional[str]:
        """The gender known so far (words first, then pronouns), for pronoun agreement."""
        return _decided(self.explicit) or _decided(self.votes)


class _Latest:
    """Profiles named at increasing word positions, to ask which was named last before a word."""

    __slots__ = ("positions", "profiles")

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.profiles: list[Profile] = []

    def add(self, position: int, profile: Profile) -> None:
        self.positions.append(position)
        self.profiles.append(profile)

    def before(self, word: int, size: int) -> Optional[Profile]:
        """The profile named last at a position before ``word`` (0 to ``size``, the article's words), if any."""
        if not 0 <= word <= size:
            return None
        at = bisect_left(self.positions, word) - 1
        return self.profiles[at] if at >= 0 else None


def _by_first_mention(entities: list[Entity]) -> tuple[Entity, ...]:
    """Entities in the order of their first mention, as the recogniser's are (a stable sort: ties keep
    their order)."""
    return tuple(sorted(entities, key=lambda e: e.mentions[0].start if e.mentions else -1))


def _decided(counts: Counter) -> Optional[str]:
    """One gender when the evidence agrees (at least twice as often as the other), else None."""
    if not counts:
        return None
    (first, n), *rest = counts.most_common()
    return first if not rest or n >= 2 * rest[0][1] else None


@dataclass(frozen=True, slots=True)
class Reference:
    """Words ``first`` to ``last`` name ``profile``; ``rule`` says how (name, surname, title,
    role-appositive, appositive, role-noun, unnamed, organisation-noun)."""

    first: int
    last: int
    profile: Profile
    rule: str


class Profiles:
    """The profiles of one article and, for each word, the profile it names.

    >>> from newsx import pipeline  # doctest: +SKIP
    >>> from newsx.entities import extract_entities  # doctest: +SKIP
    >>> text = "China's Defence Minister Li Shangfu spoke. He said the talks went well."
    >>> doc = pipeline.load()(text)  # doctest: +SKIP
    >>> profiles = build_profiles(doc, text, extract_entities(doc, text))  # doctest: +SKIP
    >>> [(p.kind, p.name) for p in profiles.profiles]  # doctest: +SKIP
    [('country', 'China'), ('person', 'Li Shangfu')]
    >>> profiles.at_token(doc[5].i).profile.name  # "Shangfu"  # doctest: +SKIP
    'Li Shangfu'
    """

    def __init__(self, words: Words, lexicon: Lexicon):
        self.words = words
        self.lexicon = lexicon
        self.profiles: list[Profile] = []
        self.references: list[Optional[Reference]] = [None] * len(words)
        self.antecedents: dict[int, Profile] = {}  # pronoun word -> the person it refers to
        self.sure: set[int] = set()  # the pronoun words whose person is sure (one candidate, or agreeing)
        self.by_entity: dict[int, Profile] = {}
        self._by_noun: dict[str, list[Profile]] = {}
        self._last_organisation = _Latest()  # organisations and countries
        self._last_body = _Latest()  # organisations only
        self._last_group = _Latest()
        self.names_at: list[Optional[Name]] = []

    def at_token(self, token_index: int) -> Optional[Reference]:
        """The reference covering a token of the Doc, or None."""
        if not 0 <= token_index < len(self.words.of_token):
            return None
        word = self.words.of_token[token_index]
        return self.references[word] if word >= 0 else None

    def word_of_token(self, token_index: int) -> int:
        return self.words.of_token[token_index] if 0 <= token_index < len(self.words.of_token) else -1

    def other_at(self, word: int) -> Optional[Name]:
        """The name among "other" names (a city, a region, an event) covering word ``word``, if any."""
        name = self.names_at[word] if 0 <= word < len(self.names_at) else None
        return name if name is not None and name.section == "other" and name.owner is None else None

    def for_entity(self, entity: Entity) -> Optional[Profile]:
        return self.by_entity.get(id(entity))

    def latest_organisation(self, word: int) -> Optional[Profile]:
        """The organisation (or country) named last before word ``word``, outside quotes."""
        return self._last_organisation.before(word, len(self.words))

    def latest_group(self, word: int) -> Optional[Profile]:
        """The group of people ("analysts") named last before word ``word``, outside quotes."""
        return self._last_group.before(word, len(self.words))

    def organisation_for_noun(self, noun: str, word: int) -> Optional[Profile]:
        """The organisation an organisation noun before word ``word`` refers to: the one last named
        before it with the noun in its name ("the bank" -> "Central Bank of Chile"); for a generic
        noun ("the agency", "the club", or "its") with none, the organisation named most often in the
        last paragraphs, the last named on a tie."""
        candidates = self._by_noun.get(noun, ()) if noun else ()
        best, best_at = None, -1
        for profile in candidates:
            at = bisect_left(profile.mentions, word) - 1
            if at >= 0 and profile.mentions[at] > best_at:
                best, best_at = profile, profile.mentions[at]
        if best is not None:
            return best
        if noun and noun not in self.lexicon.speakers.generic_organisation_nouns:
            return None
        if not noun or noun in self.lexicon.document_nouns or noun in self.lexicon.speakers.issued_nouns:
            # "Its governor", "the article warned", "the statement said": the organisation named last.
            return self._last_body.before(word, len(self.words))
        return self._salient_organisation(word, noun)

    def _other_kind(self, profile: Profile, noun: str) -> bool:
        """An organisation whose name says it is another kind than ``noun`` ("Superior Court" is no club)."""
        generic = self.lexicon.speakers.generic_organisation_nouns
        return any(w in self.lexicon.organisation_nouns and w not in generic and w != noun
                   for w in fold(profile.name).split())

    def _salient_organisation(self, word: int, noun: str = "") -> Optional[Profile]:
        """The organisation named most often in the paragraphs before word ``word`` (the window of
        ``organisation_paragraph_window``), the first named on a tie, not of another kind than ``noun``."""
        if not 0 < word <= len(self.words):
            return None
        paragraph = self.words[word - 1].paragraph
        start = self.words.first_of_paragraph(paragraph - self.lexicon.speakers.organisation_paragraph_window)
        best: Optional[Profile] = None
        best_key = (0, 0)
        seen: set[int] = set()
        # Walk back over the organisations named in the window, one mention at a time.
        at, profile = word, self._last_body.before(word, len(self.words))
        while profile is not None:
            mention = bisect_left(profile.mentions, at) - 1
            if mention < 0 or profile.mentions[mention] < start:
                break
            if id(profile) not in seen:
                seen.add(id(profile))
                if not self._other_kind(profile, noun):
                    first = bisect_left(profile.mentions, start)
                    key = (bisect_left(profile.mentions, word) - first, -profile.mentions[first])
                    if best is None or key > best_key:
                        best, best_key = profile, key
            at = profile.mentions[mention]
            profile = self._last_body.before(at, len(self.words))
        return best

    def describe(self, entities: Entities) -> Entities:
        """The entities with each person's role, organisation and gender filled in."""
        people = []
        for entity in entities.people:
            profile = self.for_entity(entity)
            if profile is None or not profile.is_person:
                people.append(entity)
                continue
            people.append(replace(entity, role=profile.role, organisation=profile.organisation, gender=profile.gender))
        return replace(entities, people=tuple(people))

    def with_speakers(self, entities: Entities, speakers: Collection[Optional[str]]) -> Entities:
        """The entities with the people and organisations the recogniser missed but the quotes name
        as speakers ("Councillor Tove Marrick-Allard said"), so that every speaker of a quote is among
        the entities; each in the order of first mentions, as the recogniser's are.

        >>> from newsx import pipeline  # doctest: +SKIP
        >>> from newsx.entities import extract_entities  # doctest: +SKIP
        >>> from newsx.quotes import extract_quotes  # doctest: +SKIP
        >>> text = "Councillor Tove Marrick-Allard said the bridge would reopen."
        >>> doc = pipeline.load()(text)  # doctest: +SKIP
        >>> entities = extract_entities(doc, text)  # doctest: +SKIP
        >>> profiles = build_profiles(doc, text, entities)  # doctest: +SKIP
        >>> quotes = list(extract_quotes(doc, text, entities=entities, profiles=profiles))  # doctest: +SKIP
        >>> [p.name for p in profiles.with_speakers(entities, {q.speaker for q in quotes}).people]  # doctest: +SKIP
        ['Tove Marrick-Allard']
        """
        people, organisations = list(entities.people), list(entities.organisations)
        for profile in self.profiles:
            if profile.entity is not None or not profile.named or profile.kind not in (PERSON, ORGANISATION) \
                    or profile.name not in speakers:
                continue
            missed = self._entity_of(profile)
            if missed is None:
                continue
            if profile.kind == PERSON:
                people.append(replace(missed, role=profile.role, organisation=profile.organisation,
                                      gender=profile.gender))
            else:
                organisations.append(missed)
        if len(people) == len(entities.people) and len(organisations) == len(entities.organisations):
            return entities
        return replace(entities, people=_by_first_mention(people), organisations=_by_first_mention(organisations))

    def _entity_of(self, profile: Profile) -> Optional[Entity]:
        """An entity for a profile of a name the recogniser missed: its mentions by name."""
        mentions = []
        for at in profile.mentions:
            ref = self.references[at] if 0 <= at < len(self.references) else None
            if ref is not None and ref.profile is profile and ref.rule == "name" and ref.first == at:
                start, end = self.words[ref.first].start, self.words[ref.last].end
                mentions.append(Mention(self.words.text[start:end], start, end))
        if not mentions:
            return None
        aliases = tuple(dict.fromkeys(m.text for m in mentions if m.text != profile.name))
        return Entity(profile.name, "PERSON" if profile.kind == PERSON else "ORG", tuple(mentions), aliases=aliases)


# -- building --------------------------------------------------------------------------------------


def build_profiles(doc: "Doc", text: str, entities: Entities | None, *, lexicon: LexiconLike = None) -> Profiles:
    """The profiles of an article, from its Doc (tokens and entities; no parse needed) and the
    entities :func:`newsx.entities.extract_entities` found.

    >>> from newsx import pipeline  # doctest: +SKIP
    >>> from newsx.entities import extract_entities  # doctest: +SKIP
    >>> text = "Croatia's Foreign Minister Mira Kovačević said the talks would go on."
    >>> doc = pipeline.load(tasks=("entities",))(text)  # doctest: +SKIP
    >>> people = build_profiles(doc, text, extract_entities(doc, text)).profiles  # doctest: +SKIP
    >>> p = next(p for p in people if p.kind == "person")  # doctest: +SKIP
    >>> p.name, p.role, p.organisation  # doctest: +SKIP
    ('Mira Kovačević', 'foreign minister', 'Croatia')
    """
    lexicon = resolve_lexicon(lexicon)
    words = Words(doc, text, lexicon)
    profiles = Profiles(words, lexicon)
    names = _entity_names(words, entities or Entities())
    context = Context(words, lexicon, names)
    names = sorted(names + list(_recognised_names(context)), key=lambda n: n.first)
    context = Context(words, lexicon, names)
    context.organisation_for_noun = lambda noun, at: _name_of(profiles.organisation_for_noun(noun, at))
    _own_profiles(profiles, names)
    # Twice: names the facts made people ("X, a professor at Y" the model called an organisation) take
    # their short forms, and the facts are read again for the profiles so joined.
    for _ in range(2):
        _join_short_forms(profiles, context, names)
        profiles.references = [None] * len(words)
        _index(profiles, names)
        _read_facts(profiles, context, names)
    _index(profiles, names)
    _role_nouns(profiles, context)
    _index(profiles, names)
    _pronouns(profiles, context)
    profiles.names_at = context.name_at
    for profile in profiles.profiles:
        _finish(profile)
    return profiles


def _name_of(profile: Optional[Profile]) -> Optional[str]:
    return profile.name if profile is not None else None


#: The entity sections the profiles read, and the section each is read as: places (cities, regions,
#: buildings) are "other" names with a place's label, which the rules read as places ("Senator X of
#: Vermont", "Kerala Chief Minister X") and never take for a person.
_SECTIONS_READ = {"people": "people", "organisations": "organisations", "countries": "countries",
                  "places": "other", "other": "other"}


def _entity_names(words: Words, entities: Entities) -> list[Name]:
    names = []
    for section, read_as in _SECTIONS_READ.items():
        for entity in getattr(entities, section):
            for mention in entity.mentions:
                found = words.between(mention.start, mention.end)
                if len(found):
                    names.append(Name(found.start, found.stop - 1, read_as, entity.label, entity))
    names.sort(key=lambda n: (n.first, -n.last))
    kept: list[Name] = []
    covered = -1
    for name in names:  # a mention inside another (a country in an organisation's name) gives way
        if name.first > covered:
            kept.append(name)
            covered = name.last
    return _whole_organisation_names(words, kept, words.lexicon)


def _whole_organisation_names(words: Words, names: list[Name], lexicon: Lexicon) -> list[Name]:
    """An organisation's name goes on over a country the model cut off: "Central Bank" + "of Chile",
    "Road Transit Board" + "of Chile"; and "Rugby" + "Chile" when every mention of the
    organisation has the same country right after it (a national body, not "told Reuters Chile ...")."""
    following: dict[int, Optional[Name]] = {}
    for index, name in enumerate(names):
        nxt = names[index + 1] if index + 1 < len(names) else None
        following[id(name)] = nxt if nxt is not None and nxt.section == "countries" \
            and words.same_sentence(name.first, nxt.last) else None
    always: dict[int, set[str]] = {}
    for name in names:
        if name.section == "organisations" and name.entity is not None:
            nxt = following[id(name)]
            glued = nxt is not None and nxt.first == name.last + 1 and not words[name.last].text.endswith(".")
            country = nxt.entity.name if glued and nxt is not None and nxt.entity is not None else ""
            always.setdefault(id(name.entity), set()).add(country)
    kept: list[Name] = []
    for name in names:
        if kept and kept[-1].last >= name.first:
            continue
        nxt = following[id(name)]
        if name.section == "organisations" and nxt is not None and name.entity is not None:
            of = nxt.first == name.last + 2 and words.lower(name.last + 1) == "of"
            country = nxt.entity.name if nxt.entity else ""
            glued = nxt.first == name.last + 1 and always.get(id(name.entity), {""}) == {country} \
                and words.lower(name.last) not in lexicon.publications \
                and words.lower(name.last) not in lexicon.speakers.news_agencies
            if of or glued:
                name.display = f"{name.entity.name}{' of ' if of else ' '}{words.span_text(nxt.first, nxt.last)}"
                name.last = nxt.last
        kept.append(name)
    return kept


def _name_runs(context: Context) -> Iterator[tuple[int, int]]:
    """Runs of name words ("Tove Marrick-Allard", "Harwick Town Council") that no entity covers,
    found from one name word to the next."""
    words, lexicon = context.words, context.lexicon
    name_at, openers = context.name_at, lexicon.speakers.phrase_openers
    position = 0
    for index in words.name_word_indices():
        if index < position or name_at[index] is not None or words.quoted[index] or words.furniture[index] \
                or words.heading[index] or context.is_title(index) or words[index].lower in openers:
            continue
        last = index
        while last + 1 < len(words) and words.same_sentence(index, last + 1) and name_at[last + 1] is None \
                and rules._is_name_word(words, last + 1, lexicon) and not context.is_title(last + 1):
            last += 1
        yield index, last
        position = last + 1


def _recognised_names(context: Context) -> Iterator[Name]:
    """Names the model missed: a person after a title ("Councillor Tove Marrick-Allard"), before a
    role in apposition ("Ilse Brekkan-Moor, a curator at ...") or an affiliation verb ("Ileana
    Voss Barreto heads ..."); an organisation named by its head word ("Harwick Town Council")."""
    words, lexicon, settings = context.words, context.lexicon, context.lexicon.speakers
    for first, last in _name_runs(context):
        count = last - first + 1
        if count > settings.max_name_words:
            continue
        at_start = first == words.sentence_start(first)
        tail = words.lower(last)
        if count >= 2 and (tail in lexicon.organisation_nouns or words.lower(first) in lexicon.organisation_nouns):
            yield Name(first, last, "organisations", "ORG")  # "Harwick Town Council", "Maple Grove FC", "FC Tarn"
            continue
        if any(words.lower(i) in lexicon.organisation_nouns for i in range(first, last + 1)):
            continue
        following = context.name_at[last + 1] if last + 1 < len(words) else None
        if following is not None and following.section == "people" and words.same_sentence(last, last + 1):
            continue  # "Chief Selector Ravi Menon": capitals of a title the lexicon does not know, no name
        name = Name(first, last, "", "PERSON")
        run = rules.title_run(context, first)
        titled = run is not None and any(context.is_role(i) or context.is_honorific(i)
                                         for i in range(run.first, run.last + 1))
        after = words.lower(last + 1) if last + 1 < len(words) and words.same_sentence(first, last + 1) else ""
        heads = after in settings.affiliation_verbs and (count >= 2 or not at_start)
        described = after == "," and count >= 2 and any(
            f.kind == "role" for f in rules.after_name(context, name))
        if (titled and run is not None and (count >= 2 or not at_start or run.first < first)) or heads or described:
            yield name


def _own_profiles(profiles: Profiles, names: list[Name]) -> None:
    """A profile for each entity of people, organisations and countries, and for each recognised name."""
    made: dict[int, Profile] = {}
    for name in names:
        key = id(name.entity) if name.entity is not None else id(name)
        if key in made:
            name.owner = made[key]
            if name.display is not None and len(name.display) > len(made[key].name):
                made[key].name = name.display
            continue
        kind = {"people": PERSON, "organisations": ORGANISATION, "countries": COUNTRY, "": PERSON}.get(name.section)
        if name.section == "" and name.label == "ORG":
            kind = ORGANISATION
        if kind is None:
            continue  # "other" names get a profile only when the text treats them as a person
        display = name.display or (name.entity.name if name.entity is not None
                                   else profiles.words.span_text(name.first, name.last))
        profile = Profile(kind, display, name.entity)
        if kind == COUNTRY and name.entity is not None:
            profile.country = name.entity.code
        made[key] = profile
        name.owner = profile
        if name.display is not None and len(name.display) > len(profile.name):
            profile.name = name.display
        profiles.profiles.append(profile)
        if name.entity is not None:
            profiles.by_entity[id(name.entity)] = profile


def _name_words(context: Context, name: Name) -> tuple[str, ...]:
    """The folded words of a name, with the name words right before it that no entity covers
    ("Voss" of "Voss Barreto" when the model saw only "Barreto")."""
    words = context.words
    first = name.first
    while first - 1 >= 0 and words.same_sentence(first - 1, name.first) and context.name_at[first - 1] is None \
            and rules._is_name_word(words, first - 1, context.lexicon) and not context.is_title(first - 1) \
            and name.last - first < context.lexicon.speakers.max_name_words:
        first -= 1
    return tuple(fold(words.span_text(first, name.last)).split())


def _join_short_forms(profiles: Profiles, context: Context, names: list[Name]) -> None:
    """A shorter form joins the person whose full name it ends: "Ribeiro Costa" (even if the model
    called it an organisation), "Brekke" for "Solveig Aune Brekke" (which the model called a work of
    art), and a bare surname no entity covers ("Kovačević told reporters")."""
    words = context.words
    # A full name's endings of two words or more -> the longest full name so ending, the first named on
    # a tie ("Ribeiro Costa" -> "Ana Ribeiro Costa"); its last word -> the person so named most often
    # ("Clinton" -> "Hillary Clinton" rather than "Bill Clinton").
    full: dict[tuple[str, ...], Name] = {}
    last_word: dict[tuple[str, ...], Name] = {}
    candidates = [n for n in names if (isinstance(n.owner, Profile) and n.owner.kind == PERSON)
                  or (n.section == "other" and n.label not in _PLACE_LABELS)]
    weight = Counter(id(n.owner if n.owner is not None else n.entity) for n in names)
    keys = {id(n): tuple(fold(words.span_text(n.first, n.last)).split()) for n in candidates}
    for name in sorted(candidates, key=lambda n: (-len(keys[id(n)]), n.first)):
        if words.heading[name.first]:
            continue  # "Harbour Workers Slam Mayor Ada Quell": a heading's capitals make no full name
        key = keys[id(name)]
        if len(key) >= 2:
            for start in range(len(key) - 1):
                full.setdefault(key[start:], name)
    for name in sorted(candidates, key=lambda n: (-weight[id(n.owner if n.owner is not None else n.entity)],
                                                  n.first)):
        if len(keys[id(name)]) >= 2:
            last_word.setdefault(keys[id(name)][-1:], name)

    def lookup(key: tuple[str, ...]) -> Optional[Name]:
        return (full.get(key) if len(key) >= 2 else last_word.get(key)) if key else None

    first_of: dict[int, int] = {}  # id of a profile (or of a name without one) -> its first word
    for name in names:
        first_of.setdefault(id(name.owner if name.owner is not None else name), name.first)

    def person_of(name: Name) -> Profile:
        if not isinstance(name.owner, Profile):
            name.owner = _person_of_other(profiles, name)
        return name.owner

    for name in names:
        if name.section == "countries":
            continue
        plain = tuple(fold(words.span_text(name.first, name.last)).split())
        match = lookup(_name_words(context, name)) or lookup(plain)
        if match is None or match is name or match.owner is name.owner and match.owner is not None:
            continue
        owner = name.owner if isinstance(name.owner, Profile) else None
        longer = len(keys.get(id(match), ()))
        if owner is not None and owner.kind in (PERSON, MERGED) and (
                longer <= len(owner.name.split()) or (len(owner.name.split()) > 1 and first_of.get(id(owner), 0)
                                                      < first_of.get(id(match.owner or match), 0))):
            continue  # a full name introduced first is no short form of one named later ("Crooked ...")
        if name.section in ("organisations", "other") and len(plain) == 1 and not _speaks_or_titled(context, name):
            continue  # one word the model called an organisation is a person's name only when it speaks
        target = person_of(match)
        _merge(profiles, owner, target)
        name.owner = target
    # A bare surname that no entity covers: "Kovačević told reporters".
    extra = []
    for first, last in _name_runs(context):
        if words.heading[first]:
            continue
        match = lookup(tuple(fold(words.span_text(first, last)).split()))
        if match is not None and (last > first or _speaks_or_titled(context, Name(first, last, "", ""))
                                  or first != words.sentence_start(first)):
            extra.append(Name(first, last, "", "PERSON", owner=person_of(match)))
    if extra:
        names.extend(extra)
        names.sort(key=lambda n: n.first)
        for name in extra:
            for index in range(name.first, name.last + 1):
                context.name_at[index] = name
        context.names_changed()
    _redirect(profiles, names)


def _person_of_other(profiles: Profiles, name: Name) -> Profile:
    """A person profile for a name the model put among "other" names (a work of art, a product)."""
    assert name.entity is not None
    profile = profiles.by_entity.get(id(name.entity))
    if profile is None:
        profile = Profile(PERSON, name.entity.name, name.entity)
        profiles.profiles.append(profile)
        profiles.by_entity[id(name.entity)] = profile
    return profile


def _speaks_or_titled(context: Context, name: Name) -> bool:
    """A one-word name followed by a cue ("Barreto said") or after a title or honorific ("Ms Brekke")."""
    words = context.words
    after = name.last + 1
    if after < len(words) and words.same_sentence(after, name.last) \
            and is_cue_form(words.lower(after), context.lexicon):
        return True
    return rules.title_run(context, name.first) is not None


def _merge(profiles: Profiles, source: Optional[Profile], target: Profile) -> None:
    """``source`` becomes ``target``: its entity, and (by :func:`_redirect`) every name it owned; the
    longer name wins."""
    if source is None or source is target or source.kind == MERGED:
        return
    if source.entity is not None:
        profiles.by_entity[id(source.entity)] = target
    if len(source.name.split()) > len(target.name.split()):
        target.name = source.name
    source.kind = MERGED
    source.merged_into = target


def _redirect(profiles: Profiles, names: list[Name]) -> None:
    """Names owned by a merged profile go to the one it joined; merged profiles leave the list."""
    for name in names:
        owner = name.owner
        while isinstance(owner, Profile) and owner.kind == MERGED and owner.merged_into is not None:
            owner = owner.merged_into
        name.owner = owner
    for key, owner in list(profiles.by_entity.items()):
        while owner.kind == MERGED and owner.merged_into is not None:
            owner = owner.merged_into
        profiles.by_entity[key] = owner
    profiles.profiles = [p for p in profiles.profiles if p.kind != MERGED]


def _index(profiles: Profiles, names: list[Name]) -> None:
    """Each profile's mentions in text order, the references of names, and the organisation nouns
    their names hold; the last organisation and group named before each word."""
    words = profiles.words
    for profile in profiles.profiles:
        profile.mentions = []
    refs = profiles.references
    for name in names:
        owner = name.owner
        if not isinstance(owner, Profile) or owner.kind == MERGED:
            continue
        owner.mentions.append(name.first)
        reference = Reference(name.first, name.last, owner, "name")  # immutable: one for all its words
        for index in range(name.first, name.last + 1):
            refs[index] = reference
    # In one pass: the mentions by a role or title (not by a name), and the organisations and groups
    # named outside quotes in text order, for "the last named before".
    known: dict[int, set[int]] = {}  # id of a profile -> its mentions so far, for a lookup in constant time
    profiles._last_organisation, profiles._last_body, profiles._last_group = _Latest(), _Latest(), _Latest()
    quoted, furniture = words.quoted, words.furniture
    for index, ref in [(i, ref) for i, ref in enumerate(refs) if ref is not None and ref.first == i]:
        profile = ref.profile
        if ref.rule not in ("name", "surname"):
            mentions = known.get(id(profile))
            if mentions is None:
                mentions = known[id(profile)] = set(profile.mentions)
            if index not in mentions:
                profile.mentions.append(index)
                mentions.add(index)
        if quoted[index] or furniture[index]:
            continue
        if profile.kind in (ORGANISATION, COUNTRY):
            profiles._last_organisation.add(index, profile)
            if profile.kind == ORGANISATION:
                profiles._last_body.add(index, profile)
        elif profile.kind == GROUP:
            profiles._last_group.add(index, profile)
    for profile in profiles.profiles:
        profile.mentions.sort()
    profiles._by_noun = {}
    for profile in profiles.profiles:
        if profile.kind == ORGANISATION:
            for word in set(fold(profile.name).split()):
                if word in profiles.lexicon.organisation_nouns:
                    profiles._by_noun.setdefault(word, []).append(profile)


def _read_facts(profiles: Profiles, context: Context, names: list[Name]) -> None:
    """Apply the rules to every mention; retype names the text treats as the other kind; bind the
    title and role words around a name to its profile."""
    words = context.words
    for _ in range(2):  # once more when a name changed kind, since the rules read kinds
        found = [(name, rules.facts(context, name)) for name in names
                 if not words.quoted[name.first] and not words.furniture[name.first] and not words.heading[name.first]]
        changed = False
        for name, facts in found:
            owner = name.owner
            person = any(f.kind == "person" for f in facts)
            if person and (owner is None or owner.kind not in (PERSON, GROUP)) and name.section != "countries" \
                    and name.label not in ("GPE", "LOC", "FAC", "NORP"):
                name.owner = _retyped(profiles, name, PERSON)
                changed = True
        by_owner: dict[int, list[Name]] = {}
        for name in names:
            if isinstance(name.owner, Profile) and name.owner.kind == PERSON and name.section == "people":
                by_owner.setdefault(id(name.owner), []).append(name)
        evidence = {id(n.owner) for n, facts in found if any(f.kind == "person" for f in facts)}
        for mentions in by_owner.values():
            owner = mentions[0].owner
            if id(owner) not in evidence and all(_used_as_organisation(context, name) for name in mentions):
                owner.kind = ORGANISATION
                changed = True
        if not changed:
            break
    _demote_places(context, names, found)
    for profile in profiles.profiles:
        if profile.kind in (PERSON, GROUP):
            profile.role = profile.organisation = profile.country = None
            profile.rules.clear()
            profile.role_words.clear()
            profile.evidence.clear()
            profile.explicit.clear()
    for name, facts in found:
        owner = name.owner
        if not isinstance(owner, Profile) or owner.kind not in (PERSON, GROUP):
            continue
        for fact in sorted(facts, key=lambda f: f.word):
            _apply(owner, fact)
        _bind(profiles, context, name, facts)


def _demote_places(context: Context, names: list[Name], found: list[tuple[Name, list[Fact]]]) -> None:
    """A "person" that the text only ever uses as a place ("in Abomey", a known city or region such
    as "Buenos Aires"), with no title, role or pronoun of its own, is no person: the model's
    PERSON/GPE confusion, which would otherwise draw pronouns."""
    words, lexicon = context.words, context.lexicon
    evidence = {id(n.owner) for n, facts in found if any(f.kind == "person" for f in facts)}
    by_owner: dict[int, list[Name]] = {}
    for name in names:
        if isinstance(name.owner, Profile) and name.owner.kind == PERSON and name.section == "people":
            by_owner.setdefault(id(name.owner), []).append(name)
    for key, mentions in by_owner.items():
        if key in evidence:
            continue
        owner = mentions[0].owner
        assert isinstance(owner, Profile)
        if all(is_known_place(words.span_text(m.first, m.last), lexicon)
               or words.lower(m.first - 1) in lexicon.speakers.place_prepositions for m in mentions):
            owner.kind = PLACE


def _used_as_organisation(context: Context, name: Name) -> bool:
    """Whether a "person" stands where an organisation does: before the lower-case role of another
    person's name ("Union Verde midfielder X"). A person so used at every mention, with no title
    or role of their own, is an organisation."""
    words = context.words
    after = name.last + 1
    if after >= len(words) or not words.same_sentence(after, name.last) or not context.is_title(after) \
            or words[after].capitalised:
        return False
    run_end = after
    while run_end + 1 < len(words) and context.is_title(run_end + 1) and not words[run_end + 1].capitalised:
        run_end += 1
    following = context.name_at[run_end + 1] if run_end + 1 < len(words) else None
    return following is not None and following is not name and following.section in ("people", "")


def _retyped(profiles: Profiles, name: Name, kind: str) -> Profile:
    owner = name.owner
    if isinstance(owner, Profile):
        owner.kind = kind
        return owner
    return _person_of_other(profiles, name)


def _apply(profile: Profile, fact: Fact) -> None:
    if fact.kind == "role":
        profile.role_words.update(fact.value.split())
        if profile.role is None:
            profile.role = fact.value
            profile.rules["role"] = fact.rule
    elif fact.kind == "organisation" and profile.organisation is None and fact.value:
        profile.organisation = fact.value
        profile.rules["organisation"] = fact.rule
    elif fact.kind == "country" and profile.country is None:
        profile.country = fact.value
    elif fact.kind == "gender":
        profile.explicit[fact.value] += 1
        profile.rules.setdefault("gender", fact.rule)
    elif fact.kind == "person":
        profile.evidence.add(fact.value)


def _bind(profiles: Profiles, context: Context, name: Name, facts: list[Fact]) -> None:
    """The title before a name, a role phrase in apposition before or after it, name the same person."""
    owner = name.owner
    assert isinstance(owner, Profile)
    spans = []
    run = rules.title_run(context, name.first)
    if run is not None:
        spans.append((run.first, run.last, "title"))
    phrase = rules.role_phrase_before(context, name)
    if phrase is not None:
        spans.append((phrase[0], phrase[1], "role-appositive"))
    if any(f.rule == "appositive-role" for f in facts) and name.last + 2 < len(context.words):
        spans.append((name.last + 2, rules._clause_end(context, name.last + 2) - 1, "appositive"))
    refs = profiles.references
    for first, last, rule in spans:
        for index in range(first, last + 1):
            if refs[index] is None:
                refs[index] = Reference(first, last, owner, rule)


# -- role nouns ------------------------------------------------------------------------------------


def _role_nouns(profiles: Profiles, context: Context) -> None:
    """Each role noun outside a name's own words: the person introduced with that role ("the
    minister", "The Slovenian minister", "The transport chief"), or a new, unnamed profile ("a police
    spokesman", "Analysts at Brinmoor Capital"); and organisation nouns ("the bank", "the agency")."""
    words, settings = context.words, context.lexicon.speakers
    refs = profiles.references
    by_role: dict[str, list[Profile]] = {}
    by_role_word: dict[str, list[Profile]] = {}  # each word (and stem) of a person's role and organisation
    size = settings.stem_letters
    for profile in profiles.profiles:
        if profile.kind in (PERSON, GROUP):
            for word in profile.role_words:
                by_role.setdefault(context.role_of(word) or word, []).append(profile)
            for word in profile.role_words | set(fold(profile.organisation or "").split()):
                for key in {word, word[:size]} if len(word) >= size else {word}:
                    by_role_word.setdefault(key, []).append(profile)
    # Only the words that are role or organisation nouns need a look: each distinct word is asked once.
    nouns = {lower for lower in {w.lower for w in words}
             if context.role_of(lower) is not None or context.is_organisation_noun(lower)}
    for index in [i for i, word in enumerate(words) if word.lower in nouns]:
        if refs[index] is not None or words.quoted[index] or words.furniture[index]:
            continue
        lower = words.lower(index)
        role = context.role_of(lower)
        if lower in settings.affiliation_verbs or is_cue_form(lower, context.lexicon):
            continue  # "heads", "leads": verbs before they are plurals
        if not _ends_noun_phrase(context, index):
            continue
        first, determiner = _noun_phrase_start(context, index)
        if role is not None and not determiner and not context.is_plural_role(lower):
            continue  # a bare singular ("former mayor" in a headline) introduces nobody
        if role is None:
            if determiner in settings.definite_determiners or determiner == "'s":
                organisation = profiles.organisation_for_noun(lower, first)
                if organisation is not None and not words[index].capitalised:
                    _refer(refs, first, index, organisation, "organisation-noun")
            continue
        plural = context.is_plural_role(lower)
        earlier: Optional[Profile] = None
        if determiner in settings.definite_determiners or determiner == "'s":
            earlier = _earlier_with_role(profiles, context, by_role, by_role_word, role, first, index, plural)
        if earlier is not None:
            _refer(refs, first, index, earlier, "role-noun")
            continue
        unnamed = _unnamed(profiles, context, first, index, role, plural, determiner)
        by_role.setdefault(role, []).append(unnamed)
        _refer(refs, first, index, unnamed, "unnamed")
        unnamed.mentions.append(first)


def _refer(refs: list, first: int, last: int, profile: Profile, rule: str) -> None:
    for at in range(first, last + 1):
        if refs[at] is None:
            refs[at] = Reference(first, last, profile, rule)


def _ends_noun_phrase(context: Context, index: int) -> bool:
    """Whether a role or organisation noun is the head of its phrase: what follows is punctuation, a
    verb of speech, a preposition or a function word, not another noun ("official figures")."""
    words, settings = context.words, context.lexicon.speakers
    after = index + 1
    if after >= len(words) or not words.same_sentence(after, index):
        return True
    nxt = words[after]
    lower = nxt.lower
    if not nxt.is_alpha:
        return lower not in rules._POSSESSIVES  # "the minister's spokesman": the minister is no speaker here
    if nxt.capitalised:
        return False  # a title before a name ("spokesman John Smith"), or a name ("Metro Harwick")
    return (lower in settings.function_words or lower in settings.affiliation_prepositions
            or is_cue_form(lower, context.lexicon) or lower in settings.relative_pronouns)


def _noun_phrase_start(context: Context, index: int) -> tuple[int, str]:
    """The first word of the noun phrase a noun ends, and its determiner: "the", "a", ..., "'s" for
    a possessor ("the agency's spokesman"), "" for none ("Analysts")."""
    words, settings = context.words, context.lexicon.speakers
    first = index
    while first - 1 >= 0 and words.same_sentence(first - 1, index) and index - first < settings.max_role_phrase_words:
        before = first - 1
        lower = words.lower(before)
        if lower in settings.definite_determiners or lower in settings.indefinite_determiners \
                or lower in settings.organisation_pronouns:
            return before, lower if lower not in settings.organisation_pronouns else "'s"
        if lower in ("'s", "\u2019s"):
            possessor = before - 1
            while possessor - 1 >= 0 and words.same_sentence(possessor - 1, index) and (
                    words.lower(possessor - 1) in settings.definite_determiners
                    or rules._is_name_word(words, possessor - 1, context.lexicon)):
                possessor -= 1
            return max(possessor, 0), "'s"
        word = words[before]
        if not word.is_alpha or lower in settings.function_words or lower in settings.affiliation_prepositions \
                or is_cue_form(lower, context.lexicon) or lower in settings.relative_pronouns \
                or lower in context.lexicon.speaker_pronouns or (words.tags[before] and not word.capitalised
                                                                 and words.tags[before] not in settings.modifier_tags):
            break
        named = context.name_at[before]
        if word.capitalised and named is not None and named.section == "people":
            break
        first = before
    # With no determiner, names and organisation nouns belong to the phrase ("Brinmoor Capital economists",
    # "police officers"), and with a tagger the adjectives and nouns ("top black lawmakers"); another word
    # may be a verb ("sends more experts").
    while first < index and not (words[first].capitalised or context.is_organisation_noun(words.lower(first))
                                 or words.tags[first] in settings.modifier_tags):
        first += 1
    return first, ""


def _earlier_with_role(profiles: Profiles, context: Context, by_role: dict[str, list[Profile]],
                       by_role_word: dict[str, list[Profile]], role: str, first: int, head: int,
                       plural: bool) -> Optional[Profile]:
    """The person introduced before word ``first`` with ``role`` ("the minister"), or sharing a word
    of the phrase ("The transport chief" for "executive member for transport"), that agrees with
    the phrase's nationality ("The Slovenian minister"); the last named wins."""
    words = context.words
    found = (context.demonym_before(i) for i in range(first, head))
    nationality = next((n[1] for n in found if n is not None), None)
    modifiers = {words.lower(i) for i in range(first, head) if words[i].is_alpha and len(words[i].text) > 3
                 and words.lower(i) not in context.lexicon.speakers.definite_determiners}
    aliases = {role} | set(context.lexicon.speakers.aliases.get(role, ()))

    def agrees(profile: Profile) -> bool:
        if (profile.kind == GROUP) != plural or not profile.mentions or profile.mentions[0] >= first:
            return False
        return nationality is None or profile.country in (None, nationality)

    def last_mention(profile: Profile) -> int:
        at = bisect_left(profile.mentions, first) - 1
        return profile.mentions[at] if at >= 0 else -1

    by_head = [p for alias in aliases for p in by_role.get(alias, ()) if agrees(p)]
    if by_head:
        # A named person before one known only by the role: "the nominee" is the "GOP nominee X".
        return max(by_head, key=lambda p: (p.named, last_mention(p)))
    # "The transport chief" for the "executive member for transport"; "The industrialist" for the
    # president of the "Union of Valdorian Industries": a word, or its stem, of the role or the
    # organisation. (A stem is the first letters a derived word keeps: "industri-", "economi-".)
    size = context.lexicon.speakers.stem_letters
    stems = {w[:size] for w in modifiers | {words.lower(head)} if len(w) >= size}

    def shares(profile: Profile) -> bool:
        known = profile.role_words | set(fold(profile.organisation or "").split())
        return bool(modifiers & known) or bool(stems & {w[:size] for w in known if len(w) >= size})

    by_word = [p for key in modifiers | stems for p in by_role_word.get(key, ()) if p.kind == PERSON and agrees(p)
               and shares(p)]
    return max(by_word, key=last_mention) if by_word else None


def _unnamed(profiles: Profiles, context: Context, first: int, head: int, role: str, plural: bool,
             determiner: str) -> Profile:
    """A profile for a person or group known by a role: "a police spokesman" (organisation "police"),
    "A spokesperson for the Tidewater Institute", "Analysts at Brinmoor Capital"."""
    words, settings = context.words, context.lexicon.speakers
    start = first + 1 if determiner in settings.definite_determiners or determiner in \
        settings.indefinite_determiners else first
    if determiner == "'s":
        possessive = next(i for i in range(first, head + 1) if words.lower(i) in rules._POSSESSIVES or i == head)
        owner = context.name_at[possessive - 1] if possessive > first else None
        if words.lower(first) in settings.organisation_pronouns:
            start = first + 1
        elif owner is not None and isinstance(owner.owner, Profile) and owner.owner.kind == PERSON:
            start = owner.first  # "Gary Johnson's doctor": whose doctor is part of who they are
        else:
            start = min(possessive + 1, head)  # "the agency's spokesman": the agency is the organisation
    name = words.span_text(start, head)
    if words[start].capitalised and start == words.sentence_start(start) and context.name_at[start] is None \
            and context.demonym_before(start) is None:
        name = name[:1].lower() + name[1:]
    profile = Profile(GROUP if plural else PERSON, name, named=False)
    end = rules._clause_end(context, head + 1) if head + 1 < len(words) else head + 1
    facts = list(rules._phrase_facts(context, first, min(end, len(words)) - 1, "unnamed-role"))
    for fact in sorted(facts, key=lambda f: f.word):
        _apply(profile, fact)
    if profile.role is None:
        profile.role = role
    profile.role_words.add(role)
    profiles.profiles.append(profile)
    return profile


# -- pronouns --------------------------------------------------------------------------------------


def _pronouns(profiles: Profiles, context: Context) -> None:
    """Resolve each gendered pronoun outside quote marks to a person named before it that does not
    disagree in gender (see :func:`_antecedent`); when that is sure, the pronoun's gender counts for
    the person. A pronoun in an opening phrase ("In her speech, Smith said") refers to the name after
    the phrase. Sentences are counted outside quotations, and only people named where a subject
    stands are weighed among those known by a role alone."""
    words, lexicon, settings = context.words, context.lexicon, context.lexicon.speakers
    refs = profiles.references
    window = settings.pronoun_sentence_window
    recent: list[tuple[int, Profile, int, bool]] = []  # (word, profile, sentence, subject-like)
    first_in_sentence: dict[int, int] = {}  # sentence -> id of the first person it names
    # Sentences are counted outside quote marks: a quotation of several sentences is one turn. Only
    # the words that start a reference or are gendered pronouns need a look.
    narrated_at = _narrated_sentences(words)
    gendered = settings.gendered_pronouns
    starts = {ref.first for ref in refs if ref is not None}
    for index in [i for i, word in enumerate(words) if word.lower in gendered or i in starts]:
        narrated = narrated_at[index]
        if narrated < 0:
            continue  # between quote marks, or page furniture
        word = words[index]
        ref = refs[index]
        if ref is not None and ref.first == index and ref.profile.kind == PERSON and ref.rule in _NAMING and (
                ref.profile.named or _in_subject_place(context, ref)):
            # The subject is likelier the first person a sentence names ("X told Y that he ...").
            subject = first_in_sentence.setdefault(narrated, id(ref.profile)) == id(ref.profile)
            recent.append((index, ref.profile, narrated, subject))
            if len(recent) > settings.pronoun_candidates:
                recent.pop(0)
            continue
        gender = lexicon.genders.get(word.lower)
        if gender is None or word.lower not in settings.gendered_pronouns:
            continue
        chosen, sure = _cataphora(profiles, context, index), True
        if chosen is None:
            opens_clause = index == words.sentence_start(index) or words.lower(index - 1) in \
                settings.clause_openers or is_cue_form(words.lower(index - 1), lexicon)
            chosen, sure = _antecedent(recent, gender, narrated, window, opens_clause)
        if chosen is not None:
            profiles.antecedents[index] = chosen
            if sure:
                profiles.sure.add(index)
                chosen.votes[gender] += 1


def _narrated_sentences(words: Words) -> list[int]:
    """For each word outside quote marks and page furniture, how many sentences with such words come
    before its own; -1 for the others."""
    import numpy as np

    outside = ~(np.array(words.quoted, dtype=bool) | np.array(words.furniture, dtype=bool))
    sentences = np.array([word.sentence for word in words], dtype=np.int64)[outside]
    starts = np.ones(len(sentences), dtype=bool)
    starts[1:] = sentences[1:] != sentences[:-1]
    narrated = np.full(len(words), -1, dtype=np.int64)
    narrated[outside] = np.cumsum(starts) - 1
    return narrated.tolist()


def _in_subject_place(context: Context, ref: Reference) -> bool:
    """Whether a person known by a role is named where a subject stands: opening the sentence ("The
    referee wrote in his report") or before a verb of speech ("a police spokesman said"). One in an
    object ("empower the party to name a replacement candidate") is no one a later pronoun means."""
    words = context.words
    after = ref.last + 1
    return ref.first == words.sentence_start(ref.first) or (
        after < len(words) and words.same_sentence(after, ref.last)
        and is_cue_form(words.lower(after), context.lexicon))


def _antecedent(recent: list[tuple[int, Profile, int, bool]], gender: str, sentence: int,
                window: int, opens_clause: bool) -> tuple[Optional[Profile], bool]:
    """The person a pronoun refers to, and whether that is sure enough to tell their gender.

    The nearest sentence naming someone whose gender does not disagree decides. One person there is
    sure; of several, one already known to agree is, and so is the subject (the first named) for a
    pronoun opening a reported clause ("X told Y that he ..."). Otherwise the subject is the best guess
    ("X grilled Y for his role", "X told Y, after he admitted"): good enough to pick a speaker, not to
    give anyone a gender."""
    nearest: Optional[int] = None
    found: list[tuple[tuple[int, int, int], Profile, Optional[str], bool]] = []
    seen: set[int] = set()
    for index, profile, at_sentence, subject in reversed(recent):
        distance = sentence - at_sentence
        if distance > window or (nearest is not None and distance > nearest):
            break
        known = profile.leaning()
        if known is not None and known != gender:
            continue
        nearest = distance
        if id(profile) in seen:
            if subject:  # the same person, also the subject of the sentence
                found = [(k, p, g, True) if p is profile else (k, p, g, s) for k, p, g, s in found]
            continue
        seen.add(id(profile))
        found.append(((0 if subject else 1, -index, 0), profile, known, subject))
    if not found:
        return None, False
    if len(found) == 1:
        return found[0][1], True
    agreeing = [p for _, p, known, _ in found if known == gender]
    if len(agreeing) == 1:
        return agreeing[0], True
    subjects = [p for _, p, _, subject in found if subject]
    best = subjects[0] if subjects else min(found, key=lambda item: item[0])[1]
    return best, opens_clause and bool(subjects)


def _cataphora(profiles: Profiles, context: Context, index: int) -> Optional[Profile]:
    """"In her first speech, Smith said": a pronoun in a sentence's opening phrase, before its first
    comma, refers to the person named right after the comma (not so "His counterpart, X": a phrase
    that opens with the pronoun is in apposition to X)."""
    words, settings = context.words, context.lexicon.speakers
    start = words.sentence_start(index)
    if index == start or words.lower(start) not in settings.opening_phrase_words and not \
            words.lower(start).endswith("ing"):
        return None
    comma = index + 1
    while comma < len(words) and words.same_sentence(comma, index) and words[comma].text != ",":
        if words[comma].text in rules._CLAUSE_BREAKS:
            return None
        comma += 1
    after = comma + 1
    if after >= len(words) or not words.same_sentence(after, index):
        return None
    ref = profiles.references[after]
    return ref.profile if ref is not None and ref.first == after and ref.profile.kind == PERSON else None


def _finish(profile: Profile) -> None:
    """An organisation or country speaks for itself; a person's gender is the words' if they agree
    (Ms, spokeswoman), else the pronouns' if they agree, else unknown."""
    if profile.kind in (ORGANISATION, COUNTRY):
        profile.organisation = profile.name
        return
    profile.gender = _decided(profile.explicit)
    if profile.gender is None and not profile.explicit:
        profile.gender = _decided(profile.votes)
        if profile.gender is not None:
            profile.rules["gender"] = "pronoun"
    if profile.gender is None:
        profile.rules.pop("gender", None)
