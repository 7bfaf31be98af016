"""Mentions the model missed: a name of the article written again where spaCy found nothing.

The small model finds "Wendell Okoro" in one sentence and misses "Okoro" in the next ten; a name found
anywhere in the article is the same name wherever it is written again, capitalised as found, as a
whole word sequence standing on its own (no capitalised word glued before or after it, the title
of a person aside). A person's surname counts as one of their names. A word the article also
writes in lower case is not recovered at the start of a sentence ("Rose", "rose"). One pass over
the tokens, with the names indexed by their first word: linear in the article's length.
"""
from __future__ import annotations

from itertools import compress

from ..countries import country_code, fold, is_known_place
from ..lexicon import Lexicon
from .context import Context, head_kind, is_speech_form, name_evidence, piece_evidence
from .pieces import Piece, is_title, key_form, title_forms


def _forms(groups: dict[tuple, list[Piece]], context: Context) -> dict[str, list[tuple[tuple[str, ...], tuple]]]:
    """first word -> [(words, key)], longest first, of the names worth looking for again."""
    claimed: dict[tuple[str, ...], set[tuple]] = {}
    whole: dict[tuple[str, ...], set[tuple]] = {}  # forms that are a whole name of the group
    for key, pieces in groups.items():
        if key[0] not in ("name", "country"):
            continue
        model = [p for p in pieces if p.rule != "alias"]
        if not model:
            continue
        one_word = all(len(bare.split()) == 1 for bare in {p.bare for p in model})
        # A one-word name found only where any word is capitalised (a heading, a sentence start)
        # may be a common noun: it is not looked for elsewhere.
        if one_word and all(context.capitalised_by_position(p) and p.rule != "recovered:speaker" for p in model):
            continue
        # Nor is a one-word name with nothing but the model's label for it: a guess, not spread.
        if one_word and not _supported(model, context):
            continue
        for piece in pieces:
            words = tuple(piece.bare.split())
            if words and len("".join(words)) > 1:
                claimed.setdefault(words, set()).add(key)
                if piece.label != "PERSON" or len(words) > 1 or piece.rule == "model":
                    whole.setdefault(words, set()).add(key)
        people = [p for p in model if p.label == "PERSON" and len(p.bare.split()) > 1]
        for person in people:
            surname = person.bare.split()[-1]
            if surname[:1].isupper() and len(surname) > 1:
                claimed.setdefault((surname,), set()).add(key)
    forms: dict[str, list[tuple[tuple[str, ...], tuple]]] = {}
    for words, keys in claimed.items():
        own = whole.get(words, set())
        if len(keys) > 1 and len(own) == 1:
            keys = own  # "Leeds" is the city's name, and the first word of "Leeds Minster"
        if len(keys) == 1:  # a form two entities share ("Clinton") is left alone
            forms.setdefault(words[0], []).append((words, next(iter(keys))))
    for candidates in forms.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return forms


def _supported(pieces: list[Piece], context: Context) -> bool:
    """Some mention has evidence beyond the model's label (a title, a speech verb, a head word ...),
    or the name itself is a known place, platform or movement."""
    if name_evidence(pieces[0].bare, context.lexicon):
        return True
    return any(rule not in ("model", "the") and weight > 0
               for p in pieces for _, weight, rule in context.evidence(p))


def _capitalised_word(surface: str) -> bool:
    return surface[:1].isupper() and any(c.isalpha() for c in surface)


def _covered(ents: list[tuple[int, int, str]], text: str, pieces) -> bytearray:
    covered = bytearray(len(text) + 1)
    for start, end, _ in ents:  # every entity of the model, numbers and dates too
        covered[start:end] = b"\x01" * (end - start)
    for piece in pieces:
        covered[piece.start:piece.end] = b"\x01" * (piece.end - piece.start)
    return covered


def speaker_pieces(doc, text: str, pieces: list[Piece], context: Context) -> list[Piece]:
    """The people (and countries) the model missed whom the text makes speakers or gives a title,
    as pieces to group with the model's (see :func:`_recover_speakers`)."""
    found: dict[tuple, list[Piece]] = {}
    words, surfaces, stops = context.tokens(doc)
    context.covered = _covered(context.entities(doc), text, pieces)
    _recover_speakers(found, stops, words, surfaces, context.covered, text, context, context.lexicon)
    return sorted((p for group in found.values() for p in group), key=lambda p: p.start)


def recover(groups: dict[tuple, list[Piece]], doc, text: str, context: Context, lexicon: Lexicon) -> int:
    """Add to ``groups`` the mentions of their names the model missed, then names with a head
    word; returns how many."""
    # Where the model's entities and every piece of the groups lie: what speaker_pieces marked (the
    # model's entities, its pieces, the speakers it added), or read again.
    covered = context.covered if context.covered is not None else \
        _covered(context.entities(doc), text, (p for pieces in groups.values() for p in pieces))
    words, surfaces, _ = context.tokens(doc)
    added = _recover_names(groups, words, surfaces, covered, text, context, lexicon)
    added += _recover_headed(groups, words, surfaces, covered, text, context, lexicon)
    if added:
        for pieces in groups.values():
            pieces.sort(key=lambda p: p.start)
    return added


