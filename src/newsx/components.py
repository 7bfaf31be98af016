"""spaCy components of newsx. Importing this module imports spaCy: only pipeline.load does it."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .rules import DATELINE_PATTERN

PARAGRAPH_BREAKS = "newsx_paragraph_breaks"
_DATELINE = re.compile(DATELINE_PATTERN, re.MULTILINE)


@Language.component(PARAGRAPH_BREAKS, assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a dateline, before the parser runs.

    News copy puts a dateline, a timestamp or a headline on a line of its own; left to itself the
    parser attaches them to the next paragraph's sentence ("1:50 p.m. / Famed doctor X said: ...")
    and gives that sentence the wrong subject. The parser keeps sentence starts set before it.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    # "WASHINGTON, June 10 (UPI) — Clinton told ...": the story starts after the dateline.
    for match in _DATELINE.finditer(doc.text):
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc
