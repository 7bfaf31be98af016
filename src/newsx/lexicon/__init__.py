"""The lexicon: every word list, threshold and pattern newsx's rules apply, as data files.

The packaged files live in ``newsx/lexicon/data/``: tab-separated tables with a header line
(``cues.tsv``, ``people.tsv``, ...), plain lists one entry a line (``acronyms.txt``, ``evidence.txt``)
and ``settings.toml`` for thresholds, small word sets, tag and dependency sets and patterns. Lines
starting with ``#`` are comments. A linguist edits them without reading Python.

A lexicon directory of your own (``newsx quotes --lexicon DIR``, ``Extractor(lexicon=DIR)``, or the
``lexicon`` setting of the spaCy components) changes them without forking:

* a file named like a packaged one (``cues.tsv``) replaces it;
* a file named ``STEM.add.EXT`` (``cues.add.tsv``, with the same header) adds its rows to it;
* ``settings.toml`` replaces only the keys it gives.

Everything is validated when loaded (header, columns, allowed values, lower case where the rules
match lower-cased words, no entry twice, inflections that point to listed verbs, patterns that
compile); a problem raises :class:`LexiconError` with a one-line message naming the file and line.

>>> lexicon = default_lexicon()
>>> lexicon.cues["say"].kind, lexicon.cue_forms["said"], "spokeswoman" in lexicon.roles
('speech', 'say', True)
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, TypeVar, Union, get_origin

#: Where the packaged lexicon lives.
PACKAGED = Path(__file__).resolve().parent / "data"

#: The kinds of attribution a cue verb makes, as a reader names them.
KINDS = ("speech", "writing", "thought", "stance", "evidence")
#: Genders a word can tell (people.tsv, pronouns.tsv); ``any`` and ``thing`` for pronouns only.
GENDERS = ("female", "male")
_PRONOUN_GENDERS = GENDERS + ("any", "thing")
_YES, _NO = "yes", "-"
T = TypeVar("T")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message is one line naming the file and line."""


# -- result types ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CueVerb:
    """One verb of ``cues.tsv``: what kind of attribution it makes and what it attributes.

    >>> default_lexicon().cues["quote"].object_speaks
    True
    """

    lemma: str
    kind: str
    clause_only: bool
    infinitive: bool
    object: bool
    prepositions: frozenset[str]
    object_speaks: bool


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """One mark of ``quote_marks.tsv``: ``role`` is open, close or either."""

    mark: str
    role: str
    closed_by: frozenset[str]


@dataclass(frozen=True, slots=True)
class NameWords:
    """``name_words.tsv``: the words that tell what kind of name a name is, by kind (and position).

    >>> words = default_lexicon().name_words
    >>> "fc" in words.organisation_prefix, "street" in words.place_last, "twitter" in words.platforms
    (True, True, True)
    """

    organisation_first: frozenset[str]
    organisation_prefix: frozenset[str]
    organisation_last: frozenset[str]
    place_first: frozenset[str]
    place_prefix: frozenset[str]
    place_last: frozenset[str]
    event_last: frozenset[str]
    law_last: frozenset[str]
    units: frozenset[str]
    common: frozenset[str]
    platforms: frozenset[str]
    products: frozenset[str]
    not_names: frozenset[str]
    surnames: frozenset[str]


@dataclass(frozen=True)
class QuoteSettings:
    """``[quotes]`` of settings.toml: see the comments there."""

    min_unattributed_words: int
    min_object_words: int
    min_stance_object_words: int
    answer_words: frozenset[str]
    max_headline_words: int
    sentence_closers: frozenset[str]
    headline_capitals: float
    max_title_words: int
    max_work_title_words: int
    title_words: frozenset[str]
    work_nouns: frozenset[str]
    copulas: frozenset[str]
    follow_on_paragraphs: int
    max_cue_climb: int
    dash_cues: frozenset[str]
    max_words_around_quote: int
    colon_speaker_window: int
    colon_speaker_labels: frozenset[str]
    speaking_labels: frozenset[str]
    default_kinds: frozenset[str]
    cue_window_chars: int
    part_openers: frozenset[str]
    max_words_between_parts: int
    question_cues: frozenset[str]
    min_side_words: int
    nearby_cue_kinds: frozenset[str]
    single_opening_marks: frozenset[str]
    single_closing_marks: frozenset[str]
    characters_before_open: frozenset[str]
    punctuation_before_close: frozenset[str]
    punctuation_after_close: frozenset[str]
    complementizers: frozenset[str]


