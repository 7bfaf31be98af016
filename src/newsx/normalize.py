"""Length-preserving clean-up of news text before spaCy reads it, and paragraph boundaries.

spaCy reads a *normalised copy* of the article whose every character sits at the same index as in
the original, so that offsets found on the copy index the original and every reported text is cut
from the original. What changes: exotic spaces become plain spaces; runs of ALL-CAPS words
(photo credits, shouted headlines) are title-cased, because the small English models read
"ALEXANDER NEMENOV" as an organisation but "Alexander Nemenov" as a person; a run of more than
MAX_RUN characters without a space gets one every MAX_RUN characters; lone surrogates become U+FFFD.
"""
from __future__ import annotations

import re

#: Spaces that spaCy's tokenizer would otherwise keep inside tokens or treat as words.
EXOTIC_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_TABLE = str.maketrans({ch: " " for ch in EXOTIC_SPACES})

#: Two or more ALL-CAPS words in a row (letters only, each at least two long).
ALL_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019.-]+(?:[ \t]+[A-Z][A-Z'\u2019.-]+)+\b")

_LINE = re.compile(r"[^\r\n]+")

#: Characters in a row without a space after which the normalised copy gets one: spaCy's tokenizer
#: takes time quadratic in such a run ("“" * 16000 took 32 s), and no word is that long.
MAX_RUN = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))

#: Lone UTF-16 surrogates (from JSON such as "\\ud800") cannot be encoded; spaCy fails on them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _break_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return "".join(ch if (i + 1) % MAX_RUN else " " for i, ch in enumerate(run))


def _title_case(match: re.Match[str]) -> str:
    words = match.group(0)
    titled = words.title()
    # str.title() can change the length of some non-ASCII letters; keep the original then.
    return titled if len(titled) == len(words) else words


def normalize(text: str) -> str:
    """Return a copy of ``text`` of the same length that spaCy's English models read better.

    >>> normalize("[ALEXANDER NEMENOV/AFP via Getty]\\u00a0")
    '[Alexander Nemenov/AFP via Getty] '
    """
    normalized = ALL_CAPS_RUN.sub(_title_case, text.translate(_SPACE_TABLE))
    if len(normalized) > MAX_RUN:
        normalized = _LONG_RUN.sub(_break_run, normalized)
    normalized = _SURROGATE.sub("\ufffd", normalized)
    assert len(normalized) == len(text)
    return normalized


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-blank line: news copy puts one paragraph on a line.

    >>> paragraphs("One.\\n\\nTwo.\\r\\nThree.")
    [(0, 4), (6, 10), (12, 18)]
    """
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if not m.group(0).isspace()]


def chunks(text: str, size: int) -> list[str]:
    """Split ``text`` into pieces of at most about ``size`` characters, at line breaks if possible.

    The pieces concatenate back to ``text`` exactly, so offsets in the joined result stay right.

    >>> chunks("aa\\nbb\\ncc", 4)
    ['aa\\n', 'bb\\n', 'cc']
    """
    pieces = []
    start = 0
    while len(text) - start > size:
        end = text.rfind("\n", start, start + size)
        if end <= start:
            end = text.rfind(" ", start, start + size)
        cut = end + 1 if end > start else start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces
