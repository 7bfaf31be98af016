"""Writing results in each ``--format``: JSON Lines, Rich tables, CSV and Markdown.

A :class:`Writer` takes one Article at a time and writes it at once, so every format streams; the
runner opens one with :func:`open_writer` and closes it when the batch ends. The JSON objects come
from :mod:`newsx.output` and the tables from :mod:`newsx.tables`; the CSV rows and Markdown tables
are made here.

CSV (RFC 4180: comma-separated, fields quoted when needed, CRLF line ends, UTF-8 without a BOM) has
a header line, then one row per entity (``entities``), per quote (``quotes``), or both (``analyze``,
with a first column ``record`` saying which, and the union of the columns; a row leaves the other
kind's columns empty). An empty field is a missing value (a quote without a speaker). An article
with no entities and no quotes has no rows.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator, Mapping, Optional, Protocol, Sequence

from .base import SECTIONS
from .output import article_to_dict, dumps_line, person_details, visible
from .types import Article, Entity, Quote

if TYPE_CHECKING:
    from .sources import SourcesReport

#: The output formats, the first being the default.
FORMATS = ("table", "json", "csv", "markdown")


#: CSV columns of an entity row and of a quote row (after ``source``); ``aliases`` are joined by "; ".
#: ``person_*`` are a person's role, organisation and gender (empty for other entities).
ENTITY_COLUMNS = ("section", "name", "label", "code", "count", "aliases", "first_start", "first_end",
                  "person_role", "person_organisation", "person_gender")
QUOTE_COLUMNS = ("type", "kind", "speaker", "organisation", "speaker_gender", "speaker_role", "cue", "start", "end",
                 "speaker_start", "speaker_end", "parts", "text")

#: The separator of an entity's aliases in one CSV field.
ALIAS_SEPARATOR = "; "

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): = + - @, a tab and
#: a carriage return, and their full-width forms, which some spreadsheets accept too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class Writer(Protocol):
    """Writes articles in one format to a binary stream."""

    def write(self, article: Article) -> None:
        """Write one article's results at once."""

    def close(self) -> None:
        """Finish the output (a header for an empty CSV, a flush)."""


# -- CSV ------------------------------------------------------------------------------------------


def csv_columns(tasks: Sequence[str]) -> tuple[str, ...]:
    """The CSV header for the tasks a command runs.

    >>> csv_columns(("quotes",))[:3]
    ('source', 'type', 'kind')
    >>> csv_columns(("entities", "quotes"))[:3]
    ('record', 'source', 'section')
    """
    if "entities" in tasks and "quotes" in tasks:
        return ("record", "source", *ENTITY_COLUMNS, *QUOTE_COLUMNS)
    return ("source", *(ENTITY_COLUMNS if "entities" in tasks else QUOTE_COLUMNS))


def entity_record(section: str, entity: Entity) -> dict[str, object]:
    """An entity's CSV fields: where it is first named, and how often.

    >>> from newsx.types import Mention
    >>> entity_record("countries", Entity("Iran", "GPE", (Mention("Iran", 9, 13), Mention("Iran", 2, 6)), code="IR"))
    {'section': 'countries', 'name': 'Iran', 'label': 'GPE', 'code': 'IR', 'count': 2, 'aliases': '', 'first_start': 2, 'first_end': 6, 'person_role': None, 'person_organisation': None, 'person_gender': None}
    """
    first = min(entity.mentions, key=lambda m: (m.start, m.end), default=None)
    return {
        "section": section, "name": entity.name, "label": entity.label, "code": entity.code,
        "count": entity.count, "aliases": ALIAS_SEPARATOR.join(entity.aliases),
        "first_start": first.start if first else None, "first_end": first.end if first else None,
        "person_role": entity.role, "person_organisation": entity.organisation, "person_gender": entity.gender,
    }


def parts_field(quote: Quote) -> str:
    """A quote's parts in one CSV field: ``START-END`` of each, joined by ";".

    >>> from newsx.types import QuotePart
    >>> parts_field(Quote("A B", 0, 9, "direct", None, None, None, None, None, None, None,
    ...                   parts=(QuotePart("A", 0, 1), QuotePart("B", 8, 9))))
    '0-1;8-9'
    """
    return ";".join(f"{p.start}-{p.end}" for p in quote.parts)


