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


def test_reading_refuses_a_huge_file_before_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:  # sparse: as large as the limit allows and one byte more
        stream.truncate(reading.byte_limit(100) + 1)

    def never(self, *args, **kwargs):
        raise AssertionError("opened")
    monkeypatch.setattr(Path, "open", never)
    problem = read_path(path, max_chars=100)
    # In bytes alone: the file's size and the limit (a size in bytes against --max-chars in characters
    # once read "too large (716 bytes; the limit is --max-chars 100)").
    assert problem == InputProblem(str(path), "too large (16,777,217 bytes; the limit is 16,777,216 bytes: 4 per "
                                              "character of --max-chars 100, at least 16 MiB)")


def test_reading_file_over_max_chars_says_characters(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"word " * 1000)
    assert read_path(path, max_chars=100) == InputProblem(
        str(path), "too long (5,000 characters; the limit is --max-chars 100)")


def test_reading_article_over_the_default_says_what_memory_it_needs():
    problem = reading.check_text("x " * 1_500_000)
    assert problem == ("too long (3,000,000 characters; the limit is --max-chars 1,000,000; an article this long "
                       "needs about 8 GB of memory)")


def test_reading_refuses_a_megabyte_without_whitespace():
    problem = read_bytes(b"\xe2\x80\x9c" * 1_000_000, "run.txt")  # a million opening quote marks
    assert isinstance(problem, InputProblem)
    assert problem.reason.startswith("not article text (a run of 1,000,000 characters without a space")


@pytest.mark.parametrize("text, refused", [
    ('"a" ' * 1_000, True),                                      # quote marks round one letter: 50%
    ("\u201c '\" " * 600, True),                                 # alternating marks with spaces
    ("(" * 30 + "x" + ")" * 30 + " " * 40 + "(x) " * 500, True),  # brackets
    ('"a" ' * 400, False),                                       # short: 1,600 characters are not judged
    ('He said: "No, we won\'t (not now)." ' * 100, False),       # quote-heavy prose: 14%
    ("The minister said the talks would go on. " * 100, False),   # prose: 2%
])
def test_reading_refuses_text_that_is_mostly_punctuation(text, refused):
    reason = reading.check_text(text)
    assert (reason is not None) is refused, reason
    if refused:
        assert reason.startswith("not article text (") and "punctuation or symbols; the limit is 30%" in reason


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


def test_reading_stdin_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "HTML_MAX_BYTES", 0)  # the limit is then what 10 characters can take
    [problem] = read_all(["-"], stdin=io.BytesIO(b"x" * 100), max_chars=10)
    assert problem == InputProblem("<stdin>", "too large (more than 44 bytes; the limit is 44 bytes: 4 per character "
                                              "of --max-chars 10, at least 0 MiB)")


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


# -- decoding that loses less ---------------------------------------------------------------------


def test_reading_a_stray_nul_is_replaced_and_counted():
    # Once: one NUL byte in a 10 KB article refused the whole article ("not text (NUL bytes)").
    body = ("Angela Merkel said the talks would go on. " * 250).encode()
    document = read_bytes(body[:5000] + b"\x00" + body[5000:], "x.txt")
    assert isinstance(document, Document)
    assert document.text == body[:5000].decode() + "\ufffd" + body[5000:].decode()
    assert document.warnings == ("1 NUL character replaced by U+FFFD",)


def test_reading_a_lone_surrogate_escape_in_json_lines_is_replaced_and_counted():
    # Once: orjson refused the line ("not valid JSON") and the article was lost.
    [document] = read_jsonl([b'{"id": "a\\ud800", "text": "Angela Merkel said \\udc00 so."}'], "in.jsonl")
    assert document == Document("a\ufffd", "Angela Merkel said \ufffd so.", document.warnings)
    assert document.warnings == ("1 lone surrogate replaced by U+FFFD", "its id: 1 lone surrogate replaced by U+FFFD")


def test_reading_an_encoding_that_changes_midway_is_read_with_a_warning():
    # Once: read whole as Windows-1252, the UTF-8 half in mojibake ("CafÃ©"), without a word.
    utf8 = "Caf\u00e9 owners in Z\u00fcrich agreed.\n".encode() * 3
    legacy = "\u201cWe will win,\u201d said the caf\u00e9 owner.\n".encode("cp1252")
    text, notes = reading.decode_with_warnings(utf8 + legacy)
    assert text == utf8.decode() + legacy.decode("cp1252")
    assert notes == (f"not all UTF-8: 3 bytes from byte offset {len(utf8)} on read as Windows-1252",)
    assert read_bytes(utf8 + legacy, "x.txt").warnings == notes


