"""Each rule of newsx.quotes on a hand-built parse (no model): the direct-quote strategies, what a cue
attributes in reported speech, headlines, and how quotes are put together. The real-model tests of
the whole attributor are in test_quotes.py."""
from __future__ import annotations

import pytest

from docs import parsed
from newsx.entities import extract_entities
from newsx.quotes import extract_quotes

# Each case: the text, its parse, and the (text, type, speaker, cue, first rule) of every quote found.
DIRECT = {
    "cue-in-parse": ("“We win,” said Jane Doe.", """
        “     ``   punct     said
        We    PRP  nsubj     win
        win   VBP  ccomp     said
        ,     ,    punct     said
        ”     ''   punct     said
        said  VBD  ROOT      said
        Jane  NNP  compound  Doe     B-PERSON
        Doe   NNP  nsubj     said    I-PERSON
        .     .    punct     said
    """, [("We win,", "direct", "Jane Doe", "said", "direct:cue-in-parse")]),
    "cue-nearby": ("“We win.” Jane Doe said.", """
        “     ``   punct     win
        We    PRP  nsubj     win
        win   VBP  ROOT      win
        .     .    punct     win
        ”     ''   punct     win
        Jane  NNP  compound  Doe     B-PERSON
        Doe   NNP  nsubj     said    I-PERSON
        said  VBD  ROOT      said
        .     .    punct     said
    """, [("We win.", "direct", "Jane Doe", "said", "direct:cue-nearby")]),
    "name-colon": ("Jane Doe: “We win.”", """
        Jane  NNP  compound  Doe     B-PERSON
        Doe   NNP  ROOT      Doe     I-PERSON
        :     :    punct     Doe
        “     ``   punct     win
        We    PRP  nsubj     win
        win   VBP  ROOT      win
        .     .    punct     win
        ”     ''   punct     win
    """, [("We win.", "direct", "Jane Doe", ":", "direct:name-colon")]),
    "dash-name": ("“We win.” — Jane Doe", """
        “     ``   punct     win
        We    PRP  nsubj     win
        win   VBP  ROOT      win
        .     .    punct     win
        ”     ''   punct     win
        —     :    punct     Doe
        Jane  NNP  compound  Doe     B-PERSON
        Doe   NNP  ROOT      Doe     I-PERSON
    """, [("We win.", "direct", "Jane Doe", "—", "direct:dash-name")]),
    "colon-paragraph": ("Jane Doe continued:\n\n“We win.”", """
        Jane       NNP  compound  Doe        B-PERSON
        Doe        NNP  nsubj     continued  I-PERSON
        continued  VBD  ROOT      continued
        :          :    punct     continued
        “          ``   punct     win
        We         PRP  nsubj     win
        win        VBP  ROOT      win
        .          .    punct     win
        ”          ''   punct     win
    """, [("We win.", "direct", "Jane Doe", "continued", "direct:colon-paragraph")]),
    "governing-verb": ("Jane Doe rates the plan “absurd.”", """
        Jane       NNP  compound  Doe        B-PERSON
        Doe        NNP  nsubj     rates      I-PERSON
        rates      VBZ  ROOT      rates
        the        DT   det       plan
        plan       NN   dobj      rates
        “          ``   punct     absurd
        absurd     JJ   oprd      rates
        .          .    punct     rates
        ”          ''   punct     rates
    """, [("absurd.", "direct", "Jane Doe", "rates", "direct:governing-verb")]),
}


def quotes(text, table, **options):
    doc = parsed(table, text=text)
    found = list(extract_quotes(doc, doc.text, entities=extract_entities(doc, doc.text), **options))
    for quote in found:  # every offset locates its text
        assert all(text[p.start:p.end] == p.text for p in quote.parts)
        assert quote.text == " ".join(p.text for p in quote.parts)
        assert (quote.start, quote.end) == (quote.parts[0].start, quote.parts[-1].end)
        assert quote.cue is None or text[quote.cue_start:quote.cue_end] == quote.cue
    return found


def summary(found):
    return [(q.text, q.type, q.speaker, q.cue, q.rules[0]) for q in found]


