"""Output formats, end to end on the real model: CSV parsed back with the csv module, Markdown tables
per article, tables that fit the console and never cut, --json as the short form of --format json,
and no escape codes with --no-color or NO_COLOR.
"""
from __future__ import annotations

import csv
import io
import os
import re
import subprocess
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from cli_helpers import invoke, objects
from newsx.formats import ENTITY_COLUMNS, QUOTE_COLUMNS, markdown_escape
from newsx.tables import fit_widths, print_article

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"

#: A quote with a comma and a pipe; a second paragraph; a name with an alias.
TRICKY = (
    "\"We said no, and we | meant it,\" said Angela Merkel in Berlin.\n\n"
    "Mrs Merkel later told reporters that Germany and France would act together.\n"
)
PLAIN = "Emmanuel Macron met Olaf Scholz in Paris.\n"


@pytest.fixture
def articles(tmp_path) -> tuple[Path, Path]:
    # A double quote and a comma in a file name: a CSV field that must be quoted.
    tricky, plain = tmp_path / 'tricky "1", final.txt', tmp_path / "plain.txt"
    tricky.write_text(TRICKY, encoding="utf-8")
    plain.write_text(PLAIN, encoding="utf-8")
    return tricky, plain


def parse_csv(data: bytes) -> list[list[str]]:
    """Rows of a CSV written by newsx: UTF-8, CRLF line ends, read back as the csv module reads it."""
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _as_csv(value) -> str:
    return "" if value is None else str(value)


def _csv_value(quote: dict, column: str):
    """A quote's JSON value as its CSV column holds it: its parts as START-END;START-END."""
    if column == "parts":
        return ";".join(f"{p['start']}-{p['end']}" for p in quote["parts"])
    return quote[column]


# -- CSV ------------------------------------------------------------------------------------------


@pytest.mark.model
def test_formats_csv_quotes_parse_back_to_the_json(articles):
    as_json = objects(invoke("quotes", *articles, "--json"))
    result = invoke("quotes", *articles, "--format", "csv")
    assert result.exit_code == 0 and result.stderr == ""
    header, *rows = parse_csv(result.stdout_bytes)
    assert header == ["source", *QUOTE_COLUMNS]
    expected = [[article["source"], *(_as_csv(_csv_value(quote, column)) for column in QUOTE_COLUMNS)]
                for article in as_json for quote in article["quotes"]]
    assert rows == expected
    # The quote holding a comma, double quotes and a pipe survives the round trip, offsets and all.
    [merkel] = [row for row in rows if row[3] == "Angela Merkel" and row[1] == "direct"]
    record = dict(zip(header, merkel))
    assert record["source"] == str(articles[0])
    assert record["text"] == "We said no, and we | meant it,"
    assert TRICKY[int(record["start"]):int(record["end"])] == record["text"]
    assert TRICKY[int(record["speaker_start"]):int(record["speaker_end"])] == "Angela Merkel"


@pytest.mark.model
def test_formats_csv_entities_one_row_per_entity(articles):
    result = invoke("entities", *articles, "--format", "csv")
    assert result.exit_code == 0
    header, *rows = parse_csv(result.stdout_bytes)
    assert header == ["source", *ENTITY_COLUMNS]
    records = [dict(zip(header, row)) for row in rows]
    assert all(len(row) == len(header) for row in rows)
    # Rows come article by article, in input order.
    sources = [record["source"] for record in records]
    assert sources == sorted(sources, key=[str(a) for a in articles].index)
    [merkel] = [r for r in records if r["name"] == "Angela Merkel"]
    assert (merkel["section"], merkel["label"], merkel["count"], merkel["aliases"]) == ("people", "PERSON", "2", "Merkel")
    assert TRICKY[int(merkel["first_start"]):int(merkel["first_end"])] == "Angela Merkel"
    [germany] = [r for r in records if r["name"] == "Germany"]
    assert (germany["section"], germany["code"]) == ("countries", "DE")
    assert {r["name"] for r in records if r["source"] == str(articles[1])} >= {"Emmanuel Macron", "Olaf Scholz"}


@pytest.mark.model
def test_formats_csv_analyze_marks_each_row_entity_or_quote(articles):
    result = invoke("analyze", *articles, "--format", "csv")
    assert result.exit_code == 0
    header, *rows = parse_csv(result.stdout_bytes)
    assert header == ["record", "source", *ENTITY_COLUMNS, *QUOTE_COLUMNS]
    assert sum(1 for row in rows if row[:2] == header[:2]) == 0  # the header is written once
    records = [dict(zip(header, row)) for row in rows]
    assert {r["record"] for r in records} == {"entity", "quote"}
    for record in records:
        mine, other = (ENTITY_COLUMNS, QUOTE_COLUMNS) if record["record"] == "entity" else (QUOTE_COLUMNS, ENTITY_COLUMNS)
        assert all(record[column] == "" for column in other), record
        assert record["name" if record["record"] == "entity" else "text"]
    # Streamed per article: all of the first article's rows (entities, then quotes) come first.
    kinds = [(r["source"], r["record"]) for r in records]
    assert kinds == sorted(kinds, key=lambda k: ([str(a) for a in articles].index(k[0]), k[1]))


