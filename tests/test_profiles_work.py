"""Profiles are built with work linear in the article's length: counted, not timed.

Each case is a synthetic article of a repeated paragraph (invented people and organisations), built at
two sizes as a tokens-only spaCy Doc with hand-made entities (no model: the profile rules need no
parse). :func:`newsx.profiles.build_profiles` runs under a tracer that counts the lines executed in
``newsx/profiles/``; doubling the article may at most about double the count. A pass that rescans the
words or mentions before each mention (quadratic) would quadruple it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import newsx.profiles
import work
from docs import tokens
from newsx.base import SECTIONS
from newsx.profiles import build_profiles
from newsx.types import Entities, Entity, Mention
from work import MAX_GROWTH

#: The source files whose lines are counted.
COUNTED = str(Path(newsx.profiles.__file__).parent)

#: Repeats of each paragraph in the smaller article.
SIZE = 60

#: Paragraphs, each with the names it holds and their sections; "{n}" makes a name of its own per
#: repeat ("Vellbb", "Vellbc", ...), without it every repeat names the same person again.
PARAGRAPHS = {
    "one person named again and again": (
        "Councillor Ada Quell said the bridge would close. Quell told reporters she was sorry. "
        "The councillor said work would start soon.",
        [("Ada Quell", "people"), ("Quell", "people", "Ada Quell")]),
    "a new person in every paragraph": (
        "Marit Vell{n}, an engineer at the Harwick Port Board, said the cranes were old. "
        "She said the board would buy new ones.",
        [("Marit Vell{n}", "people"), ("Harwick Port Board", "organisations")]),
    "unnamed speakers and organisation nouns": (
        "Two boats sank, a police spokesman said. Analysts at Brinmoor Capital said prices would rise. "
        "The agency said it was checking. The spokesman said more was known.",
        [("Brinmoor Capital", "organisations")]),
    "names the model missed": (
        "Tove Marrick-Allard{n} heads the Lakeside Relief Fund. Marrick-Allard{n} said boats were needed, "
        "and Ileana Voss Barreto{n}, a curator at the Fjordhus Museum, agreed.",
        [("Lakeside Relief Fund", "organisations"), ("Fjordhus Museum", "organisations")]),
}


def letters(n: int) -> str:
    """A suffix of lower-case letters of its own for each ``n`` ("bb", "bc", ...): names hold no digits."""
    suffix = ""
    n += 27
    while n:
        n, digit = divmod(n, 26)
        suffix = "abcdefghijklmnopqrstuvwxyz"[digit] + suffix
    return suffix


def article(case: str, repeats: int) -> tuple[str, Entities]:
    """The text of ``repeats`` paragraphs of ``case`` and its entities, one entity per distinct name."""
    template, specs = PARAGRAPHS[case]
    paragraphs, found = [], {}
    offset = 0
    for n in range(repeats):
        paragraph = template.replace("{n}", letters(n))
        position = 0
        for spec in specs:
            surface = spec[0].replace("{n}", letters(n))
            canonical = (spec[2] if len(spec) > 2 else spec[0]).replace("{n}", letters(n))
            start = paragraph.index(surface, position)
            position = start + len(surface)
            found.setdefault((spec[1], canonical), []).append(
                Mention(surface, offset + start, offset + start + len(surface)))
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2
    labels = {"people": "PERSON", "organisations": "ORG"}
    sections: dict[str, list[Entity]] = {s: [] for s in SECTIONS}
    for (section, canonical), mentions in found.items():
        sections[section].append(Entity(canonical, labels[section], tuple(mentions)))
    return "\n\n".join(paragraphs), Entities(**{s: tuple(e) for s, e in sections.items()})


def lines_run(text: str, entities: Entities) -> int:
    """How many lines of ``newsx/profiles/`` run to build the profiles of ``text``."""
    return work.lines_run(build_profiles, tokens(text), text, entities, counted=(COUNTED,))


@pytest.mark.parametrize("case", list(PARAGRAPHS))
def test_profiles_work_grows_at_most_linearly_with_the_article(case):
    small, large = lines_run(*article(case, SIZE)), lines_run(*article(case, 2 * SIZE))
    assert small > 0
    assert large <= MAX_GROWTH * small, f"{case}: {small} lines for {SIZE} repeats, {large} for {2 * SIZE}"


def test_profiles_work_articles_are_what_they_say():
    """The synthetic articles name what the cases are about (so the counts measure real passes)."""
    text, entities = article("one person named again and again", 3)
    profiles = build_profiles(tokens(text), text, entities)
    person = profiles.for_entity(entities.people[0])
    assert person is not None and (person.name, person.role, person.gender) == ("Ada Quell", "councillor", "female")
    assert len(person.mentions) >= 9  # the name, the surname and "The councillor" in every paragraph
    text, entities = article("names the model missed", 2)
    names = {p.name for p in build_profiles(tokens(text), text, entities).profiles}
    assert {f"Tove Marrick-Allard{letters(0)}", f"Ileana Voss Barreto{letters(1)}"} <= names


def test_profiles_work_counter_sees_a_quadratic_pass(monkeypatch):
    """The counter is not blind: a pass that looks at every earlier name for each name makes the same
    article fail the bound."""
    from newsx.profiles import build

    original = build._own_profiles

    def quadratic(profiles, names):
        for name in names:  # the whole text before each mention, as a per-mention scan would read it
            for index in range(name.first):
                profiles.words.lower(index)  # a counted line per word
        return original(profiles, names)

    monkeypatch.setattr(build, "_own_profiles", quadratic)
    case = "a new person in every paragraph"
    small, large = lines_run(*article(case, SIZE)), lines_run(*article(case, 2 * SIZE))
    assert large > MAX_GROWTH * small
