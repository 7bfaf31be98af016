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
from typing import Iterator

#: Spaces that spaCy's tokenizer would otherwise keep inside tokens or treat as words.
EXOTIC_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_TABLE = str.maketrans({ch: " " for ch in EXOTIC_SPACES})

#: Two or more ALL-CAPS words in a row (letters only, each at least two long). What it matches is
#: found by :func:`caps_runs`: the pattern applied by ``re`` backtracks in time quadratic in a long
#: run of words that never ends at a word boundary ("A. A. A. ...": 44 s for 80,000 characters).
ALL_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'\u2019.-]+(?:[ \t]+[A-Z][A-Z'\u2019.-]+)+\b")

#: The pieces of ALL_CAPS_RUN, each matched where it must start (no backtracking between them).
_CAPS_START = re.compile(r"\b[A-Z][A-Z'\u2019.-]")
_CAPS_WORD = re.compile(r"[A-Z][A-Z'\u2019.-]+")
_CAPS_GAP = re.compile(r"[ \t]+")
_BOUNDARY = re.compile(r"\b")

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


def _title_case(words: str) -> str:
    titled = words.title()
    # str.title() can change the length of some non-ASCII letters; keep the original then.
    return titled if len(titled) == len(words) else words


def caps_runs(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each match of ALL_CAPS_RUN in ``text``, the same as ``finditer``
    finds, in time linear in the text.

    From a start, the pattern's words run as far as they can (a word is followed by a space or a
    tab and the next word, or ends the run); only the last word may then give back characters, so
    that the run ends at a word boundary; and when no word after the first can, no start in the
    same run of words can either, so the search goes on after it.

    >>> list(caps_runs("By JOHN SMITH. A. A. A. and NATO"))
    [(3, 13)]
    """
    position = 0
    while True:
        found = _CAPS_START.search(text, position)
        if found is None:
            return
        start = found.start()
        words = []  # (start, end) of each word of the run, as far as it goes
        word = _CAPS_WORD.match(text, start)
        assert word is not None
        end = word.end()
        while True:
            gap = _CAPS_GAP.match(text, end)
            word = _CAPS_WORD.match(text, gap.end()) if gap else None
            if word is None:
                break
            words.append((word.start(), word.end()))
            end = word.end()
        stop = _run_end(text, words)
        if stop is None:
            position = end
            continue
        yield start, stop
        position = stop


def _run_end(text: str, words: list[tuple[int, int]]) -> int | None:
    """Where a run ends with ``words`` after its first: the end of the longest prefix (two
    characters or more) of the last word that ends at a word boundary, else of the word before."""
    for word_start, word_end in reversed(words):
        for stop in range(word_end, word_start + 1, -1):
            if _BOUNDARY.match(text, stop):
                return stop
    return None


def _title_case_runs(text: str) -> str:
    pieces = []
    done = 0
    for start, end in caps_runs(text):
        pieces += [text[done:start], _title_case(text[start:end])]
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def normalize(text: str) -> str:
    """Return a copy of ``text`` of the same length that spaCy's English models read better.

    >>> normalize("[ALEXANDER NEMENOV/AFP via Getty]\\u00a0")
    '[Alexander Nemenov/AFP via Getty] '
    """
    normalized = _title_case_runs(text.translate(_SPACE_TABLE))
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
