"""Cue verbs by their inflected forms (no model): irregular forms, regular suffixes, what is no cue."""
from __future__ import annotations

import pytest

from docs import tokens
from newsx.cues import cue_lemma, cue_verb, is_according, is_cue_form
from newsx.lexicon import default_lexicon


@pytest.mark.parametrize("word, lemma", [
    ("said", "say"), ("says", "say"), ("Said", "say"), ("told", "tell"), ("wrote", "write"), ("written", "write"),
    ("emphasised", "emphasise"), ("notes", "note"), ("admitted", "admit"), ("replied", "reply"),
    ("arguing", "argue"), ("tweeted", "tweet"), ("found", "find"), ("shown", "show"), ("sought", "seek"),
    ("table", None), ("the", None), ("shrugged", None), ("continued", None), ("sayings", None),
])
def test_cues_lemma_of_a_form(word, lemma):
    assert cue_lemma(word, default_lexicon()) == lemma


@pytest.mark.parametrize("word, kind", [("said", "speech"), ("tweeted", "writing"), ("believes", "thought"),
                                        ("praised", "stance"), ("showed", "evidence")])
def test_cues_kind_of_a_verb(word, kind):
    assert cue_verb(word, default_lexicon()).kind == kind


def test_cues_according_to_is_a_cue_form_and_needs_its_to():
    lexicon = default_lexicon()
    assert is_cue_form("according", lexicon) and not is_cue_form("accordingly", lexicon)
    doc = tokens("According to Doe, yes. Not according.")
    assert is_according(doc[0]) and not is_according(doc[-2])
