"""Speakers and their profiles, rule by rule, on hand-built Docs (no model): every affiliation pattern,
every "not an affiliation" case, gender, names joined, role and organisation nouns (newsx.profiles),
and how a speaker token is resolved on them (newsx.speakers). Texts are invented for these tests.

Entities are built by hand too (``names``), so that each rule is tested on the names it is given,
whatever the recogniser would find; the real-model tests are at the end (marker ``model``).
"""
from __future__ import annotations

import pytest

from docs import parsed, tokens
from newsx.base import SECTIONS
from newsx.lexicon import default_lexicon
from newsx.profiles import build_profiles
from newsx.quotes import extract_quotes
from newsx.speakers import SpeakerResolver
from newsx.types import Entities, Entity, Mention

LABELS = {"people": "PERSON", "organisations": "ORG", "countries": "GPE", "places": "GPE", "other": "NORP"}
COUNTRY_CODES = {"Croatia": "HR", "Brazil": "BR", "Kenya": "KE", "Norway": "NO", "Argentina": "AR",
                 "Iran": "IR", "Russia": "RU", "Chile": "CL"}


def names(text: str, *specs) -> Entities:
    """Entities of ``text`` from (surface, section[, canonical name[, label]]) in text order; mentions of
    one canonical name form one entity."""
    found: dict[tuple[str, str], list] = {}
    position = 0
    labels: dict[tuple[str, str], str] = {}
    for spec in specs:
        surface, section = spec[0], spec[1]
        canonical = spec[2] if len(spec) > 2 and spec[2] else surface
        start = text.index(surface, position)
        position = start + len(surface)
        found.setdefault((section, canonical), []).append(Mention(surface, start, start + len(surface)))
        labels[(section, canonical)] = spec[3] if len(spec) > 3 else LABELS[section]
    sections: dict[str, list[Entity]] = {s: [] for s in SECTIONS}
    for (section, canonical), mentions in found.items():
        code = COUNTRY_CODES.get(canonical) if section == "countries" else None
        sections[section].append(Entity(canonical, labels[(section, canonical)], tuple(mentions), code))
    return Entities(**{s: tuple(e) for s, e in sections.items()})


def profile_of(text: str, who: str, *specs):
    """The profile of the person or group named ``who`` (its canonical name) in ``text``."""
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, *specs))
    chosen = [p for p in profiles.profiles if p.name == who]
    assert len(chosen) == 1, [(p.kind, p.name) for p in profiles.profiles]
    return chosen[0]


# -- affiliation patterns: each named rule, on its own invented sentence ---------------------------

