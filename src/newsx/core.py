"""The library: an :class:`Extractor` that loads a pipeline once and reads many articles.

Everything the command line does is reachable from here; the CLI only converts arguments.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, Union

from . import pipeline
from .base import TASKS, Document
from .entities import extract_entities
from .lexicon import LexiconLike, resolve_lexicon
from .normalize import chunks, normalize
from .output import article_to_dict
from .quotes import extract_quotes, resolve_kinds, select
from .types import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

TextLike = Union[str, Document]


class Extractor:
    """Load a spaCy pipeline once, then extract entities and/or quotes from many texts.

    >>> extractor = Extractor(tasks=("quotes",))  # doctest: +SKIP
    >>> [q.speaker for q in extractor("“Yes,” she said.").quotes]  # doctest: +SKIP
    ['she']
    """

    def __init__(self, model: str | None = None, *, tasks: Sequence[str] = TASKS, batch_size: int = 8,
                 lexicon: LexiconLike = None, attributions: str | Sequence[str] | None = None):
        unknown = set(tasks) - set(TASKS)
        if unknown or not tasks:
            raise ValueError(f"tasks must be a non-empty subset of {TASKS}, not {tuple(tasks)}")
        self.tasks = tuple(t for t in TASKS if t in tasks)
        self.model = model
        self.batch_size = batch_size
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

        Long texts are split at line breaks into pieces spaCy reads in one batch stream, and joined
        back into one Doc, so offsets index the whole text.
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
        for doc, (document, last) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=self.batch_size):
            pending.append(doc)
            if last:
                joined = pending[0] if len(pending) == 1 else Doc.from_docs(pending, ensure_whitespace=False)
                pending = []
                yield document, joined

    def analyze_doc(self, doc: "Doc", text: str, source: str = "<text>") -> Article:
        """Run the extractors on a Doc of ``normalize(text)``."""
        entities = extract_entities(doc, text, lexicon=self.lexicon)
        quotes = (select(extract_quotes(doc, text, entities=entities, lexicon=self.lexicon), self.kinds)
                  if "quotes" in self.tasks else None)
        return Article(source, text, entities if "entities" in self.tasks else None, quotes)


_extractors: dict[tuple[Any, ...], Extractor] = {}


def analyze(text: str, *, model: str | None = None, tasks: Sequence[str] = TASKS,
            lexicon: LexiconLike = None, attributions: str | None = None) -> Article:
    """Extract entities and quotes from one text, loading the pipeline on first use.

    ``attributions`` chooses the kinds of attribution listed as :class:`Extractor` does.

    >>> article = analyze("Iran said so.")  # doctest: +SKIP
    >>> [c.code for c in article.entities.countries]  # doctest: +SKIP
    ['IR']
    """
    rules = resolve_lexicon(lexicon)
    key = (model, tuple(tasks), rules, attributions)
    if key not in _extractors:
        _extractors[key] = Extractor(model, tasks=tasks, lexicon=rules, attributions=attributions)
    return _extractors[key](text)
