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
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Union

from .base import Document, InputProblem

#: The default ceiling on an article's length in characters (``--max-chars``).
DEFAULT_MAX_CHARS = 20_000_000

#: The longest run of characters without whitespace that newsx reads. No article has one (a long
#: URL is a few thousand), and spaCy's tokenizer takes time quadratic in a run of punctuation:
#: 16,000 opening quote marks in a row take it half a minute, a megabyte of them days.
MAX_WORD_CHARS = 10_000

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
    """Decode an article's bytes: a BOM decides, then UTF-8, then UTF-16 without BOM, then cp1252.

    >>> decode("caf\\u00e9".encode("cp1252"))
    'café'
    >>> decode(codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"))
    'hi'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise NotText(f"invalid {encoding} after its byte-order mark") from error
    if data.startswith(BINARY_SIGNATURES):
        raise NotText("not text (a binary file format)")
    if b"\x00" in data:
        return _decode_utf16_without_bom(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _mostly_utf8(data)
        if text is None:
            # Windows-1252 covers Latin-1's printable range and adds curly quotes; the five bytes it
            # leaves undefined are decoded as their Latin-1 control characters rather than refused.
            text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
    if _looks_binary(text):
        raise NotText("not text (control characters)")
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken sequences (a file cut mid-character, one stray byte) as UTF-8.

    The broken bytes become U+FFFD; the text is read as UTF-8 only when its valid multi-byte
    characters clearly outnumber the broken ones, which text in a legacy encoding never does.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    return text if valid >= 4 * broken else None


def _is_cp1252(data: bytes) -> bool:
    return not any(byte in data for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _decode_utf16_without_bom(data: bytes) -> str:
    # UTF-16 text of a Latin script has a NUL in every other byte; anything else with NULs is binary.
    even, odd = data[0::2], data[1::2]
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if len(data) % 2 == 0 and zeros.count(0) > 0.4 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text
    raise NotText("not text (NUL bytes)")


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return controls > max(8, len(sample) // 100)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page rather than an article's text: newsx then reads the
    article text extracted from it.

    >>> looks_like_html("<!DOCTYPE html><html><body>Hi</body></html>")
    True
    """
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "<head" in head)


def read_bytes(data: bytes, source: str, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False) -> Item:
    """Turn one input's bytes into a Document, or an InputProblem saying why not.

    With ``html=True``, or when the text starts like an HTML page, the Document holds the page's
    article text (see :func:`make_document`).

    >>> read_bytes(b"Hello.", "x.txt")
    Document(source='x.txt', text='Hello.')
    >>> read_bytes(b"\\x89PNG\\r\\n", "x.png").reason
    'not text (a binary file format)'
    """
    try:
        text = decode(data)
    except NotText as error:
        return InputProblem(source, str(error))
    return make_document(source, text, max_chars=max_chars, html=html)


def make_document(source: str, text: str, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False) -> Item:
    """A Document of ``text``, or an InputProblem when newsx will not read it (see :func:`check_text`).

    An HTML page (``html=True``, or text that :func:`looks_like_html`) is first reduced to its
    article text; a page without any is the problem "no article text found in HTML".

    >>> make_document("x.txt", "Hello.")
    Document(source='x.txt', text='Hello.')
    """
    if html or looks_like_html(text):
        from .html import NoArticleText, extract_article_text

        try:
            text = extract_article_text(text)
        except NoArticleText as error:
            return InputProblem(source, str(error))
    reason = check_text(text, max_chars)
    return InputProblem(source, reason) if reason else Document(source, text)


