"""Pairing quote marks, paragraph by paragraph, in text whose marks are messy.

News copy mixes straight and curly marks, uses a closing mark to open, forgets to close, and runs a
quotation over several paragraphs by re-opening each one and closing only the last. The pairing
never gives up on an article: each paragraph is paired on its own, and what cannot be paired is
either joined to the next paragraph's re-opened quote or left as a quote to the paragraph's end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The words between a pair of quote marks, marks excluded, whitespace trimmed.

    ``open_at``/``close_at`` are the marks' own offsets (``close_at`` is None when the paragraph
    ended first); ``continued`` is True when the next paragraph re-opens the same quotation.

    >>> QuotedSpan(1, 4, 0, 4, 0, False).closed
    True
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    paragraph: int
    continued: bool

    @property
    def closed(self) -> bool:
        """Whether a closing mark ended the quotation (not the end of its paragraph)."""
        return self.close_at is not None


def markup_regions(text: str, lexicon: Lexicon, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where HTML or XML tags left in the text are (``<tweet author="X">``): their quote marks are
    not quotes, and nobody speaks inside them.

    >>> from newsx.lexicon import default_lexicon
    >>> markup_regions('<p class="x">Hi</p>', default_lexicon())
    [(0, 13), (15, 19)]
    """
    end = len(text) if end is None else end
    if "<" not in text[start:end]:
        return []
    return [m.span() for m in lexicon.patterns.markup_tag.finditer(text, start, end)]


def _opens(mark: str, at: int, text_end: int) -> bool:
    """Whether a mark found while no quotation is open may open one (``text_end``: where the
    paragraph's last non-space character ends)."""
    # Any mark may open, a closing mark too (news copy often opens with one: `to” joint action`),
    # as long as words follow it in the paragraph.
    return at + len(mark) < text_end


def _closes(mark: str, text: str, at: int, opened_with: str, lexicon: Lexicon) -> bool:
    """Whether a mark found inside an open quotation closes it."""
    if mark in lexicon.partner_closing_marks.get(opened_with, ()):
        return True
    if mark in lexicon.opening_marks:
        return False
    if mark in lexicon.closing_marks or mark not in lexicon.ambiguous_marks:
        return True
    # A straight mark glued to the next word and preceded by a space opens rather than closes.
    before = text[at - 1: at] if at else " "
    after = text[at + len(mark): at + len(mark) + 1]
    return not (before.isspace() and after.isalnum())


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without the whitespace at either end.

    >>> trimmed("  yes ", 0, 6)
    (2, 5)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def pair_marks(text: str, paragraphs: list[tuple[int, int]], lexicon: Lexicon) -> list[QuotedSpan]:
    """Find every quoted span, pairing marks within each paragraph.

    A quotation opened with a single mark and closed with a double one (``'We win," she said``), or
    the reverse, is paired too. Each paragraph is read once, marks and tags in order: the work is
    linear in the paragraph's length.

    >>> from newsx.lexicon import default_lexicon
    >>> text = 'He said “yes” and ”no.”'
    >>> [text[s.start:s.end] for s in pair_marks(text, [(0, 23)], default_lexicon())]
    ['yes', 'no.']
    >>> text = "'We win" + '," she said.'  # opened with a single mark, closed with a double
    >>> [text[s.start:s.end] for s in pair_marks(text, [(0, len(text))], default_lexicon())]
    ['We win,']
    """
    pattern = lexicon.quote_mark_pattern
    spans: list[QuotedSpan] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        open_len = 0
        opened_with = ""
        tags = markup_regions(text, lexicon, p_start, p_end)
        tag = 0
        scanned = p_start  # where the search for a single opening mark starts again
        text_end = p_start + len(text[p_start:p_end].rstrip())
        for match in pattern.finditer(text, p_start, p_end):
            mark, at = match.group(0), match.start()
            while tag < len(tags) and tags[tag][1] <= at:
                tag += 1
            if tag < len(tags) and tags[tag][0] < at < tags[tag][1]:
                continue
            if open_at is None:
                single = _single_opening(text, scanned, at, lexicon) if _looks_closing(mark, text, at, lexicon) else None
                if single is not None:  # 'We win," she said.
                    start, end = trimmed(text, single + 1, at)
                    if end > start:
                        spans.append(QuotedSpan(start, end, single, at, index, False))
                elif _opens(mark, at, text_end):
                    open_at, open_len, opened_with = at, len(mark), mark
            elif _closes(mark, text, at, opened_with, lexicon):
                start, end = trimmed(text, open_at + open_len, at)
                if end > start:
                    spans.append(QuotedSpan(start, end, open_at, at, index, False))
                open_at = None
            elif mark in lexicon.opening_marks and text[at - 1: at].isspace():
                # A second opening mark: the first one was never closed; start again here.
                open_at, open_len, opened_with = at, len(mark), mark
            scanned = at + len(mark)
        if open_at is not None:
            single = _single_closing(text, open_at + open_len, p_end, lexicon)
            if single is not None:  # "We win,' she said.
                start, end = trimmed(text, open_at + open_len, single)
                if end > start:
                    spans.append(QuotedSpan(start, end, open_at, single, index, False))
                continue
            start, end = trimmed(text, open_at + open_len, p_end)
            if end > start:
                spans.append(QuotedSpan(start, end, open_at, None, index, _reopens(text, paragraphs, index, pattern)))
    return spans


def _looks_closing(mark: str, text: str, at: int, lexicon: Lexicon) -> bool:
    """A double mark that, with no quotation open, has the shape of a closing one: glued to the
    word or punctuation before it, and followed by a space, punctuation or the end."""
    if mark in lexicon.opening_marks:
        return False
    before = text[at - 1: at] if at else " "
    after = text[at + len(mark): at + len(mark) + 1]
    return not before.isspace() and (not after or after.isspace() or after in lexicon.quotes.punctuation_after_close)


def _single_opening(text: str, start: int, end: int, lexicon: Lexicon) -> int | None:
    """The first single mark in ``text[start:end]`` that opens a quotation: at the start of a
    word (after a space, a bracket or a dash, or at ``start`` itself)."""
    marks, before = lexicon.quotes.single_opening_marks, lexicon.quotes.characters_before_open
    for i in range(start, end):
        if text[i] in marks and (i == 0 or not text[i - 1].isalnum()) and text[i + 1: i + 2].isalnum():
            if i == start or text[i - 1].isspace() or text[i - 1] in before:
                return i
    return None


def _single_closing(text: str, start: int, end: int, lexicon: Lexicon) -> int | None:
    """The single mark that closes a quotation opened with a double mark and never closed: the
    first one after a sentence's punctuation (``,' she said``), unless a single quotation opened
    inside it first (``'no,'`` is a quotation within the quotation)."""
    opening, closing = lexicon.quotes.single_opening_marks, lexicon.quotes.single_closing_marks
    for i in range(start, end):
        ch = text[i]
        if ch in opening and (i == start or text[i - 1].isspace()) and text[i + 1: i + 2].isalnum():
            return None
        if ch in closing and text[i - 1: i] in lexicon.quotes.punctuation_before_close and (
                i + 1 >= end or text[i + 1].isspace()):
            return i
    return None


def _reopens(text: str, paragraphs: list[tuple[int, int]], index: int, pattern: re.Pattern[str]) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    start, end = paragraphs[index + 1]
    match = pattern.match(text, start, end)
    return match is not None
