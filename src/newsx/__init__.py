"""newsx: who is mentioned and who said what in a news article.

>>> import newsx
>>> article = newsx.analyze("“We will win,” Jane Doe said.")  # doctest: +SKIP
>>> article.quotes[0].speaker  # doctest: +SKIP
'Jane Doe'

spaCy is loaded only when an article is first analysed.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .types import Article, Entities, Entity, InputProblem, Mention, Quote  # noqa: E402

__all__ = ["Article", "Entities", "Entity", "Extractor", "InputProblem", "Mention", "Quote", "analyze",
           "__version__"]


def __getattr__(name: str):
    # The library's entry points import spaCy-dependent modules lazily.
    if name in ("Extractor", "analyze"):
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module 'newsx' has no attribute {name!r}")