def check_text(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str | None:
    """Why newsx will not read this text as an article, or None when it will.

    >>> check_text("Hello.") is None
    True
    >>> check_text("x" * 20, max_chars=10)
    'too long (20 characters; the limit is --max-chars 10)'
    """
    if len(text) > max_chars:
        return f"too long ({len(text):,} characters; the limit is --max-chars {max_chars:,})"
    if len(text) > MAX_WORD_CHARS:
        longest = max((len(word) for word in text.split()), default=0)
        if longest > MAX_WORD_CHARS:
            return (f"not article text (a run of {longest:,} characters without a space or line break; "
                    f"the limit is {MAX_WORD_CHARS:,})")
    return None


def _byte_limit(max_chars: int) -> int:
    # No character takes more than four bytes in any encoding newsx reads (plus a byte-order mark).
    return 4 * max_chars + 4


def _too_large(size: int | None, max_chars: int) -> str:
    # size None: a stream, read only up to the limit.
    amount = f"{size:,} bytes" if size is not None else f"over {_byte_limit(max_chars):,} bytes"
    return f"too large ({amount}; the limit is --max-chars {max_chars:,})"


#: Bytes read at a time from a file or stream.
READ_CHUNK = 1 << 24


def read_limited(stream: BinaryIO, max_chars: int) -> bytes | None:
    """Read a stream to its end, or return None as soon as it holds more than ``max_chars`` could."""
    limit = _byte_limit(max_chars)
    chunks, size = [], 0
    while size <= limit:  # in pieces: a generous limit must not reserve its size in memory up front
        chunk = stream.read(min(READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > limit else b"".join(chunks)


def _load(path: Path, max_chars: int) -> bytes | InputProblem:
    source = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return InputProblem(source, "is a directory")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            # A terminal, /dev/zero or a socket would block or never end.
            return InputProblem(source, "not a regular file")
        # A file far larger than the character limit is refused before it is read into memory.
        if info.st_size > _byte_limit(max_chars):
            return InputProblem(source, _too_large(info.st_size, max_chars))
        # Pipes (`newsx entities <(zcat a.txt.gz)`) are read too, up to the same limit.
        with path.open("rb") as stream:
            data = read_limited(stream, max_chars)
        return InputProblem(source, _too_large(None, max_chars)) if data is None else data
    except FileNotFoundError:
        return InputProblem(source, "no such file or directory")
    except PermissionError:
        return InputProblem(source, "permission denied")
    except IsADirectoryError:
        return InputProblem(source, "is a directory")
    except OSError as error:
        return InputProblem(source, (error.strerror or str(error)).lower())


def read_path(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS, html: bool = False) -> Item:
    """Read one file; a problem with it comes back as an InputProblem, never an exception."""
    data = _load(path, max_chars)
    return data if isinstance(data, InputProblem) else read_bytes(data, str(path), max_chars=max_chars, html=html)


#: The files a directory gives: article text; JSON Lines with ``jsonl``; HTML pages with ``html``.
TEXT_FILES, JSONL_FILES, HTML_FILES = ("*.txt",), ("*.jsonl",), ("*.html", "*.htm")


def expand_directory(directory: Path, pattern: str | tuple[str, ...] = TEXT_FILES) -> list[Path]:
    """The files matching ``pattern`` (one glob or several) under a directory, recursively, in a
    stable (sorted) order.

    Hidden files and directories (``.git``, editor back-ups) are left out.
    """
    patterns = (pattern,) if isinstance(pattern, str) else pattern
    return sorted({
        p for glob in patterns for p in directory.rglob(glob)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    })


def _directory_files(jsonl: bool, html: bool) -> tuple[str, ...]:
    return JSONL_FILES if jsonl else HTML_FILES if html else TEXT_FILES


def read_inputs(
    names: Iterable[str], *, jsonl: bool = False, max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None, html: bool = False,
) -> Iterator[Item]:
    """Yield a Document or an InputProblem for every input, in order, reading lazily.

    ``names`` are file paths, directories (their ``*.txt`` files, recursively) or ``-`` for stdin.
    With ``jsonl=True`` each input is JSON Lines, one article a line with a ``text`` field and an
    optional ``id`` that becomes the source; a directory then gives its ``*.jsonl`` files.
    With ``html=True`` every text is an HTML page, read as the article text extracted from it; a
    directory then gives its ``*.html`` and ``*.htm`` files. Without it, a text that starts like an
    HTML page is read so too.

    >>> [item.reason for item in read_inputs(["/no/such/file"])]
    ['no such file or directory']
    """
    for name in names:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            if jsonl:
                yield from read_jsonl(stream, "<stdin>", max_chars=max_chars, html=html)
                continue
            data = read_limited(stream, max_chars)
            if data is None:
                yield InputProblem("<stdin>", _too_large(None, max_chars))
            else:
                yield read_bytes(data, "<stdin>", max_chars=max_chars, html=html)
            continue
        if not name:
            yield InputProblem("''", "empty file name")
            continue
        path = Path(name)
        if path.is_dir():
            patterns = _directory_files(jsonl, html)
            files = expand_directory(path, patterns)
            if not files:
                kinds = " or ".join(pattern[1:] for pattern in patterns)
                yield InputProblem(name, f"directory holds no {kinds} files")
            for file in files:
                yield from _read_file(file, jsonl=jsonl, max_chars=max_chars, html=html)
        else:
            yield from _read_file(path, jsonl=jsonl, max_chars=max_chars, html=html)


def _read_file(path: Path, *, jsonl: bool, max_chars: int, html: bool = False) -> Iterator[Item]:
    if not jsonl:
        yield read_path(path, max_chars=max_chars, html=html)
        return
    try:
        if path.is_dir():
            yield InputProblem(str(path), "is a directory")
            return
        with path.open("rb") as lines:
            yield from read_jsonl(lines, str(path), max_chars=max_chars, html=html)
    except FileNotFoundError:
        yield InputProblem(str(path), "no such file or directory")
    except PermissionError:
        yield InputProblem(str(path), "permission denied")
    except OSError as error:
        yield InputProblem(str(path), (error.strerror or str(error)).lower())


def read_jsonl(lines: Iterable[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS,
               html: bool = False) -> Iterator[Item]:
    """Yield one Document per JSON line with a string ``text``; a bad line is an InputProblem.

    Lines are read one at a time, so a JSON Lines file of any size streams. A problem's source is
    ``SOURCE:LINE``; so is a Document's when its line has no ``id``. A ``text`` that is an HTML
    page (all of them with ``html=True``) is read as its article text, as in :func:`make_document`.

    >>> [getattr(i, "text", None) or f"{i.source} {i.reason}" for i in read_jsonl([b'{"text": "Hi"}', b'{bad'], "in.jsonl")]
    ['Hi', 'in.jsonl:2 not valid JSON']
    """
    import orjson

    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            reason = "not valid UTF-8" if "utf-8" in str(error).lower() else "not valid JSON"
            yield InputProblem(where, reason)
            continue
        if not isinstance(record, dict):
            yield InputProblem(where, "not a JSON object")
            continue
        if "text" not in record:
            yield InputProblem(where, 'no "text" field')
            continue
        text = record["text"]
        if not isinstance(text, str):
            yield InputProblem(where, f'"text" is {_json_kind(text)}, not a string')
            continue
        item = make_document(where, text, max_chars=max_chars, html=html)
        if isinstance(item, InputProblem):
            yield item
            continue
        ident = record.get("id")
        yield Document(where if ident is None or ident == "" else str(ident), item.text)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "an array" if isinstance(value, list) else "an object"


def is_readable_stdin() -> bool:
    """True when stdin is a pipe or file rather than a terminal."""
    try:
        return not os.isatty(sys.stdin.fileno())
    except (OSError, ValueError):
        return False
