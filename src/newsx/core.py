"""The library: an :class:`Extractor` that loads a pipeline once and reads many articles.

Everything the command line does is reachable from here; the CLI only converts arguments.
"""
from __future__ import annotations

import os
from collections import deque
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Protocol, Sequence, Union

from . import pipeline
from .base import TASKS, Document, InputProblem, first_line
from .normalize import chunks, normalize
from .output import article_to_dict
from .types import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .lexicon import LexiconLike

# The extractors and the lexicon are imported where they are used: the runner imports this module,
# and `newsx --help` would pay for them (about 0.1 s of 0.25).

TextLike = Union[str, Document]


class Extractor:
    """Load a spaCy pipeline once, then extract entities and/or quotes from many texts.

    >>> extractor = Extractor(tasks=("quotes",))  # doctest: +SKIP
    >>> [q.speaker for q in extractor("“Yes,” said Jane Doe. “No,” she added later.").quotes]  # doctest: +SKIP
    ['Jane Doe', 'Jane Doe']
    """

    def __init__(self, model: str | None = None, *, tasks: Sequence[str] = TASKS, batch_size: int = 8,
                 lexicon: LexiconLike = None, attributions: str | Sequence[str] | None = None):
        unknown = set(tasks) - set(TASKS)
        if unknown or not tasks:
            raise ValueError(f"tasks must be a non-empty subset of {TASKS}, not {tuple(tasks)}")
        self.tasks = tuple(t for t in TASKS if t in tasks)
        self.model = model
        self.batch_size = batch_size
        from .lexicon import resolve_lexicon
        from .quotes import resolve_kinds

        # A lexicon directory of one's own (see newsx.lexicon), or the packaged lexicon.
        self.lexicon = resolve_lexicon(lexicon)
        # The kinds of attribution listed: None or "default" (the lexicon's default_kinds), "all", or
        # kinds ("speech,writing,thought"); see newsx.quotes.kinds.
        self.kinds = resolve_kinds(attributions, self.lexicon)
        self.nlp = pipeline.load(model, self.tasks, self.lexicon)

    def __call__(self, text: TextLike, source: str = "<text>") -> Article:
        """Read one article."""
        document = text if isinstance(text, Document) else Document(source, text)
        return next(self.pipe([document]))

    def pipe(self, texts: Iterable[TextLike], *, as_dicts: bool = False) -> Iterator[Any]:
        """Yield one :class:`Article` (or its JSON-ready dict) per text, in order, streaming.

        Long texts are split at line breaks into pieces, which spaCy reads in batches of at most
        ``batch_size`` pieces and ``pipeline.BATCH_CHARS`` characters, and joined back into one Doc,
        so offsets index the whole text.
        """
        documents = (t if isinstance(t, Document) else Document(f"<text {i}>", t) for i, t in enumerate(texts))
        for document, doc in self._docs(documents):
            article = self.analyze_doc(doc, document.text, document.source)
            yield article_to_dict(article) if as_dicts else article

    def _docs(self, documents: Iterable[Document]) -> Iterator[tuple[Document, "Doc"]]:
        from spacy.tokens import Doc

        def pieces():
            for document in documents:
                parts = chunks(normalize(document.text), pipeline.CHUNK_CHARS)
                for index, part in enumerate(parts):
                    yield part, (document, index == len(parts) - 1)

        pending: list["Doc"] = []
        for doc, (document, last) in _pipe(self.nlp, pieces(), self.batch_size, pipeline.BATCH_CHARS):
            pending.append(doc)
            if last:
                joined = pending[0] if len(pending) == 1 else Doc.from_docs(pending, ensure_whitespace=False)
                pending = []
                yield document, joined

    def analyze_doc(self, doc: "Doc", text: str, source: str = "<text>") -> Article:
        """Run the extractors on a Doc of ``normalize(text)``."""
        from .entities import extract_entities
        from .profiles import build_profiles
        from .quotes import extract_quotes, select

        entities = extract_entities(doc, text, lexicon=self.lexicon)
        # One profile per person and organisation, read once, for the people's roles, organisations and
        # genders in the entities and for the speakers of the quotes (words and entities only: no parse).
        profiles = build_profiles(doc, text, entities, lexicon=self.lexicon)
        entities = profiles.describe(entities)
        quotes = (select(extract_quotes(doc, text, entities=entities, lexicon=self.lexicon, profiles=profiles),
                         self.kinds)
                  if "quotes" in self.tasks else None)
        if quotes:  # every speaker is among the entities, also one the recogniser missed
            entities = profiles.with_speakers(entities, {quote.speaker for quote in quotes})
        return Article(source, text, entities if "entities" in self.tasks else None, quotes)


