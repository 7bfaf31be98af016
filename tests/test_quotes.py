"""Who said what: each pattern the attributor handles, as a small named case of our own."""
from __future__ import annotations

import pytest



def quotes_of(extractor, text):
    return extractor(text).quotes


@pytest.fixture(scope="module")
def every(extractor):
    """An extractor that lists every kind of attribution (``--attributions all``)."""
    from newsx.core import Extractor

    return Extractor(tasks=extractor.tasks, attributions="all")


def only(quotes, fragment):
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, f"expected one quote with {fragment!r}, got {[q.text for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(
    "text, fragment, speaker, kind",
    [
        # Quote marks: straight, curly, two apostrophes, nested singles.
        ('"The bridge will open in May," Laura Finch said.', "bridge will open", "Laura Finch", "direct"),
        ("“The bridge will open in May,” Laura Finch said.", "bridge will open", "Laura Finch", "direct"),
        ("''The bridge will open in May,'' Laura Finch said.", "bridge will open", "Laura Finch", "direct"),
        ("“The ‘new’ bridge will open in May,” said Laura Finch.", "new’ bridge", "Laura Finch", "direct"),
        # Introduced by a cue and a colon or a comma in the same sentence.
        ("Laura Finch, the city engineer, said: “The bridge will open in May.”", "bridge will open",
         "Laura Finch", "direct"),
        # Reported speech.
        ("Laura Finch said that the bridge would open in May.", "the bridge would open", "Laura Finch", "indirect"),
        ("Laura Finch told reporters the bridge would open in May.", "the bridge would open", "Laura Finch",
         "indirect"),
        ("Laura Finch warned that the bridge would not open before May.", "would not open", "Laura Finch",
         "indirect"),
        ("According to Laura Finch, the bridge will open in May.", "the bridge will open", "Laura Finch",
         "indirect"),
        # An organisation speaks.
        ("The Harbour Gazette noted that the bridge had cost twice its budget.", "cost twice",
         "The Harbour Gazette", "indirect"),
    ],
)
def test_quotes_attributes_pattern(extractor, text, fragment, speaker, kind):
    quote = only(quotes_of(extractor, text), fragment)
    assert (quote.speaker, quote.type) == (speaker, kind)
    assert text[quote.start:quote.end] == quote.text
    assert speaker.split()[-1] in text[quote.speaker_start:quote.speaker_end]  # where the speaker is named
    assert quote.cue == text[quote.cue_start:quote.cue_end]


def test_quotes_split_by_its_cue_is_one_quote_of_both_halves(extractor):
    text = "“We will win this race,” said Mary Caddell. “Nobody can stop us now.”"
    (quote,) = quotes_of(extractor, text)
    assert [p.text for p in quote.parts] == ["We will win this race,", "Nobody can stop us now."]
    assert (quote.text, quote.speaker) == ("We will win this race, Nobody can stop us now.", "Mary Caddell")


def test_quotes_colon_at_end_of_previous_paragraph_introduces_the_quote(extractor):
    text = "Mary Caddell continued:\n\n“The plan is simple and it will work for everyone.”"
    quote = only(quotes_of(extractor, text), "plan is simple")
    assert quote.speaker == "Mary Caddell" and quote.cue == "continued"


def test_quotes_follow_on_paragraph_inherits_the_last_speaker(extractor):
    text = ("“The plan is dead and we all know it,” said Senator John Ward.\n\n"
            "“We need a new start for the whole country.”")
    quote = only(quotes_of(extractor, text), "new start")
    assert quote.speaker == "John Ward"


def test_quotes_multi_paragraph_quote_keeps_its_speaker(extractor):
    text = ("Sara Lind said: “The first part of the plan is to build houses.\n\n"
            "“The second part is to build schools for the children,” she added.")
    quotes = quotes_of(extractor, text)
    assert {q.speaker for q in quotes if q.type == "direct"} == {"Sara Lind"}
    assert len([q for q in quotes if q.type == "direct"]) == 2