AFFILIATIONS = {
    "possessive-title": (
        "Chile's Energy Minister Rosa Talavera said on Monday that prices would fall.",
        [("Chile", "countries"), ("Rosa Talavera", "people")],
        "Rosa Talavera", "energy minister", "Chile"),
    "demonym-title": (
        "Brazilian Finance Minister Joaquim Teles said the plan was dead.",
        [("Joaquim Teles", "people")],
        "Joaquim Teles", "finance minister", "Brazil"),
    "appositive-role (economist at)": (
        "Amara Osei, an economist at Dunmore Capital, said growth would slow.",
        [("Amara Osei", "people"), ("Dunmore Capital", "organisations")],
        "Amara Osei", "economist", "Dunmore Capital"),
    "appositive-role (president of, with acronym)": (
        "Klaus Ebersold-Rainer, president of the Association of Upland Hauliers (AUH), said trucks were idle.",
        [("Klaus Ebersold-Rainer", "people"), ("Association of Upland Hauliers", "organisations"),
         ("AUH", "organisations", "Association of Upland Hauliers")],
        "Klaus Ebersold-Rainer", "president", "Association of Upland Hauliers"),
    "appositive-role (a place-based company)": (
        "Njeri Wambugu-Kiarie, chief economist at Mombasa-based Pwani Holdings, said rates were high.",
        [("Njeri Wambugu-Kiarie", "people"), ("Pwani Holdings", "organisations")],
        "Njeri Wambugu-Kiarie", "chief economist", "Pwani Holdings"),
    "appositive-role (a company's spokesman)": (
        "Tomas Vikander, a Nordvik Energy spokesman, said the plant had reopened.",
        [("Tomas Vikander", "people"), ("Nordvik Energy", "organisations")],
        "Tomas Vikander", "spokesman", "Nordvik Energy"),
    "possessive-referent (the board's director)": (
        "The Harbour Inspection Board fined two ferry firms. The board's regional director, Olu Bankole, said more "
        "checks would follow.",
        [("Harbour Inspection Board", "organisations"), ("Olu Bankole", "people")],
        "Olu Bankole", "regional director", "Harbour Inspection Board"),
    "possessive-referent (its chief executive)": (
        "Qorvane Mining posted a loss. Its chief executive, Dara Flint, said the mine would stay open.",
        [("Qorvane Mining", "organisations"), ("Dara Flint", "people")],
        "Dara Flint", "chief executive", "Qorvane Mining"),
    "role-before-name (a spokesperson for)": (
        "A spokeswoman for Tellbridge, Mina Sorensen, said no data had been lost.",
        [("Tellbridge", "organisations"), ("Mina Sorensen", "people")],
        "Mina Sorensen", "spokeswoman", "Tellbridge"),
    "organisation-before-title (club and coach)": (
        "Riverside FC coach Danny Okafor said his players were tired.",
        [("Riverside FC", "organisations"), ("Danny Okafor", "people")],
        "Danny Okafor", "coach", "Riverside FC"),
    "organisation-before-title (party and president)": (
        "NDP president Sunita Rao said the party would fight every seat.",
        [("NDP", "organisations"), ("Sunita Rao", "people")],
        "Sunita Rao", "president", "NDP"),
    "organisation-before-title (firm and analyst)": (
        "Halvorsen Partners analyst Erik Moe said demand had peaked.",
        [("Halvorsen Partners", "organisations"), ("Erik Moe", "people")],
        "Erik Moe", "analyst", "Halvorsen Partners"),
    "organisation-before-title (party opening a sentence)": (
        "Tory MP Gwen Ashdown said the vote was lost.",
        [("Gwen Ashdown", "people")],
        "Gwen Ashdown", "MP", "Conservative Party"),
    "party-title": (
        "Republican Senator Hank Voyle said the bill was dead.",
        [("Hank Voyle", "people")],
        "Hank Voyle", "senator", "Republican Party"),
    "place-before-title": (
        "Kerala Chief Minister Anand Pillai said the dam was safe.",
        [("Kerala", "places", None, "GPE"), ("Anand Pillai", "people")],
        "Anand Pillai", "chief minister", "Kerala"),
    "of-organisation": (
        "Councillor Beth Arkwright of the opposition Green Party said the vote was rushed.",
        [("Beth Arkwright", "people"), ("Green Party", "organisations")],
        "Beth Arkwright", "councillor", "Green Party"),
    "of-organisation (a place after a title)": (
        "Senator Paul Denholm of Vermont said the bill would pass.",
        [("Paul Denholm", "people"), ("Vermont", "places", None, "GPE")],
        "Paul Denholm", "senator", "Vermont"),
    "party-appositive": (
        "Senator Ruth Calloway, a Republican from Idaho, said she opposed the bill.",
        [("Ruth Calloway", "people"), ("Republican", "other", None, "NORP"), ("Idaho", "places", None, "GPE")],
        "Ruth Calloway", "senator", "Republican Party"),
    "party-letter": (
        "Representative Hal Brannigan (D-Ohio) said the vote was close.",
        [("Hal Brannigan", "people")],
        "Hal Brannigan", "representative", "Democratic Party"),
    "heads-organisation (an earlier sentence)": (
        "Wairimu Gathoni heads the Lakeside Relief Fund. \u201cWe need boats,\u201d Gathoni said.",
        [("Wairimu Gathoni", "people"), ("Lakeside Relief Fund", "organisations"),
         ("Gathoni", "people", "Wairimu Gathoni")],
        "Wairimu Gathoni", None, "Lakeside Relief Fund"),
    "heads-organisation (who leads)": (
        "Ivo Marsh, who leads the Tidewater Institute, said the survey was flawed.",
        [("Ivo Marsh", "people"), ("Tidewater Institute", "organisations")],
        "Ivo Marsh", None, "Tidewater Institute"),
}


