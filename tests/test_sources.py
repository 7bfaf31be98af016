"""`newsx sources`: who is quoted across articles. The tally on hand-built articles (model-free), its
four formats, and on the real model its counts checked against `newsx quotes --json` aggregated
here, as a user would with jq."""
from __future__ import annotations

import csv
import io
import pickle
import re
from collections import Counter, defaultdict
from pathlib import Path

import orjson
import pytest
from rich.console import Console

from cli_helpers import invoke, objects
from newsx.formats import SOURCES_COLUMNS, SourcesWriter
from newsx.output import sources_to_dict
from newsx.schema import sources_json_schema
from newsx.sources import Tally, count_words
from newsx.tables import sources_renderable
from newsx.types import Article, Entities, Entity, Mention, Quote

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def quote(text, speaker, organisation=None, gender=None, role=None, kind="person"):
    return Quote(text, 0, len(text), "direct", speaker, None, None, organisation, "said", None, None,
                 speaker_kind=kind, speaker_gender=gender, speaker_role=role)


def person(name, *aliases):
    return Entity(name, "PERSON", (Mention(name, 0, len(name)),), aliases=aliases)


def article(source, quotes, people=(), organisations=()):
    return Article(source, "", Entities(people=tuple(people), organisations=tuple(organisations)), tuple(quotes))


def tallied(*articles, top=None):
    tally = Tally()
    for item in articles:
        tally.add(item)
    return tally.report(top)


def by_speaker(report):
    return {row.speaker: row for row in report.speakers}


# -- the tally ------------------------------------------------------------------------------------


def test_sources_same_full_name_is_one_speaker_across_articles():
    report = tallied(
        article("a.txt", [quote("We will win.", "Ana Lima", "Acme", "female", "chief executive")], [person("Ana Lima")]),
        article("b.txt", [quote("Yes.", "ANA  LIMA", "Acme"), quote("No, never.", "Ana Lima", "Acme")],
                [person("ANA  LIMA")]),
        article("c.txt", [quote("Maybe.", "Lima", "Acme")], [person("Lima")]),  # not the same full name
    )
    rows = by_speaker(report)
    assert set(rows) == {"Ana Lima", "Lima"}
    ana = rows["Ana Lima"]
    assert (ana.quotes, ana.articles, ana.words, ana.speakers, ana.named) == (3, 2, 6, 1, True)
    assert (ana.first_source, ana.last_source) == ("a.txt", "b.txt")
    assert [(c.name, c.quotes) for c in ana.organisations] == [("Acme", 3)]
    # The gender one article gives is the speaker's, for every quote of theirs: never guessed, never lost.
    assert ana.gender == "female" and [(g.name, g.quotes) for g in ana.genders] == [("female", 3)]
    assert rows["Lima"].gender is None


def test_sources_unnamed_speakers_are_one_speaker_per_article():
    spokesman = "police spokesman"
    report = tallied(
        article("a.txt", [quote("Two men were held.", spokesman, "police", "male", "spokesman"),
                          quote("They were released.", spokesman, "police", "male", "spokesman")]),
        article("b.txt", [quote("A car was found.", spokesman, "police", None, "spokesman")]),
    )
    [row] = report.speakers
    assert (row.speaker, row.named, row.speakers, row.quotes, row.articles) == (spokesman, False, 2, 3, 2)
    # One spokesman said to be a man (two quotes), one of whom the article says nothing.
    assert [(g.name, g.quotes) for g in row.genders] == [("male", 2), (None, 1)]
    assert [(t.name, t.speakers, t.quotes) for t in report.by_gender] == [("male", 1, 2), (None, 1, 1)]
    assert [(t.name, t.speakers, t.quotes, t.articles) for t in report.by_organisation] == [("police", 2, 3, 2)]


