"""HTML pages: the article's text, without navigation, adverts, comments and footers (trafilatura).

newsx reads the text trafilatura extracts, and every offset it reports indexes that text (the JSON
carries it with ``--include-text``). trafilatura is imported only when a page is read, so commands
that read plain text, ``newsx --help`` and shell completion never load it.
"""
from __future__ import annotations

import logging

from .base import first_line

#: The reason given for a page in which trafilatura finds no article text.
NO_ARTICLE_TEXT = "no article text found in HTML"


class NoArticleText(ValueError):
    """Raised by :func:`extract_article_text` for a page without article text, with a one-line reason."""


def _quiet_loggers() -> None:
    # trafilatura and the libraries it uses log through `logging`; with no handler configured,
    # Python would print their warnings on stderr, which carries one line per problem input only.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())


def extract_article_text(html: str) -> str:
    """The main text of an HTML page: its headline and paragraphs, one paragraph a line.

    Boilerplate (navigation, related links, comments, tables, footers) is left out; trafilatura is
    asked to favour precision, so a doubtful block is dropped rather than kept.

    >>> extract_article_text("<html><body><article><p>\\u201cYes,\\u201d she said.</p></article></body></html>")
    '“Yes,” she said.'
    >>> extract_article_text("<html><body></body></html>")
    Traceback (most recent call last):
    ...
    newsx.html.NoArticleText: no article text found in HTML
    """
    import trafilatura

    _quiet_loggers()
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    except Exception as error:  # noqa: BLE001 - a page lxml cannot parse is a problem with that input
        detail = first_line(error)
        raise NoArticleText(f"{NO_ARTICLE_TEXT} ({type(error).__name__}" + (f": {detail})" if detail else ")")) from None
    if not text or not text.strip():
        raise NoArticleText(NO_ARTICLE_TEXT)
    return text