@pytest.mark.parametrize("strategy", list(DIRECT))
def test_quotes_direct_strategy_attributes_its_pattern(strategy):
    text, table, expected = DIRECT[strategy]
    assert summary(quotes(text, table)) == expected


def test_quotes_direct_strategies_are_tried_in_the_documented_order():
    from newsx.quotes import STRATEGIES

    assert [name for name, _ in STRATEGIES] == list(DIRECT)


SAID_JANE = DIRECT["cue-in-parse"][1]
#: The second half of a quote, "“Nobody stops us.”", to follow SAID_JANE.
NOBODY_STOPS_US = """
        “       ``   punct     stops
        Nobody  NN   nsubj     stops
        stops   VBZ  ROOT      stops
        us      PRP  dobj      stops
        .       .    punct     stops
        ”       ''   punct     stops
    """


def test_quotes_quote_split_by_its_cue_is_one_quote_of_two_parts():
    text = "“We win,” said Jane Doe. “Nobody stops us.”"
    table = SAID_JANE + NOBODY_STOPS_US
    (quote,) = quotes(text, table)
    assert (quote.text, quote.speaker, quote.cue) == ("We win, Nobody stops us.", "Jane Doe", "said")
    assert [p.text for p in quote.parts] == ["We win,", "Nobody stops us."]
    assert "join:split-quote" in quote.rules


def test_quotes_a_short_quote_without_cue_or_speaker_is_no_quote():
    text = "The so-called “reform” passed."
    table = """
        The     DT   det     reform
        so      RB   advmod  called
        -       HYPH punct   called
        called  VBN  amod    reform
        “       ``   punct   reform
        reform  NN   nsubj   passed
        ”       ''   punct   reform
        passed  VBD  ROOT    passed
        .       .    punct   passed
    """
    assert quotes(text, table) == []


# -- reported speech --------------------------------------------------------------------------------

REPORTED = {
    "according": ("According to Jane Doe, the bridge is late.", """
        According  VBG  prep      is
        to         IN   prep      According
        Jane       NNP  compound  Doe     B-PERSON
        Doe        NNP  pobj      to      I-PERSON
        ,          ,    punct     is
        the        DT   det       bridge
        bridge     NN   nsubj     is
        is         VBZ  ROOT      is
        late       JJ   acomp     is
        .          .    punct     is
    """, [("the bridge is late", "indirect", "Jane Doe", "According", "reported:according")]),
    "object": ("Jane Doe praised the new bridge.", """
        Jane     NNP  compound  Doe     B-PERSON
        Doe      NNP  nsubj     praised I-PERSON
        praised  VBD  ROOT      praised
        the      DT   det       bridge
        new      JJ   amod      bridge
        bridge   NN   dobj      praised
        .        .    punct     praised
    """, [("the new bridge", "indirect", "Jane Doe", "praised", "reported:object")]),
    "preposition": ("Jane Doe spoke about the new bridge.", """
        Jane     NNP  compound  Doe     B-PERSON
        Doe      NNP  nsubj     spoke   I-PERSON
        spoke    VBD  ROOT      spoke
        about    IN   prep      spoke
        the      DT   det       bridge
        new      JJ   amod      bridge
        bridge   NN   pobj      about
        .        .    punct     spoke
    """, [("the new bridge", "indirect", "Jane Doe", "spoke", "reported:preposition")]),
    "infinitive": ("Jane Doe vowed to finish the bridge.", """
        Jane     NNP  compound  Doe     B-PERSON
        Doe      NNP  nsubj     vowed   I-PERSON
        vowed    VBD  ROOT      vowed
        to       TO   aux       finish
        finish   VB   xcomp     vowed
        the      DT   det       bridge
        bridge   NN   dobj      finish
        .        .    punct     vowed
    """, [("to finish the bridge", "indirect", "Jane Doe", "vowed", "reported:infinitive")]),
    "answer": ("Jane Doe said so.", """
        Jane  NNP  compound  Doe   B-PERSON
        Doe   NNP  nsubj     said  I-PERSON
        said  VBD  ROOT      said
        so    RB   advmod    said
        .     .    punct     said
    """, [("so", "indirect", "Jane Doe", "said", "reported:answer")]),
    "a participle describing a noun": ("The pledged delegates left the hall.", """
        The        DT   det     delegates
        pledged    VBN  amod    delegates
        delegates  NNS  nsubj   left
        left       VBD  ROOT    left
        the        DT   det     hall
        hall       NN   dobj    left
        .          .    punct   left
    """, []),
    "a one-word object": ("Jane Doe offered support.", """
        Jane     NNP  compound  Doe      B-PERSON
        Doe      NNP  nsubj     offered  I-PERSON
        offered  VBD  ROOT      offered
        support  NN   dobj      offered
        .        .    punct     offered
    """, []),
}


