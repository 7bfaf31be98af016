"""Rich tables: the one place where results become something a person reads in a terminal.

User text (names, quotes, sources) is always wrapped in ``rich.text.Text`` so that a "[" in a quote
is shown as it is, never read as console markup, and passed through :func:`newsx.output.visible`
so that control characters and escape sequences in it are shown escaped, never sent to the
terminal. Tables fit the width they are printed at (the terminal's, ``COLUMNS``, or 80 when
piped), and nothing is ever cut:

* each table has layouts from the most columns to the fewest (:class:`Layout`), and the first
  whose columns all fit at their narrowest is used; a column is never narrower than its longest
  word (up to WORD_CAP cells), so words wrap between words, never inside one ("WORK_OF_AR T");
* when even the fewest columns do not fit (about 45 cells), each row becomes a short block of
  text (:func:`listing`), which wraps like prose;
* the tables printed together (``newsx analyze``: entities, then quotes) share one width.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional, Sequence, Union

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .base import SECTIONS
from .output import person_details, visible
from .types import Article, Entity, Quote

if TYPE_CHECKING:
    from .sources import SourcesReport, SpeakerRow, TotalRow

_SECTIONS = tuple((section, section.capitalize()) for section in SECTIONS)

#: Indentation of an entity's name under its section's heading.
_INDENT = 2

#: The longest word a column keeps whole: a longer one (a URL, a run of letters) is folded rather
#: than widening its column past the others.
WORD_CAP = 20

#: What a table with no quotes says instead of an empty grid.
NO_QUOTES = "no quotes found"


def _text_width(text: str) -> int:
    """The cells the widest line of ``text`` takes in a terminal."""
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _word_width(text: str) -> int:
    """The cells the longest word of ``text`` takes (at most WORD_CAP)."""
    return min(max((cell_len(word) for word in text.split()), default=0), WORD_CAP)


def fit_widths(natural: Sequence[int], floors: Sequence[int], weights: Sequence[int], available: int,
               minimum: Optional[Sequence[int]] = None, fill: bool = False) -> list[int]:
    """Column widths adding up to at most ``available`` cells.

    Every column gets its natural width when they all fit (and, with ``fill``, the heaviest column
    the room left too). Otherwise each first gets its floor (or its natural width, if smaller, and never
    less than its ``minimum``: its longest word), floors shrinking toward the minimums when they do
    not all fit; the cells left go one at a time to the column furthest below its share by weight,
    until each reaches its natural width or none are left. When even the minimums do not fit, they
    shrink in proportion (to one cell at least).

    >>> fit_widths([10, 5], [4, 4], [1, 1], 20)
    [10, 5]
    >>> fit_widths([10, 5], [4, 1], [3, 1], 20, fill=True)
    [15, 5]
    >>> fit_widths([100, 8], [10, 8], [3, 1], 40)
    [32, 8]
    >>> fit_widths([100, 30, 8], [12, 12, 8], [3, 2, 1], 30, minimum=[9, 11, 8])
    [10, 12, 8]
    >>> sum(fit_widths([100, 30, 8], [12, 12, 8], [3, 2, 1], 20)) <= 20
    True
    """
    natural = [max(1, n) for n in natural]
    least = [min(n, max(1, m)) for n, m in zip(natural, minimum or [1] * len(natural))]
    if sum(natural) <= available:
        widths = list(natural)
        if fill:  # the room left goes to the column of the longest text (the heaviest)
            widths[max(range(len(widths)), key=lambda i: (weights[i], -i))] += available - sum(widths)
        return widths
    widths = [max(m, min(n, f)) for n, f, m in zip(natural, floors, least)]
    while sum(widths) > available:
        # Shrink the floor furthest above its minimum, one cell at a time.
        index = max(range(len(widths)), key=lambda i: (widths[i] - least[i], -i))
        if widths[index] <= least[index]:
            break
        widths[index] -= 1
    if sum(widths) > available:
        # One cell each, and what is left in proportion to the rest of each width.
        extra = max(available - len(widths), 0)
        over = [w - 1 for w in widths]
        return [1 + (o * extra // sum(over) if sum(over) else 0) for o in over]
    _grow(widths, natural, weights, available - sum(widths))
    return widths


def _grow(widths: list[int], limits: Sequence[int], weights: Sequence[int], left: int) -> None:
    """Give ``left`` cells, one at a time, to the column furthest below its share by weight."""
    while left > 0:
        growing = [i for i, w in enumerate(widths) if w < limits[i]]
        if not growing:
            break
        index = min(growing, key=lambda i: (widths[i] / weights[i], -weights[i]))
        widths[index] += 1
        left -= 1


def _available(width: Optional[int], columns: int) -> Optional[int]:
    # A table with edges and one cell of padding either side takes 3 cells a column and 1 more.
    return None if width is None else width - 3 * columns - 1


def _title(article: Article) -> Text:
    return Text(visible(article.source, one_line=True))


# -- layouts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One cell: its lines of text (the first plain, the rest dim), indented by ``indent``."""

    lines: tuple[str, ...]
    indent: int = 0
    style: str = ""
    justify: str = "left"

    @classmethod
    def of(cls, *lines: Optional[str], indent: int = 0, style: str = "", justify: str = "left") -> "Cell":
        """A cell of the non-empty ``lines`` (None and "" left out), shown safely (visible)."""
        return cls(tuple(visible(line) for line in lines if line), indent, style, justify)

    def text(self) -> Text:
        """The cell as Rich Text: its first line in the cell's style, the others dim."""
        text = Text(justify=self.justify)  # type: ignore[arg-type]
        for number, line in enumerate(self.lines):
            if number:
                text.append("\n")
            text.append(line, style="dim" if number else self.style)
        return text

    def renderable(self) -> RenderableType:
        # Padding indents every line of a long name that wraps, not just the first.
        return Padding(self.text(), (0, 0, 0, self.indent)) if self.indent else self.text()

    @property
    def natural(self) -> int:
        return self.indent + max((_text_width(line) for line in self.lines), default=0)

    @property
    def minimum(self) -> int:
        return self.indent + max((_word_width(line) for line in self.lines), default=0)


