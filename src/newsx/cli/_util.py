"""The Typer app, made once, and the options every command shares.

Nothing here imports spaCy: ``newsx --help`` and shell completion stay fast.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, List, Optional, Sequence

import typer
from typer.core import TyperArgument, TyperGroup

try:  # Typer 0.2x carries its own copy of Click, with its own exception classes.
    from typer._click import exceptions as _click_errors
except ImportError:  # pragma: no cover - older Typer runs on Click itself
    from click import exceptions as _click_errors  # type: ignore[no-redef]

from .. import __version__
from ..base import ExitCode
from ..formats import use_color
from ..reading import DEFAULT_MAX_CHARS
from ..runner import DEFAULT_TIMEOUT, RunOptions, run

EXIT_CODES_HELP = (
    "Exit codes: 0 all inputs processed; 1 some inputs failed (the rest are still written) or the results "
    "could not be written; 2 usage error or no spaCy pipeline; 129 SIGHUP, 130 Ctrl-C, 143 SIGTERM "
    "(workers stopped, no half-written -o file left)."
)


class _Argument(TyperArgument):
    """An argument shown in help and usage as its metavar alone (``FILE...``), never with the
    Python type Typer would add (``FILE <list[str]>``, ``{FILE}...``)."""

    def display_type_rich(self, ctx: Any) -> Optional[str]:  # the help's "FILE <list[str]>"
        return None

    def _usage_display_name(self) -> str:  # the usage line's "{FILE}..."
        name = str(self.metavar or self.name)
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


class _Group(TyperGroup):
    """Typer's group, except that a usage error is one line on stderr rather than three, and
    arguments are shown by their metavars."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            for param in command.params:
                if isinstance(param, TyperArgument) and not isinstance(param, _Argument):
                    # Typer has no hook for the class of an argument; this one only changes how
                    # it is displayed.
                    param.__class__ = _Argument

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        """Run the command line; a usage error ends in one line on stderr and exit code 2."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False,
                                windows_expand_args=windows_expand_args, **extra)
        except _click_errors.NoArgsIsHelpError as error:
            error.show()  # `newsx` alone prints the help.
            sys.exit(error.exit_code)
        except _click_errors.UsageError as error:
            command = error.ctx.command_path if error.ctx is not None else "newsx"
            message = " ".join(error.format_message().split())
            if message.endswith(".") and not message.endswith("..."):
                message = message[:-1]
            print(f"{command}: {message} (see '{command} --help')", file=sys.stderr)
            sys.exit(error.exit_code)
        except _click_errors.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except typer.Abort:
            print("newsx: aborted", file=sys.stderr)
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_Group,
    name="newsx",
    help="Who is mentioned and who said what in news articles: people, countries, organisations and "
    "quotes with their speakers, as tables, JSON, CSV or Markdown.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsx {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """newsx: entities and quotes from news text."""


class Format(str, Enum):
    """The values of --format (formats.FORMATS)."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class OptionValueError(_click_errors.UsageError):
    """A value an option cannot take, with a message written for people: the option, what it takes
    in words, and what was given."""


def in_words(minimum: float, maximum: Optional[float] = None) -> str:
    """A range of numbers as a person says it.

    >>> in_words(1), in_words(0, 10), in_words(1, 2**40)
    ('1 or more', 'from 0 to 10', 'from 1 to 1,099,511,627,776')
    """
    return f"{minimum:,} or more" if maximum is None else f"from {minimum:,} to {maximum:,}"


def whole_number(option: str, minimum: int, maximum: Optional[int] = None) -> Any:
    """A parser for an option that takes a whole number in a range, with messages for people.

    >>> whole_number("--jobs", 1)("4")
    4
    >>> whole_number("--jobs", 1)("0")
    Traceback (most recent call last):
    ...
    newsx.cli._util.OptionValueError: --jobs takes a whole number, 1 or more, not 0
    """
    def parse(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = int(str(value).strip().replace(",", "").replace("_", ""))
            except ValueError:
                raise OptionValueError(f"{option} takes a whole number, {in_words(minimum, maximum)}, "
                                       f"not {str(value)!r}") from None
        if number < minimum or (maximum is not None and number > maximum):
            raise OptionValueError(f"{option} takes a whole number, {in_words(minimum, maximum)}, not {number:,}")
        return number

    return parse


def seconds(option: str) -> Any:
    """A parser for an option that takes a number of seconds, 0 or more.

    >>> seconds("--timeout-per-article")("1.5")
    1.5
    """
    def parse(value: Any) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise OptionValueError(f"{option} takes a number of seconds (0 or more), not {str(value)!r}") from None
        if not number >= 0 or number == float("inf"):  # also NaN
            raise OptionValueError(f"{option} takes a number of seconds (0 or more), not {str(value)!r}")
        return number

    return parse


def one_of(option: str, choices: type[Enum]) -> Any:
    """A parser for an option that takes one of an Enum's values (in any case), whose error lists them.

    >>> one_of("--format", Format)("CSV")
    <Format.csv: 'csv'>
    >>> one_of("--format", Format)("xml")
    Traceback (most recent call last):
    ...
    newsx.cli._util.OptionValueError: --format takes table, json, csv or markdown, not 'xml'
    """
    values = [str(member.value) for member in choices]
    listed = ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]

    def parse(value: Any) -> Enum:
        if isinstance(value, choices):
            return value
        text = str(value).strip().lower()
        for member in choices:
            if str(member.value) == text:
                return member
        raise OptionValueError(f"{option} takes {listed}, not {str(value)!r}")

    return parse


