"""Speaker resolution: from the token that names a speaker to a mention span, a full name and an
organisation.

A speaker is named by a name ("Li Shangfu", later "Li"), a pronoun ("he"), a role ("the defence
minister", "the spokesman"), or an organisation ("The Jerusalem Post", later "the article"). The
:class:`SpeakerResolver` reads the article's people and organisations once, learns each person's
roles and affiliation from the words around their mentions ("China's Defence Minister Li Shangfu",
"Iranian Ambassador to Russia, Kazem Jalali", "a spokesman for the UN"), and then resolves speakers
in text order, remembering who spoke last for pronouns and roles.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from .base import SECTIONS
from .countries import country_name
from .lexicon import Lexicon
from .types import Entities, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: where they are named here, who they are, and for whom they speak.

    ``rule`` names the rule that resolved it (``name``, ``pronoun``, ``role``, ...), for ``--explain``.

    >>> Speaker(0, 2, "he", "Li Shangfu", "person", "China", rule="pronoun").name
    'Li Shangfu'
    """

    start: int
    end: int
    text: str
    name: Optional[str]
    kind: str
    organisation: Optional[str] = None
    rule: str = ""


@dataclass
class _Profile:
    """What the article tells about one person or organisation."""

    entity: Entity
    kind: str  # "person" | "organisation"
    roles: set[str] = field(default_factory=set)
    gender: Optional[str] = None
    organisation: Optional[str] = None


def _entity_lookup(entities: Entities | None) -> dict[int, tuple[str, Entity]]:
    """Map each character offset inside a mention to (section, entity)."""
    lookup: dict[int, tuple[str, Entity]] = {}
    if entities is None:
        return lookup
    # People and organisations win over the countries and places inside their names.
    for section in sorted(SECTIONS, key=lambda s: s not in ("people", "organisations")):
        for entity in getattr(entities, section):
            for mention in entity.mentions:
                for offset in range(mention.start, mention.end):
                    lookup.setdefault(offset, (section, entity))
    return lookup


