"""Reading inputs: decoding, refusing what is not article text, directories, stdin and JSON Lines.

These tests need no spaCy pipeline: every input becomes a Document or an InputProblem.
"""
from __future__ import annotations

import codecs
import io
import os
import stat
import threading
from pathlib import Path

import pytest

from newsx import reading
from newsx.reading import Document, decode, read_bytes, read_inputs, read_jsonl, read_path
from newsx.types import InputProblem

ARTICLE = "\u201cWe will win,\u201d said Angela Merkel in Berlin. Caf\u00e9 owners agreed.\n"


def read_all(names, **kwargs):
    return list(read_inputs([str(n) for n in names], **kwargs))


# -- decoding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    ARTICLE.encode("utf-8"),
    codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
    ARTICLE.encode("utf-16"),  # with its byte-order mark
    codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    ARTICLE.encode("utf-16-le"),  # no byte-order mark: found by its NUL bytes
    ARTICLE.encode("utf-32"),
    ARTICLE.encode("cp1252"),  # curly quotes are the bytes 0x93 and 0x94
], ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le-no-bom", "utf-32-bom", "cp1252"])
def test_reading_decodes_every_encoding_to_the_same_text(data):
    assert decode(data) == ARTICLE


def test_reading_decodes_cp1252_curly_quote_bytes():
    assert decode(b"\x93Yes,\x94 she said.") == "\u201cYes,\u201d she said."


def test_reading_decodes_latin1_with_bytes_cp1252_leaves_undefined():
    # 0x81 is undefined in Windows-1252, so the text is read as Latin-1.
    data = "Fran\u00e7ois \u00e0 G\u00f6teborg".encode("latin-1") + b" \x81"
    assert decode(data) == "Fran\u00e7ois \u00e0 G\u00f6teborg \x81"


def test_reading_decodes_utf8_cut_mid_character_as_utf8():
    # `head -c` cut the last character in half: the rest is still UTF-8, not mojibake.
    data = ("Z\u00fcrich \u201cquoted\u201d \u2013 " * 5).encode("utf-8") + "\u00e9".encode("utf-8")[:1]
    text = decode(data)
    assert text.startswith("Z\u00fcrich \u201cquoted\u201d")
    assert text.endswith("\ufffd")


def test_reading_keeps_crlf_and_drops_only_the_bom():
    data = codecs.BOM_UTF8 + b"One.\r\n\r\nTwo.\r\n"
    assert read_bytes(data, "x.txt") == Document("x.txt", "One.\r\n\r\nTwo.\r\n")


@pytest.mark.parametrize("data, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text (a binary file format)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not text (a binary file format)"),
    (b"\x1f\x8b\x08\x00compressed", "not text (a binary file format)"),
    (b"PK\x03\x04word/document.xml", "not text (a binary file format)"),
    (b"\x00\x01\x02\x03\xff\xfe\x00\x10" * 64, "not text (NUL bytes)"),
    (bytes(range(1, 9)) * 40, "not text (control characters)"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "invalid utf-8 after its byte-order mark"),
], ids=["png", "pdf", "gzip", "zip", "nul-bytes", "control-characters", "bad-utf-8-after-bom"])
def test_reading_refuses_binary_data(data, reason):
    problem = read_bytes(data, "x.txt")
    assert problem == InputProblem("x.txt", reason)
    assert problem.reason.startswith(("not text", "invalid"))


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><html><body></body></html>",
    "\n  <html lang='en'><head><title>x</title></head>",
    "<?xml version='1.0'?><rss></rss>",
    "<meta charset=utf-8><head></head><body></body>",
])
def test_reading_html_without_article_text_is_a_problem(text):
    # HTML pages are read as the article text extracted from them (tests/test_html.py); a page
    # with none is one line on stderr, like any unreadable input.
    assert read_bytes(text.encode(), "page.txt") == InputProblem("page.txt", "no article text found in HTML")


def test_reading_html_page_becomes_its_text():
    assert read_bytes(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "page.txt") == Document("page.txt", "Hi")


def test_reading_accepts_text_that_only_mentions_html():
    assert isinstance(read_bytes(b"The <html> tag was discussed in Berlin.", "x.txt"), Document)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8])
def test_reading_empty_and_blank_inputs_are_documents(data):
    document = read_bytes(data, "x.txt")
    assert isinstance(document, Document) and not document.text.strip()


def test_reading_refuses_text_over_max_chars():
    problem = read_bytes(b"x " * 60, "x.txt", max_chars=100)
    assert problem == InputProblem("x.txt", "too long (120 characters; the limit is --max-chars 100)")


def test_reading_refuses_a_huge_file_before_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    problem = read_path(path, max_chars=100)
    assert isinstance(problem, InputProblem)
    assert problem.reason == "too large (5,000 bytes; the limit is --max-chars 100)"


def test_reading_refuses_a_megabyte_without_whitespace():
    problem = read_bytes(b"\xe2\x80\x9c" * 1_000_000, "run.txt")  # a million opening quote marks
    assert isinstance(problem, InputProblem)
    assert problem.reason.startswith("not article text (a run of 1,000,000 characters without a space")


# -- files and directories ------------------------------------------------------------------------


def test_reading_missing_path_is_a_problem(tmp_path):
    missing = tmp_path / "missing.txt"
    assert read_all([missing]) == [InputProblem(str(missing), "no such file or directory")]