def test_quotes_pronoun_resolves_to_the_person_named_before(extractor):
    text = "Senator John Ward spoke on Monday. “The plan is dead and we all know it,” he said."
    quote = only(quotes_of(extractor, text), "plan is dead")
    assert quote.speaker == "John Ward"
    assert text[quote.speaker_start:quote.speaker_end] == "he"


def test_quotes_pronoun_agrees_with_gender(extractor):
    text = ("Mr. Tom Hale met Mrs. Rita Vance in Leeds. “The deal is fair to both of us,” she said.")
    assert only(quotes_of(extractor, text), "deal is fair").speaker == "Rita Vance"


def test_quotes_role_noun_resolves_to_the_person_with_that_role(extractor):
    text = ("Defence Minister Paul Anders visited the base on Monday.\n\n"
            "Later, the defence minister said the army was ready for the winter.")
    quote = only(quotes_of(extractor, text), "army was ready")
    assert quote.speaker == "Paul Anders"
    assert text[quote.speaker_start:quote.speaker_end] == "the defence minister"


def test_quotes_publication_then_the_article_resolve_to_the_publication(extractor):
    text = ("The Harbour Gazette noted that the vote was close. "
            "“This is a turning point for the party,” the article warned.")
    quote = only(quotes_of(extractor, text), "turning point")
    assert quote.speaker == "The Harbour Gazette"


@pytest.mark.parametrize(
    "text",
    [
        "“The deal is done,” Reuters quoted Chen Wei as saying.",
        "Chen Wei was quoted as saying: “The deal is done.”",
    ],
)
def test_quotes_quoted_as_saying_names_the_quoted_person(extractor, text):
    assert only(quotes_of(extractor, text), "deal is done").speaker == "Chen Wei"


@pytest.mark.parametrize(
    "text, organisation",
    [
        ("Jane Roe, a professor at Yale University, said: “The data are clear on this.”", "Yale University"),
        ("Jane Roe of the Brookings Institution said the economy was slowing down.", "Brookings Institution"),
        ("A spokesman for the United Nations said the aid convoy had arrived.", "United Nations"),
        ("France’s Foreign Minister Anne Morel said the talks had failed in the end.", "France"),
    ],
)
def test_quotes_organisation_comes_from_the_speakers_introduction(extractor, text, organisation):
    (quote,) = quotes_of(extractor, text)
    assert quote.organisation == organisation


def test_quotes_scare_quote_without_speaker_is_not_a_quote(extractor):
    text = "The so-called “reform” was passed on Tuesday.\n\nIt changes little."
    assert quotes_of(extractor, text) == ()


def test_quotes_brackets_in_quotes_are_kept_as_text(extractor):
    text = "“The [redacted] report is wrong,” Jane Roe said."
    assert only(quotes_of(extractor, text), "redacted").text == "The [redacted] report is wrong,"


SEED_QUOTES = [
    ("Beijing was keen", "Li Shangfu", "indirect"),
    ("We will continue to strengthen", "Li Shangfu", "direct"),
    ("China is prepared", "Li Shangfu", "indirect"),
    ("Beijing is ready to hold", "Li Shangfu", "direct"),
    ("it was the first time", "The Jerusalem Post", "indirect"),
    ("This will grant Iran a freer hand", "The Jerusalem Post", "direct"),
    ("It is a weighty exhibition", "Kazem Jalali", "direct"),
]


def test_quotes_seed_article_gives_its_four_quotes_and_three_statements_and_nothing_else(extractor, seed_text):
    quotes = quotes_of(extractor, seed_text)
    assert len(quotes) == len(SEED_QUOTES), [q.text[:40] for q in quotes]
    for (fragment, speaker, kind), quote in zip(SEED_QUOTES, quotes):
        assert fragment in quote.text
        assert (quote.speaker, quote.type, quote.kind) == (speaker, kind, "speech"), fragment
    jalali = only(quotes, "weighty exhibition")
    assert jalali.organisation == "Iran"
    assert only(quotes, "We will continue").organisation == "China"


