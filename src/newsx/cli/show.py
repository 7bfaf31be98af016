"""`newsx show`: one article as an HTML page with its quotes marked (a plain function returning the
page, and its thin Typer wrapper)."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Optional

import typer

from ._util import FORMAT_OF_EXTENSION, HtmlOption, LexiconOption, MaxCharsOption, ModelOption, _click_errors, app

if TYPE_CHECKING:
    from ..runner import RunOptions

#: What ``newsx show`` runs.
SHOW_TASKS = ("quotes",)


def show(name: str, options: "RunOptions") -> "tuple[Optional[str], int]":
    """Read one article (a file, an HTML page or ``-``), and write its page (:func:`newsx.page.render_page`)
    to ``options.output`` or stdout as the runner writes any results; return the page (None when
    the article could not be read) and the exit code.

    >>> import tempfile; from pathlib import Path; from newsx.runner import RunOptions  # doctest: +SKIP
    >>> out = Path(tempfile.mkdtemp()) / "seed.html"  # doctest: +SKIP
    >>> page, code = show("seeds/000_74118320347f371e.txt", RunOptions(tasks=SHOW_TASKS, output=out))  # doctest: +SKIP
    >>> "Li Shangfu" in page, out.read_text(encoding="utf-8") == page, int(code)  # doctest: +SKIP
    (True, True, 0)
    """
    from ..page import PageWriter
    from ..runner import run

    made: list[PageWriter] = []

    def writer(stream: BinaryIO) -> PageWriter:
        made.append(PageWriter(stream))
        return made[0]

    code = run([name], dataclasses.replace(options, tasks=SHOW_TASKS), writer=writer)
    return (made[0].page if made else None), code


def _check_output(output: Optional[Path]) -> None:
    implied = FORMAT_OF_EXTENSION.get(output.suffix.lower()) if output is not None else None
    if output is not None and implied is not None:
        raise _click_errors.UsageError(f"-o {output}: newsx show writes an HTML page, not {output.suffix} "
                                       "(name it .html)")


@app.command("show")
def show_cli(
    file: str = typer.Argument(..., metavar="FILE", show_default=False,
                               help="One article: a text file, an HTML page or - for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="PATH", dir_okay=False, writable=True,
                                          help="Write the page to PATH (page.html), atomically; default: stdout."),
    html: bool = HtmlOption, model: Optional[str] = ModelOption, max_chars: int = MaxCharsOption,
    lexicon: Optional[Path] = LexiconOption,
) -> None:
    """Write one article as an HTML page with each quote marked and labelled with its speaker (one
    colour per speaker), the mention naming the speaker and the cue marked too, drawn by spaCy's
    displaCy. The page loads nothing from the network and runs no script.

    Example:

    \b
        newsx show seeds/000_74118320347f371e.txt -o page.html
    """
    from ..runner import RunOptions

    if file != "-" and Path(file).is_dir():
        raise _click_errors.UsageError(f"newsx show reads one article; {file} is a directory")
    _check_output(output)
    options = RunOptions(tasks=SHOW_TASKS, model=model, output=output, max_chars=max_chars, html=html,
                         lexicon=lexicon, progress=not os.environ.get("NEWSX_NO_PROGRESS"))
    _, code = show(file, options)
    raise typer.Exit(code)
