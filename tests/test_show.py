"""`newsx show`: an article as an HTML page with its quotes marked by displaCy. The page's pieces on
hand-built articles (model-free), the command on the real model, and the seed's page in a real
browser (headless Chromium: a screenshot, and the quotes' text in the DOM)."""
from __future__ import annotations

import html.parser
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from cli_helpers import invoke
from newsx.page import CONTENT_SECURITY_POLICY, colours, marks, paragraphs, render_page, speaker_colour
from newsx.types import Article, Quote

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_74118320347f371e.txt"


def quote(text, start, speaker, speaker_at=None, cue_at=None):
    speaker_start, speaker_end = speaker_at or (None, None)
    cue_start, cue_end = cue_at or (None, None)
    return Quote(text, start, start + len(text), "direct", speaker, speaker_start, speaker_end, None,
                 "said" if cue_at else None, cue_start, cue_end)


TEXT = "\u201cWe will win,\u201d said Ana Lima.\n\n\u201cNo,\u201d Tom Hale replied. \u201cWe lost.\u201d\n"


def _article():
    lima = TEXT.index("Ana Lima")
    hale = TEXT.index("Tom Hale")
    return Article("a.txt", TEXT, quotes=(
        quote("We will win,", 1, "Ana Lima", (lima, lima + 8), (TEXT.index("said"), TEXT.index("said") + 4)),
        quote("No,", TEXT.index("No,"), "Tom Hale", (hale, hale + 8), (TEXT.index("replied"), TEXT.index("replied") + 7)),
        quote("We lost.", TEXT.index("We lost."), "Tom Hale", (hale, hale + 8))))


def test_show_tokens_cut_at_every_mark_and_keep_quote_marks_with_their_words():
    first, second = paragraphs(_article())
    assert first["tokens"] == ["\u201cWe", "will", "win,\u201d", "said", "Ana", "Lima."]
    assert [(s["start_token"], s["end_token"], s["label"]) for s in first["spans"]] == [
        (0, 3, "Ana Lima"), (3, 4, "cue"), (4, 6, "speaker<!--0-->")]
    assert second["tokens"] == ["\u201cNo,\u201d", "Tom", "Hale", "replied.", "\u201cWe", "lost.\u201d"]
    # The mention names the speaker of both quotes: drawn once.
    assert [s["label"] for s in second["spans"]].count("speaker<!--1-->") == 1


def test_show_a_quote_over_two_paragraphs_is_marked_in_each():
    text = "\u201cFirst part\n\nsecond part,\u201d she said."
    article = Article("a.txt", text, quotes=(quote(text[1:text.index(",")], 1, "Ana Lima"),))
    spans = [[s["label"] for s in p["spans"]] for p in paragraphs(article)]
    assert spans == [["Ana Lima"], ["Ana Lima"]]


def test_show_one_colour_per_speaker_and_mentions_share_it():
    table = colours(_article())
    assert table["Ana Lima"] == table["speaker<!--0-->"] == speaker_colour(0)
    assert table["Tom Hale"] == table["speaker<!--1-->"] == speaker_colour(1) != speaker_colour(0)
    assert len({speaker_colour(i) for i in range(50)}) == 50


def test_show_names_from_the_article_cannot_inject_markup():
    """displaCy escapes the tokens but puts labels into its markup as they are: newsx escapes them."""
    text = "\u201cHi,\u201d said <script>x</script> \u202eevil."
    name = "<script>x</script> \u202eevil"
    article = Article("<b>a</b>.txt", text, quotes=(quote("Hi,", 1, name, (text.index("<s"), len(text) - 1)),))
    labels = [s["label"] for p in paragraphs(article) for s in p["spans"]]
    assert labels == ["&lt;script&gt;x&lt;/script&gt; \\u202eevil", "speaker<!--0-->"]
    tokens = [t for p in paragraphs(article) for t in p["tokens"]]
    assert "\\u202eevil." in tokens  # the bidi override shown, not obeyed (displaCy escapes the rest)
    page = render_page(Article(article.source, "", quotes=article.quotes))  # the legend and title alone
    assert "<script>" not in page and "<b>a" not in page and "&lt;script&gt;" in page
    assert all("<script" not in mark.label for mark in marks(article))


#: What would load anything from elsewhere, or run anything.
FETCHES = re.compile(r"<script|<link|<img|<iframe|\bsrc=|\bhref=|@import|url\(|https?://", re.IGNORECASE)


@pytest.mark.model
def test_show_seed_page_is_written_whole_and_loads_nothing(tmp_path):
    target = tmp_path / "page.html"
    result = invoke("show", SEED, "-o", target)
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page and "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert not FETCHES.search(page), FETCHES.search(page)
    assert re.search(r"Li Shangfu \(\d+ quotes\)", page)  # the legend
    assert invoke("show", SEED).stdout == page  # the same page on stdout


@pytest.mark.model
@pytest.mark.parametrize("make, message, code", [
    (lambda d: d / "missing.txt", "newsx: {path}: no such file or directory", 1),
    (lambda d: d, "newsx show: newsx show reads one article; {path} is a directory (see 'newsx show --help')", 2),
])
def test_show_bad_input_is_one_line_and_leaves_no_page(tmp_path, make, message, code):
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    path = make(tmp_path)
    result = invoke("show", path, "-o", target)
    assert result.exit_code == code
    assert result.stderr.splitlines() == [message.format(path=path)]
    assert not target.exists()


def test_show_output_of_another_format_is_refused(tmp_path):
    result = invoke("show", SEED, "-o", tmp_path / "page.json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"newsx show: -o {tmp_path / 'page.json'}: newsx show writes an HTML page, not .json (name it .html) "
        "(see 'newsx show --help')"]


# -- in a real browser ----------------------------------------------------------------------------


def chromium() -> str:
    """Chromium's command: NEWSX_CHROMIUM, else chromium on the PATH (Debian's package)."""
    found = os.environ.get("NEWSX_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("no chromium: `apt-get install -y chromium` (.ci/run installs it)", pytrace=False)
    return found


def headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([chromium(), *flags, *args], capture_output=True, timeout=180)


class _Tokens(html.parser.HTMLParser):
    """The text of displaCy's tokens in a page: the text directly inside a ``div.spans`` or inside
    a token element of one (labels sit deeper), joined."""

    def __init__(self):
        super().__init__()
        self.depth = None  # depth inside the current div.spans
        self.pieces: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth is not None:
            self.depth += 1
        elif tag == "div" and ("class", "spans") in attrs:
            self.depth = 0

    def handle_endtag(self, tag):
        if self.depth is not None:
            self.depth = None if self.depth == 0 else self.depth - 1

    def handle_data(self, data):
        if self.depth is not None and self.depth <= 1:
            self.pieces.append(data)


@pytest.mark.model
@pytest.mark.browser
def test_show_seed_page_in_headless_chromium(tmp_path, extractor, seed_text):
    page = tmp_path / "seed.html"
    assert invoke("show", SEED, "-o", page).exit_code == 0
    shot = tmp_path / "seed.png"
    done = headless(tmp_path, f"--screenshot={shot}", "--window-size=1100,1900", page.as_uri())
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a picture, not a blank
    assert struct.unpack(">II", data[16:24]) == (1100, 1900)
    dom = headless(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0
    parser = _Tokens()
    parser.feed(dom.stdout.decode("utf-8"))
    shown = "".join("".join(parser.pieces).split())
    article = extractor(seed_text, str(SEED))
    assert article.quotes
    for item in article.quotes:
        assert "".join(item.text.split()) in shown, item.text
    assert "Li Shangfu" in dom.stdout.decode("utf-8")  # a label