#: The cells of the bar that shows a share of the quotes.
BAR_WIDTH = 8


@dataclass(frozen=True)
class ShareCell(Cell):
    """A share of the quotes: a Rich bar and the percentage."""

    share: float = 0.0

    @classmethod
    def of_share(cls, share: float) -> "ShareCell":
        return cls((percent(share),), justify="right", share=share)

    def renderable(self) -> RenderableType:
        from rich.bar import Bar

        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=BAR_WIDTH)
        grid.add_column(justify="right", width=_PERCENT_WIDTH)
        grid.add_row(Bar(1.0, 0, self.share, width=BAR_WIDTH, color="cyan"), Text(self.lines[0]))
        return grid

    @property
    def natural(self) -> int:
        return BAR_WIDTH + 1 + _PERCENT_WIDTH

    @property
    def minimum(self) -> int:
        return self.natural


#: The cells of a percentage: "100%", "5.6%".
_PERCENT_WIDTH = 4


def percent(share: float) -> str:
    """A share as a percentage: one decimal below 10%, none above.

    >>> percent(0.4444), percent(0.05), percent(0.0)
    ('44%', '5.0%', '0.0%')
    """
    return f"{share * 100:.0f}%" if share >= 0.1 else f"{share * 100:.1f}%"


@dataclass(frozen=True)
class Column:
    """A column's header, the width it keeps before the others grow (``floor``, never below its
    longest word) and its share of the room left (``weight``)."""

    header: str
    floor: int
    weight: int
    justify: str = "left"


