"""Hand-built spaCy Docs for the model-free tier: a parse written as a table, no model loaded.

    doc = parsed('''
        “      ``    punct     said
        We     PRP   nsubj     win
        win    VB    ccomp     said
        ,      ,     punct     win
        ”      ''    punct     said
        said   VBD   ROOT      said
        Jane   NNP   compound  Doe     B-PERSON
        Doe    NNP   nsubj     said    I-PERSON
        .      .     punct     said
    ''', text="“We win,” said Jane Doe.")

Each row is a token: its text, fine-grained tag, dependency label, its head (the text of the head
token; ``word#2`` for the second token with that text) and, optionally, its entity in IOB form.
``text`` is the article: the tokens must appear in it in order, and the whitespace between them
comes from it (a line break becomes a whitespace token, as spaCy's tokenizer makes one), so that
character offsets are those of the text. The parse need not be what a model would give: it is the
parse each rule is tested on.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc
from spacy.vocab import Vocab


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """One shared English vocabulary (a blank pipeline's, no model)."""
    import spacy

    return spacy.blank("en").vocab


def _rows(table: str) -> list[list[str]]:
    return [line.split() for line in table.strip().splitlines() if line.strip()]


def parsed(table: str, *, text: str) -> Doc:
    """A Doc of ``text`` with the tags, dependencies, heads and entities of ``table``."""
    rows = _rows(table)
    words, spaces, tags, deps, heads_by_name, ents = [], [], [], [], [], []
    position = 0
    seen: dict[str, int] = {}
    names: dict[str, int] = {}
    index_of_row: list[int] = []
    for number, row in enumerate(rows):
        if len(row) not in (4, 5):
            raise ValueError(f"row {number + 1}: want text, tag, dep, head [, IOB entity]: {row}")
        word, tag, dep, head = row[:4]
        start = text.find(word, position)
        if start < 0:
            raise ValueError(f"row {number + 1}: {word!r} is not in the text after offset {position}")
        gap = text[position:start]
        if words and gap not in ("", " "):
            if gap.strip():
                raise ValueError(f"row {number + 1}: text {gap!r} before {word!r} has no row")
            # A whitespace token, as spaCy's tokenizer makes for a line break or a run of spaces.
            spaces[-1] = gap.startswith(" ")
            words.append(gap[1:] if gap.startswith(" ") else gap)
            spaces.append(False)
            tags.append("_SP")
            deps.append("dep")
            heads_by_name.append(None)
            ents.append("O")
        elif words:
            spaces[-1] = gap == " "
        seen[word] = seen.get(word, 0) + 1
        names[word if seen[word] == 1 else f"{word}#{seen[word]}"] = len(words)
        index_of_row.append(len(words))
        words.append(word)
        spaces.append(False)
        tags.append(tag)
        deps.append(dep)
        heads_by_name.append(head)
        ents.append(row[4] if len(row) == 5 else "O")
        position = start + len(word)
    tail = text[position:]
    if tail.strip():
        raise ValueError(f"text {tail!r} at the end has no row")
    if words and tail:
        spaces[-1] = tail.startswith(" ")
        if tail not in (" ", ""):
            words.append(tail[1:] if tail.startswith(" ") else tail)
            spaces.append(False)
            tags.append("_SP")
            deps.append("dep")
            heads_by_name.append(None)
            ents.append("O")
    heads = []
    for i, head in enumerate(heads_by_name):
        if head is None:  # a whitespace token hangs off the token before it
            heads.append(i - 1 if i else i)
        elif head not in names:
            raise ValueError(f"head {head!r} is not a token (write word#2 for the second {head!r})")
        else:
            heads.append(names[head])
    doc = Doc(vocab(), words=words, spaces=spaces, tags=tags, deps=deps, heads=heads, ents=ents)
    if doc.text != text:
        raise ValueError(f"the rows make {doc.text!r}, not the text")
    return doc


def tokens(text: str, *, ents: tuple[tuple[str, str], ...] = ()) -> Doc:
    """A Doc of ``text`` split at spaces (punctuation as its own token), with no parse, and the
    entities ``ents`` ((surface, label), in order): for rules that read only words and entities."""
    doc = _blank().make_doc(text)
    spans, position = [], 0
    for surface, label in ents:
        start = text.index(surface, position)
        spans.append(doc.char_span(start, start + len(surface), label=label, alignment_mode="expand"))
        position = start + len(surface)
    doc.ents = spans
    return doc


@lru_cache(maxsize=1)
def _blank():
    import spacy

    from newsx.pipeline import split_slashes

    blank = spacy.blank("en")
    split_slashes(blank)
    return blank