@pytest.mark.parametrize("case", list(REPORTED))
def test_quotes_reported_content_by_rule(case):
    text, table, expected = REPORTED[case]
    assert summary(quotes(text, table)) == expected


def test_quotes_reported_clause_holding_a_partial_quote_is_one_mixed_quote():
    text = "Jane Doe said the bridge was “a disgrace” to the city."
    table = """
        Jane      NNP  compound  Doe       B-PERSON
        Doe       NNP  nsubj     said      I-PERSON
        said      VBD  ROOT      said
        the       DT   det       bridge
        bridge    NN   nsubj     was
        was       VBD  ccomp     said
        “         ``   punct     disgrace
        a         DT   det       disgrace
        disgrace  NN   attr      was
        ”         ''   punct     disgrace
        to        IN   prep      disgrace
        the       DT   det       city
        city      NN   pobj      to
        .         .    punct     said
    """
    found = quotes(text, table)
    assert summary(found) == [("the bridge was “a disgrace” to the city", "mixed", "Jane Doe", "said",
                               "reported:clause")]
    assert "merge:mixed" in found[0].rules


def test_quotes_headline_holds_no_quote():
    text = "Doe Says Bridge Will Open Soon\n\nThe bridge is late."
    table = """
        Doe     NNP  nsubj    Says   B-PERSON
        Says    VBZ  ROOT     Says
        Bridge  NNP  nsubj    Open
        Will    MD   aux      Open
        Open    VB   ccomp    Says
        Soon    RB   advmod   Open
        The     DT   det      bridge
        bridge  NN   nsubj    is
        is      VBZ  ROOT     is
        late    JJ   acomp    is
        .       .    punct    is
    """
    assert quotes(text, table) == []  # a headline only paraphrases what the article quotes


# -- one statement, one quote -----------------------------------------------------------------------



def test_quotes_quote_continued_in_the_next_paragraph_is_one_quote():
    text = "“We win,” said Jane Doe.\n\n“Nobody stops us.”"
    table = SAID_JANE + NOBODY_STOPS_US
    (quote,) = quotes(text, table)
    assert [p.text for p in quote.parts] == ["We win,", "Nobody stops us."]
    assert (quote.speaker, quote.start, quote.end) == ("Jane Doe", 1, len(text) - 1)
    assert "join:follow-on" in quote.rules


def test_quotes_follow_on_quote_with_its_own_cue_is_another_quote():
    text = "“We win,” said Jane Doe. “Nobody stops us,” she added."
    table = SAID_JANE + """
        “       ``   punct     stops
        Nobody  NN   nsubj     stops
        stops   VBZ  ccomp     added
        us      PRP  dobj      stops
        ,       ,    punct     stops
        ”       ''   punct     added
        she     PRP  nsubj     added
        added   VBD  ROOT      added
        .       .    punct     added
    """
    found = quotes(text, table)
    assert [(q.text, q.cue, len(q.parts)) for q in found] == [("We win,", "said", 1), ("Nobody stops us,", "added", 1)]
    assert found[1].speaker == "Jane Doe"  # "she", the last speaker


def test_quotes_phrase_in_quote_marks_inside_a_sentence_is_no_part_of_the_quote():
    text = "“We win,” said Jane Doe. The plan is “bold” and cheap."
    table = SAID_JANE + """
        The    DT   det    plan
        plan   NN   nsubj  is
        is     VBZ  ROOT   is
        “      ``   punct  bold
        bold   JJ   acomp  is
        ”      ''   punct  bold
        and    CC   cc     bold
        cheap  JJ   conj   bold
        .      .    punct  is
    """
    assert [(q.text, len(q.parts)) for q in quotes(text, table)] == [("We win,", 1)]


