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
from typing import Iterable, Optional, Sequence, Union

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .base import SECTIONS
from .output import person_details, visible
from .types import Article, Entity, Quote

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

    Every column gets its natural width when they all fit (and, with ``fill``, the room left too,
    by weight). Otherwise each first gets its floor (or its natural width, if smaller, and never
    less than its ``minimum``: its longest word), floors shrinking toward the minimums when they do
    not all fit; the cells left go one at a time to the column furthest below its share by weight,
    until each reaches its natural width or none are left. When even the minimums do not fit, they
    shrink in proportion (to one cell at least).

    >>> fit_widths([10, 5], [4, 4], [1, 1], 20)
    [10, 5]
    >>> fit_widths([10, 5], [4, 4], [3, 1], 20, fill=True)
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
        if fill:
            _grow(widths, [available] * len(widths), weights, available - sum(widths))
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
        """Whether every column fits at its narrowest (its longest word) in ``width`` cells."""
        available = _available(width, len(self.columns))
        return available is None or sum(self.minimum()) <= available

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
                  Cell.of(quote.type), Cell.of(quote.cue)])
        compact.add([Cell.of(speaker, _affiliation(quote), quote.speaker_gender), Cell.of(quote.text),
                     Cell.of(quote.cue or "-", quote.type)])
    return [full, compact]


def _affiliation(quote: Quote) -> Optional[str]:
    # An organisation that speaks is its own organisation: said once is enough where columns merge.
    return None if quote.organisation == quote.speaker else quote.organisation


def _quote_block(quote: Quote) -> Group:
    head = Text(visible(quote.speaker or "?"), style="bold")
    facts = [_affiliation(quote), quote.speaker_gender, quote.type, quote.cue]
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


def article_renderable(article: Article) -> ArticleTables:
    """Every table newsx has for an article, one after the other."""
    return ArticleTables(article)


def print_article(article: Article, console: Console) -> None:
    """Print an article's tables to ``console``."""
    console.print(article_renderable(article))