@dataclass
class Layout:
    """A table's columns and rows; a row whose ``sections`` flag is set starts a new section."""

    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    sections: list[bool] = field(default_factory=list)
    show_lines: bool = False

    def add(self, cells: Sequence[Cell], section: bool = False) -> None:
        self.rows.append(list(cells))
        self.sections.append(section)

    def natural(self) -> list[int]:
        return [max([cell_len(column.header)] + [row[i].natural for row in self.rows])
                for i, column in enumerate(self.columns)]

    def minimum(self) -> list[int]:
        return [max([_word_width(column.header)] + [row[i].minimum for row in self.rows])
                for i, column in enumerate(self.columns)]

    def fits(self, width: Optional[int]) -> bool:
        """Whether every column fits at its floor (never below its longest word, never above its
        natural width) in ``width`` cells."""
        available = _available(width, len(self.columns))
        if available is None:
            return True
        floors = [max(least, min(column.floor, natural))
                  for column, least, natural in zip(self.columns, self.minimum(), self.natural())]
        return sum(floors) <= available

    def width(self, width: Optional[int]) -> int:
        """The cells this table takes, edges included, printed in ``width``."""
        natural = sum(self.natural()) + 3 * len(self.columns) + 1
        return natural if width is None else min(natural, width)

    def table(self, title: Text, width: Optional[int], fill: bool = False) -> Table:
        """The Rich table, fitted to ``width`` cells (filling them with ``fill``)."""
        available = _available(width, len(self.columns))
        widths: Sequence[Optional[int]] = (
            fit_widths(self.natural(), [c.floor for c in self.columns], [c.weight for c in self.columns],
                       available, minimum=self.minimum(), fill=fill)
            if available is not None else [None] * len(self.columns))
        table = Table(title=title, title_justify="left", show_lines=self.show_lines, expand=False)
        for column, column_width in zip(self.columns, widths):
            table.add_column(column.header, overflow="fold", width=column_width, justify=column.justify)  # type: ignore[arg-type]
        for row, section in zip(self.rows, self.sections):
            if section:
                table.add_section()
            table.add_row(*(cell.renderable() for cell in row))
        return table


def listing(title: Text, blocks: Iterable[RenderableType]) -> Group:
    """The layout for a terminal too narrow for any table: a title, then each row as a block of
    text that wraps between words."""
    return Group(title, *blocks)


# -- entities -------------------------------------------------------------------------------------


def _entity_sections(article: Article) -> list[tuple[str, tuple[Entity, ...]]]:
    assert article.entities is not None
    return [(heading, getattr(article.entities, section)) for section, heading in _SECTIONS]


def entity_layouts(article: Article) -> list[Layout]:
    """The entities' table with every column, then with three (the code beside the label, the
    profile and other spellings under the name)."""
    full = Layout([Column("Name", 16, 3), Column("Mentions", 8, 1, "right"), Column("Code", 4, 1),
                   Column("Label", 6, 1), Column("Profile", 10, 2), Column("Also written", 12, 2)])
    compact = Layout([Column("Name", 16, 3), Column("Mentions", 8, 1, "right"), Column("Label", 6, 1)])
    for heading, entities in _entity_sections(article):
        title = [Cell.of(f"{heading} ({len(entities)})", style="bold")]
        full.add(title + [Cell.of("")] * 5, section=True)
        compact.add(title + [Cell.of("")] * 2, section=True)
        for entity in entities:
            count = Cell.of(str(entity.count), justify="right")
            aliases = ", ".join(entity.aliases)
            full.add([Cell.of(entity.name, indent=_INDENT), count, Cell.of(entity.code), Cell.of(entity.label),
                      Cell.of(person_details(entity)), Cell.of(aliases, style="dim")])
            details = [f"  {line}" for line in (person_details(entity), aliases and f"also {aliases}") if line]
            compact.add([Cell.of(entity.name, *details, indent=_INDENT),
                         count, Cell.of(" ".join(filter(None, (entity.label, entity.code))))])
    return [full, compact]


def _entity_listing(article: Article) -> Group:
    blocks: list[RenderableType] = []
    for heading, entities in _entity_sections(article):
        blocks.append(Text(f"{heading} ({len(entities)})", style="bold"))
        for entity in entities:
            line = Text(visible(entity.name))
            facts = [f"{entity.count} mention{'s' if entity.count != 1 else ''}", entity.label, entity.code or "", person_details(entity),
                     "also " + ", ".join(entity.aliases) if entity.aliases else ""]
            line.append(" (" + "; ".join(visible(fact) for fact in facts if fact) + ")", style="dim")
            blocks.append(Padding(line, (0, 0, 0, _INDENT)))
    return listing(_title(article), blocks)