@pytest.mark.model
def test_formats_csv_is_a_header_alone_when_no_article_is_read(tmp_path):
    result = invoke("quotes", tmp_path / "missing.txt", "--format", "csv")
    assert result.exit_code == 1
    assert parse_csv(result.stdout_bytes) == [["source", *QUOTE_COLUMNS]]
    assert result.stderr.splitlines() == [f"newsx: {tmp_path / 'missing.txt'}: no such file or directory"]


# -- Markdown -------------------------------------------------------------------------------------

_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


@pytest.mark.model
def test_formats_markdown_a_table_per_article_with_escaped_cells(articles):
    result = invoke("analyze", *articles, "--format", "markdown")
    assert result.exit_code == 0
    text = result.stdout
    assert re.findall(r"^## (.*)$", text, re.M) == [str(a) for a in articles]
    assert re.findall(r"^### (.*)$", text, re.M)[:2] == ["Entities (4)", "Quotes (2)"]
    tables = [block for block in text.split("\n\n") if block.startswith("| ")]
    assert len(tables) == 3  # entities and quotes of the first article, entities of the second...
    assert text.endswith("### Quotes (0)\n\nNo quotes.\n")  # ...which has no quotes
    for table in tables:
        lines = table.splitlines()
        assert re.fullmatch(r"\|(-+:?\|)+", lines[1])
        columns = lines[1].count("|") - 1
        for line in lines:
            # Every row has its table's number of cells: a "|" in a quote is escaped.
            assert len(_CELL_SEPARATOR.split(line)) == columns + 2, line
    quotes = tables[1].splitlines()
    assert quotes[0] == "| Speaker       | Organisation | Gender | Type     | Cue  | Quote |"
    # "Mrs Merkel" gives her gender to every quote of hers.
    assert r"| Angela Merkel |              | female | direct   | said | We said no, and we \| meant it, |" in quotes


def test_formats_markdown_escape_keeps_text_on_one_line():
    assert markdown_escape("A | B\r\n\r\nC <b>x</b> [link](y) *z* snake_case") == (
        r"A \| B C \<b\>x\</b\> \[link\](y) \*z\* snake_case")


# -- tables ---------------------------------------------------------------------------------------


def _column_cells(rendered: str, column: int) -> list[str]:
    """The text of one column's cells in a table ruled between rows, one string per row."""
    cells, current, body = [], [], False
    for line in rendered.splitlines():
        if line.startswith("┡"):
            body = True
        elif body and line.startswith(("├", "└")):
            cells.append("".join("".join(current).split()))
            current = []
            body = not line.startswith("└")
        elif body:
            current.append(line.split("│")[column + 1].strip())
    return cells


_BOX = re.compile("[\u2500-\u257f]")


def _words(rendered: str) -> set[str]:
    """The words printed, box-drawing characters aside."""
    return set(_BOX.sub(" ", rendered).split())


@pytest.mark.model
@pytest.mark.parametrize("width", [25, 40, 60, 80, 100, 160])
def test_formats_quote_table_fits_the_width_and_never_cuts(extractor, seed_text, width):
    article = extractor(seed_text, "seed.txt")
    buffer = io.StringIO()
    print_article(article, Console(file=buffer, width=width))
    rendered = buffer.getvalue()
    assert max(cell_len(line) for line in rendered.splitlines()) <= width
    # Words wrap between words, never inside one, at any width: every word is printed whole.
    printed = _words(rendered)
    for quote in article.quotes:
        for word in (*quote.text.split(), *quote.speaker.split(), quote.cue):
            assert word in printed, (word, width)
    lines = rendered.splitlines()
    tops = [i for i, line in enumerate(lines) if line.startswith("\u250f")]
    if width < 45:  # narrower than any table of quotes: a listing, each quote whole under its speaker
        assert len(tops) <= 1 and "Li Shangfu \u00b7 China" in rendered
        squeezed = "".join(rendered.split())
        assert all("".join(quote.text.split()) in squeezed for quote in article.quotes)
        return
    assert len(tops) == 2  # the entities' table, then the quotes'
    quote_table = "\n".join(lines[tops[1]:])
    header = lines[tops[1] + 1:next(i for i in range(tops[1], len(lines)) if lines[i].startswith("\u2521"))]
    assert all(line.endswith("\u2503") for line in header) and any("Cue" in line for line in header)
    headers = [cell.strip() for cell in header[-1].split("\u2503")[1:-1]]
    # Every character of every quote and cue is printed in its column.
    for name, values in (("Quote", [q.text for q in article.quotes]), ("Cue", [q.cue for q in article.quotes])):
        cells = _column_cells(quote_table, headers.index(name))
        assert len(cells) == len(values)
        assert all(cell.startswith("".join(value.split())) for cell, value in zip(cells, values)), name


