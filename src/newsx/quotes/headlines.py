"""Headlines, titles and teasers: lines that only paraphrase, and so hold no quote.

"Okafor: Mayor’s Budget Ruins Harbour Plan", "Voss Says Council Can’t Be Believed" and "Wanjiru
tells off Mwangi" sum up in a few words what the article quotes in full; "READ: Port board would welcome any
union steps ..." and "OPINION: ..." name another article. A reader does not count them as quotes (the
speaker would be counted twice), so no quote, direct or reported, comes from such a line.
"""
from __future__ import annotations

from ..lexicon import Lexicon
from .article import Article


def is_headline(text: str, lexicon: Lexicon) -> bool:
    """A short line in title case: a headline ("Voss Says Council Can’t Be Believed").

    >>> from newsx.lexicon import default_lexicon
    >>> is_headline("Voss Says Council Can’t Be Believed", default_lexicon()), is_headline("He said no.", default_lexicon())
    (True, False)
    """
    settings = lexicon.quotes
    words = [w for w in text.split() if w[:1].isalpha()]
    if not 2 <= len(words) <= settings.max_headline_words:
        return False
    return sum(w[:1].isupper() for w in words) >= settings.headline_capitals * len(words)


def is_title_line(text: str, lexicon: Lexicon) -> bool:
    """A short line that does not end like a sentence and quotes nobody: a title or a heading in
    sentence case ("“...” — Jane Doe" is a quote).

    >>> from newsx.lexicon import default_lexicon
    >>> is_title_line("Sakaja tells off Nyong'o over the budget", default_lexicon()), is_title_line("He said no.", default_lexicon())
    (True, False)
    """
    words = text.split()
    return (2 <= len(words) <= lexicon.quotes.max_headline_words
            and text.rstrip()[-1] not in lexicon.quotes.sentence_closers
            and lexicon.quote_mark_pattern.search(text) is None)


def paraphrase_lines(article: Article) -> set[int]:
    """The paragraphs that are headlines, titles or teasers ("READ: ...", "OPINION: ..."): their
    attributions only paraphrase, or name another article."""
    lexicon = article.lexicon
    lines = set()
    for index, (start, end) in enumerate(article.paragraphs):
        line = article.text[start:end]
        if lexicon.patterns.teaser.match(line) or is_headline(line, lexicon) or is_title_line(line, lexicon):
            lines.add(index)
    return lines