@pytest.mark.parametrize("case", list(AFFILIATIONS))
def test_profiles_affiliation_rule(case):
    text, specs, who, role, organisation = AFFILIATIONS[case]
    profile = profile_of(text, who, *specs)
    assert (profile.role, profile.organisation) == (role, organisation)
    assert profile.rules["organisation"] == case.split(" (")[0]


UNNAMED = {
    "a spokesperson for": ("A spokesperson for the Tidewater Institute said the survey would be redone.",
                           [("Tidewater Institute", "organisations")], "spokesperson", "Tidewater Institute"),
    "analysts at": ("Analysts at Dunmore Capital said the shilling would weaken.",
                    [("Dunmore Capital", "organisations")], "analysts", "Dunmore Capital"),
    "an organisation noun before the role": (
        "Hollins City Council closed the bridge, a council spokesman said.",
        [], "council spokesman", "Hollins City Council"),
    "an organisation noun with no name": ("Three men were held, a police spokesman said.", [],
                                          "police spokesman", "police"),
}


@pytest.mark.parametrize("case", list(UNNAMED))
def test_profiles_unnamed_speaker_has_the_organisation_of_its_phrase(case):
    text, specs, who, organisation = UNNAMED[case]
    profile = profile_of(text, who, *specs)
    assert not profile.named and profile.organisation == organisation


NOT_AFFILIATIONS = {
    "a place visited": ("Lena Voss, who visited the Orbis Bank last week, said loans were needed.",
                        [("Lena Voss", "people"), ("Orbis Bank", "organisations")]),
    "a place spoken in": ("Lena Voss, speaking in Geneva, said loans were needed.",
                          [("Lena Voss", "people"), ("Geneva", "places", None, "GPE")]),
    "the outlet told": ("Lena Voss told the Evening Courier that loans were needed.",
                        [("Lena Voss", "people"), ("Evening Courier", "organisations")]),
    "the outlet that quotes": ("The Evening Courier quoted Lena Voss as saying loans were needed.",
                               [("Evening Courier", "organisations"), ("Lena Voss", "people")]),
    "a city of residence": ("Lena Voss of Dayton said loans were needed.",
                            [("Lena Voss", "people"), ("Dayton", "places", None, "GPE")]),
    "a nationality with no official title": ("Chilean midfielder Lena Voss said the pitch was poor.",
                                             [("Lena Voss", "people")]),
    "a person's possessive": ("The driver's lawyer, Lena Voss, said he would appeal.",
                              [("Lena Voss", "people")]),
}


@pytest.mark.parametrize("case", list(NOT_AFFILIATIONS))
def test_profiles_not_an_affiliation(case):
    text, specs = NOT_AFFILIATIONS[case]
    assert profile_of(text, "Lena Voss", *specs).organisation is None


# -- names -----------------------------------------------------------------------------------------


def test_profiles_multi_part_surname_joins_the_full_name_even_typed_as_organisation():
    text = "Foreign Minister Ana Ribeiro Costa said talks had failed. Ribeiro Costa told reporters she was calm."
    doc = tokens(text)
    entities = names(text, ("Ana Ribeiro Costa", "people"), ("Ribeiro Costa", "organisations"))
    profiles = build_profiles(doc, text, entities)
    person = profiles.for_entity(entities.people[0])
    assert person is profiles.for_entity(entities.organisations[0])
    assert (person.kind, person.name, person.gender) == ("person", "Ana Ribeiro Costa", "female")


