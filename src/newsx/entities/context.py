"""What the words around a mention say about the name: the evidence its label is decided from.

Every rule here reads the text alone (no tags, no parse), so that ``newsx entities``, which runs
only spaCy's NER, and ``newsx analyze`` give the same entities. Each piece of evidence is a vote
``(kind, weight, rule)`` for a kind of name: ``PERSON``, ``ORG``, ``PLACE`` or another spaCy label;
the weights live in settings.toml ``[entities]``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable, Container, Optional

import numpy

from ..countries import (
    MEMO_SIZE, country_code, country_in_context, is_known_place, memoised, per_lexicon, place_country,
)
from ..cues import cue_lemma
from ..lexicon import Lexicon
from .pieces import Piece, is_acronym, is_title

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
#: "(X)" with no round bracket inside, and " (" or " [": where abbreviations are defined.
_IN_ROUND_BRACKETS = re.compile(r"\(([^()]+)\)")
_BEFORE_BRACKET = re.compile(r" [(\[]")
#: Names up to this long are looked up in the index of brackets (longer ones search the text).
_LONGEST_INDEXED = 24
#: The word before a position, read backwards on the reversed text: spaces, then the word.
_WORD_BEFORE_REVERSED = re.compile(r"[ \t]*([\w.'’&-]+)")
_WORD_AFTER = re.compile(r"[ \t]*([\w'’-]+)")
_LINE = re.compile(r"\n")

#: The model's labels that name places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PERSON, ORG, PLACE = "PERSON", "ORG", "PLACE"


def kind_of(label: str) -> str:
    """The kind of name a spaCy label says: GPE, LOC and FAC are places.

    >>> kind_of("GPE"), kind_of("ORG")
    ('PLACE', 'ORG')
    """
    return PLACE if label in PLACE_LABELS else label


class _DottedEnds:
    """The ends of the tokens of more than one character that end with a dot, asked by bisection."""

    def __init__(self, text: str, starts: list[int], ends: list[int]):
        self.text, self.starts, self.ends = text, starts, ends

    def __contains__(self, end: object) -> bool:
        if not isinstance(end, int) or not 0 < end <= len(self.text) or self.text[end - 1] != ".":
            return False
        index = bisect_left(self.ends, end)
        return index < len(self.ends) and self.ends[index] == end and self.starts[index] < end - 1


class Context:
    """The text around mentions, indexed once per article: lines, sentence starts, lower-case words,
    the words of the Doc and what is known of each distinct word."""

    def __init__(self, text: str, lexicon: Lexicon):
        self.text = text
        self.lexicon = lexicon
        #: Words written in lower case somewhere in the article: "glaciers" makes a line-initial
        #: "Glaciers" a common noun.
        self.lower_words = frozenset(_LOWER_WORD.findall(text))
        self.line_starts = [0] + [m.end() for m in _LINE.finditer(text)]
        self._headings: dict[int, bool] = {}
        self._reversed: Optional[str] = None
        self._counted: Optional[frozenset[str]] = None
        self._tokens: Optional[tuple] = None
        self._dotted: Container[int] = frozenset()
        self._ents: Optional[list[tuple[int, int, str]]] = None
        self._shaped: dict[str, bool] = {}
        self._speech_forms: Optional[frozenset[str]] = None
        self._capitalised: Optional[frozenset[str]] = None
        self._distinct: Optional[frozenset[str]] = None
        self._upper: Optional[frozenset[str]] = None
        #: Where the model's entities and the mentions read so far lie (recover.py), kept for the
        #: second search for names the model missed.
        self.covered: Optional[bytearray] = None
        self._countries_here: dict[str, bool] = {}
        self._sports: Optional[bool] = None
        self._brackets: Optional[tuple[dict[str, list[int]], dict[str, dict[str, list[int]]]]] = None

    @property
    def counted_abbreviations(self) -> frozenset[str]:
        """Abbreviations the article counts ("a TPU", "an ATM", "SSDs"): common nouns, not names
        (the text is read for them at the first question)."""
        if self._counted is None:
            self._counted = frozenset(m.group("word") or m.group("plural")
                                      for m in self.lexicon.patterns.counted_abbreviation.finditer(self.text))
        return self._counted

    def _read(self, doc) -> None:
        """Read the Doc once, by arrays: its words (spaces left out) and the model's entities."""
        if not len(doc):
            self._tokens, self._ents = ([], [], []), []
            return
        array = doc.to_array(["IDX", "LENGTH", "IS_SPACE", "IS_STOP", "ENT_IOB", "ENT_TYPE"])
        offsets, lengths = array[:, 0], array[:, 1]
        kept = array[:, 2] == 0
        starts, ends = offsets[kept].tolist(), (offsets[kept] + lengths[kept]).tolist()
        self._tokens = (list(zip(starts, ends)), [self.text[s:e] for s, e in zip(starts, ends)],
                        array[kept, 3].tolist())
        self._dotted = _DottedEnds(self.text, starts, ends)
        # The model's entities as Doc.ents reads them: an entity starts at a B token with a label and
        # runs up to the next token that is not I (O, B, or missing).
        iob, types = array[:, 4], array[:, 5]
        breaks = numpy.flatnonzero(iob != 1)
        first = breaks[(iob[breaks] == 3) & (types[breaks] != 0)]
        after = numpy.append(breaks, len(doc))[numpy.searchsorted(breaks, first, side="right")]
        strings = doc.vocab.strings
        self._ents = [(start, end, strings[label]) for start, end, label in zip(
            offsets[first].tolist(), (offsets[after - 1] + lengths[after - 1]).tolist(), types[first].tolist())]

    def tokens(self, doc) -> tuple[list[tuple[int, int]], list[str], list[int]]:
        """The words of ``doc`` (spaces left out), read once: their offsets, surfaces and whether
        each is a stop word ("He", "The": 1, else 0)."""
        if self._tokens is None:
            self._read(doc)
        return self._tokens  # type: ignore[return-value]

    def entities(self, doc) -> list[tuple[int, int, str]]:
        """The model's entities as (start, end, label), read once."""
        if self._ents is None:
            self._read(doc)
        return self._ents  # type: ignore[return-value]

    def dotted(self, doc) -> Container[int]:
        """Where a token of more than one character ends with a dot ("U.S.", "Inc.")."""
        self.tokens(doc)
        return self._dotted

    def distinct_words(self) -> frozenset[str]:
        """The distinct words of the Doc (:meth:`tokens`)."""
        if self._distinct is None:
            self._distinct = frozenset(self._tokens[1] if self._tokens else ())
        return self._distinct

    def upper_words(self) -> frozenset[str]:
        """The distinct words of the Doc that start with a capital ("Okoro", "Dr.", "UN")."""
        if self._upper is None:
            self._upper = frozenset(w for w in self.distinct_words() if w[:1].isupper())
        return self._upper

    def capitalised(self) -> frozenset[str]:
        """The distinct words of the Doc that start with a capital and hold a letter: the words a
        name may be made of."""
        if self._capitalised is None:
            self._capitalised = frozenset(w for w in self.upper_words()
                                          if w[0].isalpha() or any(c.isalpha() for c in w))
        return self._capitalised

    def person_shaped(self, bare: str) -> bool:
        """:func:`person_shaped` with the article's lower-case words, once per name."""
        found = self._shaped.get(bare)
        if found is None:
            found = self._shaped[bare] = person_shaped(bare, self.lexicon, self.lower_words)
        return found

    def is_speech_form(self, word: str) -> bool:
        """:func:`is_speech_form`, for a word of this article (its words are looked up once)."""
        if self._speech_forms is None:
            self._speech_forms = speech_forms_among(self.lower_words, self.lexicon)
        return word in self._speech_forms

    def speech_forms(self) -> frozenset[str]:
        """The article's words that are speech forms (:func:`is_speech_form`)."""
        self.is_speech_form("")
        return self._speech_forms or frozenset()

    def bracket_sites(self, name: str) -> Optional[tuple[list[int], dict[str, list[int]]]]:
        """Where the text writes "(NAME)" (the bracket's offset) and "NAME (" or "NAME [" (the
        name's offset), by an index of the text's brackets built at the first question, so that
        looking for an abbreviation's definition reads the text once, not once per abbreviation.
        None for a name the index does not hold (with a space or a round bracket, or long)."""
        if " " in name or "(" in name or ")" in name or len(name) > _LONGEST_INDEXED or not name:
            return None
        if self._brackets is None:
            inside: dict[str, list[int]] = {}
            for match in _IN_ROUND_BRACKETS.finditer(self.text):
                inside.setdefault(match.group(1), []).append(match.start())
            before: dict[str, dict[str, list[int]]] = {"(": {}, "[": {}}
            text = self.text
            for match in _BEFORE_BRACKET.finditer(text):
                space = match.start()
                table = before[text[space + 1]]
                run = text.rfind(" ", max(0, space - _LONGEST_INDEXED), space) + 1
                for first in range(max(run, space - _LONGEST_INDEXED), space):
                    table.setdefault(text[first:space], []).append(first)
            self._brackets = (inside, before)
        inside, before = self._brackets
        return inside.get(name, []), {opening: table.get(name, []) for opening, table in before.items()}

    def sports_report(self) -> bool:
        """The text reports sport: a score and at least ``min_sport_words`` distinct words of
        ``sport_words`` written in lower case ("goal", "striker", "penalty", "stadium")."""
        if self._sports is None:
            settings = self.lexicon.entities
            self._sports = len(self.lower_words & settings.sport_words) >= settings.min_sport_words \
                and self.lexicon.patterns.score.search(self.text) is not None
        return self._sports

    def country_here(self, name: str) -> bool:
        """:func:`~newsx.countries.country_in_context` once per name of this article."""
        found = self._countries_here.get(name)
        if found is None:
            found = self._countries_here[name] = country_in_context(name, self.text, self.lexicon)
        return found

    def evidence(self, piece: Piece) -> list[tuple[str, float, str]]:
        """:func:`piece_evidence`; what the context says is read once per piece (the model's label
        may change while mentions are grouped)."""
        votes = piece.context_votes
        if votes is None:
            votes = piece.context_votes = context_evidence(piece, self)
        return model_vote(piece, self.lexicon) + votes

    # -- positions ----------------------------------------------------------------------------

    def _line(self, position: int) -> int:
        return bisect_right(self.line_starts, position) - 1

    def line_bounds(self, position: int) -> tuple[int, int]:
        """The start and end (before its line break) of the line holding ``position``."""
        index = self._line(position)
        start = self.line_starts[index]
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        return start, end

    def at_line_start(self, position: int) -> bool:
        """Only spaces, bullets and opening marks stand before ``position`` on its line."""
        start, _ = self.line_bounds(position)
        return not self.text[start:position].strip(self.lexicon.entities.line_start_characters)

    def at_sentence_start(self, position: int) -> bool:
        """``position`` starts a line or a sentence (after ".", "!", "?" or ":", maybe a closing mark)."""
        if self.at_line_start(position):
            return True
        text, index = self.text, position - 1
        skipped = self.lexicon.entities.line_start_characters
        while index >= 0 and (text[index].isspace() or text[index] in skipped):
            index -= 1
        while index >= 0 and text[index] in "\"'”’)]":
            index -= 1
        return index < 0 or text[index] in ".!?:;"

    def in_heading(self, position: int) -> bool:
        """``position`` is on a heading: a short line with no sentence end, its words capitalised."""
        index = self._line(position)
        if index not in self._headings:
            start, end = self.line_bounds(position)
            self._headings[index] = self._is_heading(self.text[start:end])
        return self._headings[index]

    def _is_heading(self, line: str) -> bool:
        settings = self.lexicon.entities
        words = line.split()
        if not words or len(words) > settings.max_heading_words or line.rstrip()[-1:] in ".,;":
            return False
        content = [w for w in words if w.lower() not in settings.heading_small_words and w[:1].isalpha()]
        capitalised = sum(1 for w in content if w[:1].isupper())
        return not content or capitalised / len(content) >= settings.heading_capitals

    def capitalised_by_position(self, piece: Piece) -> bool:
        """The mention would be capitalised as any word is: at a sentence start or in a heading."""
        return self.at_sentence_start(piece.start) or self.in_heading(piece.start)

    # -- neighbouring words -------------------------------------------------------------------

    def word_before(self, start: int) -> str:
        """The word right before ``start`` on its line ("" when none): "President" in "President Li"."""
        low = max(self.line_starts[self._line(start)], start - 40)
        if self._reversed is None:
            self._reversed = self.text[::-1]
        size = len(self.text)
        match = _WORD_BEFORE_REVERSED.match(self._reversed, size - start, size - low)
        return match.group(1)[::-1] if match else ""

    def word_before_before(self, start: int) -> str:
        """The word before :meth:`word_before` ("adviser" in "an adviser for Nexora")."""
        before = self.word_before(start)
        if not before:
            return ""
        position = self.text.rfind(before, max(0, start - 60), start)
        return self.word_before(position) if position > 0 else ""

    def word_after(self, end: int) -> str:
        """The word right after ``end`` on its line, past one comma ("said" in "Li, said")."""
        text = self.text
        if end < len(text) and text[end] == ",":
            end += 1
        match = _WORD_AFTER.match(text, end)
        return match.group(1) if match else ""

    def is_common_word(self, word: str) -> bool:
        """A word the article writes in lower case, or a common noun, unit or title of the lexicon."""
        lower = word.casefold()
        words = self.lexicon.name_words
        return (lower in self.lower_words or lower in words.common or lower in words.units
                or is_title(word, self.lexicon))


