"""Speaker resolution: from the token that names a speaker to the person or organisation who speaks.

The people and organisations of the article are profiled once, before any quote is attributed
(:mod:`newsx.profiles`): every name, title, role in apposition, role noun and pronoun already points
to a profile with a canonical name, role, organisation and gender. :class:`SpeakerResolver` takes
the token the quote rules found (the subject of "said", the object of "according to") and, in text
order, looks it up:

==================================  ===============================================================
``name``                            a name, or a word of the title or role phrase next to it ("A
                                    spokeswoman for Tellbridge, X, said": X)
``role-noun``                       "the minister", "The Slovenian minister": the person introduced
                                    with that role
``unnamed``                         "a police spokesman", "Analysts at Brinmoor": a person or group
                                    known only by a role, with the organisation the phrase names
``organisation-noun``               "the bank", "the agency": the organisation named before
``pronoun`` / ``pronoun-last-speaker``  "she", "he": the last speaker when the gender agrees (a run of
                                    quotes keeps the floor), else the person the pronoun refers to
``relative-pronoun+...``            "a surrogate who said": the noun "who" stands for
``country``                         a country speaking ("Iran said")
``as-written``                      anything else, as the text names it
==================================  ===============================================================

Never a speaker: a title or honorific alone ("Dr", "Mr"), a dateline (its city), a byline or photo
credit, a heading naming a speaker of a quote outside it ("Contact Details"); :meth:`SpeakerResolver.resolve`
returns None for them, and the quote has no speaker. A city elsewhere may speak for its government
("Beijing has vowed to ...").
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from .lexicon import Lexicon
from .profiles import Profile, Profiles, Reference, build_profiles
from .profiles.rules import Name
from .types import Entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: The profile kinds that speak, and the ``speaker_kind`` each gives; a place speaks for its government
#: ("Beijing has vowed to ...").
_SPEAKING_KINDS = {"person": "person", "group": "person", "organisation": "organisation",
                   "country": "organisation", "place": "organisation"}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: where they are named here, who they are, and for whom they speak.

    ``rule`` names the rule that resolved it (``name``, ``pronoun``, ``role-noun``, ...), for
    ``--explain``; ``gender`` and ``role`` are what the article says of the person.

    >>> Speaker(0, 2, "he", "Li Shangfu", "person", "China", rule="pronoun", gender="male").name
    'Li Shangfu'
    """

    start: int
    end: int
    text: str
    name: Optional[str]
    kind: str
    organisation: Optional[str] = None
    rule: str = ""
    gender: Optional[str] = None
    role: Optional[str] = None
    #: The rules behind the organisation and the gender ("possessive-title", "pronoun"), for --explain.
    evidence: tuple[str, ...] = ()