def test_formats_tables_label_column_never_breaks_a_word():
    article = _article_with_long_labels()
    for width in (50, 60, 70, 80, 100):
        buffer = io.StringIO()
        print_article(article, Console(file=buffer, width=width))
        assert "WORK_OF_ART" in _words(buffer.getvalue()), width


def test_formats_tables_of_analyze_share_one_width():
    article = _article_with_long_labels()
    for width in (60, 80, 100, 140, 200):
        buffer = io.StringIO()
        print_article(article, Console(file=buffer, width=width))
        tops = [line for line in buffer.getvalue().splitlines() if line.startswith("\u250f")]
        assert len(tops) == 2 and len(tops[0]) == len(tops[1]) <= width, (width, [len(t) for t in tops])


def test_formats_quotes_table_without_quotes_says_so():
    from newsx.types import Article, Entities

    for article in (Article("a.txt", "", None, ()), Article("a.txt", "", Entities(), ())):
        buffer = io.StringIO()
        print_article(article, Console(file=buffer, width=80))
        lines = buffer.getvalue().splitlines()
        assert lines[-2:] == ["a.txt", "no quotes found"]
        assert not any("Speaker" in line for line in lines)  # no empty grid of headers


def _article_with_long_labels():
    from newsx.types import Article, Entities, Entity, Mention, Quote

    entities = Entities(
        people=(Entity("Angela Merkel", "PERSON", (Mention("Angela Merkel", 0, 13),), role="chancellor",
                       organisation="Germany", gender="female"),),
        countries=(Entity("Germany", "GPE", (Mention("Germany", 20, 27),), code="DE"),),
        other=(Entity("Gone with the Wind", "WORK_OF_ART", (Mention("Gone with the Wind", 30, 48),)),
               Entity("Bundestag Annual Summer Reception", "EVENT", (Mention("x", 50, 51),))))
    quotes = (Quote("We will go on talking to everyone who wants to talk with us, whatever it takes", 60, 140,
                    "direct", "Angela Merkel", 0, 13, "Germany", "said", 150, 154, speaker_gender="female"),)
    return Article("berlin.txt", "", entities, quotes)