# --------------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------------


@memoised("entities.head_kind")
def head_kind(bare: str, lexicon: Lexicon) -> Optional[str]:
    """ORG, PLACE, EVENT or LAW when a name's first or last word says so ("Bengaluru FC", "FC Goa",
    "Kestrel Street", "Lake Chad"), else None. The last word decides before the first
    ("Bank Street" is a street); a first word counts before a connector ("Sea of Japan"), a
    prefix before any capitalised word ("Lake Chad"; "Sea Cadets" is no sea).

    >>> from newsx.lexicon import default_lexicon
    >>> [head_kind(n, default_lexicon()) for n in ("Bengaluru FC", "University of Ghana", "Bank Street", "Lena Holm")]
    ['ORG', 'ORG', 'PLACE', None]
    """
    words = bare.split()
    heads = lexicon.name_words
    if len(words) < 2:
        lower = bare.casefold()
        # A head word of an event or a law is a name alone too ("the Olympics", "the Charter").
        return "EVENT" if lower in heads.event_last else "LAW" if lower in heads.law_last else None
    last, first = words[-1].casefold(), words[0].casefold()
    if last in heads.organisation_last:
        return ORG
    if first in heads.organisation_prefix and words[1][:1].isupper():
        return ORG  # "University Museum", "FC Goa"
    if last in heads.place_last:
        return PLACE
    if last in heads.event_last:
        return "EVENT"
    if last in heads.law_last:
        return "LAW"
    if words[1].casefold() in lexicon.entities.name_connectors:
        if first in heads.organisation_first:
            return ORG
        if first in heads.place_first:
            return PLACE
    elif words[1][:1].isupper():
        if first in heads.organisation_prefix:
            return ORG
        if first in heads.place_prefix:
            return PLACE
    return None


