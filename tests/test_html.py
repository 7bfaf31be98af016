"""HTML input, end to end on the real model: a page is read as the article text trafilatura extracts
(navigation and footer left out), offsets index that text, --include-text shows it, a page with no
article text is one line on stderr, and trafilatura is imported only when a page is read.
"""
from __future__ import annotations

import subprocess
import sys

import orjson
import pytest

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


@pytest.mark.model
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


@pytest.mark.model
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


@pytest.mark.model
def test_html_from_stdin_and_in_json_lines():
    [article] = objects(invoke("quotes", "-", "--json", "--include-text", input=PAGE.encode("utf-8")))
    assert article["source"] == "<stdin>"
    check_quote(article)
    line = orjson.dumps({"id": "page-1", "text": PAGE}) + b"\n"
    [record] = objects(invoke("quotes", "--jsonl", "-", "--json", "--include-text", input=line))
    assert record["source"] == "page-1"
    check_quote(record)


@pytest.mark.model
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


@pytest.mark.model
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


# -- hostile pages: refused in one line, never a hang (issue 16) ------------------------------------

BODY = "<p>\u201cWe will win,\u201d said Angela Merkel in Berlin on Monday, and officials agreed.</p>" * 5


def _page(body: str = "", head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body><article>{BODY}{body}</article></body></html>"


@pytest.mark.parametrize("page, reason", [
    # 150,000 attributes on one element, 2.3 MB: libxml2 once ran more than ten minutes on it.
    (lambda: _page("<div " + " ".join(f'data-a{i}="v{i}"' for i in range(150_000)) + ">x</div>"),
     "HTML too complex: an element with 150,000 attributes (the limit is 1,000)"),
    (lambda: _page(("<i " + " ".join(f"a{i}=1" for i in range(999)) + ">x</i>") * 300),
     "HTML too complex: 299,700 attributes (the limit is 250,000)"),
    (lambda: _page("<div>" * 5_000 + "deep" + "</div>" * 5_000),
     "HTML too complex: elements nested 5,001 deep (the limit is 1,000)"),
    (lambda: _page("<b>unclosed " * 3_000), "HTML too complex: elements nested 3,001 deep (the limit is 1,000)"),
    (lambda: _page("<span>w</span> " * 60_000), "HTML too complex: 60,010 elements (the limit is 50,000)"),
    (lambda: _page("<p>x " * 100_000), "HTML too complex: 100,010 elements (the limit is 50,000)"),
    (lambda: _page("<script>a</script>" * 60_000), "HTML too complex: 60,010 elements (the limit is 50,000)"),
    (lambda: _page("<!--" + "x" * 10_000_000 + "-->"),
     "HTML too complex: 10,000,511 characters of markup (the limit is 10,000,000)"),
], ids=["attributes-on-one-element", "attributes-in-all", "deep-nesting", "unclosed-tags", "many-elements",
        "unclosed-paragraphs", "script-elements", "size"])
def test_html_too_complex_is_refused_in_one_line(page, reason):
    from newsx.html import HtmlTooComplex, extract_article_text

    with pytest.raises(HtmlTooComplex) as refused:
        extract_article_text(page())
    assert str(refused.value) == reason
    assert make_document("page.html", page()) == InputProblem("page.html", reason)


@pytest.mark.parametrize("page", [
    lambda: _page('<img alt="' + "a" * 3_000_000 + '" src="x.png">'),  # a huge attribute (an inlined image)
    lambda: _page("<script>" + "var a = '<p>';" * 200_000 + "</script>"),  # a script bomb: its "<p>" are text
    lambda: _page("<p>" + "&amp;&#x201c;&quot;&nbsp;" * 100_000 + "</p>"),  # entities
    lambda: _page("<p>" + "<!-- x -->" * 40_000 + "</p>"),  # comments are no elements
], ids=["huge-attribute", "script-bomb", "entities", "comments"])
def test_html_hostile_shapes_within_the_limits_are_read(page):
    from newsx.html import extract_article_text

    assert "said Angela Merkel in Berlin" in extract_article_text(page())


def test_html_entities_a_page_declares_are_never_expanded():
    # "Billion laughs": entities that expand to entities; the HTML parser reads no declarations.
    declarations = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)).replace("&lol0;", "&lol;")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [{declarations}]><html><body><article>{BODY}'
            "<p>&lol9;</p></article></body></html>")
    item = make_document("page.html", page)
    assert item == InputProblem("page.html", "no article text found in HTML") or "lollol" not in item.text


def test_html_measure_is_one_pass_over_the_tags():
    from newsx.html import PageShape, measure

    assert measure("<html><body><div a=1 b='2' c=\"3\" d><br><p>x<p>y</div></body></html>") == PageShape(
        chars=67, elements=6, depth=1, attributes=4, total_attributes=4)
    # A tag left open, an unterminated quote, a script never closed: the rest is inside them.
    assert measure("<p>a <div title=\"x>" + "<b>" * 1000).elements == 1
    assert measure("<script>" + "<b>" * 1000).elements == 1
    assert measure("<div " + "<a " * 1000 + ">").attributes == 1000


def test_html_extraction_runs_under_a_time_budget(monkeypatch):
    import time

    import trafilatura

    from newsx import html

    def stuck(*args, **kwargs):
        while True:  # Python code the alarm can interrupt, and a library that swallows Exception
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001
                pass
    monkeypatch.setattr(trafilatura, "extract", stuck)
    monkeypatch.setattr(html, "HTML_TIME_BUDGET", 0.3)
    with pytest.raises(html.HtmlTooComplex, match=r"^HTML too complex: extracting its text took longer than 0.3 s$"):
        html.extract_article_text(_page())


@pytest.mark.model
def test_html_too_complex_in_a_batch_is_one_line_and_the_rest_goes_on(tmp_path):
    bomb = tmp_path / "bomb.html"
    bomb.write_text(_page("<div " + " ".join(f"a{i}=1" for i in range(5_000)) + ">x</div>"))
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke("quotes", bomb, page, "--json")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsx: {bomb}: HTML too complex: an element with 5,000 attributes (the limit is 1,000)"]
    assert [a["source"] for a in objects(result)] == [str(page)]
