"""Rich tables: the one place where results become something a person reads in a terminal.

User text (names, quotes, sources) is always wrapped in ``rich.text.Text`` so that a "[" in a quote
is shown as it is, never read as console markup, and passed through :func:`newsx.output.visible`
so that control characters and escape sequences in it are shown escaped, never sent to the
terminal. Tables fit the width they are printed at (the terminal's,
``COLUMNS``, or 80 when piped): each column gets its natural width when all fit, else long text
wraps (and a word longer than its column folds). Nothing is ever cut.
"""
from __future__ import annotations

from typing import Optional, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from .base import SECTIONS
from .output import person_details, visible
from .types import Article, Entity

_SECTIONS = tuple((section, section.capitalize()) for section in SECTIONS)

#: Indentation of an entity's name under its section's heading.
_INDENT = 2


def _text_width(text: str) -> int:
    """The cells the widest line of ``text`` takes in a terminal."""
    return max((cell_len(line) for line in text.splitlines()), default=0)


def fit_widths(natural: Sequence[int], floors: Sequence[int], weights: Sequence[int], available: int) -> list[int]:
    """Column widths adding up to at most ``available`` cells.

    Every column gets its natural width when they all fit. Otherwise each first gets its floor (or
    its natural width, if smaller), and the cells left go one at a time to the column furthest below
    its share by weight, until each reaches its natural width or none are left. When even the floors
    do not fit, they shrink in proportion (to one cell at least).

    >>> fit_widths([10, 5], [4, 4], [1, 1], 20)
    [10, 5]
    >>> fit_widths([100, 8], [10, 8], [3, 1], 40)
    [32, 8]
    >>> sum(fit_widths([100, 30, 8], [12, 12, 8], [3, 2, 1], 20)) <= 20
    True
    """
    natural = [max(1, n) for n in natural]
    if sum(natural) <= available:
        return natural
    widths = [min(n, f) for n, f in zip(natural, floors)]
    if sum(widths) > available:
        # One cell each, and what is left in proportion to the rest of each floor.
        extra = max(available - len(widths), 0)
        over = [w - 1 for w in widths]
        return [1 + (o * extra // sum(over) if sum(over) else 0) for o in over]
    left = available - sum(widths)
    while left > 0:
        growing = [i for i, w in enumerate(widths) if w < natural[i]]
        if not growing:
            break
        index = min(growing, key=lambda i: (widths[i] / weights[i], -weights[i]))
        widths[index] += 1
        left -= 1
    return widths


def _available(width: Optional[int], columns: int) -> Optional[int]:
    # A table with edges and one cell of padding either side takes 3 cells a column and 1 more.
    return None if width is None else width - 3 * columns - 1


def _entity_row(entity: Entity, with_code: bool) -> list[Text]:
    aliases = visible(", ".join(entity.aliases))
    row = [Text(visible(entity.name)), Text(str(entity.count), justify="right")]
    if with_code:
        row.append(Text(visible(entity.code or "")))
    row += [Text(visible(entity.label)), Text(visible(person_details(entity))), Text(aliases, style="dim")]
    return row


def _title(article: Article) -> Text:
    return Text(visible(article.source, one_line=True))


def entities_table(article: Article, width: Optional[int] = None) -> Table:
    """One table with a section per kind of entity, fitted to ``width`` cells when given.

    >>> from newsx.types import Entities
    >>> str(entities_table(Article("a.txt", "", Entities())).title)
    'a.txt'
    """
    assert article.entities is not None
    sections = [(heading, getattr(article.entities, section)) for section, heading in _SECTIONS]
    headers = ("Name", "Mentions", "Code", "Label", "Profile", "Also written")
    natural = [cell_len(header) for header in headers]
    for heading, entities in sections:
        natural[0] = max(natural[0], cell_len(f"{heading} ({len(entities)})"))
        for entity in entities:
            natural[0] = max(natural[0], _INDENT + _text_width(visible(entity.name)))
            natural[2] = max(natural[2], cell_len(visible(entity.code or "")))
            natural[3] = max(natural[3], cell_len(visible(entity.label)))
            natural[4] = max(natural[4], _text_width(visible(person_details(entity))))
            natural[5] = max(natural[5], _text_width(visible(", ".join(entity.aliases))))
    available = _available(width, len(headers))
    widths = (fit_widths(natural, (16, 8, 4, 6, 10, 12), (3, 1, 1, 1, 2, 2), available)
              if available is not None else [None] * len(headers))

    table = Table(title=_title(article), title_justify="left", show_lines=False, expand=False)
    for header, column_width in zip(headers, widths):
        table.add_column(header, overflow="fold", width=column_width,
                         justify="right" if header == "Mentions" else "left")
    for heading, entities in sections:
        table.add_section()
        table.add_row(Text(f"{heading} ({len(entities)})", style="bold"), "", "", "", "", "")
        for entity in entities:
            name, count, *rest = _entity_row(entity, with_code=True)
            # Padding indents every line of a long name that wraps, not just the first.
            table.add_row(Padding(name, (0, 0, 0, _INDENT)), count, *rest)
    return table


def quotes_table(article: Article, width: Optional[int] = None) -> Table:
    """One row per quote: speaker, organisation, the speaker's gender, the quote (wrapped, never
    cut), its type and cue, fitted to ``width`` cells when given."""
    assert article.quotes is not None
    headers = ("Speaker", "Organisation", "Gender", "Quote", "Type", "Cue")
    rows = [tuple(visible(cell) for cell in (quote.speaker or "?", quote.organisation or "", quote.speaker_gender or "",
                                              quote.text, quote.type, quote.cue or ""))
            for quote in article.quotes]
    natural = [max([cell_len(header)] + [_text_width(row[i]) for row in rows]) for i, header in enumerate(headers)]
    available = _available(width, len(headers))
    # The quote takes the room left when the short columns have theirs; speaker and organisation
    # wrap before the quote gets narrower than about half the table.
    widths = (fit_widths(natural, (11, 12, 6, 14, 8, 10), (2, 2, 1, 5, 1, 1), available)
              if available is not None else [None] * len(headers))

    table = Table(title=_title(article), title_justify="left", show_lines=True, expand=False)
    for header, column_width in zip(headers, widths):
        table.add_column(header, overflow="fold", width=column_width)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


class ArticleTables:
    """Every table newsx has for an article, one after the other, each fitted to the width it is
    printed at."""

    def __init__(self, article: Article):
        self.article = article

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.article.entities is not None:
            yield entities_table(self.article, options.max_width)
        if self.article.quotes is not None:
            yield quotes_table(self.article, options.max_width)


def article_renderable(article: Article) -> ArticleTables:
    """Every table newsx has for an article, one after the other."""
    return ArticleTables(article)


def print_article(article: Article, console: Console) -> None:
    """Print an article's tables to ``console``."""
    console.print(article_renderable(article))