@dataclass(frozen=True)
class ParseSettings:
    """``[parse]`` of settings.toml: tag and dependency sets of the rules that read the parse."""

    subject_deps: frozenset[str]
    clause_break_deps: frozenset[str]
    modifier_deps: frozenset[str]
    nesting_deps: frozenset[str]
    climb_deps: frozenset[str]
    quote_cue_child_deps: frozenset[str]
    clausal_deps: frozenset[str]
    document_clause_deps: frozenset[str]
    speech_object_deps: frozenset[str]
    quoted_speaker_deps: frozenset[str]
    relative_deps: frozenset[str]
    circumstance_deps: frozenset[str]
    circumstance_words: frozenset[str]
    trailing_participle_deps: frozenset[str]
    passive_deps: frozenset[str]
    noun_clause_verb_tags: frozenset[str]
    name_tags: frozenset[str]
    speaking_subject_tags: frozenset[str]
    speaker_after_cue_tags: frozenset[str]
    skip_after_cue_tags: frozenset[str]
    speaker_before_cue_tags: frozenset[str]
    skip_before_cue_tags: frozenset[str]
    speaker_after_cue_window: int
    speaker_before_cue_window: int
    sentence_name_window: int


@dataclass(frozen=True)
class SpeakerSettings:
    """``[speakers]`` of settings.toml."""

    affiliation_prepositions: frozenset[str]
    affiliation_deps: frozenset[str]
    name_deps: frozenset[str]
    noun_phrase_deps: frozenset[str]
    title_prepositions: frozenset[str]
    pronoun_tags: frozenset[str]
    relative_pronoun_tags: frozenset[str]
    plural_pronouns: frozenset[str]
    definite_determiners: frozenset[str]
    indefinite_determiners: frozenset[str]
    honorifics: frozenset[str]
    phrase_openers: frozenset[str]
    organisation_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    affiliation_verbs: frozenset[str]
    state_roles: frozenset[str]
    title_connectors: frozenset[str]
    organisation_skip_words: frozenset[str]
    organisation_modifier_endings: tuple[str, ...]
    organisation_labels: frozenset[str]
    generic_organisation_nouns: frozenset[str]
    issued_nouns: frozenset[str]
    function_words: frozenset[str]
    auxiliaries: frozenset[str]
    role_phrase_words: frozenset[str]
    gendered_pronouns: frozenset[str]
    clause_openers: frozenset[str]
    opening_phrase_words: frozenset[str]
    plural_endings: tuple[str, ...]
    role_aliases: tuple[str, ...]
    never_speakers: frozenset[str]
    modifier_tags: frozenset[str]
    place_prepositions: frozenset[str]
    news_agencies: frozenset[str]
    recent_speakers: int
    max_role_phrase_words: int
    max_clause_words: int
    stem_letters: int
    max_role_words: int
    max_name_words: int
    organisation_paragraph_window: int
    pronoun_sentence_window: int
    pronoun_candidates: int

    @cached_property
    def plural_pairs(self) -> tuple[tuple[str, str], ...]:
        """``plural_endings`` as (plural ending, singular ending): "men:man" -> ("men", "man")."""
        return tuple((e.split(":", 1)[0], e.split(":", 1)[1] if ":" in e else "") for e in self.plural_endings)

    @cached_property
    def aliases(self) -> dict[str, tuple[str, ...]]:
        """``role_aliases`` as a table: a role word -> the words of a title it may stand for."""
        table: dict[str, tuple[str, ...]] = {}
        for entry in self.role_aliases:
            alias, _, words = entry.partition("=")
            table[alias] = tuple(words.split())
        return table


@dataclass(frozen=True)
class EntitySettings:
    """``[entities]`` of settings.toml."""

    mention_edge_characters: str
    leading_articles: tuple[str, ...]
    possessive_endings: tuple[str, ...]
    ignored_labels: frozenset[str]
    acronym_max_letters: int
    locative_prepositions: frozenset[str]
    words_after_is: frozenset[str]
    word_endings_after_is: tuple[str, ...]
    name_particles: frozenset[str]
    non_name_prefixes: tuple[str, ...]
    post_nominals: frozenset[str]
    trailing_connectors: frozenset[str]
    trailing_caption_words: frozenset[str]
    trailing_date_words: frozenset[str]
    publication_words_after_names: frozenset[str]
    name_connectors: frozenset[str]
    line_start_characters: str
    max_heading_words: int
    heading_capitals: float
    heading_small_words: frozenset[str]
    place_prepositions: frozenset[str]
    addressee_words: frozenset[str]
    agent_words_after: frozenset[str]
    affiliation_prepositions: frozenset[str]
    speech_forms_present: frozenset[str]
    headline_verbs: frozenset[str]
    vote_model: float
    vote_model_rule: float
    vote_credit: float
    vote_head: float
    vote_title: float
    vote_speaker: float
    vote_speaker_organisation: float
    vote_born: float
    vote_place_preposition: float
    vote_locative: float
    vote_region_after: float
    vote_gazetteer: float
    vote_platform: float
    vote_article: float
    vote_definition: float
    vote_surname: float
    vote_person_shape: float
    vote_affiliation: float
    vote_model_unintroduced: float
    place_nouns: frozenset[str]
    person_nouns: frozenset[str]
    member_endings: tuple[str, ...]
    movement_endings: tuple[str, ...]
    min_mentions_unsupported_organisation: int
    generic_place_words: frozenset[str]
    work_nouns: frozenset[str]
    work_nouns_after: frozenset[str]
    vote_work: float
    vote_work_year: float
    work_inner_words: frozenset[str]
    vote_citation: float
    sport_words: frozenset[str]
    min_sport_words: int
    team_nouns: frozenset[str]
    team_verbs: frozenset[str]
    team_words_before: frozenset[str]
    team_verb_links: frozenset[str]
    team_noun_links: frozenset[str]
    team_share: float