def _ends_with_surname(bare: str, lexicon: Lexicon) -> bool:
    # "Lena Park": the head word is also a surname, and the model read the name as a person's.
    return bare.split()[-1].casefold() in lexicon.name_words.surnames


def piece_evidence(piece: Piece, context: Context) -> list[tuple[str, float, str]]:
    """The votes of one mention: its model label, and what its words and neighbours say."""
    return model_vote(piece, context.lexicon) + context_evidence(piece, context)


def model_vote(piece: Piece, lexicon: Lexicon) -> list[tuple[str, float, str]]:
    """The vote of the label the model (or a photo credit, or a rule) gave a mention."""
    votes = _model_votes(lexicon)
    key = (piece.label, piece.rule)
    found = votes.get(key)
    if found is None:
        found = votes[key] = _model_vote(piece, lexicon)
    return found


_model_votes: Callable[[Lexicon], dict[tuple[str, str], list[tuple[str, float, str]]]] = per_lexicon(
    "entities.model_votes", lambda lx: {})


def _model_vote(piece: Piece, lexicon: Lexicon) -> list[tuple[str, float, str]]:
    settings = lexicon.entities
    if piece.rule == "credit":
        return [(kind_of(piece.label), settings.vote_credit, piece.rule)]
    if piece.rule.startswith("recovered"):
        return []
    weight = settings.vote_model_rule if piece.rule.startswith(("split:", "whole:")) else settings.vote_model
    return [(kind_of(piece.label), weight, piece.rule)]