FilesArgument = typer.Argument(
    ..., metavar="FILE",
    help="Article files (.txt in any encoding newsx can detect, or HTML pages), directories (their *.txt, "
    "recursively; *.html and *.htm with --html; *.jsonl with --jsonl) or - for stdin.", show_default=False,
)
FormatOption = typer.Option(
    None, "--format", "-f", show_default=False, case_sensitive=False, metavar="table|json|csv|markdown",
    parser=one_of("--format", Format),
    help="table (the default: for reading, fitted to the terminal), json (one object per article per line), "
    "csv (a header, then one row per entity or quote), markdown (tables per article).",
)
JsonOption = typer.Option(False, "--json", help="Short for --format json.")
IncludeTextOption = typer.Option(
    False, "--include-text",
    help="Add each article's text to the JSON (\"text\"): the text every offset indexes; for an HTML page, "
    "the article text extracted from it.",
)
HtmlOption = typer.Option(
    False, "--html",
    help="Inputs are HTML pages: read the article text extracted from each (trafilatura). A file that starts "
    "like an HTML page is read so without it.",
)
NoColorOption = typer.Option(False, "--no-color", help="No colours or other styles in tables (also when NO_COLOR is set).")
ModelOption = typer.Option(None, "--model", "-m", metavar="NAME|PATH", envvar="NEWSX_MODEL",
                           help="spaCy English pipeline (default en_core_web_sm, else the one models.txt installs).")
JsonlOption = typer.Option(False, "--jsonl", help="Inputs are JSON Lines with a \"text\" field (and an optional \"id\"); "
                           "a .jsonl or .ndjson file is read so without it.")
JobsOption = typer.Option(1, "--jobs", "-j", metavar="N", parser=whole_number("--jobs", 1),
                          help="Worker processes (1 or more).")
OutputOption = typer.Option(None, "--output", "-o", metavar="PATH", dir_okay=False, writable=True,
                            help="Write the results to PATH, atomically (complete or not at all); its extension "
                            "(.json, .jsonl, .csv, .md, .txt) sets the format when --format is not given. Inputs that "
                            "fail are reported and the others' results written (see --all-or-nothing).")
AllOrNothingOption = typer.Option(False, "--all-or-nothing",
                                  help="With -o: write the file only if every input was processed; otherwise "
                                  "leave it as it was (exit code 1).")
LexiconOption = typer.Option(
    None, "--lexicon", metavar="DIR", file_okay=False, show_default=False,
    help="A lexicon directory of your own: files named like newsx's (cues.tsv, people.tsv, settings.toml, ...) "
    "replace them, STEM.add.EXT files add rows (see `newsx lexicon`).",
)
ExplainOption = typer.Option(
    False, "--explain",
    help="Add to each quote in the JSON the rules that made it (\"explain\"), to trace a wrong row to its rule.",
)
#: The most --max-chars takes: far beyond any memory, and the size a file's byte limit stays exact at.
MAX_CHARS_CEILING = 2**40
MaxCharsOption = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", metavar="N", show_default=False,
                              parser=whole_number("--max-chars", 1, MAX_CHARS_CEILING),
                              help=f"Refuse an article longer than N characters (default {DEFAULT_MAX_CHARS:,}; each "
                              "million needs about 2.5 GB of memory).")
TimeoutOption = typer.Option(
    None, "--timeout-per-article", metavar="SECONDS", show_default=False, parser=seconds("--timeout-per-article"),
    help=f"Report an article that takes longer than this and go on (its worker process is replaced); 0: no "
    f"limit. Default: {DEFAULT_TIMEOUT:g} s for a batch (several inputs, a directory, --jsonl), none for one article.",
)
RawCsvOption = typer.Option(
    False, "--raw-csv",
    help="CSV: write cells that start with = + - @ (or a tab or carriage return) as they are. By default they get "
    "a leading ' so that a spreadsheet shows them rather than running them as formulas.",
)


def _attributions(value: str) -> str:
    from ..lexicon import KINDS

    known = ("all", "default") + KINDS
    names = [name.strip() for name in value.split(",")]
    unknown = [name for name in names if name not in known]
    if unknown or not value.strip():
        raise typer.BadParameter(f"{unknown[0] if unknown else value!r} is not one of {', '.join(known)}")
    return ",".join(names)


AttributionsOption = typer.Option(
    "default", "--attributions", metavar="KINDS", callback=_attributions,
    help="Which attributions to list, by the kind of their cue: default (speech and writing: what a reader "
    "calls a quote), all (also thought, stance and evidence: \"believes\", \"praised\", \"the poll shows\", "
    "as PolNeAR annotates), or kinds joined by commas (speech,writing,thought,stance,evidence).",
)


