"""Loading the pipeline: a slash between letters separates words, at no cost when spaCy's English
infixes do it already.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsx import pipeline


@pytest.fixture(scope="module")
def english():
    import spacy

    return spacy.blank("en")


@pytest.mark.parametrize("text, tokens", [
    ("Nemenov/AFP via Getty", ["Nemenov", "/", "AFP", "via", "Getty"]),
    ("Lena Park/AFP/Getty Images", ["Lena", "Park", "/", "AFP", "/", "Getty", "Images"]),
    ("NEMENOV/AFP", ["NEMENOV", "/", "AFP"]),
    ("a 24/7 service", ["a", "24/7", "service"]),  # not between letters
])
def test_pipeline_slash_between_letters_separates_words(nlp, text, tokens):
    assert [t.text for t in nlp.tokenizer(text)] == tokens


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé1/:-.,'\"() ", max_size=24))
def test_pipeline_english_infixes_split_wherever_the_slash_rule_does(english, text):
    # Why a tokenizer with the English infixes is left alone: adding the rule changes no match.
    from spacy.util import compile_infix_regex

    plain = compile_infix_regex(english.Defaults.infixes)
    with_rule = compile_infix_regex(list(english.Defaults.infixes) + [pipeline.SLASH_INFIX])
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in with_rule.finditer(text)]


def test_pipeline_english_infixes_are_left_as_they_are(english):
    before = english.tokenizer.infix_finditer
    pipeline.split_slashes(english)
    assert english.tokenizer.infix_finditer is before


def test_pipeline_other_infixes_get_the_slash_rule():
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    nlp.tokenizer.infix_finditer = compile_infix_regex([r"(?<=[0-9])[+](?=[0-9])"]).finditer
    assert [t.text for t in nlp.tokenizer("Nemenov/AFP")] == ["Nemenov/AFP"]
    pipeline.split_slashes(nlp)
    assert [t.text for t in nlp.tokenizer("Nemenov/AFP")] == ["Nemenov", "/", "AFP"]
