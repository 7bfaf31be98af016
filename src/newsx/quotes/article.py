"""One article as the quote rules see it: text, parse, paragraphs, quoted spans and the lookups
every pass shares, and :class:`Found`, a quote before its speaker is resolved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..lexicon import Lexicon
from ..marks import QuotedSpan, markup_regions, pair_marks
from ..normalize import paragraphs
from ..speakers import Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Found:
    """A quote before its speaker is resolved.

    ``rules`` names what made it, in order ("direct:cue-in-parse", "merge:mixed", ...), for
    ``--explain``; ``inherit`` marks a quote with no cue of its own, which continues the one before.
    """

    start: int
    end: int
    type: str
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None
    speaker_token: Optional["Token"] = None
    inherit: bool = False
    paragraph: int = 0
    quoted: Optional[QuotedSpan] = None
    speaker: Optional[Speaker] = None
    clausal: bool = False
    rules: list[str] = field(default_factory=list)

    def set_cue(self, cue_start: int, cue_end: int, speaker: Optional["Token"], rule: str) -> "Found":
        """Give the quote its cue and speaker token, naming the rule that found them."""
        self.cue_start, self.cue_end, self.speaker_token = cue_start, cue_end, speaker
        self.rules.append(rule)
        return self


class Article:
    """One article's text, parse, paragraphs and quoted spans, with the lookups the passes share."""

    def __init__(self, doc: "Doc", text: str, lexicon: Lexicon):
        self.doc = doc
        self.text = text
        self.lexicon = lexicon
        self.paragraphs = paragraphs(text)
        self.quoted = pair_marks(text, self.paragraphs, lexicon)
        # For every character: the index of the quoted span (marks included) it lies in, or -1.
        self.quote_at = [-1] * (len(text) + 1)
        for n, q in enumerate(self.quoted):
            end = (q.close_at + 1) if q.close_at is not None else q.end
            self.quote_at[q.open_at:end] = [n] * (end - q.open_at)
        self.markup = [False] * (len(text) + 1)
        for start, end in markup_regions(text, lexicon):
            self.markup[start:end] = [True] * (end - start)
        self.paragraph_at = [0] * (len(text) + 1)
        for n, (start, end) in enumerate(self.paragraphs):
            self.paragraph_at[start:end + 1] = [n] * (end + 1 - start)

    def in_quote(self, token: "Token") -> bool:
        """Whether a token lies between quote marks (or is one)."""
        return self.quote_at[token.idx] >= 0

    def tokens(self, start: int, end: int) -> list["Token"]:
        """The tokens covering characters ``start:end``."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def sentence_before(self, q: QuotedSpan) -> tuple[int, int]:
        """The text before a quote's opening mark back to the sentence start, in its paragraph."""
        p_start = self.paragraphs[q.paragraph][0]
        start = p_start
        for end_match in self.lexicon.patterns.sentence_end.finditer(self.text, p_start, q.open_at):
            if self.quote_at[end_match.start()] < 0:
                start = end_match.end()
        return start, q.open_at

    def sentence_after(self, q: QuotedSpan) -> tuple[int, int]:
        """The text after a quote's closing mark to the sentence end (or the next quote)."""
        p_end = self.paragraphs[q.paragraph][1]
        start = (q.close_at + 1) if q.close_at is not None else q.end
        end = p_end
        for i in range(start, p_end):
            if self.quote_at[i] >= 0:
                end = i
                break
            if self.text[i] in ".!?" and (i + 1 >= p_end or self.text[i + 1].isspace()):
                end = i + 1
                break
        return start, end
