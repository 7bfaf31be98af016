"""`newsx lexicon`, and `--lexicon DIR` / `--explain` on the batch commands."""
from __future__ import annotations

import pytest

from cli_helpers import invoke, objects

CUES_HEADER = "lemma\tkind\tclause_only\tinfinitive\tobject\tprepositions\tspeaker\n"


@pytest.fixture
def own(tmp_path):
    """A lexicon of one's own that adds the cue verb "grumble"."""
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "cues.add.tsv").write_text(CUES_HEADER + "grumble\tspeech\t-\t-\t-\t-\tsubject\n", encoding="utf-8")
    return directory


def test_cli_lexicon_checks_a_directory_and_counts_its_entries(own):
    result = invoke("lexicon", own)
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "cues.tsv" in line)
    packaged, added = [int(cell) for cell in row.replace("│", " ").split() if cell.isdigit()][::-1][:2]
    assert added == packaged + 1
    assert "a valid lexicon" in result.stderr


def test_cli_lexicon_refuses_a_bad_directory_in_one_line(own):
    (own / "cues.add.tsv").write_text("lemma\tkind\n", encoding="utf-8")
    result = invoke("lexicon", own)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "the header must be" in result.stderr


def test_cli_lexicon_copy_gives_a_directory_that_loads_and_will_not_overwrite(tmp_path):
    target = tmp_path / "copy"
    assert invoke("lexicon", "--copy", target).exit_code == 0
    assert (target / "cues.tsv").is_file() and (target / "settings.toml").is_file()
    assert invoke("lexicon", target).exit_code == 0
    again = invoke("lexicon", "--copy", target)
    assert again.exit_code == 2 and "already exists" in again.stderr


@pytest.mark.model
def test_cli_quotes_with_an_added_cue_verb_finds_a_new_quote(tmp_path, own):
    article = tmp_path / "a.txt"
    article.write_text("Jane Doe grumbled that the bridge was late.\n", encoding="utf-8")
    assert objects(invoke("quotes", article, "--json"))[0]["quotes"] == []
    result = invoke("quotes", article, "--json", "--lexicon", own, "--explain")
    [quote] = objects(result)[0]["quotes"]
    assert (quote["cue"], quote["speaker"]) == ("grumbled", "Jane Doe")
    assert quote["explain"][0] == "reported:clause"


@pytest.mark.model
def test_cli_a_bad_lexicon_is_a_usage_error_before_any_output(tmp_path, own):
    (own / "settings.toml").write_text("[quotes]\nno_such_key = 1\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Hello.\n", encoding="utf-8")
    result = invoke("quotes", article, "--json", "--lexicon", own)
    assert result.exit_code == 2 and result.stdout == ""
    assert "unknown key 'no_such_key'" in result.stderr


def test_cli_explain_needs_json():
    result = invoke("quotes", "-", "--explain", input="x")
    assert result.exit_code == 2 and "--explain needs --format json" in result.stderr