#: The format an output file's extension stands for (``-o out.csv`` writes CSV).
FORMAT_OF_EXTENSION = {
    ".json": "json", ".jsonl": "json", ".ndjson": "json", ".csv": "csv", ".md": "markdown",
    ".markdown": "markdown", ".txt": "table",
}


def format_of_path(path: Optional[Path]) -> Optional[str]:
    """The format ``path``'s extension stands for (FORMAT_OF_EXTENSION), or None.

    >>> format_of_path(Path("out.CSV")), format_of_path(Path("results.jsonl")), format_of_path(Path("out"))
    ('csv', 'json', None)
    """
    return FORMAT_OF_EXTENSION.get(path.suffix.lower()) if path is not None else None


def output_format(format: Optional[Format], json: bool, include_text: bool, explain: bool = False,
                  output: Optional[Path] = None) -> str:
    """The format that --format, --json and the extension of -o ask for; a UsageError when they
    disagree. Without --format or --json, ``-o out.csv`` means CSV (FORMAT_OF_EXTENSION), and an
    extension that names no format the table.

    >>> output_format(None, True, False), output_format(Format.csv, False, False), output_format(None, False, False)
    ('json', 'csv', 'table')
    >>> output_format(None, False, False, output=Path("out.md"))
    'markdown'
    """
    chosen = format.value if format is not None else None
    if json and chosen not in (None, "json"):
        raise _click_errors.UsageError(f"--json means --format json, not --format {chosen}")
    asked = "json" if json else chosen
    implied = format_of_path(output)
    if asked is not None and implied is not None and asked != implied:
        given = "--json" if json else f"--format {asked}"
        raise _click_errors.UsageError(f"-o {output} means --format {implied} (by its extension), not {given}")
    chosen = asked or implied or "table"
    if include_text and chosen != "json":
        raise _click_errors.UsageError(f"--include-text needs --format json, not --format {chosen}")
    if explain and chosen != "json":
        raise _click_errors.UsageError(f"--explain needs --format json, not --format {chosen}")
    return chosen


def batch_command(name: str, tasks: tuple[str, ...], doc: str) -> Any:
    """Register ``newsx NAME``: one command over many inputs running ``tasks``, with the options
    every such command shares, and return its function (the Typer wrapper that only converts).
    """

    def command(
        files: List[str] = FilesArgument, format: Optional[Format] = FormatOption, json: bool = JsonOption,
        include_text: bool = IncludeTextOption, html: bool = HtmlOption, no_color: bool = NoColorOption,
        model: Optional[str] = ModelOption, jsonl: bool = JsonlOption, jobs: int = JobsOption,
        output: Optional[Path] = OutputOption, max_chars: int = MaxCharsOption,
        timeout_per_article: Optional[float] = TimeoutOption, raw_csv: bool = RawCsvOption,
        all_or_nothing: bool = AllOrNothingOption, lexicon: Optional[Path] = LexiconOption,
        explain: bool = ExplainOption, attributions: str = AttributionsOption,
    ) -> None:
        run_command(tasks, files, format=format, json=json, include_text=include_text, html=html,
                    no_color=no_color, model=model, jsonl=jsonl, jobs=jobs, output=output, max_chars=max_chars,
                    timeout=timeout_per_article, raw_csv=raw_csv, all_or_nothing=all_or_nothing,
                    lexicon=lexicon, explain=explain, attributions=attributions)

    command.__name__ = f"{name}_cli"
    command.__doc__ = doc
    return app.command(name)(command)


def run_options(
    tasks: tuple[str, ...], *, format: Optional[Format], json: bool, include_text: bool = False,
    html: bool, no_color: bool, model: Optional[str], jsonl: bool, jobs: int, output: Optional[Path],
    max_chars: int, timeout: Optional[float] = None, raw_csv: bool = False, all_or_nothing: bool = False,
    lexicon: Optional[Path] = None, explain: bool = False, attributions: str = "default",
) -> RunOptions:
    """Convert a command's arguments into RunOptions; a UsageError for options that disagree."""
    chosen = output_format(format, json, include_text, explain, output)
    if all_or_nothing and output is None:
        raise _click_errors.UsageError("--all-or-nothing needs -o FILE (what is written to stdout cannot be taken back)")
    if raw_csv and chosen != "csv":
        raise _click_errors.UsageError(f"--raw-csv needs --format csv, not --format {chosen}")
    return RunOptions(tasks=tasks, model=model, format=chosen,
                      output=output, jsonl=jsonl, jobs=jobs, max_chars=max_chars, include_text=include_text,
                      html=html, color=use_color(not no_color),
                      progress=not os.environ.get("NEWSX_NO_PROGRESS"), timeout=timeout, raw_csv=raw_csv,
                      all_or_nothing=all_or_nothing, lexicon=lexicon, explain=explain, attributions=attributions)


def run_command(tasks: tuple[str, ...], files: List[str], **arguments: Any) -> None:
    """Convert a command's arguments into RunOptions (:func:`run_options`), run, and exit with run's code."""
    raise typer.Exit(run(files, run_options(tasks, **arguments)))