def _pipe(nlp: "Language", pieces: Iterable[tuple[str, Any]], size: int, max_chars: int) -> Iterator[tuple["Doc", Any]]:
    """``nlp.pipe(pieces, as_tuples=True)``, in batches of at most ``size`` pieces and ``max_chars``
    characters (see :func:`_batches`)."""
    for batch in _batches(pieces, size, max_chars):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def _batches(pieces: Iterable[tuple[str, Any]], size: int, max_chars: int) -> Iterator[list[tuple[str, Any]]]:
    """(text, context) pairs in batches of at most ``size`` pairs and ``max_chars`` characters (a
    longer text alone), in order, each batch yielded as soon as it is complete.

    spaCy runs about 30% slower per word when a batch holds several long texts.

    >>> [[text for text, _ in batch] for batch in _batches([("aa", 0), ("bb", 1), ("cccc", 2), ("d", 3)], 8, 4)]
    [['aa', 'bb'], ['cccc'], ['d']]
    """
    batch: list[tuple[str, Any]] = []
    chars = 0
    for piece in pieces:
        if batch and chars + len(piece[0]) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


_extractors: dict[tuple[Any, ...], Extractor] = {}


def analyze(text: str, *, model: str | None = None, tasks: Sequence[str] = TASKS,
            lexicon: LexiconLike = None, attributions: str | None = None) -> Article:
    """Extract entities and quotes from one text, loading the pipeline on first use.

    ``attributions`` chooses the kinds of attribution listed as :class:`Extractor` does.

    >>> article = analyze("Iran said so.")  # doctest: +SKIP
    >>> [c.code for c in article.entities.countries]  # doctest: +SKIP
    ['IR']
    """
    from .lexicon import resolve_lexicon

    rules = resolve_lexicon(lexicon)
    key = (model, tuple(tasks), rules, attributions)
    if key not in _extractors:
        _extractors[key] = Extractor(model, tasks=tasks, lexicon=rules, attributions=attributions)
    return _extractors[key](text)


# -- batches that survive a failing article -------------------------------------------------------


class _Pipes(Protocol):
    def pipe(self, texts: Iterable[Document]) -> Iterator[Article]: ...


def internal_error(document: Document, error: BaseException) -> InputProblem:
    """The one-line problem reported for an article the extractor raised on (``NEWSX_DEBUG=1``
    prints the traceback too).

    >>> internal_error(Document("a.txt", ""), IndexError("list index out of range")).reason
    'internal error (IndexError: list index out of range); please report it with this article'
    """
    if os.environ.get("NEWSX_DEBUG"):
        import traceback

        traceback.print_exception(error)
    detail = first_line(error)
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return InputProblem(document.source, f"internal error ({what}); please report it with this article")


def robust_pipe(extractor: _Pipes, documents: Iterable[Document]) -> Iterator[Union[Article, InputProblem]]:
    """``extractor.pipe(documents)``, except that an article the extractor fails on becomes an
    InputProblem and the rest of the batch goes on.

    Articles stream in batches; after a failure the articles read ahead with the failing one are
    run again one by one, so that only the article that fails is reported. An error raised while
    *reading* ``documents`` is not the extractor's: it propagates.

    >>> class Upper:
    ...     def pipe(self, documents):
    ...         for d in documents:
    ...             if not d.text:
    ...                 raise ValueError("empty")
    ...             yield Article(d.source, d.text.upper())
    >>> [getattr(r, "text", None) for r in robust_pipe(Upper(), [Document("a", "x"), Document("b", ""), Document("c", "y")])]
    ['X', None, 'Y']
    """
    remaining = iter(documents)
    pending: deque[Document] = deque()
    reading_failed = False

    def feed() -> Iterator[Document]:
        nonlocal reading_failed
        while True:
            try:
                document = next(remaining)
            except StopIteration:
                return
            except BaseException:
                reading_failed = True  # Not the extractor's failure: let it through.
                raise
            pending.append(document)
            yield document

    while True:
        try:
            for article in extractor.pipe(feed()):
                pending.popleft()
                yield article
            return
        except Exception:  # noqa: BLE001 - an extractor bug must not end the batch
            if reading_failed:
                raise
            while pending:
                document = pending.popleft()
                try:
                    article = next(iter(extractor.pipe([document])))
                except Exception as error:  # noqa: BLE001
                    yield internal_error(document, error)
                else:
                    yield article