def context_evidence(piece: Piece, context: Context) -> list[tuple[str, float, str]]:
    """The votes of what a mention's words and neighbours say, whatever the model's label."""
    lexicon = context.lexicon
    settings = lexicon.entities
    patterns = lexicon.patterns
    text, bare, start, end = context.text, piece.bare, piece.start, piece.end
    votes: list[tuple[str, float, str]] = []
    head = head_kind(bare, lexicon)
    if head is not None and not (piece.label == PERSON and _ends_with_surname(bare, lexicon)):
        votes.append((head, settings.vote_head, "head"))
    before = context.word_before(start)
    after = context.word_after(end)
    lower_before = before.casefold()
    lower_after = after.casefold()
    if before and (is_title(before, lexicon) and (before[:1].isupper() or lower_before in lexicon.roles)) \
            and head is None and not is_acronym(bare):
        votes.append((PERSON, settings.vote_title, "title"))
    possessive = text.startswith(("'s", "\u2019s"), end)
    if lower_before in settings.place_prepositions and not possessive:
        votes.append((PLACE, settings.vote_place_preposition, "in-place"))
    elif lower_before in settings.locative_prepositions and not possessive:
        votes.append((PLACE, settings.vote_locative, "locative"))
    if lower_before in settings.affiliation_prepositions and context.word_before_before(start).casefold() in \
            lexicon.roles and not possessive:
        votes.append((ORG, settings.vote_affiliation, "affiliation"))  # "an adviser for Nexora"
    if lower_before == "to" and context.word_before_before(start).casefold() == "according":
        votes.append((PERSON, settings.vote_speaker, "according"))  # "according to Greta Vossberg"
        votes.append((ORG, settings.vote_speaker_organisation, "according"))
    role = patterns.role_after_name.match(text, end)
    if role is not None and (role.group("noun").casefold() in lexicon.roles
                             or role.group("noun").casefold() in settings.person_nouns):
        votes.append((PERSON, settings.vote_title, "appositive"))  # "X, a professor of economics"
    if lower_before in settings.addressee_words:
        votes.append((PERSON, settings.vote_speaker, "addressee"))
        votes.append((ORG, settings.vote_speaker_organisation, "addressee"))
    if after and (is_speech_form(after, lexicon) or lower_after in settings.agent_words_after) and not possessive:
        votes.append((PERSON, settings.vote_speaker, "speaker"))
        votes.append((ORG, settings.vote_speaker_organisation, "speaker"))
    if patterns.born_after_name.match(text, end):
        votes.append((PERSON, settings.vote_born, "born"))
    if lower_before == "the" and not is_title(after, lexicon):
        votes.append((PERSON, -settings.vote_article, "the"))  # "the Ostrani", "the Vandals": no person
    if lower_before in settings.work_nouns or lower_after in settings.work_nouns_after:
        votes.append(("WORK_OF_ART", settings.vote_work, "work"))  # "the film Ironwood", "the Kestrel mission"
    if " " in bare.strip():
        if patterns.year_after_name.match(text, end):
            votes.append(("WORK_OF_ART", settings.vote_work_year, "work-year"))  # "Harbour Lights (2004)"
    elif patterns.citation_after_name.match(text, end):
        votes.append((PERSON, settings.vote_citation, "citation"))  # "Halloran (2003)", "Brannock, Quaile, 2012"
    definition = _definition(end, context)
    if definition is not None:
        votes.append((definition, settings.vote_definition, "definition"))
    region = patterns.region_after_place.match(text, end)
    if region is not None and (country_code(region.group("region"), lexicon)
                               or is_known_place(region.group("region"), lexicon)):
        votes.append((PLACE, settings.vote_region_after, "place-region"))
    return votes


