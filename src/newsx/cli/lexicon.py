"""`newsx lexicon`: where the word lists and thresholds live, checking a lexicon of one's own, and
copying the packaged one to start from."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._util import app


def lexicon_command(directory: Optional[Path], copy_to: Optional[Path]) -> int:
    """Check ``directory`` over the packaged lexicon (or describe the packaged one), or copy the
    packaged files to ``copy_to``; print what was done and return the exit code."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..base import ExitCode
    from ..lexicon import PACKAGED, LexiconError, copy_packaged, lexicon_summary, load_lexicon
    from ..runner import warn

    try:
        if copy_to is not None:
            written = copy_packaged(copy_to)
            warn(f"copied {len(written)} lexicon files to {copy_to}; edit them, then use --lexicon {copy_to}")
            return ExitCode.OK
        if directory is not None:
            load_lexicon(directory)  # validated whole before anything is shown
    except LexiconError as error:
        warn(str(error))
        return ExitCode.USAGE
    packaged = lexicon_summary()
    table = Table(title=f"lexicon: {directory or PACKAGED}", title_justify="left")
    table.add_column("file")
    table.add_column("rows", justify="right")
    table.add_column("packaged", justify="right")
    for name, count in lexicon_summary(directory).items():
        table.add_row(Text(name), str(count), str(packaged[name]))
    table.add_row(Text("settings.toml"), "", "")
    Console(soft_wrap=True).print(table)
    if directory is not None:
        warn(f"{directory}: a valid lexicon")
    return ExitCode.OK


@app.command("lexicon")
def lexicon_cli(
    directory: Optional[Path] = typer.Argument(None, metavar="DIR", show_default=False,
                                               help="A lexicon directory of your own to check."),
    copy_to: Optional[Path] = typer.Option(None, "--copy", metavar="DIR", show_default=False,
                                           help="Copy the packaged lexicon files into DIR to start your own."),
) -> None:
    """Show the lexicon newsx applies (every word list, threshold and pattern, as data files), check a
    lexicon directory of your own, or copy the packaged one to start from. In a directory given to
    --lexicon, a file named like a packaged one replaces it, STEM.add.EXT (e.g. cues.add.tsv, with the
    same header) adds rows, and settings.toml replaces only the keys it gives.

    Example:

    \b
        printf 'lemma\\tkind\\tclause_only\\tinfinitive\\tobject\\tprepositions\\tspeaker\\ngrumble\\tspeech\\t-\\t-\\t-\\t-\\tsubject\\n' > mine/cues.add.tsv
        newsx lexicon mine/ && newsx quotes article.txt --lexicon mine/
    """
    raise typer.Exit(lexicon_command(directory, copy_to))
