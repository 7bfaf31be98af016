"""Headlines: a short line in title case attributes with a colon or a verb in capitals.

"Graham: Trump’s Rhetoric Destroying GOP’s Chances", "Rubio Says Trump Can’t Be Trusted".
"""
from __future__ import annotations

from typing import Iterator

from ..cues import cue_lemma
from ..lexicon import Lexicon
from ..marks import trimmed
from .article import Article, Found


def is_headline(text: str, lexicon: Lexicon) -> bool:
    """A short line in title case: a headline, where attributions are "X: ..." or "X Says ...".

    >>> from newsx.lexicon import default_lexicon
    >>> is_headline("Rubio Says Trump Can’t Be Trusted", default_lexicon()), is_headline("He said no.", default_lexicon())
    (True, False)
    """
    settings = lexicon.quotes
    words = [w for w in text.split() if w[:1].isalpha()]
    if not 2 <= len(words) <= settings.max_headline_words:
        return False
    return sum(w[:1].isupper() for w in words) >= settings.headline_capitals * len(words)


def headline_reports(article: Article) -> Iterator[Found]:
    """The attribution of each headline: its speaker is a named entity among its first words."""
    lexicon = article.lexicon
    settings = lexicon.quotes
    for index, (start, end) in enumerate(article.paragraphs):
        line = article.text[start:end]
        if not is_headline(line, lexicon) or article.quote_at[start] >= 0:
            continue
        tokens = [t for t in article.tokens(start, end) if not t.is_space]
        for position, token in enumerate(tokens[1:1 + settings.headline_cue_window], start=1):
            colon = token.text == ":"
            if not (colon or (cue_lemma(token.text, lexicon) and token.text[:1].isupper())):
                continue
            speaker = tokens[position - 1]
            if not (speaker.text[:1].isupper() and speaker.ent_type_ in settings.headline_speaker_labels):
                break
            content_start, content_end = trimmed(article.text, token.idx + len(token), end)
            content_end = content_start + len(article.text[content_start:content_end].rstrip(" ."))
            if len(article.text[content_start:content_end].split()) >= 2:
                found = Found(content_start, content_end, "indirect", paragraph=index)
                yield found.set_cue(token.idx, token.idx + len(token), speaker,
                                    "headline:colon" if colon else "headline:verb")
            break
