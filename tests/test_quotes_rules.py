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
    "governing-verb": ("Jane Doe considers the plan “absurd.”", """
        Jane       NNP  compound  Doe        B-PERSON
        Doe        NNP  nsubj     considers  I-PERSON
        considers  VBZ  ROOT      considers
        the        DT   det       plan
        plan       NN   dobj      considers
        “          ``   punct     absurd
        absurd     JJ   oprd      considers
        .          .    punct     considers
        ”          ''   punct     considers
    """, [("absurd.", "direct", "Jane Doe", "considers", "direct:governing-verb")]),
}


def quotes(text, table, **options):
    doc = parsed(table, text=text)
    found = list(extract_quotes(doc, doc.text, entities=extract_entities(doc, doc.text), **options))
    for quote in found:  # every offset locates its text
        assert text[quote.start:quote.end] == quote.text
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


def test_quotes_second_half_of_a_quote_split_by_its_cue_inherits_its_speaker():
    text = "“We win,” said Jane Doe. “Nobody stops us.”"
    table = DIRECT["cue-in-parse"][1] + """
        “       ``   punct     stops
        Nobody  NN   nsubj     stops
        stops   VBZ  ROOT      stops
        us      PRP  dobj      stops
        .       .    punct     stops
        ”       ''   punct     stops
    """
    found = quotes(text, table)
    assert [(q.text, q.speaker, q.cue) for q in found] == [("We win,", "Jane Doe", "said"),
                                                           ("Nobody stops us.", "Jane Doe", "said")]
    assert found[1].rules == ("inherit:split-quote",)


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


def test_quotes_headline_verb_in_capitals_attributes_the_line():
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
    found = quotes(text, table)
    assert [(q.text, q.speaker, q.cue) for q in found] == [("Bridge Will Open Soon", "Doe", "Says")]
    assert found[0].rules[0] in ("reported:clause", "headline:verb")