def entities_table(article: Article, width: Optional[int] = None) -> Union[Table, Group]:
    """The entities of an article, a section per kind, fitted to ``width`` cells when given: a
    table with as many columns as fit, or a listing when none does.

    >>> from newsx.types import Entities
    >>> str(entities_table(Article("a.txt", "", Entities())).title)
    'a.txt'
    """
    return _fitted(entity_layouts(article), _title(article), width, lambda: _entity_listing(article))


# -- quotes ---------------------------------------------------------------------------------------


def quote_layouts(article: Article) -> list[Layout]:
    """The quotes' table with every column, then with three (organisation and gender under the
    speaker, the type under the cue)."""
    assert article.quotes is not None
    # The quote takes the room left when the short columns have theirs; speaker and organisation
    # wrap before the quote gets narrower than about half the table.
    full = Layout([Column("Speaker", 11, 2), Column("Organisation", 12, 2), Column("Gender", 6, 1),
                   Column("Quote", 14, 5), Column("Type", 8, 1), Column("Cue", 10, 1)], show_lines=True)
    compact = Layout([Column("Speaker", 12, 2), Column("Quote", 14, 5), Column("Cue", 10, 1)], show_lines=True)
    for quote in article.quotes:
        speaker = quote.speaker or "?"
        full.add([Cell.of(speaker), Cell.of(quote.organisation), Cell.of(quote.speaker_gender), Cell.of(quote.text),
                  Cell.of(quote.label), Cell.of(quote.cue)])
        compact.add([Cell.of(speaker, _affiliation(quote), quote.speaker_gender), Cell.of(quote.text),
                     Cell.of(quote.cue or "-", quote.label)])
    return [full, compact]


def _affiliation(quote: Quote) -> Optional[str]:
    # An organisation that speaks is its own organisation: said once is enough where columns merge.
    return None if quote.organisation == quote.speaker else quote.organisation


def _quote_block(quote: Quote) -> Group:
    head = Text(visible(quote.speaker or "?"), style="bold")
    facts = [_affiliation(quote), quote.speaker_gender, quote.label, quote.cue]
    head.append("".join(f" \u00b7 {visible(fact)}" for fact in facts if fact), style="dim")
    return Group(head, Padding(Text(visible(quote.text)), (0, 0, 1, _INDENT)))


def quotes_table(article: Article, width: Optional[int] = None) -> Union[Table, Group]:
    """One row per quote: speaker, organisation, the speaker's gender, the quote (wrapped, never
    cut), its type and cue, fitted to ``width`` cells when given (with fewer columns, or as a
    listing, when narrow). An article without quotes says NO_QUOTES."""
    assert article.quotes is not None
    if not article.quotes:
        return Group(_title(article), Text(NO_QUOTES, style="dim"))
    return _fitted(quote_layouts(article), _title(article), width,
                   lambda: listing(_title(article), (_quote_block(q) for q in article.quotes or ())))


def _fitted(layouts: Sequence[Layout], title: Text, width: Optional[int], narrow, *,
            fill_to: Optional[int] = None) -> Union[Table, Group]:
    """The first layout that fits ``width`` as a table (filling ``fill_to`` cells when given), or
    ``narrow()`` when none does."""
    for layout in layouts:
        if layout.fits(width):
            return layout.table(title, fill_to or width, fill=fill_to is not None)
    return narrow()


def _chosen(layouts: Sequence[Layout], width: Optional[int]) -> Optional[Layout]:
    return next((layout for layout in layouts if layout.fits(width)), None)