def quote_record(quote: Quote) -> dict[str, object]:
    """A quote's CSV fields: ``text`` is the parts joined by a space, ``start``/``end`` span them."""
    return {
        "type": quote.type, "kind": quote.kind, "speaker": quote.speaker, "organisation": quote.organisation,
        "speaker_gender": quote.speaker_gender, "speaker_role": quote.speaker_role,
        "cue": quote.cue, "start": quote.start, "end": quote.end, "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end, "parts": parts_field(quote), "text": quote.text,
    }


def csv_records(article: Article, with_kind: bool = False) -> Iterator[dict[str, object]]:
    """The CSV rows of one article, as dicts keyed by column: its entities, then its quotes."""
    if article.entities is not None:
        for section in SECTIONS:
            for entity in getattr(article.entities, section):
                kind = {"record": "entity"} if with_kind else {}
                yield {**kind, "source": article.source, **entity_record(section, entity)}
    if article.quotes is not None:
        for quote in article.quotes:
            kind = {"record": "quote"} if with_kind else {}
            yield {**kind, "source": article.source, **quote_record(quote)}


def neutralise_formula(value: object) -> object:
    """A CSV cell a spreadsheet will show rather than run: text that starts like a formula gets a
    leading apostrophe, as OWASP recommends (``--raw-csv`` keeps it as it is). Numbers are left
    alone.

    >>> neutralise_formula('=HYPERLINK("http://x", "click")'), neutralise_formula("-1"), neutralise_formula(-1)
    ('\\'=HYPERLINK("http://x", "click")', "'-1", -1)
    >>> neutralise_formula("Merkel")
    'Merkel'
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _encode(text: str) -> bytes:
    # A lone surrogate (only ever in text handed to the library) is written as a \ud800 escape.
    return text.encode("utf-8", errors="backslashreplace")


class CsvWriter:
    """One header line, then each article's rows as soon as it is read. Cells that a spreadsheet
    would run as a formula are neutralised (:func:`neutralise_formula`) unless ``raw``."""

    def __init__(self, stream: BinaryIO, tasks: Sequence[str], raw: bool = False):
        self.stream = stream
        self.columns = csv_columns(tasks)
        self.with_kind = self.columns[0] == "record"
        self.header_written = False
        self.cell = (lambda value: value) if raw else neutralise_formula

    def _write_rows(self, rows: Iterable[dict[str, object]]) -> None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, self.columns, lineterminator="\r\n")
        if not self.header_written:
            writer.writeheader()
            self.header_written = True
        writer.writerows({key: ("" if value is None else self.cell(value)) for key, value in row.items()}
                         for row in rows)
        self.stream.write(_encode(buffer.getvalue()))
        self.stream.flush()

    def write(self, article: Article) -> None:
        """Write the article's rows (the header first, once)."""
        self._write_rows(csv_records(article, self.with_kind))

    def close(self) -> None:
        """Write the header if no article came: an empty table is still a valid CSV."""
        if not self.header_written:  # No article was read: still a valid, empty table.
            self._write_rows(())


# -- Markdown -------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>|#]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]\s*")


def markdown_escape(text: str) -> str:
    """``text`` as literal Markdown on one line: characters Markdown would read as syntax are
    escaped with a backslash (a ``|`` would end a table cell), line breaks become spaces, control
    characters and escape sequences are shown escaped (:func:`newsx.output.visible`).

    An underscore inside a word needs no escape, so file names stay readable.

    >>> markdown_escape("a|b *c* [d] <e> snake_case _x_")
    'a\\\\|b \\\\*c\\\\* \\\\[d\\\\] \\\\<e\\\\> snake_case \\\\_x\\\\_'
    >>> markdown_escape("one\\n\\ntwo")
    'one two'
    """
    one_line = visible(_LINE_BREAKS.sub(" ", text.strip()), one_line=True)
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), one_line)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """A Markdown (GitHub) table with ``rows`` escaped, its columns padded to line up in a terminal
    (all but the last, which holds the long text).

    >>> print(markdown_table(["Name", "Count", "Quote"], [["Li", "3", "Yes."]], right=[1]))
    | Name | Count | Quote |
    |------|------:|-------|
    | Li   |     3 | Yes. |
    """
    from rich.cells import cell_len

    cells = [[markdown_escape(cell) for cell in row] for row in rows]
    last = len(headers) - 1
    # The last column is not padded: a long quote would widen every other row.
    widths = [max([len(header), 3] + ([] if i == last else [cell_len(row[i]) for row in cells]))
              for i, header in enumerate(headers)]

    def pad(i: int, value: str) -> str:
        if i == last:
            return value
        space = " " * (widths[i] - cell_len(value))
        return space + value if i in right else value + space

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(pad(i, value) for i, value in enumerate(values)) + " |"

    rule = "|" + "|".join(("-" * (widths[i] + 1) + ":") if i in right else "-" * (widths[i] + 2)
                          for i in range(len(headers))) + "|"
    return "\n".join([line(headers), rule, *(line(row) for row in cells)])