def test_profiles_bare_surname_no_entity_covers_names_the_person():
    text = "Dunja Kovač said on Friday the talks were over. \u201cWe tried,\u201d Kovač told reporters."
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, ("Dunja Kovač", "people")))
    word = profiles.words.at_char(text.rindex("Kovač"))
    assert profiles.references[word].profile.name == "Dunja Kovač"


@pytest.mark.parametrize("text, spec, who, role", [
    ("Councillor Mei Tanaka-Hart said the plan was rushed.", (), "Mei Tanaka-Hart", "councillor"),
    ("Ilse Brekkan, a curator at the Fjordhus Museum, said the loan was rare.",
     (("Fjordhus Museum", "organisations"),), "Ilse Brekkan", "curator"),
])
def test_profiles_name_the_model_missed_is_recognised_by_its_title_or_role(text, spec, who, role):
    assert profile_of(text, who, *spec).role == role


def test_profiles_organisation_name_runs_on_over_of_and_a_country():
    text = "The Central Bank of Chile kept rates on hold. The bank said inflation had eased."
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, ("Central Bank", "organisations"), ("Chile", "countries")))
    bank = profiles.references[profiles.words.at_char(text.index("bank said"))]
    assert (bank.rule, bank.profile.name) == ("organisation-noun", "Central Bank of Chile")


def test_profiles_person_the_text_uses_only_as_an_organisation_is_one():
    text = "Union Verde striker Pablo Ruiz said the club was broke."
    profile = profile_of(text, "Pablo Ruiz", ("Union Verde", "people"), ("Pablo Ruiz", "people"))
    assert profile.organisation == "Union Verde"


def test_profiles_people_get_role_organisation_and_gender_in_the_entities():
    text = "Chile's Energy Minister Rosa Talavera said prices would fall. Ms Talavera said so twice."
    doc = tokens(text)
    entities = names(text, ("Chile", "countries"), ("Rosa Talavera", "people"), ("Talavera", "people", "Rosa Talavera"))
    described = build_profiles(doc, text, entities).describe(entities)
    person = described.people[0]
    assert (person.role, person.organisation, person.gender) == ("energy minister", "Chile", "female")


# -- gender: only as the text gives it -------------------------------------------------------------

GENDERS = {
    "honorific": ("Ms Odile Ferrand said the strike was over.", "Odile Ferrand", "female", "honorific"),
    "gendered word": ("Company spokesman Odile Ferrand said the strike was over.", "Odile Ferrand", "male",
                      "gendered-word"),
    "pronoun": ("Odile Ferrand said the strike was over. She thanked the drivers.", "Odile Ferrand", "female",
                "pronoun"),
    "possessive in the same sentence": ("Odile Ferrand said after meeting his drivers that the strike was over.",
                                        "Odile Ferrand", "male", "pronoun"),
    "none given": ("Odile Ferrand said the strike was over.", "Odile Ferrand", None, None),
    "pronoun inside a quotation": ("\u201cShe saved us,\u201d Odile Ferrand said.", "Odile Ferrand", None, None),
}


@pytest.mark.parametrize("case", list(GENDERS))
def test_profiles_gender_as_the_text_refers_to_the_person(case):
    text, who, gender, rule = GENDERS[case]
    profile = profile_of(text, who, (who, "people"))
    assert (profile.gender, profile.rules.get("gender")) == (gender, rule)


def test_profiles_gender_not_from_an_ambiguous_pronoun():
    text = "Odile Ferrand questioned Marc Aubry for hours about his role in the deal."
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, ("Odile Ferrand", "people"), ("Marc Aubry", "people")))
    assert [p.gender for p in profiles.profiles] == [None, None]