def test_sources_quotes_without_a_speaker_are_a_row_of_their_own_last():
    report = tallied(article("a.txt", [quote("Out!", None), quote("We stay.", "Ana Lima")], [person("Ana Lima")]),
                     article("b.txt", [quote("Never again.", None)]), top=1)
    assert [(row.speaker, row.quotes, row.speakers) for row in report.speakers] == [("Ana Lima", 1, 1), (None, 2, 0)]
    assert sum(row.quotes for row in report.speakers) == report.quotes == 3
    assert [(t.name, t.speakers, t.quotes) for t in report.by_gender] == [(None, 1, 3)]  # no speaker, no person
    assert sum(t.share for t in report.by_organisation) == pytest.approx(1)


def test_sources_articles_that_disagree_on_a_gender_say_both():
    report = tallied(article("a.txt", [quote("Yes.", "Sam Reed", gender="female")], [person("Sam Reed")]),
                     article("b.txt", [quote("No.", "Sam Reed", gender="male")], [person("Sam Reed")]))
    assert by_speaker(report)["Sam Reed"].gender == "female, male"
    assert [(t.name, t.speakers) for t in report.by_gender] == [("female, male", 1)]


def test_sources_top_keeps_the_most_quoted_and_the_totals_of_all():
    quotes = [quote("One two.", "A B")] * 3 + [quote("One.", "C D")] * 2 + [quote("One.", "E F")]
    report = tallied(article("a.txt", quotes, [person("A B"), person("C D"), person("E F")]), top=2)
    assert [row.speaker for row in report.speakers] == ["A B", "C D"]
    assert (report.speaker_rows, report.quotes, report.top) == (3, 6, 2)
    assert [(t.speakers, t.quotes) for t in report.by_gender] == [(3, 6)]


@pytest.mark.parametrize("text, words", [("We will win.", 3), ("  two\n\nlines ", 2), ("\u2014", 1), ("", 0)])
def test_sources_words_are_counted_as_wc_does(text, words):
    assert count_words(text) == words


def test_sources_the_tally_holds_counts_not_articles():
    """Memory grows with the speakers, not the articles: the tally of 2,000 articles of one speaker is
    the size of the tally of 20."""
    def size(count):
        tally = Tally()
        for number in range(count):
            tally.add(article(f"{number}.txt", [quote("Words " * 50, "Ana Lima", "Acme")], [person("Ana Lima")]))
        return len(pickle.dumps(tally.rows))
    assert size(2000) < size(20) + 100


# -- formats --------------------------------------------------------------------------------------


def _articles():
    return [
        article("a.txt", [quote("We will win.", "Ana Lima", "Acme", "female", "chief executive"),
                          quote("=HYPERLINK(1)", "police spokesman", "police", "male"), quote("Out!", None)],
                [person("Ana Lima")]),
        article("b.txt", [quote("Yes, we will.", "Ana Lima", "Acme")], [person("Ana Lima")])]


def _sample():
    return tallied(*_articles())


def _written(report_format):
    stream = io.BytesIO()
    writer = SourcesWriter(stream, report_format)
    for item in _articles():
        writer.write(item)
    writer.close()
    return stream.getvalue()


def test_sources_json_is_its_own_documented_shape():
    jsonschema = pytest.importorskip("jsonschema")
    data = orjson.loads(_written("json"))
    jsonschema.validate(data, sources_json_schema())
    assert data == sources_to_dict(_sample())
    assert data["schema"] == "newsx-sources/1" and "source" not in data  # not an article object
    ana, spokesman, nobody = data["speakers"]
    assert ana["speaker"] == "Ana Lima" and ana["quotes"] == 2 and ana["share"] == 0.5
    assert nobody["speaker"] is None and nobody["speakers"] == 0
    assert data["by_gender"][-1] == {"gender": None, "speakers": 0, "quotes": 1, "share": 0.25, "words": 1}