# -- kinds of attribution ---------------------------------------------------------------------------

#: The subject of "SUBJECT VERB that the bridge is late.", as rows of its parse.
SUBJECTS = {
    "Jane Doe": "Jane  NNP  compound  Doe  B-PERSON\nDoe  NNP  nsubj  {verb}  I-PERSON",
    "The survey": "The  DT  det  survey\nsurvey  NN  nsubj  {verb}",
    "The records": "The  DT  det  records\nrecords  NNS  nsubj  {verb}",
}


@pytest.mark.parametrize("subject, verb, kind", [
    ("Jane Doe", "said", "speech"),
    ("Jane Doe", "argued", "speech"),
    ("Jane Doe", "tweeted", "writing"),
    ("Jane Doe", "believes", "thought"),
    ("The survey", "said", "evidence"),  # a body of evidence "says": evidence, whatever the verb
    ("The records", "showed", "evidence"),
])
def test_quotes_kind_of_attribution_comes_from_cue_and_source(subject, verb, kind):
    text = f"{subject} {verb} that the bridge is late."
    table = SUBJECTS[subject].format(verb=verb) + f"""
        {verb}  VBD  ROOT   {verb}
        that    IN   mark   is
        the     DT   det    bridge
        bridge  NN   nsubj  is
        is      VBZ  ccomp  {verb}
        late    JJ   acomp  is
        .       .    punct  {verb}
    """
    (quote,) = quotes(text, table)
    assert (quote.text, quote.kind) == ("that the bridge is late", kind)


def test_quotes_stance_is_an_attribution_the_default_kinds_leave_out():
    from newsx.lexicon import default_lexicon
    from newsx.quotes import resolve_kinds, select

    text, table = REPORTED["object"][0], REPORTED["object"][1]
    found = quotes(text, table)
    assert [(q.text, q.kind) for q in found] == [("the new bridge", "stance")]
    assert select(found, resolve_kinds(None, default_lexicon())) == ()
    assert select(found, resolve_kinds("all", default_lexicon())) == tuple(found)
    assert select(found, resolve_kinds("speech,stance", default_lexicon())) == tuple(found)


# -- not a quote ------------------------------------------------------------------------------------

def test_quotes_question_put_to_the_speaker_is_no_quote_but_the_answer_is():
    text = "When asked if the bridge was late, Doe said it was on time."
    table = """
        When    WRB  advmod    asked
        asked   VBN  advcl     said
        if      IN   mark      was
        the     DT   det       bridge
        bridge  NN   nsubj     was
        was     VBD  ccomp     asked
        late    JJ   acomp     was
        ,       ,    punct     said
        Doe     NNP  nsubj     said   B-PERSON
        said    VBD  ROOT      said
        it      PRP  nsubj     was#2
        was#2   VBD  ccomp     said
        on      IN   prep      was#2
        time    NN   pobj      on
        .       .    punct     said
    """
    table = table.replace("was#2   VBD", "was     VBD")
    found = quotes(text, table)
    assert [(q.text, q.speaker, q.cue) for q in found] == [("it was on time", "Doe", "said")]


@pytest.mark.parametrize("line", ["READ: Doe says the bridge is late", "OPINION: Doe says the bridge is late"])
def test_quotes_teaser_line_holds_no_quote(line):
    label = line.split(":")[0]
    text = line + "\n\nThe bridge opened."
    table = f"""
        {label}  NNP  ROOT     says
        :        :    punct    says
        Doe      NNP  nsubj    says   B-PERSON
        says     VBZ  ROOT     says
        the      DT   det      bridge
        bridge   NN   nsubj    is
        is       VBZ  ccomp    says
        late     JJ   acomp    is
        The      DT   det      bridge#2
        bridge#2 NN   nsubj    opened
        opened   VBD  ROOT     opened
        .        .    punct    opened
    """.replace(f"{label}  NNP  ROOT     says", f"{label}  NNP  dep      says").replace("bridge#2 NN", "bridge   NN")
    assert quotes(text, table) == []


