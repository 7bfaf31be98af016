"""The lexicon: packaged data files, a user's own directory over them, and validation on load."""
from __future__ import annotations

import pickle

import pytest

from docs import parsed
from newsx.lexicon import FILES, PACKAGED, LexiconError, default_lexicon, load_lexicon, resolve_lexicon
from newsx.quotes import extract_quotes

CUES_HEADER = "lemma\tkind\tclause_only\tinfinitive\tobject\tprepositions\tspeaker\n"

#: "Jane Doe grumbled that the bridge was late.", parsed by hand: "grumble" is no cue verb of the
#: packaged lexicon.
GRUMBLED = dict(text="Jane Doe grumbled that the bridge was late.", table="""
    Jane      NNP  compound  Doe       B-PERSON
    Doe       NNP  nsubj     grumbled  I-PERSON
    grumbled  VBD  ROOT      grumbled
    that      IN   mark      was
    the       DT   det       bridge
    bridge    NN   nsubj     was
    was       VBD  ccomp     grumbled
    late      JJ   acomp     was
    .         .    punct     grumbled
""")


def write(directory, files: dict[str, str]):
    for name, content in files.items():
        (directory / name).write_text(content, encoding="utf-8")
    return directory


def test_lexicon_packaged_files_load_and_are_all_known():
    lexicon = default_lexicon()
    assert {p.name for p in PACKAGED.iterdir()} == set(FILES) | {"settings.toml"}
    assert lexicon.source == "packaged"
    assert lexicon.cues["say"].kind == "speech" and lexicon.cues["believe"].clause_only
    assert lexicon.cue_forms["told"] == "tell"
    assert "minister" in lexicon.titles and "minister" in lexicon.roles
    assert lexicon.speaker_pronouns["it"] == "thing" and lexicon.speaker_pronouns["they"] is None
    assert lexicon.patterns.dateline.match("WASHINGTON (AP) — The")


def test_lexicon_one_added_cue_verb_finds_a_quote_it_did_not_before(tmp_path):
    doc = parsed(GRUMBLED["table"], text=GRUMBLED["text"])
    assert list(extract_quotes(doc, doc.text)) == []
    write(tmp_path, {"cues.add.tsv": CUES_HEADER + "grumble\tspeech\t-\t-\t-\t-\tsubject\n"})
    quotes = list(extract_quotes(doc, doc.text, lexicon=tmp_path))
    assert [(q.text, q.type, q.cue) for q in quotes] == [("that the bridge was late", "indirect", "grumbled")]
    assert quotes[0].rules[0] == "reported:clause"


def test_lexicon_a_file_of_ones_own_replaces_the_packaged_one(tmp_path):
    write(tmp_path, {"pronouns.tsv": "word\tgender\tspeaker\nshe\tfemale\tyes\n"})
    lexicon = load_lexicon(tmp_path)
    assert dict(lexicon.speaker_pronouns) == {"she": "female"}
    assert lexicon.cues == default_lexicon().cues  # the other files stay packaged
    assert lexicon.source == str(tmp_path)


def test_lexicon_settings_of_ones_own_replace_only_their_keys(tmp_path):
    write(tmp_path, {"settings.toml": "[quotes]\nmin_unattributed_words = 5\n"})
    lexicon = load_lexicon(tmp_path)
    assert lexicon.quotes.min_unattributed_words == 5
    assert lexicon.quotes.max_cue_climb == default_lexicon().quotes.max_cue_climb


