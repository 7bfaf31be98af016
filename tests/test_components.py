"""The spaCy components: newsx_entities and newsx_quotes in a pipeline of one's own (found through the
``spacy_factories`` entry point), their Doc extensions and span groups, serialisation, and the
paragraph-breaks component of newsx's own pipeline.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"
SECTIONS = ("people", "countries", "places", "organisations", "other")

#: Every test here runs the components in a real pipeline.
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def user_nlp():
    """A plain spaCy pipeline (no newsx tokenizer rule, no normalising) with both components added."""
    import spacy

    from newsx.pipeline import resolve_model

    nlp = spacy.load(resolve_model())
    nlp.add_pipe("newsx_entities")
    nlp.add_pipe("newsx_quotes")
    return nlp


@pytest.fixture(scope="module")
def seed_doc(user_nlp, seed_text):
    return user_nlp(seed_text)


def test_components_entry_point_adds_quotes_without_importing_newsx():
    code = (
        "import json, sys\n"
        "import spacy\n"
        "before = 'newsx' in sys.modules\n"
        f"nlp = spacy.load({_model_name()!r})\n"
        "nlp.add_pipe('newsx_quotes')\n"
        f"doc = nlp(open({str(SEED)!r}, encoding='utf-8').read())\n"
        "print(json.dumps({'before': before, 'pipes': nlp.pipe_names,\n"
        "    'speakers': [q.speaker for q in doc._.newsx_quotes],\n"
        "    'spans': [[s.label_, s.start_char, s.end_char, s._.newsx_speaker] for s in doc.spans['newsx_quotes']],\n"
        "    'quotes': [[q.type, q.start, q.end, q.speaker] for q in doc._.newsx_quotes],\n"
        "    'speaker_spans': [[s.text, s._.newsx_name] for s in doc.spans['newsx_speakers']],\n"
        "    'blank': type(spacy.blank('en').add_pipe('newsx_paragraph_breaks')).__name__}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["before"] is False  # the script never imports newsx: spaCy found it by the entry point
    assert result["pipes"][-1] == "newsx_quotes"
    assert {"Li Shangfu", "The Jerusalem Post", "Kazem Jalali"} <= set(result["speakers"])
    # One span per quote, in the same order, labelled by type, covering the quote's characters.
    assert len(result["spans"]) == len(result["quotes"])
    for (label, start, end, speaker), (kind, q_start, q_end, q_speaker) in zip(result["spans"], result["quotes"]):
        assert (label, speaker) == (kind, q_speaker)
        assert start <= q_start < q_end <= end
    assert ["The defence minister", "Li Shangfu"] in result["speaker_spans"]
    assert result["blank"] == "ParagraphBreaks"  # registered by the same module, so found too


def _model_name() -> str:
    from newsx.pipeline import resolve_model

    return resolve_model()


def test_components_factories_declare_what_they_assign_and_require(user_nlp):
    import spacy

    entities_meta = user_nlp.get_pipe_meta("newsx_entities")
    quotes_meta = user_nlp.get_pipe_meta("newsx_quotes")
    assert entities_meta.requires == ["doc.ents"]
    assert {"token.dep", "token.head", "doc.ents"} <= set(quotes_meta.requires)
    assert "doc._.newsx_quotes" in quotes_meta.assigns and "doc._.newsx_entities" in entities_meta.assigns
    # In a full pipeline nothing is missing; in a blank one spaCy names what the component lacks.
    assert all(not problems for problems in user_nlp.analyze_pipes()["problems"].values())
    blank = spacy.blank("en")
    blank.add_pipe("newsx_quotes")
    assert set(blank.analyze_pipes()["problems"]["newsx_quotes"]) == {"token.dep", "token.head", "doc.ents"}


def test_components_entities_match_the_library(seed_doc):
    from newsx.entities import extract_entities

    from newsx.profiles import build_profiles

    entities = seed_doc._.newsx_entities
    library = extract_entities(seed_doc, seed_doc.text)
    assert entities == build_profiles(seed_doc, seed_doc.text, library).describe(library)
    assert [c.code for c in entities.countries][:2] == ["CN", "IR"]
    assert "Li Shangfu" in [p.name for p in entities.people]


def test_components_entity_spans_by_section_with_canonical_names(seed_doc):
    entities = seed_doc._.newsx_entities
    for section in SECTIONS:
        spans = list(seed_doc.spans[f"newsx_{section}"])
        mentions = [(e, m) for e in getattr(entities, section) for m in e.mentions]
        assert len(spans) == len(mentions), section
        for span, (entity, mention) in zip(spans, mentions):
            assert (span.label_, span._.newsx_name) == (entity.label, entity.name)
            assert span.start_char <= mention.start < mention.end <= span.end_char
    people = {(s.text, s._.newsx_name) for s in seed_doc.spans["newsx_people"]}
    assert ("Li", "Li Shangfu") in people
    assert {s.label_ for s in seed_doc.spans["newsx_people"]} == {"PERSON"}
    countries = {(s.text, s._.newsx_name) for s in seed_doc.spans["newsx_countries"]}
    assert ("Islamic Republic of Iran", "Iran") in countries and ("US", "United States") in countries


def test_components_quotes_match_the_library_and_use_the_entities(seed_doc):
    from newsx.lexicon import default_lexicon
    from newsx.quotes import extract_quotes, select

    expected = select(extract_quotes(seed_doc, seed_doc.text, entities=seed_doc._.newsx_entities),
                      default_lexicon().quotes.default_kinds)
    assert seed_doc._.newsx_quotes == expected
    spans = list(seed_doc.spans["newsx_quotes"])
    assert [(s.label_, s._.newsx_speaker) for s in spans] == [(q.type, q.speaker) for q in expected]
    direct = [s for s in spans if s.label_ == "direct"]
    assert direct[0].text.startswith("We will continue to strengthen") and direct[0]._.newsx_speaker == "Li Shangfu"
    assert [s._.newsx_speaker for s in direct] == ["Li Shangfu", "Li Shangfu", "The Jerusalem Post", "Kazem Jalali"]


def test_components_speaker_spans_once_per_naming(seed_doc):
    speakers = list(seed_doc.spans["newsx_speakers"])
    where = [(s.start_char, s.end_char) for s in speakers]
    assert len(where) == len(set(where))
    named = {(s.text, s.label_, s._.newsx_name) for s in speakers}
    assert ("The defence minister", "person", "Li Shangfu") in named
    assert ("Kazem Jalali", "person", "Kazem Jalali") in named
    assert ("the article", "organisation", "The Jerusalem Post") in named
    for quote in seed_doc._.newsx_quotes:
        if quote.speaker_start is not None:
            assert (quote.speaker_start, quote.speaker_end) in where


def test_components_spans_widen_to_tokens_when_a_name_ends_inside_one(user_nlp):
    text = "[ALEXANDER NEMENOV/AFP via Getty Images]\nChina's Li Shangfu spoke."
    doc = user_nlp.make_doc(text)
    with doc.retokenize() as retokenizer:  # a tokenizer that keeps "NEMENOV/AFP" whole
        start = text.index("NEMENOV")
        retokenizer.merge(doc.char_span(start, start + len("NEMENOV/AFP")))
    for _, component in user_nlp.pipeline:
        doc = component(doc)
    entities = doc._.newsx_entities
    assert "Alexander Nemenov" in [p.name for p in entities.people]
    assert "AFP" in [o.name for o in entities.organisations]
    for section in SECTIONS:
        mentions = [m for e in getattr(entities, section) for m in e.mentions]
        spans = list(doc.spans[f"newsx_{section}"])
        assert len(spans) == len(mentions)
        for span, mention in zip(spans, mentions):
            assert span.start_char <= mention.start < mention.end <= span.end_char
    afp = [s for s in doc.spans["newsx_organisations"] if s._.newsx_name == "AFP"]
    assert afp[0].text == "NEMENOV/AFP"


def test_components_results_survive_serialisation(user_nlp, seed_doc):
    from spacy.tokens import Doc, DocBin

    again = Doc(user_nlp.vocab).from_bytes(seed_doc.to_bytes())
    assert again._.newsx_quotes == seed_doc._.newsx_quotes
    assert again._.newsx_entities == seed_doc._.newsx_entities
    assert [s._.newsx_name for s in again.spans["newsx_speakers"]] == \
        [s._.newsx_name for s in seed_doc.spans["newsx_speakers"]]
    docs = DocBin(store_user_data=True, docs=[seed_doc])
    (restored,) = DocBin().from_bytes(docs.to_bytes()).get_docs(user_nlp.vocab)
    assert restored._.newsx_quotes == seed_doc._.newsx_quotes


def test_components_quotes_alone_and_with_a_spans_prefix():
    import spacy

    nlp = spacy.load(_model_name(), exclude=["lemmatizer", "attribute_ruler"])
    nlp.add_pipe("newsx_quotes", config={"spans_prefix": "news_"})
    doc = nlp("\u201cWe will win,\u201d said Angela Merkel in Berlin on Monday.")
    assert doc._.newsx_entities is None  # newsx_quotes works out the entities without storing them
    assert [(q.speaker, q.type, q.text) for q in doc._.newsx_quotes] == [("Angela Merkel", "direct", "We will win,")]
    assert [s.text for s in doc.spans["news_quotes"]] == ["We will win,"]
    assert [(s.text, s.label_) for s in doc.spans["news_speakers"]] == [("Angela Merkel", "person")]
    assert "newsx_quotes" not in doc.spans


def test_components_empty_doc(user_nlp):
    doc = user_nlp("")
    assert doc._.newsx_quotes == ()
    assert doc._.newsx_entities.people == ()
    assert len(doc.spans["newsx_quotes"]) == 0


def test_components_paragraph_breaks_start_sentences_at_line_breaks(nlp):
    doc = nlp("1:50 p.m.\nFamed doctor Jane Doe said the results were clear.")
    famed = next(t for t in doc if t.text == "Famed")
    assert "newsx_paragraph_breaks" in nlp.pipe_names
    assert nlp.pipe_names.index("newsx_paragraph_breaks") < nlp.pipe_names.index("parser")
    assert famed.is_sent_start