@dataclass(frozen=True)
class Patterns:
    """``[patterns]`` of settings.toml, compiled."""

    dateline: re.Pattern[str]
    abbreviation: re.Pattern[str]
    credit_name_word: re.Pattern[str]
    credit_name: re.Pattern[str]
    credit_agency: re.Pattern[str]
    photo_credit: re.Pattern[str]
    photo_credit_agency_first: re.Pattern[str]
    byline: re.Pattern[str]
    markup_tag: re.Pattern[str]
    sentence_end: re.Pattern[str]
    after_name_possessive: re.Pattern[str]
    name_after_apostrophe: re.Pattern[str]
    capitalised_word_after: re.Pattern[str]
    capitalised_word_before: re.Pattern[str]
    name_run: re.Pattern[str]
    organisation_continuation: re.Pattern[str]
    capitalised_run: re.Pattern[str]
    last_word_after_name: re.Pattern[str]
    person_separator: re.Pattern[str]
    author_name: re.Pattern[str]
    author_list: re.Pattern[str]
    year_after_authors: re.Pattern[str]
    born_after_name: re.Pattern[str]
    region_after_place: re.Pattern[str]
    number_before_name: re.Pattern[str]
    number_after_name: re.Pattern[str]
    possessive_noun: re.Pattern[str]
    definition_after_name: re.Pattern[str]
    counted_abbreviation: re.Pattern[str]
    year_after_name: re.Pattern[str]
    citation_after_name: re.Pattern[str]
    citation_with_comma: re.Pattern[str]
    role_after_name: re.Pattern[str]
    teaser: re.Pattern[str]
    possessive_two_words: re.Pattern[str]
    score: re.Pattern[str]
    score_after_name: re.Pattern[str]
    score_after_play: re.Pattern[str]
    score_before_name: re.Pattern[str]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every word list, threshold and pattern of newsx's rules, loaded and validated.

    Built by :func:`load_lexicon`; the extractors take one (``lexicon=``) and read nothing else.
    Treat it as read-only: its mappings are plain dicts so that it pickles for worker processes.
    Two lexicons are equal only when they are the same object (it is hashed by identity).

    >>> lexicon = default_lexicon()
    >>> lexicon.speaker_pronouns["she"], lexicon.genders["spokesman"], lexicon.quotes.max_cue_climb
    ('female', 'male', 5)
    """

    cues: Mapping[str, CueVerb]
    cue_forms: Mapping[str, str]
    inflections: tuple[tuple[str, tuple[str, ...]], ...]
    titles: frozenset[str]
    roles: frozenset[str]
    genders: Mapping[str, str]
    speaker_pronouns: Mapping[str, Optional[str]]
    publications: frozenset[str]
    organisation_nouns: frozenset[str]
    document_nouns: frozenset[str]
    parties: Mapping[str, str]
    party_letters: Mapping[str, str]
    evidence_sources: frozenset[str]
    country_aliases: Mapping[str, str]
    country_names: Mapping[str, str]
    ambiguous_countries: Mapping[str, tuple[str, ...]]
    demonyms: Mapping[str, str]
    places: Mapping[str, Optional[str]]
    name_words: NameWords
    acronyms: frozenset[str]
    quote_marks: Mapping[str, QuoteMark]
    quotes: QuoteSettings
    parse: ParseSettings
    speakers: SpeakerSettings
    entities: EntitySettings
    patterns: Patterns
    source: str = "packaged"

    def derived(self, key: str, build: Callable[["Lexicon"], T]) -> T:
        """A table that a module builds from this lexicon once (an index, a cache) and keeps with it.

        >>> lexicon = default_lexicon()
        >>> lexicon.derived("doc.example", lambda lx: len(lx.cues)) == len(lexicon.cues)
        True
        """
        cache: dict[str, Any] = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = build(self)
        return cache[key]

    @cached_property
    def opening_marks(self) -> frozenset[str]:
        """Marks that can only open a quotation."""
        return frozenset(m for m, q in self.quote_marks.items() if q.role == "open")

    @cached_property
    def closing_marks(self) -> frozenset[str]:
        """Marks that normally close a quotation (news copy also opens with them)."""
        return frozenset(m for m, q in self.quote_marks.items() if q.role == "close")

    @cached_property
    def ambiguous_marks(self) -> frozenset[str]:
        """Marks whose direction is read from the characters around them."""
        return frozenset(m for m, q in self.quote_marks.items() if q.role == "either")

    @cached_property
    def partner_closing_marks(self) -> dict[str, frozenset[str]]:
        """Closing marks of opening marks whose partner is not the usual one."""
        return {m: q.closed_by for m, q in self.quote_marks.items() if q.closed_by}

    @cached_property
    def quote_mark_pattern(self) -> re.Pattern[str]:
        """Any quote mark, longest first so that ``''`` wins over ``'``."""
        marks = sorted(self.quote_marks, key=lambda m: (-len(m), m))
        return re.compile("|".join(re.escape(m) for m in marks))