class ArticleTables:
    """Every table newsx has for an article, one after the other, each fitted to the width it is
    printed at; tables printed together share one width (the wider one's, within the room)."""

    def __init__(self, article: Article):
        self.article = article

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        article, width = self.article, options.max_width
        title = _title(article)
        entities = entity_layouts(article) if article.entities is not None else None
        quotes = quote_layouts(article) if article.quotes else None
        chosen = [layout for layout in (_chosen(entities or [], width), _chosen(quotes or [], width)) if layout]
        shared = max(layout.width(width) for layout in chosen) if len(chosen) == 2 else None
        if entities is not None:
            yield _fitted(entities, title, width, lambda: _entity_listing(article), fill_to=shared)
        if article.quotes is not None:
            if quotes is None:
                yield quotes_table(article, width)
            else:
                yield _fitted(quotes, title, width, lambda: quotes_table(article, width), fill_to=shared)


# -- sources --------------------------------------------------------------------------------------


def _number(value: int) -> Cell:
    return Cell.of(f"{value:,}", justify="right")


def _listed(counts: Sequence[object]) -> str:
    return ", ".join(getattr(count, "name") for count in counts)


def _indented(detail: str) -> str:
    # Under a name, indented: a detail, not a row of its own.
    return f"  {detail}" if detail else ""


def _other_roles(row: "SpeakerRow") -> str:
    # An unnamed speaker is known by their role: said once is enough under their name.
    return _listed([count for count in row.roles if count.name != row.speaker])


def _speaker_name(row: "SpeakerRow") -> str:
    from .sources import NO_SPEAKER

    if row.speaker is None:
        return NO_SPEAKER
    return row.speaker if row.named else f"{row.speaker} (unnamed)"


def source_layouts(report: "SourcesReport") -> list[Layout]:
    """The speakers' table from the most columns to the fewest: every column; without the sources;
    without the articles (the role under the speaker's name); the speaker, quotes, share and words
    alone (the organisation, role and gender under the speaker's name)."""
    from .sources import NOT_GIVEN

    names = ("Speaker", "Quotes", "Share", "Articles", "Words", "Organisation", "Role", "Gender", "First source",
             "Last source")
    columns = {"Speaker": Column("Speaker", 14, 3), "Quotes": Column("Quotes", 6, 1, "right"),
               "Share": Column("Share", 13, 1), "Articles": Column("Articles", 8, 1, "right"),
               "Words": Column("Words", 5, 1, "right"), "Organisation": Column("Organisation", 12, 2),
               "Role": Column("Role", 10, 2), "Gender": Column("Gender", 9, 1),
               "First source": Column("First source", 12, 2), "Last source": Column("Last source", 12, 2)}
    kept = (names, names[:8], ("Speaker", "Quotes", "Share", "Words", "Organisation", "Gender"))
    layouts = [Layout([columns[name] for name in chosen]) for chosen in kept]
    compact = Layout([Column("Speaker", 14, 3), Column("Quotes", 6, 1, "right"), Column("Share", 13, 1),
                      Column("Words", 5, 1, "right")])
    for row in report.speakers:
        gender = (row.gender or NOT_GIVEN) if row.speaker is not None else ""
        cells = {"Speaker": Cell.of(_speaker_name(row)), "Quotes": _number(row.quotes),
                 "Share": ShareCell.of_share(row.share), "Articles": _number(row.articles),
                 "Words": _number(row.words), "Organisation": Cell.of(_listed(row.organisations)),
                 "Role": Cell.of(_listed(row.roles)), "Gender": Cell.of(gender),
                 "First source": Cell.of(row.first_source), "Last source": Cell.of(row.last_source)}
        for layout, chosen in zip(layouts, kept):
            if "Role" not in chosen:  # the role under the speaker's name
                cells = {**cells, "Speaker": Cell.of(_speaker_name(row), _indented(_other_roles(row)))}
            layout.add([cells[name] for name in chosen])
        own = [count for count in row.organisations if count.name != row.speaker]  # an organisation speaking
        details = "; ".join(d for d in (_listed(own), _other_roles(row), row.gender) if d)
        compact.add([Cell.of(_speaker_name(row), _indented(details)), cells["Quotes"], cells["Share"], cells["Words"]])
    return [*layouts, compact]


