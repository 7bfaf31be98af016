"""An article as an HTML page with its quotes marked: ``newsx show``.

Each quote is drawn under its text by spaCy's displaCy span renderer (``style="span"``, which
stacks overlapping spans), labelled with its speaker, one colour per speaker; the mention that
names the speaker is marked "speaker" in the same colour (also a "he" that stands for them), and the
cue in grey. The page is displaCy's markup in a small wrapper: a heading, a
legend of the speakers, and a Content-Security-Policy that lets it load nothing at all (displaCy's
markup uses inline styles and the system's fonts; the page works offline and runs no script).

displaCy reads tokens: the text of each paragraph is cut at spaces and wherever a quote, mention
or cue begins or ends, so that every span covers whole tokens. A quote mark or other punctuation
next to a span's end goes with the span (a quote's ``text`` excludes its marks; the page shows
them marked), so that words are not split from their marks. newsx's part is linear in the text;
displaCy's renderer checks every span at every token of a paragraph, which news paragraphs keep small.
"""
from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator, Optional

from .output import visible
from .types import Article, Quote

#: The label and colour of a cue, and of a quote without a speaker.
CUE = "cue"
CUE_COLOUR = "#c8c8c8"
NO_SPEAKER = "no speaker"
NO_SPEAKER_COLOUR = "#e6e6e6"

#: The page's Content-Security-Policy: nothing may be loaded or run; inline styles only.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_WORD = re.compile(r"\S+")
_PARAGRAPH = re.compile(r"[^\r\n]+")


def speaker_colour(index: int) -> str:
    """The colour of the ``index``-th speaker: hues a golden angle apart, light enough to read
    black text on, distinct however many speakers there are.

    >>> speaker_colour(0), speaker_colour(1)
    ('hsl(200, 75%, 72%)', 'hsl(338, 75%, 72%)')
    """
    return f"hsl({(200 + index * 137.508) % 360:.0f}, 75%, 72%)"


@dataclass(frozen=True)
class Mark:
    """A stretch of text to draw: ``start``/``end`` character offsets and its label."""

    start: int
    end: int
    label: str


def quote_label(quote: Quote) -> str:
    """What a quote is labelled with: its speaker (or NO_SPEAKER), shown safely."""
    return visible(quote.speaker, one_line=True) if quote.speaker else NO_SPEAKER


def _speakers(article: Article) -> dict[str, int]:
    """Each speaker's number, in the order they are first quoted: their colour."""
    numbers: dict[str, int] = {}
    for quote in article.quotes or ():
        if quote.speaker:
            numbers.setdefault(quote_label(quote), len(numbers))
    return numbers


def _mention_label(number: int) -> str:
    # displaCy colours a span by its label, and a mention is drawn in its speaker's colour: the
    # comment tells the speakers' "speaker" labels apart without showing.
    return f"speaker<!--{number}-->"


def marks(article: Article) -> list[Mark]:
    """The quotes, speaker mentions and cues of an article, each once, in text order; labels are
    displaCy markup (escaped text)."""
    numbers = _speakers(article)
    found: dict[tuple[int, int, str], None] = {}
    for quote in article.quotes or ():
        label = quote_label(quote)
        found[(quote.start, quote.end, _safe(label))] = None
        if quote.speaker and quote.speaker_start is not None and quote.speaker_end is not None:
            found[(quote.speaker_start, quote.speaker_end, _mention_label(numbers[label]))] = None
        if quote.cue_start is not None and quote.cue_end is not None:
            found[(quote.cue_start, quote.cue_end, CUE)] = None
    return sorted((Mark(*key) for key in found if key[0] < key[1]), key=lambda m: (m.start, -m.end, m.label))


def _widen(text: str, mark: Mark, words: list[tuple[int, int]], word_starts: list[int]) -> Mark:
    """``mark`` with the punctuation it cuts off a word taken in: ``“We`` is marked whole when the
    quote starts at ``W``."""
    start, end = mark.start, mark.end
    index = bisect_right(word_starts, start) - 1
    if index >= 0:
        first, last = words[index]
        if first < start < last and not any(ch.isalnum() for ch in text[first:start]):
            start = first
    index = bisect_right(word_starts, end) - 1
    if index >= 0:
        first, last = words[index]
        if first < end < last and not any(ch.isalnum() for ch in text[end:last]):
            end = last
    return Mark(start, end, mark.label)


