"""The words the profile rules read (newsx.profiles.words), on tokens-only Docs: hyphenated words
joined, spaces and line breaks between words, sentences and paragraphs, and what each word is."""
from __future__ import annotations

import pytest

from docs import tokens
from newsx.lexicon import default_lexicon
from newsx.profiles.words import Words


def words_of(text: str) -> Words:
    return Words(tokens(text), text, default_lexicon())


@pytest.mark.parametrize("text, expected", [
    ("Wambugu-Kiarie said.", ["Wambugu-Kiarie", "said", "."]),
    ("a Mombasa-based firm", ["a", "Mombasa-based", "firm"]),
    ("north - south", ["north", "-", "south"]),  # a dash between spaces joins nothing
    ("Ana  Lopes\n\nRui", ["Ana", "Lopes", "Rui"]),  # spaces and line breaks are no words
    ("", []),
    ("  \n ", []),
])
def test_profiles_words_are_tokens_joined_across_hyphens(text, expected):
    words = words_of(text)
    assert [w.text for w in words] == expected
    assert all(text[w.start:w.end] == w.text for w in words)
    doc = words.doc
    for token in doc:  # each token points to the word it is part of, spaces to none
        word = words.of_token[token.i]
        assert (word == -1) if token.is_space else words[word].first <= token.i <= words[word].last


def test_profiles_words_know_their_sentence_and_paragraph():
    text = "Ana Lopes spoke. Rui Matos left!\n\nThe port closed"
    words = words_of(text)
    by_text = {w.text: w for w in words}
    assert [by_text[t].sentence for t in ("Ana", "spoke", "Rui", "left", "port")] == [0, 0, 1, 1, 2]
    assert [by_text[t].paragraph for t in ("Ana", "left", "port")] == [0, 0, 1]
    assert words.sentence_first == [0, 4, 8]
    assert words.sentence_start(words.at_char(text.index("Matos"))) == 4


def test_profiles_words_a_dateline_ends_a_sentence():
    text = "OSLO, May 2 (Reuters) - The port reopened."
    words = words_of(text)
    the = words[words.at_char(text.index("The"))]
    assert the.sentence == 1 and words.furniture[words.at_char(text.index("Reuters"))]


@pytest.mark.parametrize("text, lower, capitalised, acronym, alpha", [
    ("Wambugu-Kiarie", "wambugu-kiarie", True, False, True),
    ("U.N.", "u.n.", True, True, True),
    ("WHO", "who", True, True, True),
    ("said", "said", False, False, True),
    (",", ",", False, False, False),
])
def test_profiles_words_what_a_word_is(text, lower, capitalised, acronym, alpha):
    word = words_of(text)[0]
    assert (word.lower, word.capitalised, word.is_acronym, word.is_alpha) == (lower, capitalised, acronym, alpha)


def test_profiles_words_name_words_are_found_once_and_in_order():
    text = "Councillor Tove Marrick-Allard met van Dijk and the mayor."
    words = words_of(text)
    found = [words[i].text for i in words.name_word_indices()]
    assert found == ["Councillor", "Tove", "Marrick-Allard", "van", "Dijk"]
    assert all(words.is_name_word(i) == (i in words.name_word_indices()) for i in range(len(words)))