@pytest.mark.parametrize("files, message", [
    ({"cues.add.tsv": "lemma\tkind\n"}, "cues.add.tsv:1: the header must be lemma | kind | clause_only"),
    ({"cues.add.tsv": CUES_HEADER + "grumble\tspeech\n"}, "cues.add.tsv:2: 2 tab-separated fields, expected 7"),
    ({"cues.add.tsv": CUES_HEADER + "grumble\tmood\t-\t-\t-\t-\tsubject\n"},
     "cues.add.tsv:2: kind must be one of speech, writing, thought, stance, evidence, not 'mood'"),
    ({"cues.add.tsv": CUES_HEADER + "say\tspeech\t-\t-\t-\t-\tsubject\n"}, "cue verb 'say' is already given at cues.tsv:"),
    ({"cues.add.tsv": CUES_HEADER + "Grumble\tspeech\t-\t-\t-\t-\tsubject\n"}, "'Grumble' must be lower case"),
    ({"cues.add.tsv": CUES_HEADER + "grumble\tspeech\tmaybe\t-\t-\t-\tsubject\n"}, "clause_only must be yes or -"),
    ({"cues.add.tsv": CUES_HEADER + "grumble\tspeech\t-\t-\t-\t\tsubject\n"}, "an empty field (write - for none)"),
    ({"cue_forms.add.tsv": "form\tlemma\ngrumbled\tgrumble\n"}, "'grumbled' points to 'grumble', which is not a verb"),
    ({"demonyms.add.tsv": "demonym\tcode\nMartian\tmars\n"}, "'mars' is not an ISO 3166-1 alpha-2 code"),
    ({"quote_marks.add.tsv": "mark\tcodepoint\trole\tclosed_by\n‹\t-\topen\t›\n"}, "closed by ›, which are not quote marks"),
    ({"places.add.tsv": "name\tcode\nParis\tFR\n"}, "place 'Paris' is already given at places.tsv:"),
    ({"places.add.tsv": "name\tcode\nAtlantis\tatl\n"}, "'atl' is not an ISO 3166-1 alpha-2 code"),
    ({"name_words.tsv": "word\tkind\tposition\nfc\tclub\tprefix\n"}, "kind must be one of organisation"),
    ({"name_words.tsv": "word\tkind\tposition\nward\tunit\tlast\n"}, "position of a unit word must be one of -"),
    ({"quotes.tsv": "x\n"}, "quotes.tsv: not a lexicon file"),
    ({"settings.toml": "[quotes]\nmin_words = 5\n"}, "unknown key 'min_words' in [quotes]"),
    ({"settings.toml": "[mood]\nx = 1\n"}, "unknown section [mood]"),
    ({"settings.toml": "[quotes]\nmax_cue_climb = 'five'\n"}, "settings.toml [quotes] max_cue_climb: must be an integer"),
    ({"settings.toml": "[quotes]\nanswer_words = ['so', 'so']\n"}, "'so' is given twice"),
    ({"settings.toml": "[quotes\n"}, "settings.toml: not valid TOML"),
    ({"settings.toml": "[patterns]\ndateline = '(unclosed'\n"}, "[patterns] dateline: not a valid regular expression"),
    ({"settings.toml": "[patterns]\ndateline = '${nowhere}'\n"}, "[patterns] dateline: no pattern named 'nowhere'"),
    ({"settings.toml": "[entities]\nteam_nouns = ['Coach']\n"}, "[entities] team_nouns: 'Coach' must be lower case"),
    ({"settings.toml": "[entities]\nsport_words = ['goal', 'Goal']\n"}, "[entities] sport_words: 'Goal' must be lower case"),
    ({"settings.toml": "[entities]\nteam_share = 1.5\n"}, "[entities] team_share: a share of a name's mentions"),
    ({"settings.toml": "[entities]\nteam_share = 0\n"}, "[entities] team_share: a share of a name's mentions"),
    ({"settings.toml": "[entities]\nmin_sport_words = 'three'\n"}, "[entities] min_sport_words: must be an integer"),
    ({"settings.toml": "[patterns]\nscore = '\\\\d{1,2}('\n"}, "[patterns] score: not a valid regular expression"),
    ({"settings.toml": "[patterns]\nscore_after_name = '${scores}'\n"}, "[patterns] score_after_name: no pattern named"),
])
def test_lexicon_a_bad_file_is_refused_in_one_line_naming_it(tmp_path, files, message):
    write(tmp_path, files)
    with pytest.raises(LexiconError) as error:
        load_lexicon(tmp_path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_lexicon_a_missing_directory_is_refused(tmp_path):
    with pytest.raises(LexiconError, match="not a lexicon directory"):
        load_lexicon(tmp_path / "nowhere")


def test_lexicon_pickles_for_worker_processes_with_its_derived_tables():
    from newsx.cues import cue_lemma

    lexicon = load_lexicon()
    assert cue_lemma("grumbles", lexicon) is None  # fills a derived cache
    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy.cues == lexicon.cues and copy.patterns.dateline.pattern == lexicon.patterns.dateline.pattern
    assert cue_lemma("told", copy) == "tell"


def test_lexicon_resolve_takes_a_lexicon_a_directory_or_none(tmp_path):
    lexicon = load_lexicon()
    assert resolve_lexicon(lexicon) is lexicon
    assert resolve_lexicon(None) is default_lexicon()
    write(tmp_path, {"settings.toml": "[quotes]\nmax_title_words = 3\n"})
    assert resolve_lexicon(str(tmp_path)).quotes.max_title_words == 3
    assert resolve_lexicon(tmp_path) is resolve_lexicon(str(tmp_path))  # loaded once per directory


def test_lexicon_default_kinds_must_be_kinds_of_attribution(tmp_path):
    write(tmp_path, {"settings.toml": '[quotes]\ndefault_kinds = ["speech", "gossip"]\n'})
    with pytest.raises(LexiconError, match=r"default_kinds: 'gossip' is not a kind of attribution"):
        load_lexicon(tmp_path)
    assert default_lexicon().quotes.default_kinds == {"speech", "writing"}


#: "The memo said that the bridge was late.", parsed by hand.
MEMO = dict(text="The memo said that the bridge was late.", table="""
    The     DT   det    memo
    memo    NN   nsubj  said
    said    VBD  ROOT   said
    that    IN   mark   was
    the     DT   det    bridge
    bridge  NN   nsubj  was
    was     VBD  ccomp  said
    late    JJ   acomp  was
    .       .    punct  said
""")


def test_lexicon_an_added_evidence_source_makes_its_attributions_evidence(tmp_path):
    doc = parsed(MEMO["table"], text=MEMO["text"])
    assert [q.kind for q in extract_quotes(doc, doc.text)] == ["speech"]
    write(tmp_path, {"evidence.add.txt": "memo\n"})
    assert [q.kind for q in extract_quotes(doc, doc.text, lexicon=tmp_path)] == ["evidence"]


def test_lexicon_evidence_sources_are_lower_case(tmp_path):
    write(tmp_path, {"evidence.add.txt": "Memo\n"})
    with pytest.raises(LexiconError, match=r"evidence.add.txt:1: word 'Memo' must be lower case"):
        load_lexicon(tmp_path)
