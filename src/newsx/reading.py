"""Reading inputs: files, directories, stdin and JSON Lines, decoded to text without losing a byte.

Every input becomes either a :class:`Document` (a source name and its decoded text) or an
:class:`~newsx.types.InputProblem` (a source name and a one-line reason), in input order, so that a
batch goes on past a bad file. Offsets that newsx reports index the text exactly as decoded here:
a byte-order mark is dropped, line endings are kept as they are (CRLF stays CRLF).
"""
from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Union

from .types import InputProblem

#: The default ceiling on an article's length in characters (``--max-chars``).
DEFAULT_MAX_CHARS = 20_000_000

#: File signatures of formats that are never article text.
BINARY_SIGNATURES = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
    b"\x7fELF", b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"ID3", b"\x00\x00\x01\x00",
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Document:
    """One article's text and where it came from.

    >>> Document("a.txt", "Hello.").source
    'a.txt'
    """

    source: str
    text: str


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
        # Windows-1252 covers Latin-1's printable range and adds curly quotes; the five bytes it
        # leaves undefined are decoded as their Latin-1 control characters rather than refused.
        text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
    if _looks_binary(text):
        raise NotText("not text (control characters)")
    return text


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
    """True when the text is an HTML page rather than an article's text.

    >>> looks_like_html("<!DOCTYPE html><html><body>Hi</body></html>")
    True
    """
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "<head" in head)


def read_bytes(data: bytes, source: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> Item:
    """Turn one input's bytes into a Document, or an InputProblem saying why not.

    >>> read_bytes(b"Hello.", "x.txt")
    Document(source='x.txt', text='Hello.')
    >>> read_bytes(b"\\x89PNG\\r\\n", "x.png").reason
    'not text (a binary file format)'
    """
    try:
        text = decode(data)
    except NotText as error:
        return InputProblem(source, str(error))
    if len(text) > max_chars:
        return InputProblem(source, f"too long ({len(text):,} characters; the limit is --max-chars {max_chars:,})")
    if looks_like_html(text):
        return InputProblem(source, "looks like HTML, not article text: extract the article's text first")
    return Document(source, text)


def _load(path: Path, max_chars: int) -> bytes | InputProblem:
    source = str(path)
    try:
        size = path.stat().st_size
        # A file far larger than the character limit is refused before it is read into memory.
        if size > 4 * max_chars + 4:
            return InputProblem(source, f"too large ({size:,} bytes; the limit is --max-chars {max_chars:,})")
        return path.read_bytes()
    except FileNotFoundError:
        return InputProblem(source, "no such file or directory")
    except PermissionError:
        return InputProblem(source, "permission denied")
    except IsADirectoryError:
        return InputProblem(source, "is a directory")
    except OSError as error:
        return InputProblem(source, error.strerror or str(error))


def read_path(path: Path, *, max_chars: int = DEFAULT_MAX_CHARS) -> Item:
    """Read one file; a problem with it comes back as an InputProblem, never an exception."""
    data = _load(path, max_chars)
    return data if isinstance(data, InputProblem) else read_bytes(data, str(path), max_chars=max_chars)


def expand_directory(directory: Path) -> list[Path]:
    """The ``*.txt`` files under a directory, recursively, in a stable (sorted) order."""
    return sorted(p for p in directory.rglob("*.txt") if p.is_file())


def read_inputs(
    names: Iterable[str], *, jsonl: bool = False, max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Yield a Document or an InputProblem for every input, in order, reading lazily.

    ``names`` are file paths, directories (their ``*.txt`` files, recursively) or ``-`` for stdin.
    With ``jsonl=True`` each input is JSON Lines, one article a line with a ``text`` field and an
    optional ``id`` that becomes the source.

    >>> [item.reason for item in read_inputs(["/no/such/file"])]
    ['no such file or directory']
    """
    for name in names:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            if jsonl:
                yield from read_jsonl(stream, "<stdin>", max_chars=max_chars)
            else:
                yield read_bytes(stream.read(), "<stdin>", max_chars=max_chars)
            continue
        path = Path(name)
        if path.is_dir():
            files = expand_directory(path)
            if not files:
                yield InputProblem(name, "directory holds no .txt files")
            for file in files:
                yield from _read_file(file, jsonl=jsonl, max_chars=max_chars)
        else:
            yield from _read_file(path, jsonl=jsonl, max_chars=max_chars)


def _read_file(path: Path, *, jsonl: bool, max_chars: int) -> Iterator[Item]:
    if not jsonl:
        yield read_path(path, max_chars=max_chars)
        return
    try:
        with path.open("rb") as lines:
            yield from read_jsonl(lines, str(path), max_chars=max_chars)
    except OSError as error:
        yield InputProblem(str(path), error.strerror or str(error))


def read_jsonl(lines: Iterable[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Yield one Document per JSON line with a string ``text``; a bad line is an InputProblem.

    Lines are read one at a time, so a JSON Lines file of any size streams.

    >>> [getattr(i, "text", None) or i.reason for i in read_jsonl([b'{"text": "Hi"}', b'{bad'], "in.jsonl")]
    ['Hi', 'line 2: not valid JSON']
    """
    import orjson

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            yield InputProblem(where, f"line {number}: not valid JSON")
            continue
        if not isinstance(record, dict) or "text" not in record:
            yield InputProblem(where, f"line {number}: no \"text\" field")
            continue
        text = record["text"]
        if not isinstance(text, str):
            yield InputProblem(where, f"line {number}: \"text\" is not a string")
            continue
        if len(text) > max_chars:
            yield InputProblem(where, f"line {number}: too long ({len(text):,} characters; --max-chars {max_chars:,})")
            continue
        ident = record.get("id")
        yield Document(str(ident) if ident is not None else where, text)


def is_readable_stdin() -> bool:
    """True when stdin is a pipe or file rather than a terminal."""
    try:
        return not os.isatty(sys.stdin.fileno())
    except (OSError, ValueError):
        return False