class SpeakerResolver:
    """Resolve the speaker tokens of one article, in text order.

    ``profiles`` are the article's (:func:`newsx.profiles.build_profiles`); built here when not given.

    >>> from newsx import pipeline  # doctest: +SKIP
    >>> from newsx.entities import extract_entities  # doctest: +SKIP
    >>> text = "China's Defence Minister Li Shangfu spoke. He said the talks went well."
    >>> doc = pipeline.load()(text)  # doctest: +SKIP
    >>> from newsx.lexicon import default_lexicon  # doctest: +SKIP
    >>> resolver = SpeakerResolver(doc, text, extract_entities(doc, text), default_lexicon())  # doctest: +SKIP
    >>> speaker = resolver.resolve(doc[8])  # "He"  # doctest: +SKIP
    >>> speaker.name, speaker.role, speaker.organisation, speaker.gender, speaker.rule  # doctest: +SKIP
    ('Li Shangfu', 'defence minister', 'China', 'male', 'pronoun')
    """

    def __init__(self, doc: "Doc", text: str, entities: Entities | None, lexicon: Lexicon,
                 profiles: Optional[Profiles] = None):
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.profiles = profiles if profiles is not None else build_profiles(doc, text, entities, lexicon=lexicon)
        self.words = self.profiles.words
        self.last: Optional[Profile] = None  # the last person or organisation who spoke
        self.last_paragraph = -1
        self.speakers: list[Profile] = []  # the last few who spoke, the last one last
        self.last_word = -1  # where the last speaker was named

    # -- where the speaker is named -------------------------------------------------------------

    def mention_span(self, token: "Token") -> tuple[int, int]:
        """The character span naming the speaker at ``token``: its name, or its noun phrase."""
        ref = self.profiles.at_token(token.i)
        if ref is not None:
            first, last = self._naming_words(ref)
            return self.words[first].start, self.words[last].end
        other = self._other_entity(token)
        if other is not None:
            return self.words[other.first].start, self.words[other.last].end
        settings = self.lexicon.speakers
        if token.tag_ in settings.pronoun_tags:
            return token.idx, token.idx + len(token)
        left = token
        for child in token.lefts:
            if child.dep_ in settings.noun_phrase_deps:
                left = child.left_edge if child.dep_ == "poss" else child
                break
        right = token
        for child in token.rights:
            if child.dep_ in settings.name_deps and child.i - right.i <= 1:
                right = child
        return left.idx, right.idx + len(right)

    def _naming_words(self, ref: Reference) -> tuple[int, int]:
        """The words of a reference, or for a title or role phrase next to a name, the name's."""
        if ref.rule not in ("title", "role-appositive", "appositive"):
            return ref.first, ref.last
        mentions = ref.profile.mentions
        after = bisect_right(mentions, ref.last)
        for at in (after, after - 1):
            if 0 <= at < len(mentions) and self.words.same_sentence(mentions[at], ref.first):
                name = self.profiles.references[mentions[at]]
                if name is not None and name.profile is ref.profile and name.rule == "name":
                    return name.first, name.last
        return ref.first, ref.last

    # -- resolution -----------------------------------------------------------------------------

    def resolve(self, token: "Token", paragraph: Optional[int] = None) -> Optional[Speaker]:
        """The speaker named at ``token``, remembered for later pronouns; None when the token can
        name no speaker (a title alone, a dateline, page furniture). ``paragraph`` is the
        paragraph of the quote (by :func:`newsx.normalize.paragraphs`): a heading ("Contact
        Details") names nobody who speaks outside it."""
        token = self._named_apposition(token)
        if self._never_a_speaker(token) or self._heading_elsewhere(token, paragraph):
            return None
        start, end = self.mention_span(token)
        return self._resolve(token, start, end, self.text[start:end])

    def _named_apposition(self, token: "Token") -> "Token":
        """"Iranian Ambassador to Russia, Kazem Jalali, praised": the name beside a role speaks;
        "said Dr Harry Zekollari": the name after a title."""
        if self.profiles.at_token(token.i) is not None:
            return token
        for child in token.children:
            ref = self.profiles.at_token(child.i)
            if child.dep_ == "appos" and ref is not None and ref.profile.kind in _SPEAKING_KINDS:
                return child
        return token

    def _never_a_speaker(self, token: "Token") -> bool:
        word = self.profiles.word_of_token(token.i)
        if word >= 0 and self.words.furniture[word]:
            return True
        ref = self.profiles.at_token(token.i)
        if ref is not None:
            return ref.profile.kind not in _SPEAKING_KINDS
        if token.lower_ in self.lexicon.speakers.never_speakers:
            start, end = self.mention_span(token)
            return self.text[start:end].strip(" .").lower() == token.lower_.strip(".")  # "Dr" alone
        # A city outside the dateline may speak for its government ("Beijing has vowed to ...").
        return False

    def _heading_elsewhere(self, token: "Token", paragraph: Optional[int]) -> bool:
        word = self.profiles.word_of_token(token.i)
        return paragraph is not None and word >= 0 and self.words.heading[word] \
            and self.words[word].paragraph != paragraph

    def _other_entity(self, token: "Token") -> Optional[Name]:
        """The name among "other" names (a city, a region, a nationality) that covers ``token``."""
        word = self.profiles.word_of_token(token.i)
        return self.profiles.other_at(word) if word >= 0 else None

    def _resolve(self, token: "Token", start: int, end: int, surface: str) -> Optional[Speaker]:
        lexicon = self.lexicon
        if token.tag_ in lexicon.speakers.relative_pronoun_tags and token.head.dep_ == "relcl" \
                and token.head.head.i != token.i:
            # "a surrogate who said ...": the speaker is named here by "who"; the name is the noun's.
            antecedent = self._named_apposition(token.head.head)
            if self._never_a_speaker(antecedent):
                return None
            a_start, a_end = self.mention_span(antecedent)
            named = self._resolve(antecedent, a_start, a_end, self.text[a_start:a_end])
            if named is None:
                return None
            return Speaker(start, end, surface, named.name, named.kind, named.organisation,
                           rule=f"relative-pronoun+{named.rule}", gender=named.gender, role=named.role,
                           evidence=named.evidence)
        ref = self.profiles.at_token(token.i)
        if ref is not None:
            rule = "name" if ref.rule in ("name", "title", "role-appositive", "appositive") else ref.rule
            if ref.profile.kind == "country":
                rule = "country"
            return self._remember(ref.profile, start, end, surface, rule, token)
        lower = token.lower_
        if lower in lexicon.speaker_pronouns:
            return self._pronoun(token, start, end, surface)
        name = surface[4:] if surface.lower().startswith("the ") and token.tag_ == "NNP" else surface
        other = self._other_entity(token)
        if other is not None and other.entity is not None:
            name = other.entity.name
        return Speaker(start, end, surface, name, "person" if token.ent_type_ == "PERSON" else "other",
                       rule="as-written")

    def _pronoun(self, token: "Token", start: int, end: int, surface: str) -> Speaker:
        """"she", "he": the last speaker if the gender agrees, else the person the pronoun refers
        to; "it", "they", "we": the last organisation or group that spoke, else the last named."""
        lexicon = self.lexicon
        lower = token.lower_
        gender = lexicon.speaker_pronouns[lower]
        word = self.profiles.word_of_token(token.i)
        last = self.last if self._recent(word) else None
        profile: Optional[Profile] = None
        rule = "pronoun"
        if gender == "thing":
            profile = last if last is not None and last.kind in ("organisation", "country") else \
                self.profiles.latest_organisation(word)
        elif lower in lexicon.speakers.plural_pronouns:
            if last is not None and last.kind in ("organisation", "country", "group"):
                profile = last
            else:
                profile = self.profiles.latest_group(word) or self.profiles.latest_organisation(word)
        elif gender is None:  # "I", outside quote marks: who speaks in a transcript or an interview
            if last is not None and last.kind == "person":
                profile, rule = last, "pronoun-last-speaker"
        else:
            candidate = self.profiles.antecedents.get(word)
            if candidate is not None and candidate.gender not in (None, gender):
                candidate = None
            if last is not None and last.kind == "person" and last.gender in (None, gender) and not (
                    candidate is not None and word in self.profiles.sure
                    and self._named_since_last_speaker(candidate, word)):
                # A run of quotes keeps the floor with the last speaker, unless the story has named
                # someone else since ("the mayor has often cited ... He says").
                profile, rule = last, "pronoun-last-speaker"
            else:
                profile = candidate
                if profile is None:
                    # "“...,” she replied" after a man spoke: the last speaker who is a woman.
                    profile = next((p for p in reversed(self.speakers) if p.kind == "person" and p.gender == gender),
                                   None)
                    rule = "pronoun-earlier-speaker"
        if profile is None:
            return Speaker(start, end, surface, None, "pronoun", rule="pronoun-unresolved")
        return self._remember(profile, start, end, surface, rule, token)

    def _named_since_last_speaker(self, candidate: Profile, word: int) -> bool:
        """Whether ``candidate``, not the last speaker, is named in a sentence after the one where the
        last speaker was, and before word ``word``."""
        if candidate is self.last or self.last_word < 0:
            return False
        mentions = candidate.mentions
        at = bisect_right(mentions, word - 1) - 1
        return at >= 0 and self.words[mentions[at]].sentence > self.words[self.last_word].sentence

    def _recent(self, word: int) -> bool:
        """Whether the last speaker spoke shortly before word ``word`` (a run of quotes)."""
        if self.last is None or word < 0:
            return False
        return self.words[word].paragraph - self.last_paragraph <= self.lexicon.quotes.follow_on_paragraphs

    def _remember(self, profile: Profile, start: int, end: int, surface: str, rule: str,
                  token: "Token") -> Speaker:
        self.last = profile
        self.last_word = self.profiles.word_of_token(token.i)
        if profile in self.speakers:  # identity: profiles compare by identity, and the list is short
            self.speakers.remove(profile)
        self.speakers.append(profile)
        del self.speakers[:-self.lexicon.speakers.recent_speakers]
        word = self.profiles.word_of_token(token.i)
        if word >= 0:
            self.last_paragraph = self.words[word].paragraph
        kind = _SPEAKING_KINDS.get(profile.kind, "other")
        person = kind == "person"
        evidence = tuple(f"{what}:{profile.rules[what]}" for what in ("organisation", "gender")
                         if person and what in profile.rules)
        return Speaker(start, end, surface, profile.name, kind, profile.organisation, rule=rule,
                       gender=profile.gender if person else None, role=profile.role if person else None,
                       evidence=evidence)