def test_sources_csv_has_a_row_per_speaker_and_total():
    rows = list(csv.reader(io.StringIO(_written("csv").decode())))
    assert tuple(rows[0]) == SOURCES_COLUMNS
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert [(r["record"], r["name"], r["quotes"]) for r in records] == [
        ("speaker", "Ana Lima", "2"), ("speaker", "police spokesman", "1"), ("speaker", "", "1"),
        ("organisation", "Acme", "2"), ("organisation", "police", "1"), ("organisation", "", "1"),
        ("gender", "female", "2"), ("gender", "male", "1"), ("gender", "", "1")]
    assert records[0]["named"] == "true" and records[1]["named"] == "false"


def test_sources_markdown_and_table_say_not_given_and_no_speaker():
    markdown = _written("markdown").decode()
    assert markdown.startswith("## Sources: 4 quotes of 2 speakers in 2 articles")
    assert "| (no speaker) " in markdown and "| not given " in markdown and "police spokesman (unnamed)" in markdown
    buffer = io.StringIO()
    Console(file=buffer, width=120).print(sources_renderable(_sample()))
    table = buffer.getvalue()
    assert "(no speaker)" in table and "not given" in table and "By organisation" in table and "By gender" in table
    assert "\u2588" in table  # the bar of each share


def test_sources_table_fits_any_width_without_breaking_words():
    for width in (30, 50, 70, 90, 130, 200):
        buffer = io.StringIO()
        Console(file=buffer, width=width).print(sources_renderable(_sample()))
        lines = buffer.getvalue().splitlines()
        assert max(len(line) for line in lines) <= width
        words = set(re.sub("[\u2500-\u257f();:,]", " ", buffer.getvalue()).split())
        assert {"Ana", "Lima", "police", "spokesman", "Acme", "25%"} <= words, width
        assert "executive" in words, width  # the role: a column, or under the name


def test_sources_schema_command_prints_the_sources_schema():
    result = invoke("schema", "--sources")
    assert result.exit_code == 0
    assert orjson.loads(result.stdout) == orjson.loads(orjson.dumps(sources_json_schema()))
    assert orjson.loads(invoke("schema").stdout)["$id"] != orjson.loads(result.stdout)["$id"]


# -- on the real model, against newsx quotes ------------------------------------------------------

