"""`newsx sources`: who is quoted across many articles, how often, for which organisations, and the
gender the articles give (a plain function returning the report, and its thin Typer wrapper)."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, List, Optional

import typer

from ._util import (AllOrNothingOption, FilesArgument, Format, FormatOption, HtmlOption, JobsOption, JsonOption,
                    JsonlOption, LexiconOption, MaxCharsOption, ModelOption, NoColorOption, OutputOption, RawCsvOption,
                    TimeoutOption, app, run_options, whole_number)

if TYPE_CHECKING:
    from ..runner import RunOptions
    from ..sources import SourcesReport

#: What ``newsx sources`` runs: quotes, and entities to tell named speakers from unnamed ones.
SOURCES_TASKS = ("entities", "quotes")


def sources(names: List[str], options: "RunOptions", *, top: Optional[int] = None) -> "tuple[SourcesReport, int]":
    """Count who is quoted in every input and write the report (``options.format``, to
    ``options.output`` or stdout) as the runner writes any results; return the report and the exit
    code. Articles are counted as they are read and dropped: memory holds counts, not articles.

    >>> import tempfile; from pathlib import Path; from newsx.runner import RunOptions  # doctest: +SKIP
    >>> out = Path(tempfile.mkdtemp()) / "sources.json"  # doctest: +SKIP
    >>> report, code = sources(["seeds/"], RunOptions(tasks=SOURCES_TASKS, format="json", output=out))  # doctest: +SKIP
    >>> [(row.speaker, row.quotes) for row in report.speakers][:1], int(code)  # doctest: +SKIP
    ([('Li Shangfu', 4)], 0)
    """
    from ..formats import SourcesWriter
    from ..runner import run
    from ..sources import Tally

    made: list[SourcesWriter] = []

    def writer(stream: BinaryIO) -> SourcesWriter:
        made.append(SourcesWriter(stream, options.format, top=top, color=options.color, raw_csv=options.raw_csv))
        return made[0]

    options = dataclasses.replace(options, tasks=SOURCES_TASKS)
    code = run(names, options, writer=writer)
    report = made[0].report if made and made[0].report is not None else Tally().report(top)
    return report, code


@app.command("sources")
def sources_cli(
    files: List[str] = FilesArgument,
    format: Optional[Format] = FormatOption,
    json: bool = JsonOption,
    output: Optional[Path] = OutputOption,
    jobs: int = JobsOption,
    top: Optional[int] = typer.Option(None, "--top", "-n", metavar="N", parser=whole_number("--top", 1),
                                      show_default=False,
                                      help="Only the N most quoted speakers (the totals still count every quote)."),
    html: bool = HtmlOption, jsonl: bool = JsonlOption, model: Optional[str] = ModelOption,
    no_color: bool = NoColorOption, max_chars: int = MaxCharsOption,
    timeout_per_article: Optional[float] = TimeoutOption, raw_csv: bool = RawCsvOption,
    all_or_nothing: bool = AllOrNothingOption, lexicon: Optional[Path] = LexiconOption,
) -> None:
    """Who is quoted across the articles: one row per speaker (the same full name is the same
    speaker in every article) with their quotes, share, articles, words quoted, organisations,
    role and gender as the articles give them, first and last source; then the totals by
    organisation and by gender ("not given" a row of its own, never guessed). It counts the
    quotes newsx quotes writes; those without a speaker are a row of their own. With --json, one
    object (schema newsx-sources/1: newsx schema --sources).

    Example:

    \b
        newsx sources seeds/ --top 10
        newsx sources articles/ --json | jq -r '.by_gender[] | "\\(.gender // "not given"): \\(.quotes)"'
    """
    options = run_options(SOURCES_TASKS, format=format, json=json, html=html, no_color=no_color, model=model,
                          jsonl=jsonl, jobs=jobs, output=output, max_chars=max_chars, timeout=timeout_per_article,
                          raw_csv=raw_csv, all_or_nothing=all_or_nothing, lexicon=lexicon)
    _, code = sources(files, options, top=top)
    raise typer.Exit(code)