def total_layouts(rows: Sequence["TotalRow"], heading: str) -> list[Layout]:
    """A table of totals (by organisation or by gender; "not given" a row of its own): with every
    column, then without the articles and words."""
    from .sources import NOT_GIVEN

    with_articles = any(row.articles is not None for row in rows)
    first = [Column(heading, 14, 3), Column("Speakers", 8, 1, "right"), Column("Quotes", 6, 1, "right"),
             Column("Share", 13, 1)]
    full = Layout(first + [Column("Words", 5, 1, "right")] + ([Column("Articles", 8, 1, "right")] if with_articles else []))
    compact = Layout(list(first))
    for row in rows:
        cells = [Cell.of(row.name or NOT_GIVEN), _number(row.speakers), _number(row.quotes),
                 ShareCell.of_share(row.share)]
        full.add(cells + [_number(row.words)] + ([_number(row.articles or 0)] if with_articles else []))
        compact.add(cells)
    return [full, compact]


def _plural(count: int, word: str) -> str:
    """``count`` and ``word``, in the plural unless one.

    >>> _plural(1, "quote"), _plural(2, "article")
    ('1 quote', '2 articles')
    """
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _speaker_block(row: "SpeakerRow") -> Text:
    from .sources import NOT_GIVEN

    text = Text(visible(_speaker_name(row)), style="bold")
    facts = [f"{_plural(row.quotes, 'quote')} ({percent(row.share)})", _plural(row.articles, "article"),
             _plural(row.words, "word"),
             _listed(row.organisations), _listed(row.roles), (row.gender or NOT_GIVEN) if row.speaker else ""]
    text.append(": " + "; ".join(visible(fact) for fact in facts if fact), style="")
    return text


def _total_block(row: "TotalRow") -> Text:
    from .sources import NOT_GIVEN

    text = Text(visible(row.name or NOT_GIVEN), style="bold")
    text.append(f": {_plural(row.quotes, 'quote')} ({percent(row.share)}), {_plural(row.speakers, 'speaker')}, "
                f"{_plural(row.words, 'word')}")
    return text


def sources_title(report: "SourcesReport") -> Text:
    """What the speakers' table counts, in a line.

    >>> from newsx.sources import SourcesReport
    >>> str(sources_title(SourcesReport(1, 9, 300, 4, (), (), ())))
    '9 quotes of 4 speakers in 1 article'
    """
    shown = len([row for row in report.speakers if row.speaker is not None])
    top = f" (the {shown} most quoted)" if report.top is not None and shown < report.speaker_rows else ""
    return Text(f"{_plural(report.quotes, 'quote')} of {_plural(report.speaker_rows, 'speaker')}{top} in "
                f"{_plural(report.articles, 'article')}")


class SourcesTables:
    """The tables of ``newsx sources``: the speakers, then the totals by organisation and by gender,
    sharing one width."""

    def __init__(self, report: "SourcesReport"):
        self.report = report

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        report, width = self.report, options.max_width
        if not report.quotes:
            yield Group(sources_title(report), Text(NO_QUOTES, style="dim"))
            return
        parts = [
            (source_layouts(report), sources_title(report), report.speakers, _speaker_block),
            (total_layouts(report.by_organisation, "Organisation"), Text("By organisation"),
             report.by_organisation, _total_block),
            (total_layouts(report.by_gender, "Gender"), Text("By gender"), report.by_gender, _total_block),
        ]
        chosen = [_chosen(layouts, width) for layouts, *_ in parts]
        shared = max(layout.width(width) for layout in chosen if layout) if all(chosen) else None
        for (layouts, title, rows, block), layout in zip(parts, chosen):
            if layout is None:
                yield listing(title, (Padding(block(row), (0, 0, 0, _INDENT)) for row in rows))  # type: ignore[operator]
            else:
                yield layout.table(title, shared or width, fill=shared is not None)


def sources_renderable(report: "SourcesReport") -> SourcesTables:
    """The tables of ``newsx sources`` for a Console to print."""
    return SourcesTables(report)


def article_renderable(article: Article) -> ArticleTables:
    """Every table newsx has for an article, one after the other."""
    return ArticleTables(article)


def print_article(article: Article, console: Console) -> None:
    """Print an article's tables to ``console``."""
    console.print(article_renderable(article))