def test_quotes_relative_pronoun_speaker_resolves_to_its_noun(extractor):
    text = "The mayor criticised Paul Song, who said voters should not trust the council."
    quote = only(quotes_of(extractor, text), "voters should not")
    assert text[quote.speaker_start:quote.speaker_end] == "who"
    assert quote.speaker == "Paul Song"


def test_quotes_nested_report_belongs_to_the_outer_speaker(extractor):
    text = "Mary Caddell told friends that the senator thought the plan was “a sure winner” for the party."
    quote = only(quotes_of(extractor, text), "sure winner")
    assert quote.speaker == "Mary Caddell"


@pytest.mark.parametrize(
    "text, fragment, speaker",
    [
        # A parenthetical cue attributes the sentence around it.
        ("In the north, Laura Finch said, the bridges are older than the roads.", "bridges are older",
         "Laura Finch"),
        # Verbs of intent attribute their infinitive, verbs of stance their object.
        ("Laura Finch vowed to rebuild every bridge in the county.", "to rebuild every bridge", "Laura Finch"),
        ("Laura Finch praised the new bridge over the river.", "the new bridge", "Laura Finch"),
        ("Laura Finch spoke about the cost of the new bridge.", "the cost of the new bridge", "Laura Finch"),
        # A dateline is not the speaker.
        ("LONDON (Reuters) - Laura Finch said the bridge would open in May.", "bridge would open",
         "Laura Finch"),
    ],
)
def test_quotes_reported_speech_beyond_said_that(every, text, fragment, speaker):
    quote = only(quotes_of(every, text), fragment)
    assert quote.speaker == speaker and quote.type == "indirect"


@pytest.mark.parametrize(
    "headline",
    [
        "Laura Finch: The Harbour Bridge Must Close Before Winter",
        "Laura Finch Says Harbour Bridge Must Close Before Winter",
        "Finch says the harbour bridge must close before winter",  # a title in sentence case
        "READ: Finch says the harbour bridge must close before the winter storms arrive.",  # a teaser
        "OPINION: Why the harbour bridge must close, as Laura Finch says it should.",
    ],
)
def test_quotes_headline_title_or_teaser_holds_no_quote(every, headline):
    text = headline + "\n\n“The bridge is not safe in a storm,” Laura Finch said on Monday."
    quotes = quotes_of(every, text)
    assert [(q.text, q.speaker) for q in quotes] == [("The bridge is not safe in a storm,", "Laura Finch")]


def test_quotes_title_in_quote_marks_is_not_a_quote(extractor):
    text = "She starred in “The Long Way Home” before she went into politics."
    assert quotes_of(extractor, text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "The party counted its pledged delegates after the vote in the spring.",
        '<tweet author="someone" said="the deal is done">A photo of the harbour at dawn.</tweet>',
    ],
)
def test_quotes_no_report_without_a_speaker_reporting(extractor, text):
    assert quotes_of(extractor, text) == ()


def test_quotes_surname_later_in_the_article_resolves_to_the_full_name(extractor):
    text = ("Laura Finch runs the harbour authority.\n\n"
            "“The bridge will open in May,” Finch said on Tuesday.")
    quote = only(quotes_of(extractor, text), "bridge will open")
    assert quote.speaker == "Laura Finch"
    assert text[quote.speaker_start:quote.speaker_end] == "Finch"


def test_quotes_dash_before_a_name_attributes_the_quote(extractor):
    text = "“The bridge will open in May and nobody will stop it.” — Laura Finch"
    quote = only(quotes_of(extractor, text), "bridge will open")
    assert quote.speaker == "Laura Finch"


def test_quotes_speaker_with_apposition_before_a_colon_quote(extractor):
    text = ("Laura Finch, the former harbour engineer, tweeted in response: ''The bridge was safe "
            "when I left and it is safe now.''")
    assert only(quotes_of(extractor, text), "bridge was safe").speaker == "Laura Finch"