def team_use(piece: Piece, context: Context) -> int:
    """How surely a mention names a team at play (in a sports report): 2 next to a score, before a
    verb of play that a score soon follows, or before a team noun ("Sweden 1 – 0 Norway", "1 – 0
    Norway", "Sweden beat Norway 2-1", "Sweden's goalkeeper", "Sweden's first win", "Sweden coach"), 1
    after a word of play or before a verb of play ("against Sweden", "lost to Sweden", "a goal for
    Sweden", "Sweden drew"), else 0.

    >>> from newsx.lexicon import default_lexicon
    >>> text = "Sweden beat Norway 2 – 1, then lost to Chile. Peru drew. The final is in Spain."
    >>> context = Context(text, default_lexicon())
    >>> names = ("Sweden", "Norway", "Chile", "Peru", "Spain")
    >>> [team_use(Piece(text.index(n), text.index(n) + len(n), "GPE", n), context) for n in names]
    [2, 2, 1, 1, 0]
    """
    lexicon = context.lexicon
    settings, patterns, text = lexicon.entities, lexicon.patterns, context.text
    if patterns.score_after_name.match(text, piece.end) or \
            patterns.score_before_name.search(text, max(0, piece.start - 24), piece.start):
        return 2
    played = patterns.score_after_play.match(text, piece.end)
    if played is not None and played.group("verb").casefold() in settings.team_verbs:
        return 2
    after = context.word_after(piece.end).casefold()
    possessed = patterns.possessive_two_words.match(text, piece.end)
    if after in settings.team_nouns or (
            possessed is not None and not settings.team_nouns.isdisjoint(possessed.groups())):
        return 2
    before = context.word_before(piece.start).casefold()
    if after in settings.team_verbs or before in settings.team_words_before:
        return 1
    if before in settings.team_verb_links or before in settings.team_noun_links:
        linked = context.word_before_before(piece.start).casefold()
        if (before in settings.team_verb_links and linked in settings.team_verbs) or (
                before in settings.team_noun_links and linked in settings.team_nouns):
            return 1
    return 0


