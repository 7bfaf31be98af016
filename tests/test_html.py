"""HTML input, end to end on the real model: a page is read as the article text trafilatura extracts
(navigation and footer left out), offsets index that text, --include-text shows it, a page with no
article text is one line on stderr, and trafilatura is imported only when a page is read.
"""
from __future__ import annotations

import subprocess
import sys

import orjson

from cli_helpers import invoke, objects
from newsx.reading import Document, make_document, read_jsonl
from newsx.types import InputProblem

QUOTE = "We will not let winter become a weapon against our citizens,"

ARTICLE = f"""
<article>
  <h1>Ministers meet in Paris to discuss energy prices</h1>
  <p>Foreign ministers from France and Germany met in Paris on Monday to discuss rising energy prices
  across Europe.</p>
  <p>\u201c{QUOTE}\u201d said Annalena Baerbock, the German foreign minister, after the talks.</p>
  <p>Her French counterpart, Catherine Colonna, told reporters that both countries would coordinate
  their purchases of liquefied gas.</p>
  <p>The meeting came a week after the European Commission proposed a cap on wholesale prices.</p>
</article>
"""

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Ministers meet in Paris | The Daily Example</title></head>
<body>
<header><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/subscribe">Subscribe now</a></nav></header>
<main>{ARTICLE}</main>
<aside><h2>Most read</h2><ul><li><a href="/a">Celebrity chef opens a restaurant</a></li>
<li><a href="/b">Weather warning for the weekend</a></li></ul></aside>
<footer><p>\u00a9 2024 The Daily Example. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body>
</html>
"""

BOILERPLATE = ("Subscribe now", "Privacy policy", "Cookie settings", "All rights reserved", "Celebrity chef")


def check_quote(article: dict) -> None:
    """The page's direct quote, its speaker and cue, each cut from the included text by its offsets."""
    text = article["text"]
    [quote] = [q for q in article["quotes"] if q["type"] == "direct"]
    assert (quote["text"], quote["speaker"], quote["cue"]) == (QUOTE, "Annalena Baerbock", "said")
    assert text[quote["start"]:quote["end"]] == QUOTE
    assert text[quote["speaker_start"]:quote["speaker_end"]] == "Annalena Baerbock"
    assert text[quote["cue_start"]:quote["cue_end"]] == "said"
    for other in article["quotes"]:
        assert text[other["start"]:other["end"]] == other["text"]


def test_html_page_is_read_as_its_article_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke("analyze", page, "--json", "--include-text")
    assert result.exit_code == 0
    assert result.stderr == ""
    [article] = objects(result)
    text = article["text"]
    assert text.startswith("Ministers meet in Paris to discuss energy prices\n")
    assert "<" not in text and not any(words in text for words in BOILERPLATE)
    check_quote(article)
    people = {entity["name"] for entity in article["people"]}
    assert {"Annalena Baerbock", "Catherine Colonna"} <= people
    for section in ("people", "countries", "places", "organisations", "other"):
        for entity in article[section]:
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]


def test_html_flag_reads_a_fragment_that_is_not_a_whole_page(tmp_path):
    fragment = tmp_path / "fragment.txt"
    fragment.write_text(ARTICLE, encoding="utf-8")
    # Without --html the fragment is text like any other, tags and all...
    [plain] = objects(invoke("quotes", fragment, "--json", "--include-text"))
    assert plain["text"] == ARTICLE
    # ...with it, the article's text.
    result = invoke("quotes", fragment, "--json", "--include-text", "--html")
    assert result.exit_code == 0
    [article] = objects(result)
    assert "<p>" not in article["text"] and "\n  their purchases" not in article["text"]
    check_quote(article)


def test_html_from_stdin_and_in_json_lines():
    [article] = objects(invoke("quotes", "-", "--json", "--include-text", input=PAGE.encode("utf-8")))
    assert article["source"] == "<stdin>"
    check_quote(article)
    line = orjson.dumps({"id": "page-1", "text": PAGE}) + b"\n"
    [record] = objects(invoke("quotes", "--jsonl", "-", "--json", "--include-text", input=line))
    assert record["source"] == "page-1"
    check_quote(record)


def test_html_directory_gives_its_pages_with_html(tmp_path):
    pages = tmp_path / "pages"
    (pages / "world").mkdir(parents=True)
    (pages / "a.html").write_text(PAGE, encoding="utf-8")
    (pages / "world" / "b.htm").write_text(PAGE, encoding="utf-8")
    (pages / "notes.txt").write_text("Not a page.", encoding="utf-8")
    result = invoke("quotes", pages, "--html", "--format", "csv")
    assert result.exit_code == 0
    sources = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert sorted(set(sources)) == [str(pages / "a.html"), str(pages / "world" / "b.htm")]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("quotes", empty, "--html", "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsx: {empty}: directory holds no .html or .htm files"]


def test_html_page_without_article_text_is_one_line(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>")
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke("quotes", empty, page, "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"newsx: {empty}: no article text found in HTML"]
    assert [article["source"] for article in objects(result)] == [str(page)]


def test_html_reading_without_the_command_line():
    document = make_document("page.html", PAGE)
    assert isinstance(document, Document) and QUOTE in document.text
    assert make_document("x", "<p>Hi</p>") == Document("x", "<p>Hi</p>")  # not a page, not asked to
    assert make_document("x", "<body></body>", html=True) == InputProblem("x", "no article text found in HTML")
    [record] = read_jsonl([orjson.dumps({"text": "<html><body></body></html>"})], "in.jsonl")
    assert record == InputProblem("in.jsonl:1", "no article text found in HTML")


def test_html_trafilatura_is_imported_only_for_html():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "import newsx.cli\n"
        "from newsx.cli._util import app\n"
        "from newsx.reading import read_bytes\n"
        "for args in (['--help'], ['quotes', '--help'], ['--version']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
        "read_bytes(b'Plain text about <html> tags.', 'x.txt')\n"
        "print('trafilatura' in sys.modules)\n"
        "read_bytes(b'<html><body><p>A page.</p></body></html>', 'x.html')\n"
        "print('trafilatura' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
    assert done.stderr == ""