def test_profiles_pronoun_skips_a_person_of_the_other_gender():
    text = ("Ms Odile Ferrand opened the talks. Mr Marc Aubry, the union leader, spoke next. "
            "She said the offer stood.")
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, ("Odile Ferrand", "people"), ("Marc Aubry", "people")))
    assert profiles.antecedents[profiles.words.at_char(text.index("She"))].name == "Odile Ferrand"


def test_profiles_pronoun_in_an_opening_phrase_refers_to_the_subject_after_it():
    text = "Marc Aubry left early. In her closing speech, Odile Ferrand thanked the staff."
    profile = profile_of(text, "Odile Ferrand", ("Marc Aubry", "people"), ("Odile Ferrand", "people"))
    assert profile.gender == "female"


# -- role nouns ------------------------------------------------------------------------------------


def test_profiles_role_noun_with_a_nationality_is_the_person_of_that_country():
    text = ("Croatia's Foreign Minister Ivana Horvat met Brazilian Foreign Minister Paulo Rangel. "
            "The Brazilian minister said the talks went well.")
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, ("Croatia", "countries"), ("Ivana Horvat", "people"),
                                               ("Paulo Rangel", "people")))
    ref = profiles.references[profiles.words.at_char(text.index("minister said"))]
    assert (ref.rule, ref.profile.name, ref.profile.organisation) == ("role-noun", "Paulo Rangel", "Brazil")


def test_profiles_role_noun_shares_a_word_of_the_role():
    text = ("The council's cabinet member for housing, Jo Pike, said rents were too high. "
            "The housing chief added that building would start in May.")
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text, ("Jo Pike", "people")))
    assert profiles.references[profiles.words.at_char(text.index("chief added"))].profile.name == "Jo Pike"


def test_profiles_unnamed_role_is_one_person_when_named_again():
    text = "Six men were held, a police spokesman said. The spokesman said more arrests were likely."
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text))
    first = profiles.references[profiles.words.at_char(text.index("spokesman said"))]
    second = profiles.references[profiles.words.at_char(text.rindex("spokesman"))]
    assert first.profile is second.profile and second.rule == "role-noun"
    assert (first.profile.name, first.profile.gender) == ("police spokesman", "male")


# -- speakers on a parse ---------------------------------------------------------------------------

RUN_OF_QUOTES = "“We will win,” said Ana Lopes. “We are ready,” said Rui Matos. “Not yet,” she said."
RUN_OF_QUOTES_PARSE = """
    “      ``   punct  win
    We     PRP  nsubj  win
    will   MD   aux    win
    win    VB   ccomp  said
    ,      ,    punct  said
    ”      ''   punct  said
    said   VBD  ROOT   said
    Ana    NNP  compound  Lopes  B-PERSON
    Lopes  NNP  nsubj  said      I-PERSON
    .      .    punct  said
    “      ``   punct  are
    We     PRP  nsubj  are
    are    VBP  ccomp  said#2
    ready  JJ   acomp  are
    ,      ,    punct  said#2
    ”      ''   punct  said#2
    said   VBD  ROOT   said#2
    Rui    NNP  compound  Matos  B-PERSON
    Matos  NNP  nsubj  said#2    I-PERSON
    .      .    punct  said#2
    “      ``   punct  Not
    Not    RB   ccomp  said#3
    yet    RB   advmod  Not
    ,      ,    punct  said#3
    ”      ''   punct  said#3
    she    PRP  nsubj  said#3
    said   VBD  ROOT   said#3
    .      .    punct  said#3
"""


def speaker_rule(quote) -> str:
    return next(rule for rule in quote.rules if rule.startswith("speaker:"))


def run_of_quotes(text: str, table: str):
    doc = parsed(table, text=text)
    entities = names(text, ("Ana Lopes", "people"), ("Rui Matos", "people"))
    return list(extract_quotes(doc, text, entities=entities))