def test_quotes_title_of_a_work_in_quote_marks_is_no_quote():
    text = "Jane Doe wrote a book titled “the long road home” about the war."
    table = """
        Jane    NNP  compound  Doe     B-PERSON
        Doe     NNP  nsubj     wrote   I-PERSON
        wrote   VBD  ROOT      wrote
        a       DT   det       book
        book    NN   dobj      wrote
        titled  VBN  acl       book
        “       ``   punct     road
        the     DT   det       road
        long    JJ   amod      road
        road    NN   oprd      titled
        home    RB   advmod    road
        ”       ''   punct     road
        about   IN   prep      wrote
        the     DT   det       war
        war     NN   pobj      about
        .       .    punct     wrote
    """
    assert [q for q in quotes(text, table) if q.type == "direct"] == []


# -- content --------------------------------------------------------------------------------------

def test_quotes_mixed_quote_keeps_its_closing_mark_and_the_words_after_it():
    text = "Jane Doe said “we will win the vote” on Monday."
    table = """
        Jane    NNP  compound  Doe     B-PERSON
        Doe     NNP  nsubj     said    I-PERSON
        said    VBD  ROOT      said
        “       ``   punct     win
        we      PRP  nsubj     win
        will    MD   aux       win
        win     VB   ccomp     said
        the     DT   det       vote
        vote    NN   dobj      win
        ”       ''   punct     win
        on      IN   prep      win
        Monday  NNP  pobj      on      B-DATE
        .       .    punct     said
    """
    (quote,) = quotes(text, table)
    assert (quote.text, quote.type, quote.speaker) == ("we will win the vote” on Monday", "mixed", "Jane Doe")


def test_quotes_cue_inside_what_it_attributes_splits_it_into_two_parts():
    text = "The bridge, according to Jane Doe, is late."
    table = """
        The        DT   det       bridge
        bridge     NN   nsubj     is
        ,          ,    punct     bridge
        according  VBG  prep      is
        to         IN   prep      according
        Jane       NNP  compound  Doe     B-PERSON
        Doe        NNP  pobj      to      I-PERSON
        ,#2        ,    punct     is
        is         VBZ  ROOT      is
        late       JJ   acomp     is
        .          .    punct     is
    """.replace(",#2        ,", ",          ,")
    (quote,) = quotes(text, table)
    assert [p.text for p in quote.parts] == ["The bridge", "is late"]
    assert (quote.text, quote.speaker, quote.cue) == ("The bridge is late", "Jane Doe", "according")


def test_quotes_clause_hung_on_the_statement_a_cue_names_is_what_it_reports():
    text = "The agency said in a statement that the bridge was late."
    table = """
        The        DT   det    agency
        agency     NN   nsubj  said
        said       VBD  ROOT   said
        in         IN   prep   said
        a          DT   det    statement
        statement  NN   pobj   in
        that       IN   mark   was
        the        DT   det    bridge
        bridge     NN   nsubj  was
        was        VBD  acl    statement
        late       JJ   acomp  was
        .          .    punct  said
    """
    assert summary(quotes(text, table)) == [("that the bridge was late", "indirect", "The agency", "said",
                                             "reported:clause")]


def test_quotes_cue_the_parse_gives_no_subject_takes_the_name_opening_its_sentence():
    text = "Agency spokesperson Jane Doe, speaking in Geneva, said the bridge was late."
    table = """
        Agency       NNP  compound  spokesperson
        spokesperson VBP  advcl     said
        Jane         NNP  compound  Doe     B-PERSON
        Doe          NNP  dobj      spokesperson  I-PERSON
        ,            ,    punct     spokesperson
        speaking     VBG  advcl     spokesperson
        in           IN   prep      speaking
        Geneva       NNP  pobj      in      B-GPE
        ,#2          ,    punct     said
        said         VBD  ROOT      said
        the          DT   det       bridge
        bridge       NN   nsubj     was
        was          VBD  ccomp     said
        late         JJ   acomp     was
        .            .    punct     said
    """.replace(",#2          ,", ",            ,")
    (quote,) = quotes(text, table)
    assert (quote.text, quote.speaker, quote.cue) == ("the bridge was late", "Jane Doe", "said")
    assert text[quote.speaker_start:quote.speaker_end] == "Jane Doe"
