"""spaCy components of newsx, for newsx's own pipeline and for anyone's.

Importing this module imports spaCy; in newsx only :func:`newsx.pipeline.load` does it. The two
factories are also registered through the ``spacy_factories`` entry point, so a pipeline of your own
can add them by name without importing newsx first::

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newsx_entities")   # after "ner"
    nlp.add_pipe("newsx_quotes")     # after "parser" and "ner"
    doc = nlp(text)
    [(q.speaker, q.type, q.text) for q in doc._.newsx_quotes]

What the components set:

========================================  =====================================================
``doc._.newsx_entities``                  :class:`newsx.types.Entities` (``newsx_entities``)
``doc.spans["newsx_people"]``             one span per mention, label = the entity's label
``doc.spans["newsx_countries"]``          (PERSON, GPE, ORG, NORP, ...); ``span._.newsx_name``
``doc.spans["newsx_places"]``             is the entity's canonical name ("Li Shangfu" for a
``doc.spans["newsx_organisations"]``      mention "Li"), the same as ``Entity.name``
``doc.spans["newsx_other"]``
``doc._.newsx_quotes``                    tuple of :class:`newsx.types.Quote` (``newsx_quotes``)
``doc.spans["newsx_quotes"]``             one span per quote, label = "direct", "indirect" or
                                          "mixed"; ``span._.newsx_speaker`` is the resolved speaker
``doc.spans["newsx_speakers"]``           where each speaker is named, label = the speaker's kind
                                          ("person", "organisation", "pronoun", "other");
                                          ``span._.newsx_name`` is the resolved name
========================================  =====================================================

Quote spans are in the order of ``doc._.newsx_quotes``; a speaker named once for several quotes
(a quote split by its cue) has one span. Spans are widened to token boundaries (the character
offsets of the result types are exact). The results are kept on the Doc as plain data, so a Doc
survives ``doc.to_bytes()``, ``DocBin`` and ``nlp.pipe(..., n_process=2)``; the extensions rebuild
the result types when read. The ``"newsx_"`` of the span keys is the ``spans_prefix`` setting.

newsx's own pipeline reads a normalised copy of the text (:func:`newsx.normalize.normalize`) and
starts a sentence at every line break (``newsx_paragraph_breaks``, before the parser); in a pipeline
of your own the components read the Doc of the text as given. ``newsx_paragraph_breaks`` is found by
name as well (spaCy imports this module for the entry point), and helps on news copy:
``nlp.add_pipe("newsx_paragraph_breaks", before="parser")``.
"""
# No ``from __future__ import annotations``: spaCy's config system validates the factories' arguments
# by their annotations, which must be real classes rather than strings.
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .base import SECTIONS
from .entities import extract_entities
from .lexicon import Lexicon, resolve_lexicon
from .output import entities_to_dict, quote_from_dict, quote_to_dict
from .profiles import build_profiles
from .quotes import extract_quotes, resolve_kinds, select
from .types import Entities, Entity, Mention, Quote

PARAGRAPH_BREAKS = "newsx_paragraph_breaks"
ENTITIES = "newsx_entities"
QUOTES = "newsx_quotes"

#: The default beginning of the ``doc.spans`` keys the components write.
SPANS_PREFIX = "newsx_"

#: Where the results are kept on the Doc, as JSON-ready data (see newsx.output), so that a Doc with
#: them can be serialised; the ``doc._`` extensions read them back as the result types.
#: (spaCy's own keys are tuples too; its type stubs say str.)
_ENTITIES_DATA: str = ("newsx", "entities")  # type: ignore[assignment]
_QUOTES_DATA: str = ("newsx", "quotes")  # type: ignore[assignment]


# -- Doc and Span extensions -----------------------------------------------------------------------


def _entities_from_data(doc: Doc) -> Optional[Entities]:
    data = doc.user_data.get(_ENTITIES_DATA)
    if data is None:
        return None
    return Entities(**{
        section: tuple(
            Entity(e["name"], e["label"], tuple(Mention(m["text"], m["start"], m["end"]) for m in e["mentions"]),
                   e.get("code"), tuple(e.get("aliases", ())), e.get("role"), e.get("organisation"), e.get("gender"))
            for e in data[section]
        )
        for section in SECTIONS
    })


def _quotes_from_data(doc: Doc) -> Optional[tuple[Quote, ...]]:
    data = doc.user_data.get(_QUOTES_DATA)
    if data is None:
        return None
    return tuple(quote_from_dict(q) for q in data)