def test_quotes_seed_every_kind_adds_a_stance_but_never_the_teaser_line(every, seed_text):
    quotes = quotes_of(every, seed_text)
    extra = [(q.text, q.speaker, q.kind) for q in quotes if not any(f in q.text for f, _, _ in SEED_QUOTES)]
    assert extra == [("the Moscow conference", "Kazem Jalali", "stance")]  # "praised the Moscow conference"
    assert not any("Iran steps" in q.text for q in quotes)  # "READ: US would welcome any Iran steps ..."
    assert only(quotes, "weighty exhibition").cue == "saying"  # the verb that introduces it, not "praised"


def test_quotes_question_put_to_the_speaker_is_not_his_words(every):
    text = ("When asked if signing Tom Reyes was the only option left, the coach said the club had "
            "looked at every other striker in the league.")
    quotes = quotes_of(every, text)
    assert [q.text for q in quotes] == ["the club had looked at every other striker in the league"]


@pytest.mark.parametrize("text", [
    "'The bridge will open in May,\" Laura Finch said on Monday.",
    "\"The bridge will open in May,' Laura Finch said on Monday.",
])
def test_quotes_quote_opened_and_closed_with_marks_of_two_kinds(extractor, text):
    quote = only(quotes_of(extractor, text), "bridge will open")
    assert (quote.text, quote.speaker, quote.type) == ("The bridge will open in May,", "Laura Finch", "direct")


def test_quotes_mixed_quote_keeps_its_closing_mark_and_the_words_after_it(extractor):
    text = "Laura Finch said \"we will win the vote\" on Monday."
    (quote,) = quotes_of(extractor, text)
    assert (quote.text, quote.type, quote.speaker) == ('we will win the vote" on Monday', "mixed", "Laura Finch")


def test_quotes_partial_quote_with_a_word_of_the_reporter_is_a_mixed_quote(extractor):
    text = "Laura Finch added that \"the bridge will open in May and nobody will stop it.\""
    (quote,) = quotes_of(extractor, text)
    assert (quote.text, quote.type) == ('that "the bridge will open in May and nobody will stop it.', "mixed")


def test_quotes_title_of_a_work_is_not_a_quote(extractor):
    text = "Laura Finch wrote a book titled \"the long road home\" about the harbour."
    assert [q for q in quotes_of(extractor, text) if "long road" in q.text] == []


@pytest.mark.parametrize("text, kind", [
    ("Laura Finch tweeted that the bridge would open in May.", "writing"),
    ("Laura Finch believes that the bridge will open in May.", "thought"),
    ("Laura Finch criticised the harbour board for the delay.", "stance"),
    ("The survey found that most people want the bridge to open in May.", "evidence"),
])
def test_quotes_kind_of_each_attribution(every, extractor, text, kind):
    (quote,) = quotes_of(every, text)
    assert quote.kind == kind
    assert bool(quotes_of(extractor, text)) == (kind == "writing")  # the default: speech and writing


@pytest.mark.model
def test_quotes_cli_lists_the_default_kinds_unless_asked_for_all(tmp_path):
    from cli_helpers import invoke, objects

    path = tmp_path / "finch.txt"
    path.write_text("Laura Finch said the bridge would open in May. She praised the harbour board.\n",
                    encoding="utf-8")
    default = objects(invoke("quotes", path, "--json"))[0]["quotes"]
    every = objects(invoke("quotes", path, "--json", "--attributions", "all"))[0]["quotes"]
    some = objects(invoke("quotes", path, "--json", "--attributions", "stance"))[0]["quotes"]
    assert [q["kind"] for q in default] == ["speech"]
    assert [q["kind"] for q in every] == ["speech", "stance"]
    assert [q["kind"] for q in some] == ["stance"]


def test_quotes_cli_refuses_an_unknown_kind_in_one_line(tmp_path):
    from cli_helpers import invoke

    path = tmp_path / "finch.txt"
    path.write_text("Laura Finch said so.\n", encoding="utf-8")
    result = invoke("quotes", path, "--attributions", "gossip")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "newsx quotes: Invalid value for '--attributions': 'gossip' is not one of all, default, speech, writing, "
        "thought, stance, evidence (see 'newsx quotes --help')"]
