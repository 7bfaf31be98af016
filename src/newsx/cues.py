"""Cue verbs: from a word or token to the verb of saying it is a form of, by the lexicon.

A cue is matched by its inflected form ("emphasised", "told"), not by spaCy's lemmatizer, so that the
quotes task can run without the lemmatizer and attribute ruler (see :mod:`newsx.pipeline`). Irregular
forms come from ``cue_forms.tsv``; regular ones are undone by the suffix rules of ``inflections.tsv``.
spaCy is never imported here: tokens are only read.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .lexicon import CueVerb, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Words looked up are cached with their lemma (or None) per lexicon, up to this many.
_CACHE_LIMIT = 65536


def _cache(lexicon: Lexicon) -> dict[str, Optional[str]]:
    cache: dict[str, Optional[str]] = lexicon.derived("cues.lemma_cache", lambda _: {})
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    return cache


def lemma_candidates(word: str, lexicon: Lexicon) -> list[str]:
    """The lemmas a lower-case word may be a regular inflection of, by ``inflections.tsv``.

    >>> from newsx.lexicon import default_lexicon
    >>> "admit" in lemma_candidates("admitted", default_lexicon()), lemma_candidates("notes", default_lexicon())[:3]
    (True, ['notes', 'not', 'note'])
    """
    candidates = [word]
    for suffix, replacements in lexicon.inflections:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            candidates += [stem + r for r in replacements]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "admitted" -> "admit"
    return candidates


def cue_lemma(word: str, lexicon: Lexicon) -> Optional[str]:
    """The cue verb a word is a form of, or None.

    >>> from newsx.lexicon import default_lexicon
    >>> [cue_lemma(w, default_lexicon()) for w in ("emphasised", "told", "notes", "found", "table")]
    ['emphasise', 'tell', 'note', 'find', None]
    """
    cache = _cache(lexicon)
    lower = word.lower()
    if lower in cache:
        return cache[lower]
    if lower in lexicon.cue_forms:
        lemma: Optional[str] = lexicon.cue_forms[lower]
    else:
        lemma = next((c for c in lemma_candidates(lower, lexicon) if c in lexicon.cues), None)
    cache[lower] = lemma
    return lemma


def cue_verb(word: str, lexicon: Lexicon) -> Optional[CueVerb]:
    """The lexicon's entry for the cue verb a word is a form of, or None.

    >>> from newsx.lexicon import default_lexicon
    >>> cue_verb("praised", default_lexicon()).kind
    'stance'
    """
    lemma = cue_lemma(word, lexicon)
    return lexicon.cues[lemma] if lemma is not None else None


def is_cue_form(word: str, lexicon: Lexicon) -> bool:
    """Whether a word could be a cue: a form of a cue verb, or the "according" of "according to".

    >>> from newsx.lexicon import default_lexicon
    >>> is_cue_form("according", default_lexicon()), is_cue_form("bridge", default_lexicon())
    (True, False)
    """
    return word.lower() == "according" or cue_lemma(word, lexicon) is not None


def is_cue_verb(token: "Token", lexicon: Lexicon) -> bool:
    """A verb of saying (or, with a clause, of thinking), by its form and part of speech."""
    return token.tag_.startswith("VB") and cue_lemma(token.text, lexicon) is not None


def is_according(token: "Token") -> bool:
    """The "according" of "according to X"."""
    return token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
