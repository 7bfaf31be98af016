"""Rich tables: the one place where results become something a person reads in a terminal.

User text (names, quotes) is always wrapped in ``rich.text.Text`` so that a "[" in a quote is shown
as it is, never read as console markup. Long quotes wrap; nothing is cut.
"""
from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .types import Article, Entity

_SECTIONS = (("people", "People"), ("countries", "Countries"), ("organisations", "Organisations"),
             ("other", "Other"))


def _entity_row(entity: Entity, with_code: bool) -> list[Text]:
    aliases = ", ".join(entity.aliases)
    row = [Text(entity.name), Text(str(entity.count), justify="right")]
    if with_code:
        row.append(Text(entity.code or ""))
    row += [Text(entity.label), Text(aliases, style="dim")]
    return row


def entities_table(article: Article) -> Table:
    """One table with a section per kind of entity.

    >>> from newsx.types import Entities
    >>> entities_table(Article("a.txt", "", Entities())).title
    'a.txt'
    """
    table = Table(title=article.source, title_justify="left", show_lines=False, expand=False)
    table.add_column("Name", overflow="fold")
    table.add_column("Mentions", justify="right")
    table.add_column("Code")
    table.add_column("Label")
    table.add_column("Also written", overflow="fold")
    assert article.entities is not None
    for section, heading in _SECTIONS:
        entities = getattr(article.entities, section)
        table.add_section()
        table.add_row(Text(f"{heading} ({len(entities)})", style="bold"), "", "", "", "")
        for entity in entities:
            name, count, *rest = _entity_row(entity, with_code=True)
            table.add_row(Text("  ") + name, count, *rest)
    return table


def quotes_table(article: Article) -> Table:
    """One row per quote: speaker, organisation, the quote (wrapped, never cut) and its cue."""
    table = Table(title=article.source, title_justify="left", show_lines=True, expand=False)
    table.add_column("Speaker", overflow="fold", max_width=24)
    table.add_column("Organisation", overflow="fold", max_width=20)
    table.add_column("Quote", overflow="fold", ratio=1, min_width=30)
    table.add_column("Type")
    table.add_column("Cue", overflow="fold", max_width=14)
    assert article.quotes is not None
    for quote in article.quotes:
        speaker = quote.speaker or "?"
        table.add_row(Text(speaker), Text(quote.organisation or ""), Text(quote.text), Text(quote.type),
                      Text(quote.cue or ""))
    return table


def article_renderable(article: Article) -> Group:
    """Every table newsx has for an article, one after the other."""
    parts = []
    if article.entities is not None:
        parts.append(entities_table(article))
    if article.quotes is not None:
        parts.append(quotes_table(article))
    return Group(*parts)


def print_article(article: Article, console: Console) -> None:
    """Print an article's tables to ``console``."""
    console.print(article_renderable(article))