class SpeakerResolver:
    """Resolve speaker tokens of one article, in text order.

    >>> resolver = SpeakerResolver(doc, text, entities)  # doctest: +SKIP
    >>> resolver.resolve(doc[5]).name  # doctest: +SKIP
    'Li Shangfu'
    """

    def __init__(self, doc: "Doc", text: str, entities: Entities | None, lexicon: Lexicon):
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.lookup = _entity_lookup(entities)
        self.profiles: dict[int, _Profile] = {}
        self.recent: list[_Profile] = []
        if entities is not None:
            for kind, section in (("person", entities.people), ("organisation", entities.organisations)):
                for entity in section:
                    self.profiles[id(entity)] = self._profile(entity, kind)
        self._mention_order = sorted(
            ((m.start, self.profiles[id(e)]) for e in (entities.people + entities.organisations if entities else ())
             for m in e.mentions),
            key=lambda pair: pair[0],
        )

    # -- profiles -------------------------------------------------------------------------------

    def _profile(self, entity: Entity, kind: str) -> _Profile:
        profile = _Profile(entity, kind)
        if kind != "person":
            return profile  # roles, gender and affiliation are read for people only
        lexicon = self.lexicon
        for mention in entity.mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            profile.organisation = profile.organisation or self._affiliation(span.root)
            for word, token in self._describing_words(span):
                lower = word.lower()
                if lower in lexicon.roles or lower in lexicon.titles:
                    profile.roles.add(lower)
                profile.gender = profile.gender or lexicon.genders.get(lower)
                profile.organisation = profile.organisation or self._affiliation(token)
        return profile

    def _describing_words(self, span: "Span"):
        """Title words before a name, and the words of an appositive role ("X, the spokesman")."""
        doc, lexicon = self.doc, self.lexicon
        i = span.start - 1
        while i >= 0 and doc[i].sent == span.sent and (
                doc[i].is_title or doc[i].lower_ in lexicon.titles or doc[i].tag_ == "POS"
                or doc[i].lower_ in lexicon.speakers.title_prepositions):
            yield doc[i].text, doc[i]
            i -= 1
        head = span.root
        related = [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            related.append(head.head)
        for token in related:
            for word in token.subtree:
                if word.i < span.start or word.i >= span.end:
                    yield word.text, word

    def _affiliation(self, token: "Token") -> Optional[str]:
        """An organisation or country named at a title or role word: possessor, demonym, "of/for X"."""
        settings = self.lexicon.speakers
        candidates = [token] + [c for c in token.children if c.dep_ in settings.affiliation_deps]
        for candidate in candidates:
            tokens = [candidate]
            if candidate.dep_ == "prep" and candidate.lower_ in settings.affiliation_prepositions:
                tokens = [c for c in candidate.children if c.dep_ == "pobj"]
            for t in tokens:
                name = self._organisation_name(t)
                if name:
                    return name
        return None

    def _organisation_name(self, token: "Token") -> Optional[str]:
        lexicon = self.lexicon
        if token.lower_ in lexicon.titles or token.lower_ in lexicon.roles:
            return None  # "Defence" of "Defence Minister" is a title, not an organisation.
        found = self.lookup.get(token.idx)
        if found and found[0] in ("organisations", "countries"):
            return found[1].name
        if found and found[0] == "other" and found[1].code:
            return country_name(found[1].code, lexicon)
        if token.text in lexicon.demonyms:
            return country_name(lexicon.demonyms[token.text], lexicon)
        return None

    # -- resolution -----------------------------------------------------------------------------

    def mention_span(self, token: "Token") -> tuple[int, int]:
        """The character span naming the speaker at ``token``: its entity, or its noun phrase."""
        found = self.lookup.get(token.idx)
        if found is not None:
            for mention in found[1].mentions:
                if mention.start <= token.idx < mention.end:
                    return mention.start, mention.end
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

    def resolve(self, token: "Token") -> Speaker:
        """Resolve the speaker named at ``token`` and remember them for later pronouns and roles."""
        token = self._named_apposition(token)
        start, end = self.mention_span(token)
        surface = self.text[start:end]
        return self._resolve(token, start, end, surface)

    def _named_apposition(self, token: "Token") -> "Token":
        """"Iranian Ambassador to Russia, Kazem Jalali, praised": the name beside a role speaks."""
        if token.idx in self.lookup:
            return token
        for child in token.children:
            found = self.lookup.get(child.idx)
            if child.dep_ == "appos" and found is not None and found[0] in ("people", "organisations"):
                return child
        return token

    def _resolve(self, token: "Token", start: int, end: int, surface: str) -> Speaker:
        lexicon = self.lexicon
        if token.tag_ in lexicon.speakers.relative_pronoun_tags and token.head.dep_ == "relcl" \
                and token.head.head.i != token.i:
            # "a surrogate who said ...": the speaker is named here by "who"; the name is the noun's.
            antecedent = self._named_apposition(token.head.head)
            a_start, a_end = self.mention_span(antecedent)
            named = self._resolve(antecedent, a_start, a_end, self.text[a_start:a_end])
            return Speaker(start, end, surface, named.name, named.kind, named.organisation,
                           rule=f"relative-pronoun+{named.rule}")
        found = self.lookup.get(token.idx)
        if found is not None and id(found[1]) in self.profiles:
            return self._remember(self.profiles[id(found[1])], start, end, surface, "name")
        lower = token.lower_
        profile: Optional[_Profile]
        if lower in lexicon.speaker_pronouns:
            profile = self._antecedent(token, lexicon.speaker_pronouns[lower])
            if profile is not None:
                return self._remember(profile, start, end, surface, "pronoun")
            return Speaker(start, end, surface, None, "pronoun", rule="pronoun-unresolved")
        if lower in lexicon.organisation_nouns or token.lemma_.lower() in lexicon.organisation_nouns:
            profile = self._latest(token.idx, lambda p: p.kind == "organisation")
            if profile is not None and self._has_definite_article(token):
                return self._remember(profile, start, end, surface, "organisation-noun")
        if lower in lexicon.roles or any(w.lower() in lexicon.roles for w in surface.split()):
            role_words = {w.lower() for w in surface.split()} & (lexicon.roles | lexicon.titles)
            if self._has_definite_article(token):
                profile = self._latest(token.idx, lambda p: p.kind == "person" and lower in p.roles
                                       and role_words <= p.roles | {"the"})
                if profile is not None:
                    return self._remember(profile, start, end, surface, "role-noun")
        if found is not None and found[0] == "countries":
            return Speaker(start, end, surface, found[1].name, "organisation", found[1].name, rule="country")
        name = surface[4:] if surface.lower().startswith("the ") and token.tag_ == "NNP" else surface
        return Speaker(start, end, surface, name, "person" if token.ent_type_ == "PERSON" else "other",
                       self._affiliation(token), rule="as-written")

    def _remember(self, profile: _Profile, start: int, end: int, surface: str, rule: str) -> Speaker:
        if profile in self.recent:
            self.recent.remove(profile)
        self.recent.append(profile)
        organisation = profile.organisation if profile.kind == "person" else profile.entity.name
        return Speaker(start, end, surface, profile.entity.name, profile.kind, organisation, rule=rule)

    def _latest(self, before: int, accept) -> Optional[_Profile]:
        """The most recent speaker ``accept`` takes, else the nearest such mention before ``before``."""
        for profile in reversed(self.recent):
            if accept(profile):
                return profile
        return self._nearest_mention(before, accept)

    def _nearest_mention(self, before: int, accept) -> Optional[_Profile]:
        best = None
        for offset, profile in self._mention_order:
            if offset >= before:
                break
            if accept(profile):
                best = profile
        return best

    def _antecedent(self, token: "Token", gender: Optional[str]) -> Optional[_Profile]:
        if gender == "thing":
            return self._latest(token.idx, lambda p: p.kind == "organisation")
        if token.lower_ in self.lexicon.speakers.plural_pronouns:
            return self._latest(token.idx, lambda p: True)

        def agrees(profile: _Profile) -> bool:
            return profile.kind == "person" and (gender is None or profile.gender in (None, gender))

        # The last speaker first (news keeps the floor with one speaker), then the nearest person.
        if self.recent and agrees(self.recent[-1]):
            return self.recent[-1]
        return self._nearest_mention(token.idx, agrees)

    def _has_definite_article(self, token: "Token") -> bool:
        return any(c.lower_ in self.lexicon.speakers.definite_determiners for c in token.lefts)