def test_speakers_pronoun_goes_to_an_earlier_speaker_when_the_last_has_the_other_gender():
    text = RUN_OF_QUOTES.replace("said Rui Matos", "said Mr Rui Matos")
    table = RUN_OF_QUOTES_PARSE.replace("    Rui    NNP", "    Mr     NNP  compound  Matos  O\n    Rui    NNP")
    found = run_of_quotes(text, table)
    assert [(q.speaker, q.speaker_gender) for q in found] == [
        ("Ana Lopes", "female"), ("Rui Matos", "male"), ("Ana Lopes", "female")]
    assert speaker_rule(found[2]) == "speaker:pronoun"  # the person "she" refers to, not the last speaker


def test_speakers_pronoun_keeps_the_floor_with_the_last_speaker():
    found = run_of_quotes(RUN_OF_QUOTES, RUN_OF_QUOTES_PARSE)
    assert [q.speaker for q in found] == ["Ana Lopes", "Rui Matos", "Rui Matos"]
    assert speaker_rule(found[2]) == "speaker:pronoun-last-speaker"
    assert (found[1].speaker_gender, found[2].speaker_gender) == ("female", "female")  # "she" is Rui Matos here


def test_speakers_the_name_in_apposition_speaks_for_the_role_phrase():
    text = "A spokeswoman for Tellbridge, Mina Sorensen, said no data was lost."
    table = """
        A            DT   det    spokeswoman
        spokeswoman  NN   nsubj  said
        for          IN   prep   spokeswoman
        Tellbridge   NNP  pobj   for        B-ORG
        ,            ,    punct  spokeswoman
        Mina         NNP  compound  Sorensen  B-PERSON
        Sorensen     NNP  appos  spokeswoman  I-PERSON
        ,            ,    punct  spokeswoman
        said         VBD  ROOT   said
        no           DT   det    data
        data         NNS  nsubjpass  lost
        was          VBD  auxpass  lost
        lost         VBN  ccomp  said
        .            .    punct  said
    """
    doc = parsed(table, text=text)
    entities = names(text, ("Tellbridge", "organisations"), ("Mina Sorensen", "people"))
    quote, = extract_quotes(doc, text, entities=entities)
    assert (quote.speaker, quote.organisation, quote.speaker_gender, quote.speaker_role) == (
        "Mina Sorensen", "Tellbridge", "female", "spokeswoman")
    # --explain says which rule gave each.
    assert quote.rules[-3:] == ("speaker:name", "organisation:role-before-name", "gender:gendered-word")
    assert text[quote.speaker_start:quote.speaker_end] == "Mina Sorensen"


@pytest.mark.parametrize("text, table, entity", [
    ("Dr said the results were good.", """
        Dr       NNP  nsubj  said
        said     VBD  ROOT   said
        the      DT   det    results
        results  NNS  nsubj  were
        were     VBD  ccomp  said
        good     JJ   acomp  were
        .        .    punct  said
    """, ()),
    ("HALDEN - Halden said the bridge would close.", """
        HALDEN   NNP  ROOT   HALDEN    B-GPE
        -        :    punct  HALDEN
        Halden   NNP  nsubj  said      B-GPE
        said     VBD  ROOT   said
        the      DT   det    bridge
        bridge   NN   nsubj  close
        would    MD   aux    close
        close    VB   ccomp  said
        .        .    punct  said
    """, (("HALDEN", "other", "Halden", "GPE"), ("Halden", "other", "Halden", "GPE"))),
])
def test_speakers_never_a_speaker_a_title_alone_or_a_dateline(text, table, entity):
    doc = parsed(table, text=text)
    lexicon = default_lexicon()
    resolver = SpeakerResolver(doc, text, names(text, *entity), lexicon)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    if entity:  # a dateline's city is page furniture; the same city as a subject may be its government
        assert resolver.resolve(doc[0]) is None
        assert resolver.resolve(subject).name == "Halden"
        return
    assert resolver.resolve(subject) is None
    assert list(extract_quotes(doc, text, entities=names(text, *entity))) == []


