"""What kind of attribution a quote is: speech, writing, thought, stance or evidence.

The kind comes from the cue, as ``cues.tsv`` gives it ("said": speech, "tweeted": writing,
"believes": thought, "praised": stance, "found": evidence), and from the source: a source that is
no person or organisation but a body of evidence ("the poll", "records", "a study": the words of
``evidence.txt``) makes the attribution evidence whatever its verb ("the data suggest", "according
to the survey"). A cue that is no verb (a colon, a dash, "according to") is speech. Which kinds the
commands show is the lexicon's ``[quotes] default_kinds``; ``--attributions all`` shows every kind.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Union

from ..cues import cue_verb
from ..lexicon import KINDS, Lexicon

if TYPE_CHECKING:
    from ..types import Quote
    from .article import Article, Found

#: The value of ``--attributions`` that asks for every kind.
ALL = "all"
#: The value that asks for the lexicon's default kinds.
DEFAULT = "default"


def attribution_kind(article: "Article", item: "Found") -> str:
    """The kind of one attribution, from its cue and the token naming its source."""
    lexicon = article.lexicon
    source = item.speaker_token
    if source is not None and source.lower_ in lexicon.evidence_sources:
        return "evidence"
    if item.cue_start is None or item.cue_end is None:
        return "speech"
    entry = cue_verb(article.text[item.cue_start:item.cue_end], lexicon)
    return entry.kind if entry is not None else "speech"


def resolve_kinds(attributions: Union[str, Iterable[str], None], lexicon: Lexicon) -> frozenset[str]:
    """The kinds that ``attributions`` asks for: None or "default" (the lexicon's
    ``default_kinds``), "all", or kinds separated by commas ("speech,writing").

    >>> from newsx.lexicon import default_lexicon
    >>> sorted(resolve_kinds("all", default_lexicon())) == sorted(KINDS), sorted(resolve_kinds("thought,speech", default_lexicon()))
    (True, ['speech', 'thought'])
    >>> resolve_kinds("gossip", default_lexicon())
    Traceback (most recent call last):
    ...
    ValueError: unknown kind of attribution 'gossip' (known: all, default, speech, writing, thought, stance, evidence)
    """
    if attributions is None:
        return lexicon.quotes.default_kinds
    names = [n.strip() for n in attributions.split(",")] if isinstance(attributions, str) else list(attributions)
    kinds: set[str] = set()
    for name in names:
        if name == ALL:
            kinds |= set(KINDS)
        elif name == DEFAULT:
            kinds |= lexicon.quotes.default_kinds
        elif name in KINDS:
            kinds.add(name)
        else:
            raise ValueError(f"unknown kind of attribution {name!r} (known: {', '.join((ALL, DEFAULT) + KINDS)})")
    if not kinds:
        raise ValueError("no kind of attribution given")
    return frozenset(kinds)


def select(quotes: Iterable["Quote"], kinds: frozenset[str]) -> tuple["Quote", ...]:
    """The quotes of the kinds asked for, in order."""
    return tuple(q for q in quotes if q.kind in kinds)
