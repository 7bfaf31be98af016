"""Reading inputs: files, directories, stdin and JSON Lines, decoded to text without losing a byte.

Every input becomes either a :class:`Document` (a source name and its decoded text) or an
:class:`~newsx.types.InputProblem` (a source name and a one-line reason), in input order, so that a
batch goes on past a bad file. Offsets that newsx reports index the text exactly as decoded here:
a byte-order mark is dropped, line endings are kept as they are (CRLF stays CRLF). An HTML page
(any input with ``html=True``, or one that starts like a page) becomes the article text that
:mod:`newsx.html` extracts from it, and offsets index that extracted text.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import threading
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Optional, Union

from .base import Document, InputProblem

#: The default ceiling on an article's length in characters (``--max-chars``). Measured with
#: ``benchmarks/bench_long.py``: news text needs about 0.5 GB at 100,000 characters, 1 GB at
#: 300,000 and 2.4 GB at 1,000,000 (about 2.1 KB a character), and text made to stress the quote
#: rules about 4 GB at 1,000,000; the old default, 20,000,000, would need some 50 GB. At 1,000,000
#: two workers (``-j 2``) stay within 8 GB, a third of this 24 GB machine. No news article comes
#: near it: a long one is 100,000 characters.
DEFAULT_MAX_CHARS = 1_000_000

#: Memory an article needs per 1,000,000 characters, for the message that refuses a longer one.
GB_PER_MILLION_CHARS = 2.5

#: The longest run of characters without whitespace that newsx reads. No article has one (a long
#: URL is a few thousand), and spaCy's tokenizer takes time quadratic in a run of punctuation:
#: 16,000 opening quote marks in a row take it half a minute, a megabyte of them days.
MAX_WORD_CHARS = 10_000

#: The largest share of an article's characters that may be neither letters, digits nor spaces
#: (punctuation, quote marks, symbols), for texts of MIN_CHARS_FOR_SYMBOL_SHARE characters or more.
#: News prose has 1-9% (PolNeAR and GUM, 929 texts: median 3.2%, highest 8.9%); a text of quote
#: marks with a letter between them ('"a" ' repeated: 50%) is three tokens in four characters and
#: costs spaCy alone over four times what news of the same length costs.
MAX_SYMBOL_SHARE = 0.30
MIN_CHARS_FOR_SYMBOL_SHARE = 2_000
_WORDS_AND_SPACES = re.compile(r"[\w\s]+")

#: File signatures of formats that are never article text.
BINARY_SIGNATURES = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00",
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


Item = Union[Document, InputProblem]


class NotText(ValueError):
    """Raised by :func:`decode` for bytes that are not text in any encoding newsx reads."""


def decode(data: bytes) -> str:
    """Decode an article's bytes: a BOM decides, then UTF-8, then UTF-16 without BOM, then cp1252
    (see :func:`decode_with_warnings`, which also says what it had to repair).

    >>> decode("caf\u00e9".encode("cp1252"))
    'café'
    >>> decode(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"))
    'hi'
    """
    return decode_with_warnings(data)[0]


def decode_with_warnings(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode an article's bytes, losing as little as possible, and say what was repaired.

    A byte-order mark decides the encoding. Otherwise NUL bytes in every other place mean UTF-16;
    then UTF-8; a file in which no UTF-8 character occurs is Windows-1252 (or Latin-1 when it holds
    one of the five bytes Windows-1252 leaves undefined). A file that is UTF-8 in places and not in
    others (two files concatenated, an editor that saved part of it in another encoding) is read
    line by line, each line in the encoding it is in, with a warning naming the first byte that is
    not UTF-8. A few stray NUL bytes and invalid sequences are kept for :func:`clean_text` to
    replace; binary data raises NotText.

    >>> decode_with_warnings("Caf\\u00e9\\n".encode() + "Caf\\u00e9\\n".encode("cp1252"))
    ('Café\\nCafé\\n', ('not all UTF-8: 1 byte from byte offset 9 on read as Windows-1252',))
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(data[len(bom):], encoding)
    if data.startswith(BINARY_SIGNATURES):
        raise NotText("not text (a binary file format)")
    notes: list[str] = []
    if b"\x00" in data:
        text = _decode_utf16_without_bom(data)
        if text is not None:
            return text, ()
        if data.count(0) > _control_limit(len(data)):
            raise NotText("not text (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, notes = _decode_mixed(data)
    if _looks_binary(text):
        raise NotText("not text (control characters)")
    return text, tuple(notes)


def _control_limit(size: int) -> int:
    # More control characters (or NUL bytes) than this in a text, and it is binary data.
    return max(8, size // 100)


def _decode_after_bom(body: bytes, encoding: str) -> tuple[str, tuple[str, ...]]:
    text = body.decode(encoding, errors="replace")
    broken = text.count("\ufffd") - body.decode(encoding, errors="ignore").count("\ufffd")
    if broken and broken > len(text) // 100:
        raise NotText(f"invalid {encoding} after its byte-order mark")
    note = (f"{broken:,} invalid {encoding} sequence{'s' if broken > 1 else ''} replaced by U+FFFD",)
    return text, note if broken else ()


def _cp1252_byte(byte: int) -> str:
    # Windows-1252, and Latin-1 for the five bytes Windows-1252 leaves undefined.
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _legacy(data: bytes) -> str:
    # Windows-1252 covers Latin-1's printable range and adds curly quotes; the five bytes it leaves
    # undefined are decoded as their Latin-1 control characters rather than refused.
    return data.decode("cp1252") if _is_cp1252(data) else data.decode("latin-1")


def _cut_character(data: bytes) -> int:
    """How many bytes at the end of ``data`` begin a UTF-8 character it does not finish."""
    for back in (1, 2, 3):
        if len(data) < back:
            return 0
        byte = data[-back]
        if 0x80 <= byte < 0xC0:
            continue  # a continuation byte: the character starts further back
        needed = 2 if 0xC2 <= byte < 0xE0 else 3 if 0xE0 <= byte < 0xF0 else 4 if 0xF0 <= byte < 0xF5 else 0
        return back if needed > back else 0
    return 0


def _decode_mixed(data: bytes) -> tuple[str, list[str]]:
    """Bytes that are not all UTF-8: see :func:`decode_with_warnings`."""
    cut = _cut_character(data)
    if cut:
        try:
            text = data[:-cut].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # `head -c` cut the last character of a UTF-8 file in half (the rest holds UTF-8
            # characters: "caf\xe9" is Windows-1252, not UTF-8 cut short).
            if any(ch > "\x7f" for ch in text):
                return text + "\ufffd", ["ends in the middle of a UTF-8 character (replaced by U+FFFD)"]
    pieces: list[str] = []
    utf8_characters = 0
    legacy_bytes, first_legacy = 0, -1
    offset = 0
    for line in data.splitlines(keepends=True):
        try:
            piece = line.decode("utf-8")
            utf8_characters += sum(1 for ch in piece if ch > "\x7f")
        except UnicodeDecodeError:
            piece, here_utf8, here_legacy, first = _decode_line(line)
            utf8_characters += here_utf8
            if here_legacy:
                legacy_bytes += here_legacy
                if first_legacy < 0:
                    first_legacy = offset + first
        pieces.append(piece)
        offset += len(line)
    if not utf8_characters:  # no UTF-8 anywhere: a file in a legacy encoding, read whole
        return _legacy(data), []
    plural = "s" if legacy_bytes > 1 else ""
    return "".join(pieces), [f"not all UTF-8: {legacy_bytes:,} byte{plural} from byte offset {first_legacy:,} "
                             "on read as Windows-1252"]


def _decode_line(line: bytes) -> tuple[str, int, int, int]:
    """One line that is not valid UTF-8: (text, UTF-8 characters kept, bytes read as Windows-1252,
    offset of the first such byte in the line).

    A line mostly in UTF-8 keeps its UTF-8 characters and reads only its stray bytes as
    Windows-1252; any other line is Windows-1252 throughout (so that two bytes that happen to
    form a UTF-8 character in a Windows-1252 line are not read as one).
    """
    replaced = line.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd") - line.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(1 for ch in replaced if ch > "\x7f" and ch != "\ufffd")
    if valid <= broken:
        high = [i for i, byte in enumerate(line) if byte > 0x7f]
        return _legacy(line), 0, len(high), high[0] if high else 0
    _fallback.positions = []
    try:
        text = line.decode("utf-8", errors=_CP1252_FALLBACK)
        positions = _fallback.positions
    finally:
        _fallback.positions = None
    return text, valid, len(positions), positions[0] if positions else 0


#: A decoding error handler: each byte that is not UTF-8 is read as Windows-1252, and its
#: position noted (per thread) for the warning.
_CP1252_FALLBACK = "newsx-cp1252-fallback"
_fallback = threading.local()


def _read_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    positions = getattr(_fallback, "positions", None)
    if positions is not None:
        positions.append(error.start)
    return _cp1252_byte(error.object[error.start]), error.start + 1


codecs.register_error(_CP1252_FALLBACK, _read_as_cp1252)


def _is_cp1252(data: bytes) -> bool:
    return not any(byte in data for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _decode_utf16_without_bom(data: bytes) -> Optional[str]:
    # UTF-16 text of a Latin script has a NUL in every other byte.
    even, odd = data[0::2], data[1::2]
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if len(data) % 2 == 0 and zeros.count(0) > 0.4 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v\x00")
    return controls > _control_limit(len(sample))


#: What :func:`clean_text` replaces: NUL, which C libraries read as the end of a string, and lone
#: UTF-16 surrogates (from JSON such as "\\ud800"), which cannot be encoded.
_UNREADABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with each NUL character and lone surrogate replaced by U+FFFD (the same length,
    so offsets still index it), and a warning counting each kind replaced.

    >>> clean_text("a\\x00b\\ud800")
    ('a\\ufffdb\\ufffd', ('1 NUL character replaced by U+FFFD', '1 lone surrogate replaced by U+FFFD'))
    >>> clean_text("fine")
    ('fine', ())
    """
    if not _UNREADABLE.search(text):
        return text, ()
    nuls = text.count("\x00")
    surrogates = len(_UNREADABLE.findall(text)) - nuls
    notes = []
    if nuls:
        notes.append(f"{nuls:,} NUL character{'s' if nuls > 1 else ''} replaced by U+FFFD")
    if surrogates:
        notes.append(f"{surrogates:,} lone surrogate{'s' if surrogates > 1 else ''} replaced by U+FFFD")
    return _UNREADABLE.sub("\ufffd", text), tuple(notes)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than an article's text: newsx then reads the
    article text extracted from it.

    >>> looks_like_html("<!DOCTYPE html><html><body>Hi</body></html>")
    True
    """
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "<head" in head)


#: The source of an article read from stdin (``-``), in the results and in messages.
STDIN_SOURCE = "<stdin>"

#: Extensions of JSON Lines files, read one article a line even without ``--jsonl``.
JSONL_EXTENSIONS = (".jsonl", ".ndjson")

#: The reason for a file (or stdin) that holds JSON Lines but was not read as such.
LOOKS_LIKE_JSONL = ('looks like JSON Lines (its first line is a JSON object with "text"): give --jsonl to read '
                    "one article a line")


def looks_like_json_lines(text: str) -> bool:
    """True when ``text`` starts with a JSON object holding a ``"text"`` field on one line: JSON
    Lines of articles, which read as one article would make their records its "quotes".

    >>> looks_like_json_lines('{"id": 1, "text": "Hi."}\\n{"id": 2, "text": "Yes."}\\n')
    True
    >>> looks_like_json_lines('{Braces} open this article, said "text" editors.')
    False
    """
    head = text.lstrip()
    if not head.startswith("{"):
        return False
    import orjson

    try:
        record = orjson.loads(head.split("\n", 1)[0])
    except orjson.JSONDecodeError:
        return False
    return isinstance(record, dict) and "text" in record


def read_bytes(data: bytes, source: str, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False) -> Item:
    """Turn one input's bytes into a Document, or an InputProblem saying why not.

    With ``html=True``, or when the text starts like an HTML page, the Document holds the page's
    article text (see :func:`make_document`). What decoding repaired is in its ``warnings``.

    >>> read_bytes(b"Hello.", "x.txt")
    Document(source='x.txt', text='Hello.')
    >>> read_bytes(b"\\x89PNG\\r\\n", "x.png").reason
    'not text (a binary file format)'
    """
    try:
        text, notes = decode_with_warnings(data)
    except NotText as error:
        return InputProblem(source, str(error))
    if not html and looks_like_json_lines(text):
        return InputProblem(source, LOOKS_LIKE_JSONL)
    return make_document(source, text, max_chars=max_chars, html=html, warnings=notes)


def make_document(source: str, text: str, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False,
                  warnings: tuple[str, ...] = ()) -> Item:
    """A Document of ``text``, or an InputProblem when newsx will not read it (see :func:`check_text`).

    An HTML page (``html=True``, or text that :func:`looks_like_html`) is first reduced to its
    article text; a page without any is the problem "no article text found in HTML", a page past
    the parser's limits "HTML too complex: ..." (:mod:`newsx.html`). NUL characters and lone
    surrogates are replaced (:func:`clean_text`), each kind counted in the Document's warnings.

    >>> make_document("x.txt", "Hello.")
    Document(source='x.txt', text='Hello.')
    >>> make_document("x.txt", "a\\x00b").warnings
    ('1 NUL character replaced by U+FFFD',)
    """
    if html or looks_like_html(text):
        from .html import NoArticleText, extract_article_text

        try:
            text = extract_article_text(text)
        except NoArticleText as error:
            return InputProblem(source, str(error))
    reason = check_text(text, max_chars)
    if reason:
        return InputProblem(source, reason)
    text, notes = clean_text(text)
    return Document(source, text, warnings + notes)


def check_text(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> Optional[str]:
    """Why newsx will not read this text as an article, or None when it will.

    >>> check_text("Hello.") is None
    True
    >>> check_text("x" * 20, max_chars=10)
    'too long (20 characters; the limit is --max-chars 10)'
    """
    if len(text) > max_chars:
        reason = f"too long ({len(text):,} characters; the limit is --max-chars {max_chars:,}"
        if len(text) > DEFAULT_MAX_CHARS:
            need = GB_PER_MILLION_CHARS * len(text) / 1_000_000
            reason += f"; an article this long needs about {need:,.0f} GB of memory"
        return reason + ")"
    if len(text) > MAX_WORD_CHARS:
        longest = max((len(word) for word in text.split()), default=0)
        if longest > MAX_WORD_CHARS:
            return (f"not article text (a run of {longest:,} characters without a space or line break; "
                    f"the limit is {MAX_WORD_CHARS:,})")
    if len(text) >= MIN_CHARS_FOR_SYMBOL_SHARE:
        share = len(_WORDS_AND_SPACES.sub("", text)) / len(text)
        if share > MAX_SYMBOL_SHARE:
            return (f"not article text ({share:.0%} of its characters are punctuation or symbols; "
                    f"the limit is {MAX_SYMBOL_SHARE:.0%}, news has under 10%)")
    return None


#: Bytes an HTML page may take whatever ``--max-chars`` is: its markup is not article text.
HTML_MAX_BYTES = 16 * 1024 * 1024


def byte_limit(max_chars: int) -> int:
    """The most bytes newsx reads of one input: what ``max_chars`` characters can take in any
    encoding it reads (four bytes each, and a byte-order mark), and at least HTML_MAX_BYTES so
    that a page's markup fits. A larger file is refused before it is read into memory.

    >>> byte_limit(10_000_000)
    40000004
    """
    return max(4 * max_chars + 4, HTML_MAX_BYTES)


def _too_large(size: Optional[int], max_chars: int) -> str:
    """Why a file is refused before it is read, in bytes alone: its size (None: a stream that went
    past the limit) and the limit, which --max-chars sets (four bytes a character, or HTML_MAX_BYTES
    for a page's markup, whichever is more).

    >>> _too_large(20_000_000, 1_000)
    'too large (20,000,000 bytes; the limit is 16,777,216 bytes: 4 per character of --max-chars 1,000, at least 16 MiB)'
    """
    limit = byte_limit(max_chars)
    amount = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return (f"too large ({amount}; the limit is {limit:,} bytes: 4 per character of --max-chars {max_chars:,}, "
            f"at least {HTML_MAX_BYTES // 2**20} MiB)")


#: Bytes read at a time from a file or stream.
READ_CHUNK = 1 << 24


def read_limited(stream: BinaryIO, max_chars: int) -> Optional[bytes]:
    """Read a stream to its end, or return None as soon as it holds more than :func:`byte_limit`.

    >>> import io
    >>> read_limited(io.BytesIO(b"abc"), 10)
    b'abc'
    """
    limit = byte_limit(max_chars)
    chunks, size = [], 0
    while size <= limit:  # in pieces: a generous limit must not reserve its size in memory up front
        chunk = stream.read(min(READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


def os_reason(error: OSError, path: Union[str, Path, None] = None) -> str:
    """The one-line reason for an OSError met reading ``path``: "permission denied", "no such file
    or directory", "broken symbolic link (to TARGET)", "input/output error"...

    >>> os_reason(PermissionError(13, "Permission denied"))
    'permission denied'
    """
    if isinstance(error, FileNotFoundError) and path is not None and os.path.islink(path):
        try:
            return f"broken symbolic link (to {os.readlink(path)})"
        except OSError:
            return "broken symbolic link"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return (error.strerror or str(error) or type(error).__name__).lower()


def _load(path: Path, max_chars: int) -> Union[bytes, InputProblem]:
    source = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return InputProblem(source, "is a directory")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            # A terminal, /dev/zero or a socket would block or never end.
            return InputProblem(source, "not a regular file")
        # A file far larger than the character limit is refused before it is read into memory.
        if info.st_size > byte_limit(max_chars):
            return InputProblem(source, _too_large(info.st_size, max_chars))
        # Pipes (`newsx entities <(zcat a.txt.gz)`) are read too, up to the same limit.
        with path.open("rb") as stream:
            data = read_limited(stream, max_chars)
        return InputProblem(source, _too_large(None, max_chars)) if data is None else data
    except OSError as error:
        return InputProblem(source, os_reason(error, path))


def read_path(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False) -> Item:
    """Read one file; a problem with it comes back as an InputProblem, never an exception.

    >>> read_path(Path("/no/such/file")).reason
    'no such file or directory'
    """
    data = _load(path, max_chars)
    return data if isinstance(data, InputProblem) else read_bytes(data, str(path), max_chars=max_chars, html=html)


#: The files a directory gives: article text; JSON Lines with ``jsonl``; HTML pages with ``html``.
TEXT_FILES, JSONL_FILES, HTML_FILES = ("*.txt",), ("*.jsonl",), ("*.html", "*.htm")


def walk_directory(directory: Path, pattern: Union[str, tuple[str, ...]] = TEXT_FILES) -> list[Union[Path, InputProblem]]:
    """The files matching ``pattern`` (one glob or several) under a directory, recursively, in a
    stable (sorted) order, and a problem for every place that could not be looked into: an
    unreadable subdirectory, a broken symbolic link with a matching name, a directory that
    vanished while being read.

    Hidden files and directories (``.git``, editor back-ups) are left out. Symbolic links to
    directories are followed, each directory read once however many links lead to it.
    """
    import fnmatch

    patterns = (pattern,) if isinstance(pattern, str) else pattern
    found: list[tuple[Path, Union[Path, InputProblem]]] = []
    seen: set[tuple[int, int]] = set()

    def matches(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, glob) for glob in patterns)

    folders = [directory]  # a stack, not recursion: a tree of any depth
    while folders:
        folder = folders.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            found.append((folder, InputProblem(str(folder), f"{os_reason(error, folder)} (a directory; its files were not read)")))
            continue
        for entry in sorted(entries, key=lambda entry: entry.name, reverse=True):
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir():
                    folders.append(path)
                elif entry.is_file():
                    if matches(entry.name):
                        found.append((path, path))
                elif matches(entry.name):
                    if entry.is_symlink():
                        found.append((path, InputProblem(str(path), os_reason(FileNotFoundError(), path))))
                    else:
                        found.append((path, InputProblem(str(path), "not a regular file")))
            except OSError as error:
                found.append((path, InputProblem(str(path), os_reason(error, path))))
    found.sort(key=lambda pair: pair[0])
    return [item for _, item in found]


def expand_directory(directory: Path, pattern: Union[str, tuple[str, ...]] = TEXT_FILES) -> list[Path]:
    """The readable files of :func:`walk_directory`, without its problems."""
    return [item for item in walk_directory(directory, pattern) if isinstance(item, Path)]


def directory_files(jsonl: bool, html: bool) -> tuple[str, ...]:
    """The names a directory gives: ``*.jsonl`` with ``jsonl``, ``*.html`` and ``*.htm`` with
    ``html``, else ``*.txt``."""
    return JSONL_FILES if jsonl else HTML_FILES if html else TEXT_FILES


def read_inputs(
    names: Iterable[str], *, jsonl: bool = False, max_chars: int = DEFAULT_MAX_CHARS,
    stdin: Optional[BinaryIO] = None, html: bool = False,
) -> Iterator[Item]:
    """Yield a Document or an InputProblem for every input, in order, reading lazily.

    ``names`` are file paths, directories (their ``*.txt`` files, recursively) or ``-`` for stdin.
    With ``jsonl=True`` each input is JSON Lines, one article a line with a ``text`` field and an
    optional ``id`` that becomes the source; a directory then gives its ``*.jsonl`` files. A file
    named ``*.jsonl`` or ``*.ndjson`` is JSON Lines without it; any other file or stdin that holds
    JSON Lines is the problem LOOKS_LIKE_JSONL.
    With ``html=True`` every text is an HTML page, read as the article text extracted from it; a
    directory then gives its ``*.html`` and ``*.htm`` files. Without it, a text that starts like an
    HTML page is read so too.

    Every fault is a problem with its reason, never skipped: a closed stdin, an unreadable
    subdirectory, a broken link, a read error part-way through a JSON Lines file (the records read
    before it are kept).

    >>> [item.reason for item in read_inputs(["/no/such/file"])]
    ['no such file or directory']
    """
    for name in names:
        if name == "-":
            yield from _read_stdin(stdin, jsonl=jsonl, max_chars=max_chars, html=html)
            continue
        if not name:
            yield InputProblem("''", "empty file name")
            continue
        path = Path(name)
        if path.is_dir():
            patterns = directory_files(jsonl, html)
            items = walk_directory(path, patterns)
            if not items:
                kinds = " or ".join(pattern[1:] for pattern in patterns)
                yield InputProblem(name, f"directory holds no {kinds} files")
            for item in items:
                if isinstance(item, InputProblem):
                    yield item
                else:
                    yield from _read_file(item, jsonl=jsonl, max_chars=max_chars, html=html)
        else:
            yield from _read_file(path, jsonl=jsonl, max_chars=max_chars, html=html)


def _read_stdin(stdin: Optional[BinaryIO], *, jsonl: bool, max_chars: int, html: bool) -> Iterator[Item]:
    source = STDIN_SOURCE
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:  # `<&-`: Python sets sys.stdin to None
        yield InputProblem(source, "stdin is closed")
        return
    try:
        if jsonl:
            yield from read_jsonl(stream, source, max_chars=max_chars, html=html)
            return
        data = read_limited(stream, max_chars)
    except (OSError, ValueError) as error:  # ValueError: a closed file object
        yield InputProblem(source, f"cannot read stdin: {os_reason(error) if isinstance(error, OSError) else 'closed'}")
        return
    if data is None:
        yield InputProblem(source, _too_large(None, max_chars))
    else:
        yield read_bytes(data, source, max_chars=max_chars, html=html)


def _read_file(path: Path, *, jsonl: bool, max_chars: int, html: bool = False) -> Iterator[Item]:
    # A file named as JSON Lines is read as JSON Lines: one article a line, never one article of records.
    if not jsonl and path.suffix.lower() not in JSONL_EXTENSIONS:
        yield read_path(path, max_chars=max_chars, html=html)
        return
    try:
        if path.is_dir():
            yield InputProblem(str(path), "is a directory")
            return
        with path.open("rb") as lines:
            yield from read_jsonl(lines, str(path), max_chars=max_chars, html=html)
    except OSError as error:
        yield InputProblem(str(path), os_reason(error, path))


def read_jsonl(lines: Iterable[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS,
               html: bool = False) -> Iterator[Item]:
    """Yield one Document per JSON line with a string ``text``; a bad line is an InputProblem.

    Lines are read one at a time, so a JSON Lines file of any size streams. A problem's source is
    ``SOURCE:LINE``; so is a Document's when its line has no ``id``. A ``text`` that is an HTML
    page (all of them with ``html=True``) is read as its article text, as in :func:`make_document`.
    A read error part-way through is a problem at the line it stopped at; the lines before stay.

    >>> [getattr(i, "text", None) or f"{i.source} {i.reason}" for i in read_jsonl([b'{"text": "Hi"}', b'{bad'], "in.jsonl")]
    ['Hi', 'in.jsonl:2 not valid JSON']
    """
    number = 0
    iterator = iter(lines)
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            return
        except OSError as error:
            yield InputProblem(f"{source}:{number + 1}", f"read error: {os_reason(error)}; the rest of {source} was not read")
            return
        number += 1
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line.strip():
            continue
        yield jsonl_item(line, f"{source}:{number}", max_chars=max_chars, html=html)


def jsonl_record(line: bytes, where: str) -> Union[tuple[str, Any], InputProblem]:
    """One JSON Lines record's ``(text, id)``, or the problem with it; ``where`` names the line
    (``SOURCE:LINE``). A lone surrogate escape (``"\\ud800"``, which strict JSON parsers refuse)
    is read as it is (:func:`jsonl_item` replaces it).

    >>> jsonl_record(b'{"id": 7, "text": "Hi"}', "in.jsonl:1")
    ('Hi', 7)
    >>> jsonl_record(b'{"text": 5}', "in.jsonl:2").reason
    '"text" is a number, not a string'
    """
    import orjson

    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        message = str(error).lower()
        if "utf-8" in message:
            return InputProblem(where, "not valid UTF-8")
        if "surrogate" not in message:
            return InputProblem(where, "not valid JSON")
        import json

        try:
            record = json.loads(line)  # the standard library reads lone surrogates
        except ValueError:
            return InputProblem(where, "not valid JSON")
    if not isinstance(record, dict):
        return InputProblem(where, "not a JSON object")
    if "text" not in record:
        return InputProblem(where, 'no "text" field')
    text = record["text"]
    if not isinstance(text, str):
        return InputProblem(where, f'"text" is {_json_kind(text)}, not a string')
    return text, record.get("id")


def jsonl_item(line: bytes, where: str, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False) -> Item:
    """The Document (or problem) of one JSON Lines record: :func:`jsonl_record`, then
    :func:`make_document`; the source is the record's ``id``, else ``where``.

    >>> jsonl_item(b'{"id": "a", "text": "\\\\ud800 x"}', "in.jsonl:1").warnings
    ('1 lone surrogate replaced by U+FFFD',)
    """
    record = jsonl_record(line, where)
    if isinstance(record, InputProblem):
        return record
    text, ident = record
    item = make_document(where, text, max_chars=max_chars, html=html)
    if isinstance(item, InputProblem):
        return item
    if ident is None or ident == "":
        return item
    source, id_notes = clean_text(str(ident))
    return Document(source, item.text, item.warnings + tuple(f"its id: {note}" for note in id_notes))


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "an array" if isinstance(value, list) else "an object"