def paragraphs(article: Article) -> Iterator[dict[str, Any]]:
    """displaCy's manual input for each paragraph (each line of text): its tokens, and its spans
    as token ranges with their labels. Linear in the text and its marks (offsets found by bisection).

    >>> text = "\u201cWe won,\u201d said Ana Lima."
    >>> quote = Quote("We won,", 1, 8, "direct", "Ana Lima", 15, 23, None, "said", 10, 14)
    >>> [paragraph] = paragraphs(Article("a.txt", text, quotes=(quote,)))
    >>> paragraph["tokens"], [(s["start_token"], s["end_token"], s["label"]) for s in paragraph["spans"]]
    (['\u201cWe', 'won,\u201d', 'said', 'Ana', 'Lima.'], [(0, 2, 'Ana Lima'), (2, 3, 'cue'), (3, 5, 'speaker<!--0-->')])
    """
    text = article.text
    blocks = [match.span() for match in _PARAGRAPH.finditer(text)]
    block_starts = [low for low, _ in blocks]
    inside: list[list[Mark]] = [[] for _ in blocks]
    for mark in marks(article):  # each mark to the paragraphs it overlaps
        index = max(bisect_right(block_starts, mark.start) - 1, 0)
        while index < len(blocks) and blocks[index][0] < mark.end:
            if blocks[index][1] > mark.start:
                inside[index].append(mark)
            index += 1
    for (low, high), here in zip(blocks, inside):
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, low, high)]
        if not words:
            continue
        word_starts = [first for first, _ in words]
        clipped = [_widen(text, Mark(max(m.start, low), min(m.end, high), m.label), words, word_starts) for m in here]
        cuts = sorted({offset for m in clipped for offset in (m.start, m.end)})
        tokens: list[tuple[int, int]] = []
        for first, last in words:
            edges = [first, *cuts[bisect_right(cuts, first):bisect_left(cuts, last)], last]
            tokens.extend(zip(edges, edges[1:]))
        token_starts = [first for first, _ in tokens]
        token_ends = [last for _, last in tokens]
        spans = []
        for mark in clipped:
            first_token, last_token = bisect_left(token_starts, mark.start), bisect_right(token_ends, mark.end)
            if first_token < last_token:
                spans.append({"start_token": first_token, "end_token": last_token, "label": mark.label})
        yield {"text": text[low:high], "tokens": [visible(text[s:e], one_line=True) for s, e in tokens],
               "spans": spans}


def _safe(label: str) -> str:
    # displaCy puts a span's label into its markup as it is (only token text is escaped).
    return html.escape(visible(label, one_line=True))


def colours(article: Article) -> dict[str, str]:
    """displaCy's ``colors`` option: each speaker's colour (for their quotes and the mentions naming
    them), in the order they are first quoted; grey for cues and quotes without a speaker."""
    table = {CUE: CUE_COLOUR, _safe(NO_SPEAKER): NO_SPEAKER_COLOUR}
    for label, number in _speakers(article).items():
        table[_safe(label)] = table[_mention_label(number)] = speaker_colour(number)
    return table


def render_markup(article: Article) -> str:
    """The article's paragraphs as displaCy span markup, quotes, speaker mentions and cues drawn."""
    from spacy import displacy

    parsed = list(paragraphs(article))
    if not parsed:
        return ""
    # Not minified: the spaces between displaCy's token elements are the spaces between the words.
    return displacy.render(parsed, style="span", manual=True, page=False, minify=False,
                           options={"colors": colours(article)})


def _legend(article: Article, palette: dict[str, str]) -> str:
    counts: dict[str, int] = {}
    for quote in article.quotes or ():
        counts[quote_label(quote)] = counts.get(quote_label(quote), 0) + 1
    items = "".join(
        f'<li><span class="swatch" style="background: {palette.get(_safe(label), NO_SPEAKER_COLOUR)}"></span>'
        f"{html.escape(label)} ({count} quote{'s' if count != 1 else ''})</li>" for label, count in counts.items())
    return f'<ul class="legend">{items}</ul>' if items else "<p>No quotes found.</p>"


_STYLE = ("body { font-family: system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; max-width: 60rem; "
          "margin: 2rem auto; padding: 0 1.5rem; color: #111; } h1 { font-size: 1.3rem; word-break: break-all; } "
          ".legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; } "
          ".swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.35em; "
          "vertical-align: -0.1em; border-radius: 2px; } .spans { margin-bottom: 1.2rem; } "
          # displaCy's labels sit on the first word of their span: on one line, however short the word.
          ".spans span[style*='z-index'] { white-space: nowrap; }")


def render_page(article: Article) -> str:
    """The whole HTML page of an article: a heading (its source), a legend of who is quoted, then
    the article with its quotes marked (:func:`render_markup`). It loads nothing and runs nothing.

    >>> page = render_page(Article("a.txt", "Nothing said here.", quotes=()))  # doctest: +SKIP
    """
    quotes = article.quotes or ()
    speakers = {quote.speaker for quote in quotes if quote.speaker}
    summary = (f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''} of {len(speakers)} "
               f"speaker{'s' if len(speakers) != 1 else ''}, each underlined in its speaker's colour and labelled "
               "with their name; the words naming the speaker in the same colour, the cue in grey")
    title = html.escape(visible(article.source, one_line=True))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title} (newsx)</title><style>{_STYLE}</style></head>\n"
        f"<body><h1>{title}</h1><p>{summary}</p>{_legend(article, colours(article))}\n"
        f"{render_markup(article)}\n</body></html>\n"
    )


class PageWriter:
    """The writer of ``newsx show``: the HTML page of the one article read. ``page`` holds it;
    ``nothing_written`` tells the runner to leave an ``-o`` file as it was when no article came."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.page: Optional[str] = None

    @property
    def nothing_written(self) -> bool:
        return self.page is None

    def write(self, article: Article) -> None:
        """Write the article's page."""
        self.page = render_page(article)
        self.stream.write(self.page.encode("utf-8", errors="backslashreplace"))
        self.stream.flush()

    def close(self) -> None:
        """Nothing to finish: the page was written whole."""
