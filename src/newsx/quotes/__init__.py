"""Who said what: direct quotes (between quote marks) and reported speech, with cue and speaker.

How it works, in three passes over one article (one module each):

1. :mod:`newsx.marks` pairs the quote marks, paragraph by paragraph; :mod:`.direct` gives each quoted
   span a cue and a speaker by named strategies tried in order (the parse, the words next to the
   quote, a colon or a dash, a colon closing the previous paragraph, the verb governing a partial
   quote); a quoted title of a work is no quote.
2. :mod:`.reported`: a cue verb outside quote marks with what it attributes ("X said (that) ...",
   "X told reporters ...", "according to X, ..."); a question put to the speaker is no quote.
3. :mod:`.assemble`: nested reports go to the outer speaker; a reported clause holding a direct
   quote becomes one "mixed" quote; headlines, titles and teasers (:mod:`.headlines`) hold no quote;
   speakers are resolved to full names by :mod:`newsx.speakers`; one statement is one quote: a
   quote left without a cue is the next part of the quote before it (the other half of a quote split
   by its cue, or the next paragraph of a quotation). :mod:`.kinds` says what kind of attribution
   each quote is (speech, writing, thought, stance, evidence) and selects the kinds asked for.

Every word list and threshold comes from the :class:`~newsx.lexicon.Lexicon`; each quote records the
rules that made it (``Quote.rules``, shown by ``--explain``). Each pass is linear in the article's
length: lookups are indexed by offset, and text around a quote is read within a bounded window.
"""
from __future__ import annotations

from .assemble import extract_quotes
from .direct import STRATEGIES, looks_like_title
from .kinds import resolve_kinds, select
from .parse import speaker_token

__all__ = ["STRATEGIES", "extract_quotes", "looks_like_title", "resolve_kinds", "select", "speaker_token"]