def article_markdown(article: Article) -> str:
    """One article as Markdown: a heading with its source, then a table of its entities and/or a
    table of its quotes, each under a heading with their number."""
    parts = [f"## {markdown_escape(article.source)}"]
    if article.entities is not None:
        rows = [[section.capitalize(), entity.name, str(entity.count), entity.code or "", entity.label,
                 person_details(entity), ", ".join(entity.aliases)]
                for section in SECTIONS for entity in getattr(article.entities, section)]
        parts.append(f"### Entities ({len(rows)})")
        parts.append(markdown_table(["Section", "Name", "Mentions", "Code", "Label", "Profile", "Also written"],
                                    rows, right=[2]) if rows else "No entities.")
    if article.quotes is not None:
        rows = [[quote.speaker or "?", quote.organisation or "", quote.speaker_gender or "", quote.label,
                 quote.cue or "", quote.text]
                for quote in article.quotes]
        parts.append(f"### Quotes ({len(rows)})")
        parts.append(markdown_table(["Speaker", "Organisation", "Gender", "Type", "Cue", "Quote"], rows)
                     if rows else "No quotes.")
    return "\n\n".join(parts) + "\n"


class MarkdownWriter:
    """Each article's Markdown, a blank line between articles."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.first = True

    def write(self, article: Article) -> None:
        """Write the article's Markdown."""
        self.stream.write(_encode(("" if self.first else "\n") + article_markdown(article)))
        self.stream.flush()
        self.first = False

    def close(self) -> None:
        """Nothing to finish: each article was written whole."""


# -- JSON and tables ------------------------------------------------------------------------------


class JsonWriter:
    """One JSON object per article per line (see :mod:`newsx.output`)."""

    def __init__(self, stream: BinaryIO, include_text: bool = False, explain: bool = False):
        self.stream = stream
        self.include_text = include_text
        self.explain = explain

    def write(self, article: Article) -> None:
        """Write the article's JSON line."""
        self.stream.write(dumps_line(article_to_dict(article, include_text=self.include_text, explain=self.explain)))
        self.stream.flush()

    def close(self) -> None:
        """Nothing to finish: each line was written whole."""


def use_color(flag: bool = True, environ: Optional[Mapping[str, str]] = None) -> bool:
    """Whether tables may use colours and other terminal styles: not with ``--no-color`` or when
    ``NO_COLOR`` is set to anything but the empty string (https://no-color.org).

    >>> use_color(True, {"NO_COLOR": "1"}), use_color(True, {"NO_COLOR": ""}), use_color(False, {})
    (False, True, False)
    """
    import os

    variables: Mapping[str, str] = os.environ if environ is None else environ
    return flag and not variables.get("NO_COLOR")


#: The narrowest output newsx prints: a terminal (or ``COLUMNS``) narrower than this still gets
#: output this wide, which the terminal wraps, rather than words one character wide. Below about 45
#: cells the tables are listings (:mod:`newsx.tables`), which need no more than a word's width.
MIN_TABLE_WIDTH = 20