def _definition(end: int, context: Context) -> Optional[str]:
    """What "X is Chile's third biggest city" or "X (born 1988) is a Danish poet" says
    X is: the kind of the first noun after "is"/"was" that is a place's, a person's role or an
    organisation's noun."""
    lexicon = context.lexicon
    match = lexicon.patterns.definition_after_name.match(context.text, end)
    if match is None:
        return None
    words = lexicon.name_words
    for word in match.group("words").split():
        lower = word.casefold().strip(",")
        if lower in words.place_last or lower in lexicon.entities.place_nouns:
            return PLACE
        if lower in lexicon.roles or lower in lexicon.entities.person_nouns:
            return PERSON
        if lower in lexicon.organisation_nouns or lower in words.organisation_last:
            return ORG
    return None


def is_speech_form(word: str, lexicon: Lexicon) -> bool:
    """"said", "told", "added", "says": a speech cue in the past or in a present form that is no noun
    ("the Copenhagen talks" are no speaker's). Answers are kept per lexicon: a word is looked up once.

    >>> from newsx.lexicon import default_lexicon
    >>> is_speech_form("said", default_lexicon()), is_speech_form("talks", default_lexicon())
    (True, False)
    """
    seen, forms = _speech_form_sets(lexicon)
    if word not in seen:
        speech_forms_among(frozenset((word,)), lexicon)
    return word in forms


def speech_forms_among(words: frozenset[str], lexicon: Lexicon) -> frozenset[str]:
    """The words of a set that are speech forms (:func:`is_speech_form`); each word is looked up
    once per lexicon (until :data:`~newsx.countries.MEMO_SIZE` words have been), by set operations.

    >>> from newsx.lexicon import default_lexicon
    >>> sorted(speech_forms_among(frozenset({"said", "talks", "told", "table"}), default_lexicon()))
    ['said', 'told']
    """
    seen, forms = _speech_form_sets(lexicon)
    new: set[str] = set(words - seen)
    if new:
        if len(seen) + len(new) > MEMO_SIZE:
            seen.clear()
            forms.clear()
            new = set(words)
        forms.update(w for w in new if _speech_form(w, lexicon))
        seen.update(new)
    return words & forms


#: The words looked up so far, and those of them that are speech forms, per lexicon.
_speech_form_sets: Callable[[Lexicon], tuple[set[str], set[str]]] = per_lexicon(
    "entities.speech_form_sets", lambda lx: (set(), set()))


def _speech_form(word: str, lexicon: Lexicon) -> bool:
    lower = word.lower()
    lemma = cue_lemma(word, lexicon)
    if lemma is None or lower == lemma or lexicon.cues[lemma].kind != "speech":
        return False
    return lower in lexicon.cue_forms or lower.endswith("ed") or lower in lexicon.entities.speech_forms_present


