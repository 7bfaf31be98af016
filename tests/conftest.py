"""One pipeline per test session, on the real model (tests never skip for lack of it)."""
from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"


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
def seed_text() -> str:
    """The seed article, decoded as newsx decodes it."""
    return SEED.read_text(encoding="utf-8")