def _recover_names(groups: dict[tuple, list[Piece]], words: list[tuple[int, int]], surfaces: list[str],
                   covered: bytearray, text: str, context: Context, lexicon: Lexicon) -> int:
    """Every name of the article found again where the model missed it."""
    forms = _forms(groups, context)
    added = 0
    for index in list(compress(range(len(surfaces)), map(forms.__contains__, surfaces))):
        surface = surfaces[index]
        if covered[words[index][0]]:
            continue
        for form, key in forms[surface]:
            last = index + len(form) - 1
            if last >= len(words) or tuple(surfaces[index:last + 1]) != form:
                continue
            start, end = words[index][0], words[last][1]
            if any(covered[start:end]) or not _stands_alone(index, last, surfaces, words, text, context, lexicon):
                continue
            if len(form) == 1 and context.at_sentence_start(start) and context.is_common_word(surface):
                continue
            label = groups[key][0].label
            groups[key].append(Piece(start, end, label, text[start:end], rule="recovered"))
            covered[start:end] = b"\x01" * (end - start)
            added += 1
            break
    return added


def _recover_headed(groups: dict[tuple, list[Piece]], words: list[tuple[int, int]], surfaces: list[str],
                    covered: bytearray, text: str, context: Context, lexicon: Lexicon) -> int:
    """Capitalised runs the model missed whose head word says what they are: "Tarnwick Cemetery",
    "Soil Science Department", "University of Tarnwick", "Lake Tana" (a run of at least
    two words, "the" before it left out)."""
    connectors = lexicon.entities.name_connectors
    capitalised = context.capitalised()
    starters = {w for w in capitalised if w.isalpha() or "-" in w}
    added, index, count = 0, 0, len(surfaces)
    for candidate in list(compress(range(len(surfaces)), map(starters.__contains__, surfaces))):
        if candidate < index or covered[words[candidate][0]]:
            continue
        index = candidate
        last = index
        probe = index + 1
        while probe < count and not covered[words[probe][0]] and "\n" not in text[words[probe - 1][1]:words[probe][0]]:
            if surfaces[probe] in capitalised:
                last = probe
                probe += 1
            elif surfaces[probe] in connectors and probe + 1 < count and surfaces[probe + 1] in capitalised:
                probe += 1
            else:
                break
        first = index
        if surfaces[first] in ("The", "A", "An") and last > first:
            first += 1
        index = last + 1
        if last == first:
            continue
        start, end = words[first][0], words[last][1]
        bare = text[start:end]
        kind = head_kind(bare, lexicon)
        if kind is None:
            continue
        label = {"PLACE": "FAC"}.get(kind, kind)
        key = ("name", fold(key_form(bare)))
        groups.setdefault(key, []).append(Piece(start, end, label, bare, rule="recovered:head"))
        covered[start:end] = b"\x01" * (end - start)
        added += 1
    return added


def _stands_alone(first: int, last: int, surfaces: list[str], words: list[tuple[int, int]], text: str,
                  context: Context, lexicon: Lexicon) -> bool:
    """No capitalised word is glued to the match on the same line (a title before it aside), and
    the match does not continue with "-" or "'" into a longer word."""
    start, end = words[first][0], words[last][1]
    if first > 0:
        before, (b_start, b_end) = surfaces[first - 1], words[first - 1]
        same_line = "\n" not in text[b_end:start]
        if same_line and b_end == start and before not in ("(", "[", "“", '"', "‘", "'"):
            return False
        if same_line and _capitalised_word(before) and not is_title(before, lexicon) \
                and not context.at_sentence_start(b_start) and before not in ("I",):
            return False
    if last + 1 < len(surfaces):
        after, (a_start, _) = surfaces[last + 1], words[last + 1]
        same_line = "\n" not in text[end:a_start]
        if same_line and a_start == end and after[:1] not in ".,;:!?)]”\"'’":
            return False
        if same_line and _capitalised_word(after) and after not in ("I",):
            return False
    return True


