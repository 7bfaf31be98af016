"""Who said what: direct quotes (between quote marks) and reported speech, with cue and speaker.

How it works, in three passes over one article (one module each):

1. :mod:`newsx.marks` pairs the quote marks, paragraph by paragraph; :mod:`.direct` gives each quoted
   span a cue and a speaker by named strategies tried in order (the parse, the words next to the
   quote, a colon or a dash, a colon closing the previous paragraph, the verb governing a partial
   quote). A quote left without a cue continues the quotation before it: the other half of a quote
   split by its cue, or a follow-on paragraph of the last speaker.
2. :mod:`.reported`: a cue verb outside quote marks with what it attributes ("X said (that) ...",
   "X told reporters ...", "according to X, ..."); :mod:`.headlines`: "X: ..." and "X Says ...".
3. :mod:`.assemble`: nested reports go to the outer speaker; a reported clause holding a direct
   quote becomes one "mixed" quote; speakers are resolved to full names by :mod:`newsx.speakers`.

Every word list and threshold comes from the :class:`~newsx.lexicon.Lexicon`; each quote records the
rules that made it (``Quote.rules``, shown by ``--explain``).
"""
from __future__ import annotations

from .assemble import extract_quotes
from .direct import STRATEGIES, looks_like_title
from .parse import speaker_token

__all__ = ["STRATEGIES", "extract_quotes", "looks_like_title", "speaker_token"]