def register_extensions() -> None:
    """Register the ``doc._`` and ``span._`` attributes newsx sets, unless already registered.

    Done when this module is imported; calling it again does nothing.

    >>> register_extensions()
    >>> Doc.has_extension("newsx_quotes") and Span.has_extension("newsx_name")
    True
    """
    if not Doc.has_extension("newsx_entities"):
        Doc.set_extension("newsx_entities", getter=_entities_from_data)
    if not Doc.has_extension("newsx_quotes"):
        Doc.set_extension("newsx_quotes", getter=_quotes_from_data)
    if not Span.has_extension("newsx_name"):
        Span.set_extension("newsx_name", default=None)
    if not Span.has_extension("newsx_speaker"):
        Span.set_extension("newsx_speaker", default=None)


register_extensions()


def _span(doc: Doc, start: int, end: int, label: str) -> Optional[Span]:
    """The span of tokens covering characters ``start:end``, or None when no token is there."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


# -- newsx_paragraph_breaks ------------------------------------------------------------------------


class ParagraphBreaks:
    """Start a sentence after every line break and after a dateline, before the parser runs.

    News copy puts a dateline, a timestamp or a headline on a line of its own; left to itself the
    parser attaches them to the next paragraph's sentence ("1:50 p.m. / Famed doctor X said: ...")
    and gives that sentence the wrong subject. The parser keeps sentence starts set before it.
    The dateline is the lexicon's ``dateline`` pattern.

    >>> import spacy  # doctest: +SKIP
    >>> from newsx.pipeline import resolve_model  # doctest: +SKIP
    >>> nlp = spacy.load(resolve_model())  # doctest: +SKIP
    >>> nlp.add_pipe("newsx_paragraph_breaks", before="parser")  # doctest: +SKIP
    <newsx.components.ParagraphBreaks object at 0x...>
    """

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if previous.is_space and "\n" in previous.text:
                token.is_sent_start = True
        # "WASHINGTON, June 10 (UPI) — Clinton told ...": the story starts after the dateline.
        for match in self.lexicon.patterns.dateline.finditer(doc.text):
            span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
            if span is not None and span.start > 0:
                doc[span.start].is_sent_start = True
        return doc


@Language.factory(PARAGRAPH_BREAKS, assigns=["token.is_sent_start"], default_config={"lexicon": None})
def make_paragraph_breaks(nlp: Language, name: str, lexicon: Optional[str]) -> ParagraphBreaks:
    """The ``newsx_paragraph_breaks`` factory; ``lexicon`` is a lexicon directory (None: packaged)."""
    return ParagraphBreaks(resolve_lexicon(lexicon))


# -- newsx_entities --------------------------------------------------------------------------------


class EntitiesComponent:
    """Sets ``doc._.newsx_entities`` and the spans of people, countries, places, organisations, other names.

    Made by the ``newsx_entities`` factory; reads the entities of an earlier "ner" component.

    >>> import spacy  # doctest: +SKIP
    >>> from newsx.pipeline import resolve_model  # doctest: +SKIP
    >>> nlp = spacy.load(resolve_model())  # doctest: +SKIP
    >>> _ = nlp.add_pipe("newsx_entities")  # doctest: +SKIP
    >>> text = "China's Defence Minister Li Shangfu spoke. Li left."  # doctest: +SKIP
    >>> doc = nlp(text)  # doctest: +SKIP
    >>> [(s.text, s.label_, s._.newsx_name) for s in doc.spans["newsx_people"]]  # doctest: +SKIP
    [('Li Shangfu', 'PERSON', 'Li Shangfu'), ('Li', 'PERSON', 'Li Shangfu')]
    """

    def __init__(self, nlp: Language, name: str = ENTITIES, *, spans_prefix: str = SPANS_PREFIX,
                 lexicon: Optional[str] = None):
        self.name = name
        self.spans_prefix = spans_prefix
        self.lexicon = resolve_lexicon(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        entities = extract_entities(doc, doc.text, lexicon=self.lexicon)
        entities = build_profiles(doc, doc.text, entities, lexicon=self.lexicon).describe(entities)
        doc.user_data[_ENTITIES_DATA] = entities_to_dict(entities)
        for section in SECTIONS:
            spans = []
            for entity in getattr(entities, section):
                for mention in entity.mentions:
                    span = _span(doc, mention.start, mention.end, entity.label)
                    if span is not None:
                        span._.newsx_name = entity.name
                        spans.append(span)
            doc.spans[self.spans_prefix + section] = spans
        return doc


@Language.factory(
    ENTITIES,
    assigns=["doc._.newsx_entities", "doc.spans", "span._.newsx_name"],
    requires=["doc.ents"],
    default_config={"spans_prefix": SPANS_PREFIX, "lexicon": None},
)
def make_entities(nlp: Language, name: str, spans_prefix: str, lexicon: Optional[str]) -> EntitiesComponent:
    """The ``newsx_entities`` factory: people, countries (ISO codes), places, organisations, other names.

    ``lexicon`` is a lexicon directory of your own (see :mod:`newsx.lexicon`); None uses the packaged one.

    >>> import spacy  # doctest: +SKIP
    >>> from newsx.pipeline import resolve_model  # doctest: +SKIP
    >>> nlp = spacy.load(resolve_model())  # doctest: +SKIP
    >>> _ = nlp.add_pipe("newsx_entities", config={"spans_prefix": "news_"})  # doctest: +SKIP
    >>> [(c.name, c.code) for c in nlp("Iran and the U.S. met.")._.newsx_entities.countries]  # doctest: +SKIP
    [('Iran', 'IR'), ('United States', 'US')]
    """
    register_extensions()
    return EntitiesComponent(nlp, name, spans_prefix=spans_prefix, lexicon=lexicon)


# -- newsx_quotes ----------------------------------------------------------------------------------


class QuotesComponent:
    """Sets ``doc._.newsx_quotes`` and the spans of quotes and their speakers.

    Made by the ``newsx_quotes`` factory; reads the parse and the entities of earlier components.
    Speakers resolve to full names through the entities: those of ``newsx_entities`` when it ran
    before, else worked out here (and not stored).

    >>> import spacy  # doctest: +SKIP
    >>> from newsx.pipeline import resolve_model  # doctest: +SKIP
    >>> nlp = spacy.load(resolve_model())  # doctest: +SKIP
    >>> _ = nlp.add_pipe("newsx_quotes")  # doctest: +SKIP
    >>> doc = nlp("“Yes,” Jane Doe said.")  # doctest: +SKIP
    >>> [(s.text, s._.newsx_speaker) for s in doc.spans["newsx_quotes"]]  # doctest: +SKIP
    [('Yes,', 'Jane Doe')]
    """

    def __init__(self, nlp: Language, name: str = QUOTES, *, spans_prefix: str = SPANS_PREFIX,
                 lexicon: Optional[str] = None, attributions: str = "default"):
        self.name = name
        self.spans_prefix = spans_prefix
        self.lexicon = resolve_lexicon(lexicon)
        self.kinds = resolve_kinds(attributions, self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        entities = doc._.newsx_entities
        if entities is None:
            entities = extract_entities(doc, doc.text, lexicon=self.lexicon)
        quotes = select(extract_quotes(doc, doc.text, entities=entities, lexicon=self.lexicon), self.kinds)
        doc.user_data[_QUOTES_DATA] = [quote_to_dict(q, explain=True) for q in quotes]
        quote_spans, speaker_spans, seen = [], [], set()
        for quote in quotes:
            span = _span(doc, quote.start, quote.end, quote.type)
            if span is not None:
                span._.newsx_speaker = quote.speaker
                quote_spans.append(span)
            if quote.speaker_start is None or quote.speaker_end is None:
                continue
            where = (quote.speaker_start, quote.speaker_end)
            speaker = None if where in seen else _span(doc, *where, quote.speaker_kind or "other")
            seen.add(where)
            if speaker is not None:
                speaker._.newsx_name = quote.speaker
                speaker_spans.append(speaker)
        doc.spans[self.spans_prefix + "quotes"] = quote_spans
        doc.spans[self.spans_prefix + "speakers"] = speaker_spans
        return doc


@Language.factory(
    QUOTES,
    assigns=["doc._.newsx_quotes", "doc.spans", "span._.newsx_speaker", "span._.newsx_name"],
    requires=["token.dep", "token.head", "doc.ents"],
    default_config={"spans_prefix": SPANS_PREFIX, "lexicon": None, "attributions": "default"},
)
def make_quotes(nlp: Language, name: str, spans_prefix: str, lexicon: Optional[str],
                attributions: str) -> QuotesComponent:
    """The ``newsx_quotes`` factory: every quote, direct and reported, with its speaker and cue.

    ``lexicon`` is a lexicon directory of your own (see :mod:`newsx.lexicon`); None uses the packaged one.
    ``attributions`` chooses the kinds of attribution kept, as ``--attributions`` does ("default", "all",
    or kinds joined by commas).

    >>> import spacy  # doctest: +SKIP
    >>> from newsx.pipeline import resolve_model  # doctest: +SKIP
    >>> nlp = spacy.load(resolve_model())  # doctest: +SKIP
    >>> _ = nlp.add_pipe("newsx_quotes")  # doctest: +SKIP
    >>> [(q.speaker, q.type) for q in nlp("“We will win,” Jane Doe said.")._.newsx_quotes]  # doctest: +SKIP
    [('Jane Doe', 'direct')]
    """
    register_extensions()
    return QuotesComponent(nlp, name, spans_prefix=spans_prefix, lexicon=lexicon, attributions=attributions)

