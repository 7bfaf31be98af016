"""Mentions before they are grouped: the model's spans cleaned, split and made whole, and photo credits.

A :class:`Piece` is one mention: offsets into the original text, the label the model (or a rule)
gave it, and its bare name. Cleaning trims what is not part of a name (edge punctuation, line
breaks, "the", titles, possessives, a headline's verb, trailing dates and captions); splitting cuts
a span that holds two names (a title between them, an author list, a lower-case word inside a
person's name); making names whole extends a span over what the model left out ("Anyang'
Nyong'o", "Moody's", "Bengaluru FC", "Marta Ivanova Foundation for the Coastal Arts").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Container, Iterator, Optional

from ..countries import country_code, fold, is_known_place, memoised, per_lexicon, strip_article
from ..cues import cue_lemma
from ..lexicon import Lexicon

_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]+")
_WORD = re.compile(r"\S+")
_SPACE = "[ \t]+"


@dataclass(eq=False, slots=True)
class Piece:
    """A cleaned mention before it is grouped: offsets into the text, and what is known of it.

    ``rule`` names what made it: ``model`` (spaCy's span), ``credit`` (a photo credit), ``recovered``
    (a name of the article found where the model missed it), or a cleaning rule (``split:title``).
    Identity is the piece itself (``eq=False``): pieces are compared and hashed by ``id`` in hot loops.
    """

    start: int
    end: int
    label: str
    bare: str  # the name without a publication's "The": the form that keys and aliases use
    publication: bool = False
    alias_of: Optional["Piece"] = None  # "SCO" in "Shanghai Cooperation Organisation (SCO"
    rule: str = "model"
    key: tuple = ()
    words: tuple = field(default=())  # fold(bare).split(), computed once
    #: What the words around the mention say (newsx.entities.context), read once.
    context_votes: Optional[list] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.words = tuple(fold(key_form(self.bare)).split())


def key_form(name: str) -> str:
    """The name as keys compare it: without a final possessive "'s", so "Moody's" and "Moody" meet.

    >>> key_form("Moody’s"), key_form("Reuters")
    ('Moody', 'Reuters')
    """
    return name[:-2] if name.endswith(("'s", "\u2019s")) and len(name) > 2 else name


# --------------------------------------------------------------------------------------------
# Trimming
# --------------------------------------------------------------------------------------------


def _trim(text: str, start: int, end: int, lexicon: Lexicon, dotted: Container[int] = frozenset()) -> tuple[int, int]:
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


def _keeps_possessive(text: str, end: int, label: str, lexicon: Lexicon) -> bool:
    """Whether the "'s" ending at ``end`` belongs to an organisation's name ("Moody's", "McDonald's"):
    nothing possessed follows it, only punctuation, the end of a line or a verb ("Moody's said").

    >>> from newsx.lexicon import default_lexicon
    >>> [_keeps_possessive(t, 7, "ORG", default_lexicon()) for t in ("Moody's said", "Moody's.", "Moody's view")]
    [True, True, False]
    """
    if label != "ORG":
        return False
    match = lexicon.patterns.after_name_possessive.match(text, end)
    if match is None:
        return False
    word = match.group("word")
    return word is None or _is_inflected_cue(word, lexicon)


def _is_inflected_cue(word: str, lexicon: Lexicon) -> bool:
    # "said", "says", "told", "warned": a cue verb in a form other than its lemma (never the noun "report").
    lemma = cue_lemma(word, lexicon)
    return lemma is not None and word.lower() != lemma


def _trim_possessive(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> tuple[int, int]:
    endings = lexicon.entities.possessive_endings
    if not text.endswith(endings, start, end):
        return start, end
    for ending in endings:
        if text.endswith(ending, start, end) and end - start > len(ending):
            if ending[0] in "'\u2019" and _keeps_possessive(text, end, label, lexicon):
                return start, end
            # "Iran's" loses "'s"; "Reuters'" loses only the apostrophe.
            return start, end - (len(ending) if ending[0] in "'\u2019" else 1)
    return start, end


def _trim_article(text: str, start: int, end: int, lexicon: Lexicon) -> tuple[int, int, bool]:
    """Drop a leading "the"; a publication ("The Jerusalem Post") keeps a capital "The".

    Returns the new start and end, and whether an article stood before a publication's name.
    """
    articles = lexicon.entities.leading_articles
    if not text.startswith(articles, start, end):
        return start, end, False
    for article in articles:
        if text.startswith(article, start, end) and end - start > len(article):
            words = text[start:end].split()
            if words[-1].casefold() in lexicon.publications:
                return (start if article[0] == "T" else start + len(article)), end, True
            return start + len(article), end, False
    return start, end, False


@memoised("entities.is_title")
def is_title(word: str, lexicon: Lexicon) -> bool:
    """A title or role word, singular or plural ("Minister", "aldermen", "Dr.").

    >>> from newsx.lexicon import default_lexicon
    >>> [is_title(w, default_lexicon()) for w in ("Aldermen", "Senators", "Dr.", "Lesh")]
    [True, True, True, False]
    """
    lower = word.casefold()
    forms = title_forms(lexicon)
    return lower in forms or lower.rstrip(".") in forms


def _title_forms(lexicon: Lexicon) -> frozenset[str]:
    """Every title and role word, singular and plural ("alderman", "aldermen", "senators")."""
    titles = lexicon.titles | lexicon.roles
    plurals = {t[:-3] + "men" for t in titles if t.endswith("man")} | {t + "s" for t in titles}
    return frozenset(titles | plurals)


#: Every title and role word, singular and plural, built once per lexicon.
title_forms = per_lexicon("entities.title_forms", _title_forms)


def _has_non_name_prefix(word: str, lexicon: Lexicon) -> bool:
    """"pro-Moscow", "anti-Trump", "Pro-Moscow": an adjective made of a name, not the name; a
    capitalised prefix only before a country, place or nationality ("Anti-Piracy League" stays).

    >>> from newsx.lexicon import default_lexicon
    >>> [_has_non_name_prefix(w, default_lexicon()) for w in ("pro-Moscow", "Pro-Moscow", "Anti-Piracy")]
    [True, True, False]
    """
    prefixes = lexicon.entities.non_name_prefixes
    lower = word.casefold()
    if not lower.startswith(prefixes):
        return False
    prefix = next(p for p in prefixes if lower.startswith(p))
    if word[:1].islower():
        return True
    rest = word[len(prefix):]
    return bool(country_code(rest, lexicon) or is_known_place(rest, lexicon) or rest in lexicon.demonyms)


def _is_leading_word(word: str, following: str, label: str, lexicon: Lexicon) -> bool:
    """A word before a name that is not part of it: lower case ("a", "federal", "pro-Moscow"), or
    before a person a title ("Minister"), a nationality before a title ("Iranian President") or a
    possessive ("China's Defence Minister Li Shangfu").

    >>> from newsx.lexicon import default_lexicon
    >>> [_is_leading_word(w, f, "PERSON", default_lexicon()) for w, f in (("Iranian", "Ambassador"), ("Kazem", "Jalali"))]
    [True, False]
    """
    if word.isalpha() and word.islower() and word not in lexicon.entities.name_particles:
        return True
    if _has_non_name_prefix(word, lexicon):
        return True
    if label != "PERSON":
        return False
    title = following.casefold() in lexicon.titles
    possessive = word.endswith(lexicon.entities.possessive_endings)
    lower = word.casefold()
    return lower in lexicon.titles or lower in lexicon.entities.person_nouns or possessive \
        or (word in lexicon.demonyms and title)


def _trim_leading_words(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> int:
    """The start of the name once leading non-name words are dropped (one word always stays)."""
    segment = text[start:end]
    if len(segment.split()) <= 1:  # one word (or none): nothing to drop
        return start + len(segment) - len(segment.lstrip()) if segment.strip() else start
    found = list(_WORD.finditer(text, start, end))
    words = [m.group(0) for m in found]
    index = 0
    while index < len(words) - 1 and _is_leading_word(words[index], words[index + 1], label, lexicon):
        index += 1
    return found[index].start() if found else start


def _trim_trailing_words(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> int:
    """The end of the name once trailing non-name words are dropped: a headline's speech verb
    ("Obama Says"), a day or month ("Vellmar Herald Saturday"), a caption word ("Harbour Square Image"),
    a role after an organisation or place ("Harbour Board Chairman"), a score's first number
    ("Vellmar 2" of "Vellmar 2 – 1 Tarvik").

    >>> from newsx.lexicon import default_lexicon
    >>> [_trim_trailing_words(t, 0, len(t), "ORG", default_lexicon()) for t in ("Obama Says", "Acme Photo")]
    [5, 4]
    """
    segment = text[start:end]
    if len(segment.split()) <= 1:  # one word (or none): nothing to drop
        return start + len(segment.rstrip()) if segment.strip() else end
    found = list(_WORD.finditer(text, start, end))
    trimmed = False
    while len(found) >= 2:
        word = found[-1].group(0)
        lower = word.casefold().rstrip(".")
        if label in ("PERSON", "ORG") and word[:1].isupper() and _is_speech_verb(word, lexicon):
            pass
        elif lower in lexicon.entities.trailing_caption_words:
            pass
        elif label == "PERSON" and (lower in lexicon.entities.post_nominals or word in lexicon.entities.name_connectors):
            pass  # "Edmund Carrow FRS", "Alasdair Frew of"
        elif trimmed and word in lexicon.entities.trailing_connectors:
            pass  # "Harbour Court on" once "Tuesday" is gone
        elif label != "PERSON" and lower in lexicon.entities.trailing_date_words:
            pass
        elif lexicon.patterns.score.match(text, found[-1].start()):
            pass  # "Vellmar 2" of "Vellmar 2 – 1 Tarvik": a score's first number
        elif label != "PERSON" and lower in lexicon.titles | lexicon.roles \
                and lower not in lexicon.name_words.organisation_last \
                and not any(m.group(0) in ("of", "for") for m in found[:-1]):
            pass  # "Harbour Board Chairman"; "Tribunal of Maritime Justice" keeps its last word
        else:
            break
        found.pop()
        trimmed = True
    return found[-1].end() if found else end


def _is_speech_verb(word: str, lexicon: Lexicon) -> bool:
    # Only the third-person forms a headline uses ("Says", "Calls", "Slams"), never a noun ("States").
    return word.lower() in lexicon.entities.headline_verbs


def is_name(surface: str) -> bool:
    """A name has a capital letter or a digit: "n't", "taco" or "conservatives" are not names.

    >>> is_name("Iran"), is_name("n\u2019t"), is_name("G7")
    (True, False, True)
    """
    return surface[:1].isupper() or any(c.isupper() or c.isdigit() for c in surface)


def is_acronym(word: str) -> bool:
    """A single token of capitals, maybe dotted or with digits: "SCO", "U.N.", "G7".

    >>> is_acronym("SCO"), is_acronym("U.N."), is_acronym("Iran")
    (True, True, False)
    """
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and " " not in word and letters.isupper() and letters.isalnum()


# --------------------------------------------------------------------------------------------
# Splitting a span that holds more than one name
# --------------------------------------------------------------------------------------------


def _split_at_title(text: str, start: int, end: int, label: str, lexicon: Lexicon) -> list[tuple[int, int, str, str]]:
    """A title inside a span separates a name before it from the person after it: "BJP president
    Amit Shah" is BJP and Amit Shah, "Ward 3 Aldermen Scott Lesh" is Ward 3 and Scott Lesh.

    Returns (start, end, label, rule) parts; a span without such a title is one part. The title is
    a person's title when a capitalised name follows it that is not an organisation's or place's
    (no "Committee", "Street" at its end, no "of" inside: "Senate Foreign Relations Committee").
    """
    if len(text[start:end].split()) <= 1:  # a title needs a name after it
        return [(start, end, label, "model")]
    found = list(_WORD.finditer(text, start, end))
    words = lexicon.name_words
    for index in range(len(found) - 2, -1, -1):
        word = found[index].group(0)
        if not is_title(word, lexicon):
            continue
        rest = [m.group(0) for m in found[index + 1:]]
        last = rest[-1].casefold()
        if not all(w[:1].isupper() and not is_title(w, lexicon) for w in rest):
            continue
        if last in words.organisation_last or last in words.place_last or word.casefold() in words.organisation_first:
            continue
        first_title = index
        while first_title > 0 and is_title(found[first_title - 1].group(0), lexicon):
            first_title -= 1
        parts = []
        before = [m.group(0) for m in found[:first_title]]
        if before and before[-1][:1].isupper() and any(w[:1].isupper() and not is_title(w, lexicon) for w in before):
            parts.append((start, found[first_title - 1].end(), "ORG" if label == "PERSON" else label,
                          "split:before-title"))
        parts.append((found[index + 1].start(), end, "PERSON", "split:title"))
        return parts
    return [(start, end, label, "model")]


def _split_people(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """A person's span cut at a lower-case word that is no name particle ("Paulo et Rita", "Anna-Lena
    and Ruth Kessler"), at "&" and commas (author lists), and before "et al".

    >>> from newsx.lexicon import default_lexicon
    >>> t = "Marsh & Oduya"
    >>> [t[s:e] for s, e in _split_people(t, 0, len(t), default_lexicon())]
    ['Marsh', 'Oduya']
    """
    parts: list[tuple[int, int]] = []
    position = start
    particles = lexicon.entities.name_particles
    for match in lexicon.patterns.person_separator.finditer(text, start, end):
        particle = match.group("particle")
        if particle and (particle in particles or particle.split("-")[0] in particles):
            continue
        parts.append((position, match.start()))
        position = match.end()
        if match.group("stop"):
            return [(s, e) for s, e in parts if e > s]
    parts.append((position, end))
    return [(s, e) for s, e in parts if e > s]


def _split_authors(text: str, start: int, end: int, lexicon: Lexicon) -> Optional[list[tuple[int, int]]]:
    """The surnames of an author list the model read as an organisation: "Marsh & Oduya 2011",
    "Moreno, Takacs, & Wyndale", "Haverkamp et al" (a year or "et al" must show it is a citation)."""
    match = lexicon.patterns.author_list.fullmatch(text, start, end)
    if match is None or not (match.group("year") or match.group("etal")
                             or lexicon.patterns.year_after_authors.match(text, end)):
        return None
    return [(m.start(), m.end()) for m in lexicon.patterns.author_name.finditer(text, start, match.end("names"))]


def _split_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The parts of [start, end) between line breaks: a name never runs across lines."""
    position = start
    for brk in _LINE_BREAK.finditer(text, start, end):
        yield position, brk.start()
        position = brk.end()
    yield position, end


# --------------------------------------------------------------------------------------------
# Cleaning one span
# --------------------------------------------------------------------------------------------


def clean(text: str, start: int, end: int, label: str, lexicon: Lexicon,
          dotted: Container[int] = frozenset(), rule: str = "model") -> Iterator[Piece]:
    """The pieces a model span becomes: cleaned, split at titles and author lists, and at an
    unbalanced "(" tail (an acronym there is an alias of the name before it)."""
    edges = lexicon.entities.mention_edge_characters
    if start < end and (text[start] in edges or text[end - 1] in edges):
        start, end = _trim(text, start, end, lexicon, dotted)
    name = strip_article(text[start:end], lexicon)
    place = " " in name and name.split()[0].casefold() in lexicon.titles \
        and bool(country_code(name, lexicon) or is_known_place(name, lexicon))
    if place:
        label = "GPE"  # "Saint Lucia", "St. Petersburg": a place's name, not a saint's title
    authors = _split_authors(text, start, end, lexicon)
    if authors is not None and label in ("ORG", "PERSON", "WORK_OF_ART"):
        for s, e in authors:
            yield from _clean_one(text, s, e, "PERSON", lexicon, dotted, "split:authors")
        return
    opening = text.find("(", start, end)
    alias = None
    if opening != -1 and text.find(")", opening, end) == -1:
        alias = _trim(text, opening + 1, end, lexicon)
        start, end = _trim(text, start, opening, lexicon, dotted)
    head = None
    parts = [(start, end, label, "model")] if place else _split_at_title(text, start, end, label, lexicon)
    for part_start, part_end, part_label, part_rule in parts:
        for piece in _clean_one(text, part_start, part_end, part_label, lexicon, dotted,
                                rule if part_rule == "model" else part_rule):
            head = piece
            yield piece
    if head is not None and alias and is_acronym(text[alias[0]:alias[1]]):
        yield Piece(alias[0], alias[1], head.label, text[alias[0]:alias[1]], alias_of=head, rule="alias")


def _clean_one(text: str, start: int, end: int, label: str, lexicon: Lexicon, dotted: Container[int],
               rule: str) -> Iterator[Piece]:
    # Each step is taken only where it has something to do (a trimmed span trims to itself).
    settings = lexicon.entities
    edges = settings.mention_edge_characters
    if start < end and (text[start] in edges or text[end - 1] in edges):
        start, end = _trim(text, start, end, lexicon, dotted)
    if text.endswith(settings.possessive_endings, start, end):
        start, end = _trim_possessive(text, start, end, label, lexicon)
    if text.startswith(("'s", "\u2019s"), end) and _keeps_possessive(text, end + 2, label, lexicon):
        end += 2  # "Moody" + "'s said": the model left the name's "'s" out
    publication = False
    if text.startswith(settings.leading_articles, start, end):
        start, end, publication = _trim_article(text, start, end, lexicon)
    segment = text[start:end]
    if segment.split() != [segment]:  # more than one word, or spaces around one
        start = _trim_leading_words(text, start, end, label, lexicon)
        end = _trim_trailing_words(text, start, end, label, lexicon)
    parts = _split_people(text, start, end, lexicon) if label == "PERSON" else [(start, end)]
    for part_start, part_end in parts:
        if part_start < part_end and (text[part_start] in edges or text[part_end - 1] in edges):
            part_start, part_end = _trim(text, part_start, part_end, lexicon, dotted)
        surface = text[part_start:part_end]
        if not is_name(surface) or (" " not in surface and _has_non_name_prefix(surface, lexicon)):
            continue
        if publication and part_start == start:
            yield Piece(part_start, part_end, label, strip_article(surface, lexicon), True, rule=rule)
        else:
            yield Piece(part_start, part_end, label, surface, rule=rule if len(parts) == 1 else "split:person")


# --------------------------------------------------------------------------------------------
# The pieces of an article
# --------------------------------------------------------------------------------------------


def _model_pieces(ents: list[tuple[int, int, str]], dotted: Container[int], text: str,
                  lexicon: Lexicon) -> Iterator[Piece]:
    ignored = lexicon.entities.ignored_labels
    for span_start, span_end, label in ents:
        if label in ignored:
            continue
        if _LINE_BREAK.search(text, span_start, span_end) is None:
            yield from clean(text, span_start, span_end, label, lexicon, dotted)
            continue
        for start, end in _split_lines(text, span_start, span_end):
            yield from clean(text, start, end, label, lexicon, dotted)


def _credit_pieces(text: str, lexicon: Lexicon) -> tuple[list[Piece], list[tuple[int, int]]]:
    """Photographers and agencies of photo credits, and the regions the credits cover."""
    pieces: list[Piece] = []
    regions: list[tuple[int, int]] = []
    for pattern in (lexicon.patterns.photo_credit, lexicon.patterns.photo_credit_agency_first):
        for match in pattern.finditer(text):
            regions.append(match.span())
            for group, value in match.groupdict().items():
                if value:
                    label = "PERSON" if group == "person" else "ORG"
                    pieces.extend(clean(text, match.start(group), match.end(group), label, lexicon, rule="credit"))
    return pieces, regions


def _inside(regions: list[tuple[int, int]]):
    """A test of whether a piece overlaps one of ``regions`` (sorted), by bisection."""
    from bisect import bisect_right

    regions = sorted(regions)
    starts = [s for s, _ in regions]

    def test(piece: Piece) -> bool:
        index = bisect_right(starts, piece.start) - 1
        for s, e in regions[max(0, index):index + 2]:
            if s <= piece.start < e or s < piece.end <= e:
                return True
        return False

    return test


def article_pieces(ents: list[tuple[int, int, str]], dotted: Container[int], text: str, lexicon: Lexicon) -> list[Piece]:
    """Every cleaned mention in text order, made whole; a photo credit overrides the model's spans in it.

    ``ents`` are the model's entities as (start, end, label); ``dotted`` the ends of its tokens of
    more than one character that end with a dot (an abbreviation's dot, kept).
    """
    credits, regions = _credit_pieces(text, lexicon)
    pieces = list(_model_pieces(ents, dotted, text, lexicon))
    if regions:
        inside = _inside(regions)
        pieces = [p for p in pieces if not inside(p)]
    pieces += credits
    pieces.sort(key=lambda p: (p.start, -p.end))
    pieces = make_whole(pieces, text, lexicon)
    unique, seen = [], set()
    for piece in pieces:
        if (piece.start, piece.end) not in seen:
            seen.add((piece.start, piece.end))
            unique.append(piece)
    return unique


# --------------------------------------------------------------------------------------------
# Names made whole
# --------------------------------------------------------------------------------------------


def _has_head(name: str, lexicon: Lexicon) -> bool:
    # "Lorncastle City" + "Vellmar" are two places: a name with a place's or organisation's last word ends.
    last = name.split()[-1].casefold() if name.split() else ""
    return last in lexicon.name_words.place_last or last in lexicon.name_words.organisation_last


def _continues_name(words: str, lexicon: Lexicon) -> bool:
    """Capitalised words that may go on a name: no title, date, caption word or speech verb."""
    settings = lexicon.entities
    for word in words.split():
        lower = word.casefold()
        if lower in lexicon.titles or lower in settings.trailing_date_words or lower in settings.trailing_caption_words \
                or _is_speech_verb(word, lexicon) or lower in ("the", "a", "an"):
            return False
    return True


def make_whole(pieces: list[Piece], text: str, lexicon: Lexicon) -> list[Piece]:
    """Extend pieces over the parts of a name the model left out, absorbing the pieces they reach.

    * "Anyang' Nyong'o": a person's name going on after an apostrophe (not a plural's "players'");
    * "Ines" + "Lima": two pieces of one label side by side;
    * "Bengaluru FC", "FC Goa", "Tarvik Party": an organisation word before or after a name;
    * "India Today": a publication's word after a name;
    * "Marta Ivanova Foundation for the Coastal Arts", "Institute of Coastal History and Folklore of
      Tarnwick University": an organisation's name going on after "of", "for".
    """
    patterns = lexicon.patterns
    words = lexicon.name_words
    result: list[Piece] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        if piece.alias_of is not None or piece.rule == "credit":
            result.append(piece)
            continue
        end, label, rule = piece.end, piece.label, piece.rule
        start = piece.start
        if label == "PERSON":
            match = patterns.name_after_apostrophe.match(text, end)
            if match and not text[end - 1] in "sS":
                end, rule = match.end(), "whole:apostrophe"
        after = patterns.capitalised_word_after.match(text, end)
        if after is not None:
            word = after.group("word").casefold()
            if word in words.organisation_last and label not in ("PERSON",) and not is_acronym(piece.bare):
                end, label, rule = after.end(), "ORG", "whole:organisation"
            elif word in lexicon.entities.publication_words_after_names and label in ("GPE", "ORG", "NORP"):
                end, label, rule = after.end(), "ORG", "whole:publication"
        # The word before matters only when it is an organisation's prefix: look for one first.
        window = text[max(0, start - 30):start].casefold()
        before = patterns.capitalised_word_before.search(text, max(0, start - 30), start) \
            if any(prefix in window for prefix in words.organisation_prefix) else None
        if before is not None and before.group("word").casefold() in words.organisation_prefix \
                and is_acronym(before.group("word")):
            start, label, rule = before.start("word"), "ORG", "whole:organisation"
        last = text[start:end].rsplit(None, 1)[-1] if end > start and text[start:end].strip() else ""
        if label == "ORG" and last.casefold() in words.organisation_last:
            continued = patterns.organisation_continuation.match(text, end)
            if continued is not None:
                end, rule = continued.end(), "whole:of"
        elif label != "PERSON" and last in lexicon.entities.name_connectors:
            continued = patterns.capitalised_run.match(text, end)
            if continued is not None:
                end, rule = continued.end(), "whole:of"
        elif label == "ORG" and " of " in text[start:end]:
            # "League of Arab" + "States": a name with "of" goes on over the capitalised words after it.
            continued = patterns.last_word_after_name.match(text, end)
            if continued is not None and _continues_name(text[end:continued.end()], lexicon):
                end, rule = continued.end(), "whole:of"
        following = pieces[index] if index < len(pieces) else None
        if following is not None and following.label == label and following.start == end + 1 \
                and text[end] == " " and following.alias_of is None and following.rule != "credit" \
                and text[following.start:following.start + 1].isupper() \
                and not is_known_place(text[start:end], lexicon) and not _has_head(text[start:end], lexicon):
            # "Ines" + "Lima": two names of one kind side by side are one name the model cut.
            end, rule = following.end, "whole:adjacent"
        if end != piece.end or start != piece.start:
            while index < len(pieces) and pieces[index].start < end:
                end = max(end, pieces[index].end)
                index += 1
            publication = piece.publication
            bare = strip_article(text[start:end], lexicon) if publication else text[start:end]
            piece = Piece(start, end, label, bare, publication, rule=rule)
        result.append(piece)
    return result