def test_speakers_a_heading_names_nobody_who_speaks_outside_it():
    text = "Contact Details\n\n\u201cWe close at noon,\u201d said the note."
    doc = tokens(text)
    resolver = SpeakerResolver(doc, text, names(text), default_lexicon())
    heading = doc[1]  # "Details"
    assert resolver.profiles.words.heading[resolver.profiles.word_of_token(heading.i)]
    assert resolver.resolve(heading, paragraph=1) is None
    assert resolver.resolve(heading, paragraph=0) is not None  # a headline's own attribution stands


@pytest.mark.parametrize("text, furniture", [
    ("By Ines Valcourt\n\nThe port reopened.", "Ines"),
    ("OSLO, May 2 (Reuters) - The port reopened.", "Reuters"),
    ("The port reopened. [IVAR LUND/AFP via Getty Images]", "AFP"),
])
def test_profiles_bylines_datelines_and_credits_are_page_furniture(text, furniture):
    doc = tokens(text)
    profiles = build_profiles(doc, text, names(text))
    assert profiles.words.furniture[profiles.words.at_char(text.index(furniture))]
    assert not profiles.words.furniture[profiles.words.at_char(text.index("port"))]


def test_quotes_subject_before_an_aside_speaks_when_the_parse_gives_the_cue_none():
    # The small model's parse of such a sentence: the title read as a verb, the name as its object.
    text = "Acme spokesperson Jo Lund, speaking in Oslo, said prices would rise."
    table = """
        Acme          NNP  nsubj   spokesperson  B-ORG
        spokesperson  VBP  advcl   said
        Jo            NNP  compound  Lund        B-PERSON
        Lund          NNP  dobj    spokesperson  I-PERSON
        ,             ,    punct   spokesperson
        speaking      VBG  advcl   spokesperson
        in            IN   prep    speaking
        Oslo          NNP  pobj    in            B-GPE
        ,             ,    punct   said
        said          VBD  ROOT    said
        prices        NNS  nsubj   rise
        would         MD   aux     rise
        rise          VB   ccomp   said
        .             .    punct   said
    """
    doc = parsed(table, text=text)
    entities = names(text, ("Acme", "organisations"), ("Jo Lund", "people"), ("Oslo", "places", None, "GPE"))
    quote, = extract_quotes(doc, text, entities=entities)
    assert (quote.text, quote.speaker, quote.organisation, quote.speaker_role) == (
        "prices would rise", "Jo Lund", "Acme", "spokesperson")


def test_speakers_canonical_name_is_the_same_for_every_quote_of_a_person():
    text = "Ana Lopes said the deal was fair. Lopes said talks went on."
    table = """
        Ana    NNP  compound  Lopes  B-PERSON
        Lopes  NNP  nsubj  said      I-PERSON
        said   VBD  ROOT   said
        the    DT   det    deal
        deal   NN   nsubj  was
        was    VBD  ccomp  said
        fair   JJ   acomp  was
        .      .    punct  said
        Lopes  NNP  nsubj  said#2    B-PERSON
        said   VBD  ROOT   said#2
        talks  NNS  nsubj  went
        went   VBD  ccomp  said#2
        on     RP   prt    went
        .      .    punct  said#2
    """
    doc = parsed(table, text=text)
    entities = names(text, ("Ana Lopes", "people"), ("Lopes", "people", "Ana Lopes"))
    found = list(extract_quotes(doc, text, entities=entities))
    assert [q.speaker for q in found] == ["Ana Lopes", "Ana Lopes"]
    assert [speaker_rule(q) for q in found] == ["speaker:name", "speaker:name"]


