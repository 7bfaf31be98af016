"""People, countries, places, organisations and other names of an article: spaCy's NER, then rules.

spaCy reads ``normalize(text)``; every mention here is cut from the original ``text`` at the same
offsets. The steps, each in its module:

1. :mod:`~newsx.entities.pieces`: the model's spans cleaned (line breaks, brackets, "the", titles,
   possessives, a headline's verb), split where they hold two names ("BJP president Amit Shah",
   "Marsh & Oduya"), made whole where the model cut a name ("Anyang' Nyong'o", "Moody's",
   "Bengaluru FC"); photo credits read by pattern.
2. :mod:`~newsx.entities.grouping`: the mentions of one entity gathered under one key ("Li" after
   "Li Shangfu", "SCO" after "Shanghai Cooperation Organisation (SCO)", "the Islamic Republic" and
   "Iran"), by indexes, in one pass.
3. :mod:`~newsx.entities.recover`: what the model missed: people the text makes speakers or gives a
   title ("Nyong'o said"), the names of the article found again, names with a head word.
4. :mod:`~newsx.entities.decide`: one label per entity from the evidence of all its mentions
   (:mod:`~newsx.entities.context`), what is no name dropped, each entity named and sectioned:
   people, countries, places (cities, regions, buildings, with their country when the text or the
   gazetteer gives it), organisations, other names.

Every rule reads the text and the model's entities only (no tags, no parse), so that the entities of
an article are the same whichever components the pipeline ran. Every word list, weight and pattern
comes from the :class:`~newsx.lexicon.Lexicon`. spaCy itself is never imported here.
"""
from __future__ import annotations

from ..base import SECTIONS
from ..lexicon import LexiconLike, resolve_lexicon
from ..types import Entities, Entity
from .context import Context
from .decide import display, entity
from .grouping import group_pieces
from .pieces import article_pieces
from .recover import recover, speaker_pieces

__all__ = ["display", "extract_entities"]


def extract_entities(doc, text: str, *, lexicon: LexiconLike = None) -> Entities:
    """The entities of ``text``, read from ``doc``, spaCy's Doc of ``normalize(text)``.

    Mentions are cut from ``text`` (``text[m.start:m.end] == m.text``); spaCy is not imported.
    ``lexicon`` is a :class:`~newsx.lexicon.Lexicon`, a lexicon directory, or None for the packaged one.

    >>> from newsx import pipeline  # doctest: +SKIP
    >>> from newsx.normalize import normalize  # doctest: +SKIP
    >>> text = "Vice President Lena Varga met Tomas Okonkwo in London. Varga and Okonkwo agreed."
    >>> found = extract_entities(pipeline.load(tasks=("entities",))(normalize(text)), text)  # doctest: +SKIP
    >>> [(e.name, e.aliases, e.count) for e in found.people]  # doctest: +SKIP
    [('Lena Varga', ('Varga',), 2), ('Tomas Okonkwo', ('Okonkwo',), 2)]
    >>> [(e.name, e.code) for e in found.places]  # doctest: +SKIP
    [('London', 'GB')]
    """
    if (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0) != len(text):
        raise ValueError("doc must be spaCy's Doc of normalize(text), of the same length as text")
    rules = resolve_lexicon(lexicon)
    context = Context(text, rules)
    pieces = article_pieces(context.entities(doc), context.dotted(doc), text, rules)
    pieces = sorted(pieces + speaker_pieces(doc, text, pieces, context), key=lambda p: (p.start, -p.end))
    groups = group_pieces(pieces, context)
    recover(groups, doc, text, context, rules)
    sections: dict[str, list[Entity]] = {s: [] for s in SECTIONS}
    for key, pieces in sorted(groups.items(), key=lambda item: item[1][0].start):
        found = entity(key, pieces, context)
        if found is not None:
            sections[found[0]].append(found[1])
    return Entities(**{s: tuple(e) for s, e in sections.items()})