def test_reading_stray_bytes_in_a_utf8_line_are_read_as_windows_1252():
    data = "Z\u00fcrich \u00e9t\u00e9 ".encode() + b"\x93quoted\x94"
    assert reading.decode_with_warnings(data) == (
        "Z\u00fcrich \u00e9t\u00e9 \u201cquoted\u201d", ("not all UTF-8: 2 bytes from byte offset 14 on read as Windows-1252",))


def test_reading_a_windows_1252_file_ending_in_an_accent_is_not_utf8_cut_short():
    assert reading.decode_with_warnings("Un caf\u00e9".encode("cp1252")) == ("Un caf\u00e9", ())


def test_reading_utf16_with_a_lone_surrogate_keeps_the_rest():
    data = codecs.BOM_UTF16_LE + "Angela Merkel spoke at length. ".encode("utf-16-le") * 10 + b"\x00\xd8" + "End.".encode("utf-16-le")
    text, notes = reading.decode_with_warnings(data)
    assert text.endswith("\ufffdEnd.") and notes == ("1 invalid utf-16-le sequence replaced by U+FFFD",)


# -- every reading fault reported -----------------------------------------------------------------


def _deny(monkeypatch, denied: Path) -> None:
    """Listing ``denied`` fails as it would for a user without read permission (tests run as root)."""
    real = os.scandir

    def scandir(path="."):
        if Path(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)


def test_reading_an_unreadable_subdirectory_is_reported(tmp_path, monkeypatch):
    # Once: its files were skipped without a word (exit 0).
    for name in ("a/one.txt", "b/two.txt", "c/three.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    _deny(monkeypatch, tmp_path / "b")
    items = read_all([tmp_path])
    assert items == [
        Document(str(tmp_path / "a/one.txt"), "a/one.txt"),
        InputProblem(str(tmp_path / "b"), "permission denied (a directory; its files were not read)"),
        Document(str(tmp_path / "c/three.txt"), "c/three.txt"),
    ]


def test_reading_an_unreadable_directory_argument_says_so(tmp_path, monkeypatch):
    # Once: "directory holds no .txt files", the wrong reason.
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("A.")
    _deny(monkeypatch, folder)
    assert read_all([folder]) == [InputProblem(str(folder), "permission denied (a directory; its files were not read)")]


def test_reading_broken_links_are_reported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Good.")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "gone.md").symlink_to(tmp_path / "deleted.md")  # not an article's name: not asked for
    assert read_all([folder]) == [
        InputProblem(str(folder / "gone.txt"), f"broken symbolic link (to {tmp_path / 'deleted.txt'})"),
        Document(str(folder / "good.txt"), "Good."),
    ]
    assert read_all([folder / "gone.txt"]) == [
        InputProblem(str(folder / "gone.txt"), f"broken symbolic link (to {tmp_path / 'deleted.txt'})")]


def test_reading_linked_directories_are_read_once(tmp_path):
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "a.txt").write_text("A.")
    (tmp_path / "latest").symlink_to(tmp_path / "2024")
    (tmp_path / "2024" / "loop").symlink_to(tmp_path)
    assert [item.text for item in read_all([tmp_path])] == ["A."]


def test_reading_closed_stdin_is_a_problem_and_the_rest_is_read(tmp_path, monkeypatch):
    # Once: a 296-line traceback, and the other file's result lost.
    good = tmp_path / "ok.txt"
    good.write_text("Fine.")
    monkeypatch.setattr(reading.sys, "stdin", None)  # what Python makes of `<&-`
    assert read_all([good, "-"]) == [Document(str(good), "Fine."), InputProblem("<stdin>", "stdin is closed")]


def test_reading_a_read_error_part_way_through_json_lines_keeps_what_was_read():
    def lines():
        yield b'{"id": "a", "text": "A."}'
        yield b'{"id": "b", "text": "B."}'
        raise OSError(5, "Input/output error")
    assert list(read_jsonl(lines(), "in.jsonl")) == [
        Document("a", "A."), Document("b", "B."),
        InputProblem("in.jsonl:3", "read error: input/output error; the rest of in.jsonl was not read"),
    ]
