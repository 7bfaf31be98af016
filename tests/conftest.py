"""Fixtures, and the two tiers of the suite.

* The model-free tier tests rules on hand-built spaCy Docs (``tests/docs.py``) and a blank English
  tokenizer: ``python -m pytest -m "not model"`` runs it in seconds.
* Tests that load a spaCy pipeline carry the marker ``model`` (those using the ``nlp``, ``extractor``
  or ``seed_doc`` fixtures get it here, automatically; others are marked in their modules). They run
  on the real model, never skipped for lack of it.

In a run that deselects ``model``, loading a pipeline in this process fails the test that does it,
so a test that needs the model cannot hide in the fast tier.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"

#: Fixtures that load the real pipeline: a test using one is a ``model`` test.
MODEL_FIXTURES = frozenset({"nlp", "extractor", "seed_doc", "user_nlp", "entities_only_nlp", "analyzed"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


def pytest_collection_finish(session):
    # Collection imported spaCy, numpy and every module: millions of long-lived objects that each
    # full garbage collection would scan again during the run. Frozen, they are left alone.
    import gc

    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _no_model_in_the_fast_tier(request, monkeypatch):
    """With ``-m "not model"``, a test that loads a pipeline without the marker fails, by name."""
    expression = request.config.getoption("-m") or ""
    if "not model" not in expression or request.node.get_closest_marker("model"):
        yield
        return
    import spacy

    def refuse(*args, **kwargs):
        pytest.fail(f"{request.node.nodeid} loads a spaCy pipeline: mark it `model`", pytrace=False)

    monkeypatch.setattr(spacy, "load", refuse)
    yield


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline newsx loads for entities and quotes."""
    from newsx import pipeline

    return pipeline.load(tasks=("entities", "quotes"))


@pytest.fixture(scope="session")
def extractor():
    """A newsx Extractor for entities and quotes, loaded once."""
    from newsx.core import Extractor

    return Extractor(tasks=("entities", "quotes"))


@pytest.fixture(scope="session")
def tokenizer():
    """A blank English pipeline with newsx's tokenizer settings: Docs without a model (fast tier)."""
    import spacy

    from newsx.pipeline import split_slashes

    blank = spacy.blank("en")
    split_slashes(blank)
    return blank


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article, decoded as newsx decodes it."""
    return SEED.read_text(encoding="utf-8")