def test_reading_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Hidden.")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the open fail as it would for others
        def denied(self, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(self))
        monkeypatch.setattr(Path, "open", denied)
    try:
        assert read_all([path]) == [InputProblem(str(path), "permission denied")]
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_reading_directory_without_txt_files_is_a_problem(tmp_path):
    (tmp_path / "notes.md").write_text("Not an article.")
    assert read_all([tmp_path]) == [InputProblem(str(tmp_path), "directory holds no .txt files")]


def test_reading_directory_named_like_a_file_is_a_problem(tmp_path):
    odd = tmp_path / "x.txt"
    odd.mkdir()
    assert read_all([odd]) == [InputProblem(str(odd), "directory holds no .txt files")]
    assert read_path(odd) == InputProblem(str(odd), "is a directory")


def test_reading_refuses_devices():
    # /dev/zero never ends; a terminal would wait for typing.
    assert read_all(["/dev/zero"]) == [InputProblem("/dev/zero", "not a regular file")]


def test_reading_reads_a_fifo(tmp_path):
    # `newsx entities <(zcat a.txt.gz)` hands newsx a pipe.
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as stream:
            stream.write(b"Angela Merkel spoke.")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    assert read_all([fifo]) == [Document(str(fifo), "Angela Merkel spoke.")]
    writer.join(timeout=10)


def test_reading_empty_name_is_a_problem():
    # Path("") is the current directory: an empty argument must not read all of it.
    assert read_all([""]) == [InputProblem("''", "empty file name")]


def test_reading_bad_input_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Angela Merkel spoke.")
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n")
    items = read_all([tmp_path / "missing.txt", png, good])
    assert [type(i).__name__ for i in items] == ["InputProblem", "InputProblem", "Document"]
    assert items[2].text == "Angela Merkel spoke."


def test_reading_directories_recursively_in_sorted_order(tmp_path):
    for name in ("b/z.txt", "a/y.txt", "x.txt", "a/c/w.txt", "notes.md", ".hidden/v.txt", "._x.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name)
    sources = [Path(item.source).relative_to(tmp_path).as_posix() for item in read_all([tmp_path])]
    assert sources == ["a/c/w.txt", "a/y.txt", "b/z.txt", "x.txt"]
    # The same again: the order does not depend on the file system's.
    assert sources == [Path(i.source).relative_to(tmp_path).as_posix() for i in read_all([tmp_path])]


def test_reading_inputs_keep_the_order_given(tmp_path):
    names = []
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
        names.append(tmp_path / name)
    assert [item.text for item in read_all(names)] == ["c.txt", "a.txt", "b.txt"]


# -- stdin and JSON Lines -------------------------------------------------------------------------


def test_reading_stdin_bytes_are_decoded():
    stdin = io.BytesIO("\u201cYes,\u201d she said.".encode("utf-16"))
    assert read_all(["-"], stdin=stdin) == [Document("<stdin>", "\u201cYes,\u201d she said.")]


def test_reading_stdin_over_the_limit_is_refused():
    [problem] = read_all(["-"], stdin=io.BytesIO(b"x" * 100), max_chars=10)
    assert problem == InputProblem("<stdin>", "too large (over 44 bytes; the limit is --max-chars 10)")


JSONL_LINES = [
    b'{"id": "a1", "text": "First."}',
    b'{bad json',
    b'{"title": "no text"}',
    b'{"text": 5}',
    b'[1, 2]',
    b'',
    b'{"id": 7, "text": "Second."}',
    b'{"text": "No id."}',
    b'{"text": null}',
    b'{"id": "x", "text": "\\u00ab Oui \\u00bb"}',
]


def test_reading_jsonl_reports_bad_lines_with_their_numbers():
    items = list(read_jsonl(JSONL_LINES, "in.jsonl"))
    assert items == [
        Document("a1", "First."),
        InputProblem("in.jsonl:2", "not valid JSON"),
        InputProblem("in.jsonl:3", 'no "text" field'),
        InputProblem("in.jsonl:4", '"text" is a number, not a string'),
        InputProblem("in.jsonl:5", "not a JSON object"),
        Document("7", "Second."),
        Document("in.jsonl:8", "No id."),
        InputProblem("in.jsonl:9", '"text" is null, not a string'),
        Document("x", "\u00ab Oui \u00bb"),
    ]


@pytest.mark.parametrize("line, reason", [
    (b'{"text": "\xff\xfe"}', "not valid UTF-8"),
    (b'{"text": "<!DOCTYPE html><html></html>"}', "no article text found in HTML"),
    (b'{"text": "' + b"x " * 25 + b'"}', "too long (50 characters; the limit is --max-chars 40)"),
])
def test_reading_jsonl_checks_each_text(line, reason):
    assert list(read_jsonl([line], "in.jsonl", max_chars=40)) == [InputProblem("in.jsonl:1", reason)]


def test_reading_jsonl_file_with_bom_and_crlf(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + b'{"id": "a", "text": "One.\\r\\nTwo."}\r\n{"id": "b", "text": "Three."}\r\n')
    assert read_all([path], jsonl=True) == [Document("a", "One.\r\nTwo."), Document("b", "Three.")]


def test_reading_jsonl_from_stdin_and_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_bytes(b'{"id": "b", "text": "B."}\n')
    (tmp_path / "a.jsonl").write_bytes(b'{"id": "a", "text": "A."}\n')
    (tmp_path / "ignored.txt").write_text("Not JSON Lines.")
    stdin = io.BytesIO(b'{"id": "s", "text": "S."}\n{oops\n')
    items = read_all(["-", tmp_path], jsonl=True, stdin=stdin)
    assert items == [Document("s", "S."), InputProblem("<stdin>:2", "not valid JSON"),
                     Document("a", "A."), Document("b", "B.")]