@memoised("entities.name_evidence")
def name_evidence(bare: str, lexicon: Lexicon) -> tuple[tuple[str, float, str], ...]:
    """The votes of a name itself, once per entity: a platform, a product, a member noun, a known place."""
    settings = lexicon.entities
    lower = bare.casefold()
    words = lexicon.name_words
    if lower in words.platforms:
        return ((ORG, settings.vote_platform, "platform"),)
    if lower in words.products:
        return (("PRODUCT", settings.vote_platform, "product"),)
    if " " not in bare and lower.endswith(settings.member_endings):
        return (("NORP", settings.vote_platform, "member"),)  # "Lumenologist", "Marxists"
    if " " not in bare and lower.endswith(settings.movement_endings):
        return ((ORG, settings.vote_head, "movement"),)  # "Lumenology", "Christianity"
    if is_known_place(bare, lexicon) and not country_code(bare, lexicon):
        return ((PLACE, settings.vote_gazetteer, "gazetteer"),)
    if any(word in settings.work_inner_words for word in bare.split()[1:-1]):
        return (("WORK_OF_ART", settings.vote_work, "work-title"),)  # "Diary of a Lazy Gardener"
    if is_team(bare, lexicon):
        return ((ORG, settings.vote_head, "team"),)
    return ()


def is_team(bare: str, lexicon: Lexicon) -> bool:
    """A place's name and a plural: a sports team ("Lyon Kestrels", "Leeds Falcons").

    >>> from newsx.lexicon import default_lexicon
    >>> is_team("Lyon Kestrels", default_lexicon()), is_team("Lyon", default_lexicon())
    (True, False)
    """
    words = bare.split()
    return 2 <= len(words) <= 3 and words[-1][:1].isupper() and words[-1].endswith("s") and not words[-1].isupper() \
        and (is_known_place(words[0], lexicon) or is_known_place(" ".join(words[:-1]), lexicon))


def person_shaped(bare: str, lexicon: Lexicon, lower_words: frozenset[str] = frozenset()) -> bool:
    """A name shaped like a person's: two to four capitalised words (initials and name particles
    allowed), none a head word, title or common noun, not starting with a place or nationality
    ("Wendell Okoro", "N. S. Andres"; not "Lyon Kestrels", "Tarnwick Hotel", "Harbour Fund"), and
    no word of it written in lower case in the article (``lower_words``: "Spacecraft Kestrel").

    >>> from newsx.lexicon import default_lexicon
    >>> [person_shaped(n, default_lexicon()) for n in ("Wendell Okoro", "Lyon Kestrels", "Tarnwick Hotel")]
    [True, False, False]
    """
    if not _person_shape(bare, lexicon):
        return False
    particles = lexicon.entities.name_particles
    return not any(w.casefold() in lower_words and w.casefold() not in particles for w in bare.split())


@memoised("entities.person_shape")
def _person_shape(bare: str, lexicon: Lexicon) -> bool:
    """:func:`person_shaped` without the article's lower-case words: once per name and lexicon."""
    words = bare.split()
    if not 2 <= len(words) <= 4 or head_kind(bare, lexicon) is not None:
        return False
    heads = lexicon.name_words
    particles = lexicon.entities.name_particles
    for word in words:
        lower = word.casefold()
        if lower in particles:
            continue
        if not word[:1].isupper() or (word.isupper() and len(word.rstrip(".")) > 1) or is_title(word, lexicon):
            return False
        if lower in heads.organisation_first or lower in heads.organisation_last or lower in heads.place_last \
                or lower in heads.common or lower in heads.units:
            return False
    first = words[0]
    return not (country_code(first, lexicon) or is_known_place(first, lexicon) or first in lexicon.demonyms
                or country_code(bare, lexicon) or is_known_place(bare, lexicon))


def place_code(bare: str, piece_ends: list[int], context: Context) -> Optional[str]:
    """The country of a place: the country or region named right after a mention ("Marhoun, Yemen",
    "Tulsa, Oklahoma"), else the gazetteer's (a subdivision, ``places.tsv``)."""
    lexicon = context.lexicon
    for end in piece_ends:
        region = lexicon.patterns.region_after_place.match(context.text, end)
        if region is not None:
            name = region.group("region")
            code = country_code(name, lexicon) or place_country(name, lexicon)
            if code:
                return code
    return place_country(bare, lexicon)