# -- reading files ---------------------------------------------------------------------------------

Row = tuple[int, dict[str, str]]


def _shown(path: Path) -> str:
    """How an error names a file: a packaged one by its name, one of the user's by its path."""
    return path.name if path.parent == PACKAGED else str(path)


def _data_lines(path: Path) -> Iterable[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise LexiconError(f"{path}: cannot read: {(error.strerror or str(error)).lower()}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line.rstrip("\r")


def _read_table(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """The rows of a tab-separated table whose header must be ``columns``."""
    rows: list[Row] = []
    header_seen = False
    for number, line in _data_lines(path):
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if tuple(cells) != columns:
                raise LexiconError(f"{_shown(path)}:{number}: the header must be {' | '.join(columns)} "
                                   f"(tab-separated), not {' | '.join(cells)}")
            header_seen = True
            continue
        if len(cells) != len(columns):
            raise LexiconError(f"{_shown(path)}:{number}: {len(cells)} tab-separated fields, expected "
                               f"{len(columns)} ({' | '.join(columns)})")
        if any(not cell for cell in cells):
            raise LexiconError(f"{_shown(path)}:{number}: an empty field (write - for none)")
        rows.append((number, dict(zip(columns, cells))))
    if not header_seen:
        raise LexiconError(f"{_shown(path)}: no header line ({' | '.join(columns)})")
    return rows


def _read_list(path: Path, columns: tuple[str, ...] = ()) -> list[Row]:
    """The entries of a plain list, one a line."""
    return [(number, {"entry": line.strip()}) for number, line in _data_lines(path)]


#: Each data file and its columns (a plain list when there are none).
FILES: dict[str, tuple[str, ...]] = {
    "cues.tsv": ("lemma", "kind", "clause_only", "infinitive", "object", "prepositions", "speaker"),
    "cue_forms.tsv": ("form", "lemma"),
    "inflections.tsv": ("suffix", "replacements"),
    "people.tsv": ("word", "title", "role", "gender"),
    "pronouns.tsv": ("word", "gender", "speaker"),
    "organisations.tsv": ("word", "publication", "organisation", "document"),
    "parties.tsv": ("member", "letter", "party"),
    "country_aliases.tsv": ("name", "code"),
    "country_names.tsv": ("code", "name"),
    "ambiguous_countries.tsv": ("name", "context"),
    "demonyms.tsv": ("demonym", "code"),
    "places.tsv": ("name", "code"),
    "name_words.tsv": ("word", "kind", "position"),
    "acronyms.txt": (),
    "evidence.txt": (),
    "quote_marks.tsv": ("mark", "codepoint", "role", "closed_by"),
}
SETTINGS = "settings.toml"


def _added_name(name: str) -> str:
    stem, _, extension = name.rpartition(".")
    return f"{stem}.add.{extension}"


def _rows(name: str, directory: Optional[Path]) -> list[tuple[str, int, dict[str, str]]]:
    """The rows of one file: the user's copy instead of the packaged one, plus the user's additions."""
    reader: Callable[[Path, tuple[str, ...]], list[Row]] = _read_table if FILES[name] else _read_list
    own = directory / name if directory is not None else None
    base = own if own is not None and own.is_file() else PACKAGED / name
    rows = [(_shown(base), number, row) for number, row in reader(base, FILES[name])]
    if directory is not None and (directory / _added_name(name)).is_file():
        added = directory / _added_name(name)
        rows += [(_shown(added), number, row) for number, row in reader(added, FILES[name])]
    return rows


def _check_directory(directory: Path) -> None:
    if not directory.is_dir():
        raise LexiconError(f"{directory}: not a lexicon directory (no such directory)")
    known = set(FILES) | {_added_name(name) for name in FILES} | {SETTINGS}
    for path in sorted(directory.iterdir()):
        if path.name.startswith((".", "README")) or path.is_dir():
            continue
        if path.name not in known:
            raise LexiconError(f"{path}: not a lexicon file (known: {', '.join(sorted(FILES))}, "
                               f"{SETTINGS}, and STEM.add.EXT to add rows)")


# -- validation helpers ----------------------------------------------------------------------------


class _Unique:
    """Reports an entry given twice, with both places."""

    def __init__(self, what: str):
        self.what = what
        self.seen: dict[str, str] = {}

    def add(self, key: str, where: str) -> None:
        """Note ``key`` as given at ``where``; a LexiconError when it was given before."""
        if key in self.seen:
            raise LexiconError(f"{where}: {self.what} {key!r} is already given at {self.seen[key]}")
        self.seen[key] = where


def _flag(value: str, where: str, column: str) -> bool:
    if value not in (_YES, _NO):
        raise LexiconError(f"{where}: {column} must be {_YES} or {_NO}, not {value!r}")
    return value == _YES


def _choice(value: str, allowed: Iterable[str], where: str, column: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise LexiconError(f"{where}: {column} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _lower(value: str, where: str, column: str) -> str:
    if value != value.lower():
        raise LexiconError(f"{where}: {column} {value!r} must be lower case (the rules match lower-cased words)")
    return value


def _words(value: str) -> tuple[str, ...]:
    return () if value == _NO else tuple(value.split())


def _code(value: str, where: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value):
        raise LexiconError(f"{where}: {value!r} is not an ISO 3166-1 alpha-2 code (two capital letters)")
    return value


# -- building the lexicon --------------------------------------------------------------------------


def _cues(rows) -> dict[str, CueVerb]:
    cues: dict[str, CueVerb] = {}
    unique = _Unique("cue verb")
    for file, number, row in rows:
        where = f"{file}:{number}"
        lemma = _lower(row["lemma"], where, "lemma")
        unique.add(lemma, where)
        prepositions = frozenset(_lower(p, where, "preposition") for p in _words(row["prepositions"]))
        cues[lemma] = CueVerb(
            lemma, _choice(row["kind"], KINDS, where, "kind"), _flag(row["clause_only"], where, "clause_only"),
            _flag(row["infinitive"], where, "infinitive"), _flag(row["object"], where, "object"), prepositions,
            _choice(row["speaker"], ("subject", "object"), where, "speaker") == "object")
    return cues


def _cue_forms(rows, cues: Mapping[str, CueVerb]) -> dict[str, str]:
    forms: dict[str, str] = {}
    unique = _Unique("form")
    for file, number, row in rows:
        where = f"{file}:{number}"
        form, lemma = _lower(row["form"], where, "form"), _lower(row["lemma"], where, "lemma")
        unique.add(form, where)
        if lemma not in cues:
            raise LexiconError(f"{where}: {form!r} points to {lemma!r}, which is not a verb of cues.tsv")
        forms[form] = lemma
    return forms


def _inflections(rows) -> tuple[tuple[str, tuple[str, ...]], ...]:
    unique = _Unique("suffix")
    table = []
    for file, number, row in rows:
        where = f"{file}:{number}"
        suffix = _lower(row["suffix"], where, "suffix")
        unique.add(suffix, where)
        replacements = tuple("" if r == _NO else _lower(r, where, "replacement") for r in row["replacements"].split())
        table.append((suffix, replacements))
    return tuple(table)


def _people(rows) -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    titles, roles, genders = set(), set(), {}
    unique = _Unique("word")
    for file, number, row in rows:
        where = f"{file}:{number}"
        word = _lower(row["word"], where, "word")
        unique.add(word, where)
        if _flag(row["title"], where, "title"):
            titles.add(word)
        if _flag(row["role"], where, "role"):
            roles.add(word)
        if row["gender"] != _NO:
            genders[word] = _choice(row["gender"], GENDERS, where, "gender")
    return frozenset(titles), frozenset(roles), genders


def _pronouns(rows, genders: dict[str, str]) -> dict[str, Optional[str]]:
    speakers: dict[str, Optional[str]] = {}
    unique = _Unique("pronoun")
    for file, number, row in rows:
        where = f"{file}:{number}"
        word = _lower(row["word"], where, "word")
        unique.add(word, where)
        gender = _choice(row["gender"], _PRONOUN_GENDERS, where, "gender")
        if gender in GENDERS:
            genders.setdefault(word, gender)
        if _flag(row["speaker"], where, "speaker"):
            speakers[word] = None if gender == "any" else gender
    return speakers


def _organisations(rows) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    columns = ("publication", "organisation", "document")
    found: dict[str, set[str]] = {column: set() for column in columns}
    unique = _Unique("word")
    for file, number, row in rows:
        where = f"{file}:{number}"
        word = _lower(row["word"], where, "word")
        unique.add(word, where)
        for column in columns:
            if _flag(row[column], where, column):
                found[column].add(word)
    return frozenset(found["publication"]), frozenset(found["organisation"]), frozenset(found["document"])


def _parties(rows) -> tuple[dict[str, str], dict[str, str]]:
    """Member words ("democrat") and letters ("D") -> the party's name."""
    members: dict[str, str] = {}
    letters: dict[str, str] = {}
    unique, unique_letters = _Unique("member"), _Unique("letter")
    for file, number, row in rows:
        where = f"{file}:{number}"
        member = _lower(row["member"], where, "member")
        unique.add(member, where)
        members[member] = row["party"]
        letter = row["letter"]
        if letter != _NO:
            if not re.fullmatch(r"[A-Z]", letter):
                raise LexiconError(f"{where}: letter must be one capital letter or -, not {letter!r}")
            unique_letters.add(letter, where)
            letters[letter] = row["party"]
    return members, letters


def _pairs(rows, key: str, value: str, check_value: Callable[[str, str], str]) -> dict[str, str]:
    table: dict[str, str] = {}
    unique = _Unique(key)
    for file, number, row in rows:
        where = f"{file}:{number}"
        unique.add(row[key], where)
        table[row[key]] = check_value(row[value], where)
    return table


#: The kinds of name_words.tsv and the positions each takes.
NAME_WORD_KINDS = {
    "organisation": ("first", "prefix", "last"), "place": ("first", "prefix", "last"), "event": ("last",),
    "law": ("last",), "unit": ("-",), "common": ("-",),
    "platform": ("-",), "product": ("-",), "not-name": ("-",), "surname": ("-",),
}


def _name_words(rows) -> NameWords:
    found: dict[str, set[str]] = {}
    unique = _Unique("word, kind and position")
    for file, number, row in rows:
        where = f"{file}:{number}"
        word = _lower(row["word"], where, "word")
        kind = _choice(row["kind"], NAME_WORD_KINDS, where, "kind")
        position = _choice(row["position"], NAME_WORD_KINDS[kind], where, f"position of a {kind} word")
        unique.add(f"{word} {kind} {position}", where)
        found.setdefault(kind if position == "-" else f"{kind}_{position}", set()).add(word)
    get = lambda key: frozenset(found.get(key, ()))  # noqa: E731
    return NameWords(
        organisation_first=get("organisation_first") | get("organisation_prefix"),
        organisation_prefix=get("organisation_prefix"), organisation_last=get("organisation_last"),
        place_first=get("place_first") | get("place_prefix"), place_prefix=get("place_prefix"),
        place_last=get("place_last"), event_last=get("event_last"), law_last=get("law_last"), units=get("unit"), common=get("common"),
        platforms=get("platform"), products=get("product"), not_names=get("not-name"), surnames=get("surname"))


def _places(rows) -> dict[str, Optional[str]]:
    table: dict[str, Optional[str]] = {}
    unique = _Unique("place")
    for file, number, row in rows:
        where = f"{file}:{number}"
        unique.add(row["name"], where)
        table[row["name"]] = None if row["code"] == _NO else _code(row["code"], where)
    return table


def _entries(rows, what: str) -> frozenset[str]:
    unique = _Unique(what)
    for file, number, row in rows:
        unique.add(row["entry"], f"{file}:{number}")
    return frozenset(unique.seen)


def _lower_entries(rows, what: str) -> frozenset[str]:
    unique = _Unique(what)
    for file, number, row in rows:
        where = f"{file}:{number}"
        unique.add(_lower(row["entry"], where, what), where)
    return frozenset(unique.seen)


def _check_kinds(quotes: "QuoteSettings") -> "QuoteSettings":
    unknown = sorted(quotes.default_kinds - set(KINDS))
    if unknown:
        raise LexiconError(f"{SETTINGS} [quotes] default_kinds: {unknown[0]!r} is not a kind of attribution "
                           f"(known: {', '.join(KINDS)})")
    if not quotes.default_kinds:
        raise LexiconError(f"{SETTINGS} [quotes] default_kinds: give at least one kind ({', '.join(KINDS)})")
    return quotes


#: [entities] word lists the team rule matches against lower-cased words.
_LOWER_ENTITY_LISTS = ("sport_words", "team_nouns", "team_verbs", "team_words_before", "team_verb_links",
                       "team_noun_links")


def _check_entities(entities: "EntitySettings") -> "EntitySettings":
    for key in _LOWER_ENTITY_LISTS:
        upper = sorted(word for word in getattr(entities, key) if word != word.casefold())
        if upper:
            raise LexiconError(f"{SETTINGS} [entities] {key}: {upper[0]!r} must be lower case "
                               "(the rules match lower-cased words)")
    if not 0 < entities.team_share <= 1:
        raise LexiconError(f"{SETTINGS} [entities] team_share: a share of a name's mentions, more than 0 and "
                           f"at most 1, not {entities.team_share!r}")
    return entities


def _quote_marks(rows) -> dict[str, QuoteMark]:
    marks: dict[str, QuoteMark] = {}
    unique = _Unique("mark")
    for file, number, row in rows:
        where = f"{file}:{number}"
        mark = row["mark"]
        unique.add(mark, where)
        role = _choice(row["role"], ("open", "close", "either"), where, "role")
        closed_by = frozenset(_words(row["closed_by"]))
        if closed_by and role != "open":
            raise LexiconError(f"{where}: only an opening mark has closed_by marks")
        marks[mark] = QuoteMark(mark, role, closed_by)
    for mark in marks.values():
        unknown = mark.closed_by - set(marks)
        if unknown:
            raise LexiconError(f"quote_marks.tsv: {mark.mark!r} is closed by {', '.join(sorted(unknown))}, "
                               "which are not quote marks of the table")
    return marks


# -- settings.toml ---------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{_shown(path)}: not valid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read ({error})") from None


def _settings(directory: Optional[Path]) -> dict[str, Any]:
    settings = _read_toml(PACKAGED / SETTINGS)
    own = directory / SETTINGS if directory is not None else None
    if own is not None and own.is_file():
        for section, values in _read_toml(own).items():
            if section not in settings or not isinstance(values, dict):
                raise LexiconError(f"{own}: unknown section [{section}] (known: {', '.join(settings)})")
            for key, value in values.items():
                if key not in settings[section]:
                    raise LexiconError(f"{own}: unknown key {key!r} in [{section}]")
                settings[section][key] = value
    return settings


def _convert(section: str, key: str, value: Any, kind: Any) -> Any:
    where = f"{SETTINGS} [{section}] {key}"
    origin = get_origin(kind)
    if kind is int or kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            raise LexiconError(f"{where}: must be {'an integer' if kind is int else 'a number'}, not {value!r}")
        if value < 0:
            raise LexiconError(f"{where}: must not be negative")
        return kind(value)
    if kind is str:
        if not isinstance(value, str):
            raise LexiconError(f"{where}: must be a string")
        return value
    if origin in (frozenset, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise LexiconError(f"{where}: must be an array of non-empty strings")
        if len(set(value)) != len(value):
            twice = next(v for v in value if value.count(v) > 1)
            raise LexiconError(f"{where}: {twice!r} is given twice")
        return frozenset(value) if origin is frozenset else tuple(value)
    raise TypeError(f"no conversion for {kind}")  # pragma: no cover - a programming error


def _section(cls: type, section: str, values: dict[str, Any]) -> Any:
    names = [f.name for f in fields(cls)]
    missing = [n for n in names if n not in values]
    extra = [k for k in values if k not in names]
    if missing or extra:
        raise LexiconError(f"{SETTINGS} [{section}]: " + "; ".join(
            ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(extra)}"] if extra else [])))
    hints = {f.name: f.type for f in fields(cls)}
    return cls(**{n: _convert(section, n, values[n], _resolve(hints[n])) for n in names})


def _resolve(annotation: Any) -> Any:
    # The dataclasses above are declared with postponed annotations: strings naming simple types.
    if not isinstance(annotation, str):
        return annotation
    return {"int": int, "float": float, "str": str, "frozenset[str]": frozenset[str],
            "tuple[str, ...]": tuple[str, ...]}[annotation]


_REFERENCE = re.compile(r"\$\{(\w+)\}")


def _patterns(values: dict[str, Any]) -> Patterns:
    names = [f.name for f in fields(Patterns)]
    missing = [n for n in names if n not in values]
    if missing:
        raise LexiconError(f"{SETTINGS} [patterns]: missing {', '.join(missing)}")
    expanded: dict[str, str] = {}

    def expand(name: str, seen: tuple[str, ...] = ()) -> str:
        if name in expanded:
            return expanded[name]
        if name in seen:
            raise LexiconError(f"{SETTINGS} [patterns] {name}: refers to itself through {' -> '.join(seen)}")
        raw = values[name]
        if not isinstance(raw, str):
            raise LexiconError(f"{SETTINGS} [patterns] {name}: must be a string")

        def replace(match: re.Match[str]) -> str:
            other = match.group(1)
            if other not in values:
                raise LexiconError(f"{SETTINGS} [patterns] {name}: no pattern named {other!r}")
            return expand(other, seen + (name,))

        expanded[name] = _REFERENCE.sub(replace, raw)
        return expanded[name]

    compiled = {}
    for name in names:
        try:
            compiled[name] = re.compile(expand(name))
        except re.error as error:
            raise LexiconError(f"{SETTINGS} [patterns] {name}: not a valid regular expression ({error})") from None
    return Patterns(**compiled)


def load_lexicon(directory: Union[str, Path, None] = None) -> Lexicon:
    """The packaged lexicon, changed by the files of ``directory`` when given; validated.

    >>> load_lexicon().cues["tweet"].kind
    'writing'
    >>> load_lexicon("/no/such/dir")
    Traceback (most recent call last):
    ...
    newsx.lexicon.LexiconError: /no/such/dir: not a lexicon directory (no such directory)
    """
    folder = Path(directory) if directory is not None else None
    if folder is not None:
        _check_directory(folder)
    rows = {name: _rows(name, folder) for name in FILES}
    cues = _cues(rows["cues.tsv"])
    titles, roles, genders = _people(rows["people.tsv"])
    speaker_pronouns = _pronouns(rows["pronouns.tsv"], genders)
    publications, organisation_nouns, document_nouns = _organisations(rows["organisations.tsv"])
    parties, party_letters = _parties(rows["parties.tsv"])
    settings = _settings(folder)
    for section in settings:
        if section not in ("quotes", "parse", "speakers", "entities", "patterns"):
            raise LexiconError(f"{SETTINGS}: unknown section [{section}]")
    return Lexicon(
        cues=cues,
        cue_forms=_cue_forms(rows["cue_forms.tsv"], cues),
        inflections=_inflections(rows["inflections.tsv"]),
        titles=titles, roles=roles, genders=genders, speaker_pronouns=speaker_pronouns,
        publications=publications, organisation_nouns=organisation_nouns, document_nouns=document_nouns,
        parties=parties, party_letters=party_letters,
        country_aliases=_pairs(rows["country_aliases.tsv"], "name", "code", _code),
        country_names=_pairs(rows["country_names.tsv"], "code", "name", lambda v, w: v),
        ambiguous_countries={name: tuple(context.split()) for name, context in
                             _pairs(rows["ambiguous_countries.tsv"], "name", "context", lambda v, w: v).items()},
        demonyms=_pairs(rows["demonyms.tsv"], "demonym", "code", _code),
        places=_places(rows["places.tsv"]),
        name_words=_name_words(rows["name_words.tsv"]),
        acronyms=_entries(rows["acronyms.txt"], "acronym"),
        evidence_sources=_lower_entries(rows["evidence.txt"], "word"),
        quote_marks=_quote_marks(rows["quote_marks.tsv"]),
        quotes=_check_kinds(_section(QuoteSettings, "quotes", settings.get("quotes", {}))),
        parse=_section(ParseSettings, "parse", settings.get("parse", {})),
        speakers=_section(SpeakerSettings, "speakers", settings.get("speakers", {})),
        entities=_check_entities(_section(EntitySettings, "entities", settings.get("entities", {}))),
        patterns=_patterns(settings.get("patterns", {})),
        source=str(folder) if folder is not None else "packaged",
    )


def lexicon_summary(directory: Union[str, Path, None] = None) -> dict[str, int]:
    """How many rows each data file gives, the packaged one or a directory of one's own over it
    (its replacements and additions counted), for ``newsx lexicon``.

    >>> lexicon_summary()["cues.tsv"] == len(default_lexicon().cues)
    True
    """
    folder = Path(directory) if directory is not None else None
    return {name: len(_rows(name, folder)) for name in FILES}


def copy_packaged(target: Union[str, Path]) -> list[Path]:
    """Copy the packaged lexicon files into ``target`` (created if needed) to start one's own from;
    refuses, with a LexiconError, to overwrite a file already there."""
    import shutil

    folder = Path(target)
    names = sorted(list(FILES) + [SETTINGS])
    existing = [name for name in names if (folder / name).exists()]
    if existing:
        raise LexiconError(f"{folder / existing[0]}: already exists; copy into an empty directory")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copyfile(PACKAGED / name, folder / name)) for name in names]
    except OSError as error:
        raise LexiconError(f"{folder}: cannot write: {(error.strerror or str(error)).lower()}") from None


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process.

    >>> default_lexicon() is default_lexicon()
    True
    """
    return load_lexicon()


LexiconLike = Union[Lexicon, str, Path, None]


def resolve_lexicon(lexicon: LexiconLike) -> Lexicon:
    """A Lexicon from what callers pass: a Lexicon, a directory of one's own, or None (packaged).

    >>> resolve_lexicon(None) is default_lexicon()
    True
    """
    if isinstance(lexicon, Lexicon):
        return lexicon
    if lexicon is None or lexicon == "":
        return default_lexicon()
    return _load_cached(str(Path(lexicon).resolve()))


@lru_cache(maxsize=8)
def _load_cached(directory: str) -> Lexicon:
    return load_lexicon(directory)