def _recover_speakers(groups: dict[tuple, list[Piece]], stops: list[int], words: list[tuple[int, int]],
                      surfaces: list[str], covered: bytearray, text: str, context: Context, lexicon: Lexicon) -> int:
    """People the model missed whom the text makes speakers or gives a title: the capitalised words
    right before a speech verb ("Nyong'o said"), right after one and before punctuation ("said
    Nyong'o."), right after a person's title ("Dr Zekollari"), two or more after a lower-case role
    ("writer Ilan Moradi"), or a citation's author ("(Halvorsen, 2013)"). Words the article writes in lower
    case, stop words ("He said"), titles and head words are no names."""
    added = 0
    titles = title_forms(lexicon)
    kinds = _speaker_cues(surfaces, context, titles)
    citation = lexicon.patterns.citation_with_comma
    for index in list(compress(range(len(surfaces)), map(kinds.__contains__, surfaces))):
        kind = kinds[surfaces[index]]
        if kind == _ROLE:
            # "writer Ilan Moradi", "striker Tomas Berg": a lower-case role before a full name.
            run = _run_forward(index + 1, surfaces, words, covered, text)
            runs = [run] if run is not None and run[1] > run[0] else []
        elif kind == _SPEECH:
            runs = [_run_back(index - 1, surfaces, words, covered, text, titles)]
            after = _run_forward(index + 1, surfaces, words, covered, text)
            if after is not None and (after[1] + 1 >= len(surfaces) or surfaces[after[1] + 1] in ".,;:!?"):
                runs.append(after)
        elif kind == _TITLE:
            runs = [_run_forward(index + 1, surfaces, words, covered, text)]
        elif not covered[words[index][0]] and citation.match(text, words[index][1]):
            runs = [(index, index)]  # "(Halvorsen, 2013)", "Dunmore et al., 2017": a citation's author
        else:
            continue
        for run in runs:
            if run is None:
                continue
            first, last = run
            names = surfaces[first:last + 1]
            if any(stops[i] or context.is_common_word(w) or not w[:1].isupper()
                   for i, w in zip(range(first, last + 1), names) if w != "-"):
                continue
            start, end = words[first][0], words[last][1]
            bare = text[start:end]
            if head_kind(bare, lexicon) is not None or len(bare) < 2:
                continue
            code = country_code(bare, lexicon)
            if code or is_known_place(bare, lexicon):
                # "Greece said": a country or place that speaks is still a country or place.
                key = ("country", code) if code else ("name", fold(key_form(bare)))
                groups.setdefault(key, []).append(Piece(start, end, "GPE", bare, rule="recovered:speaker"))
            else:
                key = ("name", fold(key_form(bare)))
                groups.setdefault(key, []).append(Piece(start, end, "PERSON", bare, rule="recovered:speaker"))
            covered[start:end] = b"\x01" * (end - start)
            added += 1
    return added


_ROLE, _SPEECH, _TITLE, _CITATION = 1, 2, 3, 4


def _speaker_cues(surfaces: list[str], context: Context, titles: frozenset[str]) -> dict[str, int]:
    """What each distinct word of the article may introduce a speaker as: a lower-case role
    ("writer"), a speech form ("said"), a capitalised title ("Dr"), or a capitalised word that may
    be a citation's author (no day or month); words that introduce none are left out."""
    distinct = context.distinct_words()
    roles = {w for w in distinct & (titles | context.lexicon.entities.person_nouns) if w[:1].islower()}
    kinds = dict.fromkeys((distinct & context.speech_forms()) - roles, _SPEECH)
    kinds.update(dict.fromkeys(roles, _ROLE))
    dates = context.lexicon.entities.trailing_date_words
    for surface in context.upper_words():
        lower = surface.casefold()
        if lower.rstrip(".") in titles:
            kinds[surface] = _TITLE
        elif lower not in dates:
            kinds[surface] = _CITATION
    return kinds


def _run_back(index: int, surfaces: list[str], words: list[tuple[int, int]], covered: bytearray,
              text: str, titles: frozenset[str], longest: int = 3):
    """The capitalised words (at most ``longest``) ending at ``index``, on one line, not covered."""
    last = index
    while index >= 0 and last - index < longest and _capitalised_word(surfaces[index]) \
            and not covered[words[index][0]] and "\n" not in text[words[index][1]:words[index + 1][0]] \
            and surfaces[index].casefold().rstrip(".") not in titles:
        index -= 1
        while index - 1 >= 0 and surfaces[index] == "-" and words[index][1] == words[index + 1][0] \
                and words[index - 1][1] == words[index][0] and _capitalised_word(surfaces[index - 1]):
            index -= 2
    return None if index == last else (index + 1, last)


def _run_forward(index: int, surfaces: list[str], words: list[tuple[int, int]], covered: bytearray,
                 text: str, longest: int = 3):
    """The capitalised words (at most ``longest``) starting at ``index``, on one line, not covered."""
    first = index
    while index < len(surfaces) and index - first < longest and _capitalised_word(surfaces[index]) \
            and not covered[words[index][0]] and "\n" not in text[words[index - 1][1]:words[index][0]]:
        index += 1
        # "Brannock-Hale": a hyphen glued between two capitalised words joins them.
        while index + 1 < len(surfaces) and surfaces[index] == "-" and words[index][0] == words[index - 1][1] \
                and words[index + 1][0] == words[index][1] and _capitalised_word(surfaces[index + 1]):
            index += 2
    return None if index == first else (first, index - 1)