def table_width(environ: Optional[Mapping[str, str]] = None, fd: Optional[int] = None) -> Optional[int]:
    """The width tables are printed at when ``COLUMNS`` decides it, or None to let Rich ask the
    terminal (80 when it is not one). ``COLUMNS`` that is not a positive number (``COLUMNS=0``,
    which would print nothing at all) is ignored; one below MIN_TABLE_WIDTH is raised to it.

    >>> table_width({"COLUMNS": "100"}), table_width({"COLUMNS": "5"}), table_width({})
    (100, 20, None)
    >>> table_width({"COLUMNS": "0"}), table_width({"COLUMNS": "wide"})
    (80, 80)
    """
    import os

    raw = (os.environ if environ is None else environ).get("COLUMNS")
    if raw is None:
        return None
    try:
        columns = int(raw)
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(fd).columns if fd is not None else 80
        except OSError:
            columns = 80
    return max(columns, MIN_TABLE_WIDTH)


def _text_stream(stream: BinaryIO) -> IO[str]:
    """The text stream a Console writes ``stream`` through: stdout's own when it can encode any
    character, else one that writes what the encoding lacks as escapes (``PYTHONIOENCODING=ascii``
    must not end a run in UnicodeEncodeError)."""
    stdout = sys.stdout
    if stdout is not None and stream is getattr(stdout, "buffer", None):
        encoding = (getattr(stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding.startswith("utf"):
            return stdout
        return io.TextIOWrapper(stream, encoding=encoding, errors="backslashreplace", write_through=True)
    return io.TextIOWrapper(stream, encoding="utf-8", write_through=True)


def console_for(stream: BinaryIO, color: bool = True) -> Any:
    """A Rich Console writing to ``stream`` (through stdout's own text stream for stdout); with
    ``color=False`` it writes no escape codes at all, even on a terminal. Its width is the
    terminal's, or ``COLUMNS`` (see :func:`table_width`), never below MIN_TABLE_WIDTH."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich exits with status 1 here; let the runner end quietly as for the other formats.
            raise BrokenPipeError

    file = _text_stream(stream)
    try:
        fd: Optional[int] = file.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        fd = None
    console = _Console(file=file, width=table_width(fd=fd), **console_color(color))
    if console.width < MIN_TABLE_WIDTH:  # a very narrow terminal
        console.width = MIN_TABLE_WIDTH
    return console


def console_color(color: bool) -> dict[str, Any]:
    """Console arguments for ``color``: ``color_system=None`` turns off styles (bold, dim) as well
    as colours, where Rich's own NO_COLOR handling drops only the colours."""
    return {} if color else {"color_system": None, "no_color": True}


class TableWriter:
    """Rich tables, fitted to the console's width (see :mod:`newsx.tables`)."""

    def __init__(self, stream: BinaryIO, color: bool = True):
        self.console = console_for(stream, color)

    def write(self, article: Article) -> None:
        """Print the article's tables."""
        from .tables import print_article

        print_article(article, self.console)

    def close(self) -> None:
        """Flush what the console holds."""
        self.console.file.flush()


def open_writer(format: str, stream: BinaryIO, *, tasks: Sequence[str], include_text: bool = False,
                color: bool = True, raw_csv: bool = False, explain: bool = False) -> Writer:
    """The writer of ``format`` (one of :data:`FORMATS`) on ``stream``; ``include_text`` adds each
    article's text to the JSON and ``explain`` each quote's rules, ``color=False`` keeps escape codes
    out of tables, ``raw_csv`` writes CSV cells that start like a formula as they are."""
    makers: dict[str, Callable[[], Writer]] = {
        "json": lambda: JsonWriter(stream, include_text, explain),
        "csv": lambda: CsvWriter(stream, tasks, raw_csv),
        "markdown": lambda: MarkdownWriter(stream),
        "table": lambda: TableWriter(stream, color),
    }
    if format not in makers:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    return makers[format]()


# -- newsx sources --------------------------------------------------------------------------------

#: CSV columns of ``newsx sources``: a ``record`` column (``speaker``, ``organisation`` or ``gender``),
#: then the union of the columns of the three; a row leaves the columns that are not its own empty,
#: and an empty ``name`` is "not given" (or, for a speaker, the quotes without one).
SOURCES_COLUMNS = ("record", "name", "named", "speakers", "quotes", "share", "articles", "words",
                   "organisations", "roles", "gender", "first_source", "last_source")


def sources_records(report: "SourcesReport") -> Iterator[dict[str, object]]:
    """The CSV rows of ``newsx sources``: each speaker, then the totals by organisation and by gender."""
    for row in report.speakers:
        yield {"record": "speaker", "name": row.speaker, "named": "true" if row.named else "false",
               "speakers": row.speakers, "quotes": row.quotes, "share": round(row.share, 4),
               "articles": row.articles, "words": row.words,
               "organisations": ALIAS_SEPARATOR.join(str(c.name) for c in row.organisations),
               "roles": ALIAS_SEPARATOR.join(str(c.name) for c in row.roles), "gender": row.gender,
               "first_source": row.first_source, "last_source": row.last_source}
    for record, rows in (("organisation", report.by_organisation), ("gender", report.by_gender)):
        for total in rows:
            yield {"record": record, "name": total.name, "speakers": total.speakers, "quotes": total.quotes,
                   "share": round(total.share, 4), "articles": total.articles, "words": total.words}


def sources_markdown(report: "SourcesReport") -> str:
    """``newsx sources`` as Markdown: a heading saying what was counted, then the speakers and the
    totals by organisation and by gender, each a table ("not given" a row of its own)."""
    from .sources import NO_SPEAKER, NOT_GIVEN
    from .tables import percent, sources_title

    def listed(counts: Sequence[Any]) -> str:
        return ", ".join(str(c.name) for c in counts)

    speakers = [[NO_SPEAKER if row.speaker is None else row.speaker if row.named else f"{row.speaker} (unnamed)",
                 f"{row.quotes:,}", percent(row.share), f"{row.articles:,}", f"{row.words:,}",
                 listed(row.organisations), listed(row.roles), (row.gender or NOT_GIVEN) if row.speaker else "",
                 row.first_source, row.last_source] for row in report.speakers]
    parts = [f"## Sources: {markdown_escape(str(sources_title(report)))}"]
    parts.append("### Speakers")
    parts.append(markdown_table(["Speaker", "Quotes", "Share", "Articles", "Words", "Organisation", "Role", "Gender",
                                 "First source", "Last source"], speakers, right=[1, 2, 3, 4])
                 if speakers else "No quotes.")
    for heading, rows in (("Organisation", report.by_organisation), ("Gender", report.by_gender)):
        parts.append(f"### By {heading.lower()}")
        table = [[total.name or NOT_GIVEN, f"{total.speakers:,}", f"{total.quotes:,}", percent(total.share),
                  f"{total.words:,}"] for total in rows]
        parts.append(markdown_table([heading, "Speakers", "Quotes", "Share", "Words"], table, right=[1, 2, 3, 4])
                     if table else "No quotes.")
    return "\n\n".join(parts) + "\n"


class SourcesWriter:
    """The writer of ``newsx sources``: each article is counted as it comes (:class:`newsx.sources.Tally`,
    counts only), and the report is written in ``format`` when the batch ends. ``report`` holds it then.
    """

    def __init__(self, stream: BinaryIO, format: str, *, top: Optional[int] = None, color: bool = True,
                 raw_csv: bool = False):
        from .sources import Tally

        if format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
        self.stream, self.format, self.top, self.color = stream, format, top, color
        self.cell = (lambda value: value) if raw_csv else neutralise_formula
        self.tally = Tally()
        self.report: Optional["SourcesReport"] = None

    def write(self, article: Article) -> None:
        """Count one article's quotes."""
        self.tally.add(article)

    def close(self) -> None:
        """Write the report of every article counted."""
        from .output import sources_to_dict
        from .tables import sources_renderable

        report = self.report = self.tally.report(self.top)
        if self.format == "json":
            self.stream.write(dumps_line(sources_to_dict(report)))
        elif self.format == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, SOURCES_COLUMNS, lineterminator="\r\n")
            writer.writeheader()
            writer.writerows({key: ("" if value is None else self.cell(value)) for key, value in row.items()}
                             for row in sources_records(report))
            self.stream.write(_encode(buffer.getvalue()))
        elif self.format == "markdown":
            self.stream.write(_encode(sources_markdown(report)))
        else:
            console = console_for(self.stream, self.color)
            console.print(sources_renderable(report))
            console.file.flush()
        self.stream.flush()
