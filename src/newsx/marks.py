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


def _opens(mark: str, text: str, at: int, paragraph_end: int) -> bool:
    """Whether a mark found while no quotation is open may open one."""
    # Any mark may open, a closing mark too (news copy often opens with one: `to” joint action`),
    # as long as words follow it in the paragraph.
    return text[at + len(mark): paragraph_end].strip() != ""


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

    >>> from newsx.lexicon import default_lexicon
    >>> text = 'He said “yes” and ”no.”'
    >>> [text[s.start:s.end] for s in pair_marks(text, [(0, 23)], default_lexicon())]
    ['yes', 'no.']
    """
    pattern = lexicon.quote_mark_pattern
    spans: list[QuotedSpan] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        open_len = 0
        opened_with = ""
        tags = markup_regions(text, lexicon, p_start, p_end)
        for match in pattern.finditer(text, p_start, p_end):
            mark, at = match.group(0), match.start()
            if tags and any(start < at < end for start, end in tags):
                continue
            if open_at is None:
                if _opens(mark, text, at, p_end):
                    open_at, open_len, opened_with = at, len(mark), mark
            elif _closes(mark, text, at, opened_with, lexicon):
                start, end = trimmed(text, open_at + open_len, at)
                if end > start:
                    spans.append(QuotedSpan(start, end, open_at, at, index, False))
                open_at = None
            elif mark in lexicon.opening_marks and text[at - 1: at].isspace():
                # A second opening mark: the first one was never closed; start again here.
                open_at, open_len, opened_with = at, len(mark), mark
        if open_at is not None:
            start, end = trimmed(text, open_at + open_len, p_end)
            if end > start:
                spans.append(QuotedSpan(start, end, open_at, None, index, _reopens(text, paragraphs, index, pattern)))
    return spans


def _reopens(text: str, paragraphs: list[tuple[int, int]], index: int, pattern: re.Pattern[str]) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    start, end = paragraphs[index + 1]
    match = pattern.match(text, start, end)
    return match is not None