CORPUS = {
    "1-budget.txt": (
        "Finance Minister Grace Achieng said on Monday that the budget would be balanced by 2026.\n\n"
        "\u201cWe will not borrow to pay salaries,\u201d she told parliament.\n\n"
        "A treasury spokesman said the figures would be published in June.\n"),
    "2-strike.txt": (
        "Union leader Peter Mwangi said the strike would go on. \u201cOur members have waited long enough,\u201d "
        "Mwangi said.\n\n"
        "Finance Minister Grace Achieng told reporters that the talks had failed.\n\n"
        "A police spokesman said two people were arrested.\n"),
    "3-weather.txt": "It rained all day in Nairobi, and the roads were closed.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in CORPUS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def aggregate(articles: list[dict]) -> dict:
    """What `newsx quotes --json | jq` gives a user: quotes, articles, words, organisations and the
    first and last source of each speaker, and the quotes by organisation, from the quotes alone."""
    speakers: dict = defaultdict(lambda: {"quotes": 0, "words": 0, "articles": [], "organisations": Counter()})
    organisations: Counter = Counter()
    for data in articles:
        for item in data["quotes"]:
            row = speakers[item["speaker"]]
            row["quotes"] += 1
            row["words"] += len(item["text"].split())
            if data["source"] not in row["articles"]:
                row["articles"].append(data["source"])
            if item["organisation"] is not None:
                row["organisations"][item["organisation"]] += 1
            organisations[item["organisation"]] += 1
    return {"speakers": {name: {"quotes": r["quotes"], "words": r["words"], "articles": len(r["articles"]),
                                "first": r["articles"][0], "last": r["articles"][-1],
                                "organisations": dict(r["organisations"])} for name, r in speakers.items()},
            "organisations": dict(organisations)}


def counted(data: dict) -> dict:
    return {"speakers": {row["speaker"]: {"quotes": row["quotes"], "words": row["words"], "articles": row["articles"],
                                          "first": row["first_source"], "last": row["last_source"],
                                          "organisations": {o["name"]: o["quotes"] for o in row["organisations"]}}
                         for row in data["speakers"]},
            "organisations": {row["organisation"]: row["quotes"] for row in data["by_organisation"]}}


@pytest.mark.model
@pytest.mark.parametrize("inputs", ["corpus", "seeds"])
def test_sources_counts_agree_with_newsx_quotes(corpus, inputs):
    folder = corpus if inputs == "corpus" else SEEDS
    quotes = invoke("quotes", folder, "--json")
    sources = invoke("sources", folder, "--json")
    assert quotes.exit_code == sources.exit_code == 0, sources.stderr
    articles = objects(quotes)
    [data] = objects(sources)
    pytest.importorskip("jsonschema").validate(data, sources_json_schema())
    assert counted(data) == aggregate(articles)
    assert data["articles"] == len(articles)
    assert data["quotes"] == sum(len(a["quotes"]) for a in articles) == sum(r["quotes"] for r in data["speakers"])
    assert data["words"] == sum(len(q["text"].split()) for a in articles for q in a["quotes"])
    assert sum(row["quotes"] for row in data["by_gender"]) == data["quotes"]
    if inputs == "seeds":  # the check: who the seed quotes
        assert {"Li Shangfu", "The Jerusalem Post", "Kazem Jalali"} <= set(counted(data)["speakers"])
        assert data["by_gender"] == [{"gender": None, "speakers": data["speaker_rows"], "quotes": data["quotes"],
                                      "share": 1.0, "words": data["words"]}]  # the seed gives no one's gender


@pytest.mark.model
def test_sources_of_a_corpus_named_unnamed_and_gender(corpus):
    [data] = objects(invoke("sources", corpus, "--json"))
    rows = {row["speaker"]: row for row in data["speakers"]}
    achieng = rows["Grace Achieng"]
    assert (achieng["named"], achieng["articles"], achieng["gender"]) == (True, 2, "female")
    assert achieng["first_source"].endswith("1-budget.txt") and achieng["last_source"].endswith("2-strike.txt")
    assert rows["Peter Mwangi"]["gender"] is None  # no pronoun, no title: never guessed from a name
    spokesmen = [row for row in data["speakers"] if not row["named"] and "spokesman" in (row["speaker"] or "")]
    assert spokesmen and all(row["speakers"] == row["articles"] for row in spokesmen)
    assert data["articles"] == 3  # an article without quotes is still counted as read


@pytest.mark.model
def test_sources_with_workers_top_and_output_files(corpus, tmp_path):
    one = objects(invoke("sources", corpus, "--json"))[0]
    assert objects(invoke("sources", corpus, "--json", "-j", "2"))[0] == one
    top = objects(invoke("sources", corpus, "--json", "--top", "1"))[0]
    assert len([r for r in top["speakers"] if r["speaker"]]) == 1 and top["by_gender"] == one["by_gender"]
    assert top["speakers"][0] == one["speakers"][0]
    target = tmp_path / "sources.csv"
    result = invoke("sources", corpus, "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text().splitlines()[0] == ",".join(SOURCES_COLUMNS)
    table = invoke("sources", corpus, env={"COLUMNS": "100"}).stdout
    assert "Grace Achieng" in table and "By gender" in table and "female" in table


@pytest.mark.model
def test_sources_bad_input_is_reported_and_the_rest_counted(corpus, tmp_path):
    missing = tmp_path / "missing.txt"
    result = invoke("sources", corpus, missing, "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsx: {missing}: no such file or directory"]
    assert objects(result)[0]["articles"] == 3