@pytest.mark.model
def test_formats_piped_table_is_80_columns_with_every_column(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    done = subprocess.run(["bash", "-c", f'newsx quotes "{SEED}" | cat'], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, env={**env, "NEWSX_NO_PROGRESS": "1"})
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "\x1b[" not in done.stdout
    table = [line for line in lines[1:] if line.strip()]
    assert all(line.endswith(("┓", "┃", "┩", "│", "┤", "┘")) for line in table), table
    assert "Cue" in lines[2] and "emphasised" in done.stdout


@given(natural=st.lists(st.integers(0, 300), min_size=1, max_size=6), data=st.data())
def test_formats_fit_widths_never_exceed_the_room(natural, data):
    count = len(natural)
    floors = data.draw(st.lists(st.integers(1, 20), min_size=count, max_size=count))
    weights = data.draw(st.lists(st.integers(1, 6), min_size=count, max_size=count))
    available = data.draw(st.integers(count, 400))
    widths = fit_widths(natural, floors, weights, available)
    assert sum(widths) <= available and min(widths) >= 1
    assert all(w <= max(n, 1) for w, n in zip(widths, natural))
    if sum(max(n, 1) for n in natural) <= available:
        assert widths == [max(n, 1) for n in natural]
    elif sum(min(max(n, 1), f) for n, f in zip(natural, floors)) <= available:
        assert sum(widths) == available  # all the room is used


# -- options --------------------------------------------------------------------------------------


@pytest.mark.model
def test_formats_json_flag_is_format_json(articles):
    short = invoke("analyze", *articles, "--json")
    long = invoke("analyze", *articles, "--format", "json")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout_bytes == long.stdout_bytes
    assert [orjson.loads(line)["source"] for line in long.stdout_bytes.splitlines()] == [str(a) for a in articles]


@pytest.mark.parametrize("args, message", [
    (["--json", "--format", "csv"], "newsx quotes: --json means --format json, not --format csv"),
    (["--include-text", "--format", "markdown"], "newsx quotes: --include-text needs --format json, not --format markdown"),
    (["--include-text"], "newsx quotes: --include-text needs --format json, not --format table"),
    (["--format", "xml"], "newsx quotes: --format takes table, json, csv or markdown, not 'xml'"),
], ids=["json-and-csv", "text-in-markdown", "text-in-table", "unknown-format"])
def test_formats_conflicting_options_are_one_line_usage_errors(articles, args, message):
    result = invoke("quotes", articles[0], *args)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(message)
    assert result.stdout == ""


@pytest.mark.model
@pytest.mark.parametrize("args, env, coloured", [
    ([], {}, True),
    (["--no-color"], {}, False),
    ([], {"NO_COLOR": "1"}, False),
    ([], {"NO_COLOR": ""}, True),  # https://no-color.org: an empty value does not count
], ids=["default", "no-color-flag", "NO_COLOR", "empty-NO_COLOR"])
def test_formats_no_color_means_no_escape_codes(articles, args, env, coloured):
    # FORCE_COLOR makes Rich style its output as on a terminal.
    result = invoke("entities", articles[0], *args, env={"FORCE_COLOR": "1", "NO_COLOR": None, **env})
    assert result.exit_code == 0
    assert ("\x1b[" in result.stdout) is coloured
    assert "Angela Merkel" in result.stdout


# -- output safe to open and to show (issue 17) -----------------------------------------------------


FORMULAS = "\u201c=HYPERLINK(http://evil.example),\u201d said Bob.\n\n\u201c+cmd|' /C calc'!A0,\u201d Ann said.\n"


@pytest.mark.model
def test_formats_csv_neutralises_cells_that_start_like_a_formula(tmp_path):
    # Once: written unescaped, for a spreadsheet to run.
    path = tmp_path / "in.jsonl"
    path.write_bytes(orjson.dumps({"id": "@SUM(A1:A9)", "text": FORMULAS}) + b"\n")
    header, *rows = parse_csv(invoke("quotes", "--jsonl", path, "--format", "csv").stdout_bytes)
    records = [dict(zip(header, row)) for row in rows]
    assert [r["text"] for r in records] == ["'=HYPERLINK(http://evil.example),", "'+cmd|' /C calc'!A0,"]
    assert {r["source"] for r in records} == {"'@SUM(A1:A9)"}
    header, *rows = parse_csv(invoke("quotes", "--jsonl", path, "--format", "csv", "--raw-csv").stdout_bytes)
    records = [dict(zip(header, row)) for row in rows]
    assert [r["text"] for r in records] == ["=HYPERLINK(http://evil.example),", "+cmd|' /C calc'!A0,"]
    assert {r["source"] for r in records} == {"@SUM(A1:A9)"}
    # The JSON stays exact.
    [article] = [orjson.loads(line) for line in invoke("quotes", "--jsonl", path, "--json").stdout_bytes.splitlines()]
    assert article["source"] == "@SUM(A1:A9)" and article["quotes"][0]["text"] == "=HYPERLINK(http://evil.example),"


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("\uff1d1", "'\uff1d1"), ("Merkel", "Merkel"), ("", ""), (12, 12),
])
def test_formats_neutralise_formula(value, shown):
    from newsx.formats import neutralise_formula

    assert neutralise_formula(value) == shown


def test_formats_raw_csv_needs_csv(articles):
    result = invoke("quotes", articles[0], "--raw-csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("newsx quotes: --raw-csv needs --format csv, not --format table")


def _hostile_article():
    from newsx.types import Article, Entities, Entity, Mention, Quote

    name = "Bob\x1b]0;owned\x07"
    quote = Quote(text="\x1b[2Jred,\r\n\u202etxt.exe", start=1, end=9, type="direct", speaker=name,
                  speaker_start=0, speaker_end=3, speaker_kind="name", organisation="\x9b31m", cue="said",
                  cue_start=10, cue_end=14)
    entities = Entities(people=(Entity(name, "PERSON", (Mention(name, 0, 3),)),))
    return Article("a\x1b[1A\nnewsx: x.txt", "", entities, (quote,))


def test_formats_tables_show_control_characters_escaped():
    article = _hostile_article()
    buffer = io.StringIO()
    print_article(article, Console(file=buffer, width=200, force_terminal=False))
    rendered = buffer.getvalue()
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\r"):
        assert raw not in rendered
    assert "a\\x1b[1A\\nnewsx: x.txt" in rendered  # the title on one line
    assert "\\x1b[2Jred," in rendered and "\\u202etxt.exe" in rendered and "\\x9b31m" in rendered


def test_formats_markdown_shows_control_characters_escaped():
    from newsx.formats import article_markdown

    text = article_markdown(_hostile_article())
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\r"):
        assert raw not in text
    assert text.splitlines()[0] == "## a\\\\x1b\\[1A newsx: x.txt"  # a line break is a space in Markdown