# -- the whole pipeline ----------------------------------------------------------------------------

PIPELINE = [
    ("Kenya's Trade Minister Akinyi Odhiambo said on Friday that exports had risen. "
     "\u201cWe are on course,\u201d she told reporters.",
     [("Akinyi Odhiambo", "Kenya", "female"), ("Akinyi Odhiambo", "Kenya", "female")]),
    ("Maple Grove FC head coach Liam Doherty said his side deserved the win. "
     "\u201cThe boys were brilliant,\u201d Doherty said.",
     [("Liam Doherty", "Maple Grove FC", "male"), ("Liam Doherty", "Maple Grove FC", "male")]),
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", PIPELINE)
def test_speakers_whole_pipeline_gives_name_organisation_and_gender(extractor, text, expected):
    article = extractor(text)
    assert [(q.speaker, q.organisation, q.speaker_gender) for q in article.quotes] == expected


# -- the lexicon behind the rules -----------------------------------------------------------------


@pytest.mark.parametrize("row, message", [
    ("democrat\tDD\tDemocratic Party\n", "letter must be one capital letter"),
    ("Democrat\tD\tDemocratic Party\n", "must be lower case"),
])
def test_lexicon_parties_are_validated(tmp_path, row, message):
    from newsx.lexicon import LexiconError, load_lexicon

    (tmp_path / "parties.tsv").write_text("member\tletter\tparty\n" + row, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(tmp_path)


def test_lexicon_a_role_of_ones_own_reaches_the_profiles(tmp_path):
    from newsx.lexicon import load_lexicon

    (tmp_path / "people.add.tsv").write_text("word\ttitle\trole\tgender\nselector\tyes\tyes\t-\n", encoding="utf-8")
    text = "Chief Selector Ravi Menon said the squad was settled."
    doc = tokens(text)
    entities = names(text, ("Ravi Menon", "people"))
    packaged = build_profiles(doc, text, entities).for_entity(entities.people[0])
    own = build_profiles(doc, text, entities, lexicon=load_lexicon(tmp_path)).for_entity(entities.people[0])
    assert packaged is not None and own is not None
    assert (packaged.role, own.role) == (None, "chief selector")


# -- every speaker is among the entities -----------------------------------------------------------


def test_profiles_a_speaker_the_recogniser_missed_joins_the_entities():
    text = ("Councillor Tove Marrick-Allard said the bridge would close. Harwick Town Council agreed. "
            "Marrick-Allard said work would start in May.")
    doc = tokens(text)
    entities = names(text)  # the recogniser found nobody
    profiles = build_profiles(doc, text, entities)
    described = profiles.with_speakers(profiles.describe(entities), {"Tove Marrick-Allard"})
    person, = described.people
    assert (person.name, person.label, person.role) == ("Tove Marrick-Allard", "PERSON", "councillor")
    assert [m.text for m in person.mentions] == ["Tove Marrick-Allard", "Marrick-Allard"]
    assert all(text[m.start:m.end] == m.text for m in person.mentions)
    assert described.organisations == ()  # the council speaks in no quote: the entities stay as found
    # Nobody is added for a name that speaks in no quote.
    assert profiles.with_speakers(entities, {"Ada Quell"}) is entities


def test_profiles_added_speakers_keep_the_entities_in_order_of_first_mention():
    text = "Tove Marrick-Allard heads the Lakeside Relief Fund. Ivo Marsh said the boats were late."
    doc = tokens(text)
    entities = names(text, ("Lakeside Relief Fund", "organisations"), ("Ivo Marsh", "people"))
    profiles = build_profiles(doc, text, entities)
    described = profiles.with_speakers(profiles.describe(entities), {"Tove Marrick-Allard", "Ivo Marsh"})
    assert [p.name for p in described.people] == ["Tove Marrick-Allard", "Ivo Marsh"]
    assert described.people[0].organisation == "Lakeside Relief Fund"
