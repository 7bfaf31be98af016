"""Running a command over many inputs: streaming, worker processes, output files and exit codes.

The CLI converts arguments and calls :func:`run`; everything about how a batch behaves lives here.

Exit codes (:class:`newsx.base.ExitCode`): 0 every input processed; 1 some inputs failed (the
others' results are still written) or the results could not be written; 2 usage error or no model;
129 SIGHUP, 130 Ctrl-C, 143 SIGTERM (workers stopped, no temporary file left).
"""
from __future__ import annotations

import dataclasses
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from contextlib import contextmanager
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Optional, Sequence, Union

from .atomic import AtomicFile
from .base import Document, ExitCode, InputProblem
from .core import robust_pipe
from .formats import FORMATS, Writer, console_color, open_writer
from .output import visible
from .reading import DEFAULT_MAX_CHARS, JSONL_EXTENSIONS, directory_files, read_inputs, walk_directory
from .signals import stop_on_signals, stop_reason
from .types import Article
from .workers import JOB_BATCH, WorkerError, WorkerPool

__all__ = ["DEFAULT_TIMEOUT", "JOB_BATCH", "RunOptions", "analyse_stream", "robust_pipe", "run", "warn"]

#: The time budget per article of a batch run (``--timeout-per-article``), in seconds: three times
#: what the longest article ``--max-chars`` lets in takes on this machine (1,000,000 characters of
#: news, 36 s), far less than text made to stall the quote rules takes (150 s and more).
DEFAULT_TIMEOUT = 120.0

#: Worker processes per CPU beyond which ``-j`` is lowered: more only share the same CPUs, and each
#: needs a few hundred MB of its own.
MAX_JOBS_PER_CPU = 4


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch; the CLI fills this from its arguments."""

    tasks: tuple[str, ...]
    model: Optional[str] = None
    format: str = "table"  # one of formats.FORMATS: "table" | "json" | "csv" | "markdown"
    output: Optional[Path] = None
    jsonl: bool = False
    jobs: int = 1
    max_chars: int = DEFAULT_MAX_CHARS
    include_text: bool = False  # JSON only: each article's text, which the offsets index
    lexicon: Optional[Path] = None  # a lexicon directory of one's own (newsx.lexicon); None: packaged
    explain: bool = False  # JSON only: each quote's rules ("explain")
    progress: bool = True
    html: bool = False  # every input is an HTML page (a page is recognised without it too)
    color: bool = True  # False: no colours or styles in tables and the progress bar
    #: Seconds an article may take before it is reported and its worker replaced; None: the
    #: default (DEFAULT_TIMEOUT for a batch, no budget for a single input); 0: no budget.
    timeout: Optional[float] = None
    raw_csv: bool = False  # CSV cells that start like a formula are written as they are
    all_or_nothing: bool = False  # with output: write the file only if every input was processed
    attributions: str = "default"  # which kinds of attribution to list (newsx.quotes.resolve_kinds)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")
        if self.timeout is not None and self.timeout < 0:
            raise ValueError("timeout must be 0 (none) or more")


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program's name; control characters (from a file
    name, an id, an article) are shown escaped, so a message can neither forge another line nor
    send the terminal an escape sequence. Nothing is written when stderr is closed.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     warn("a\\x1b[2J.txt: not text")
    >>> err.getvalue()
    'newsx: a\\\\x1b[2J.txt: not text\\n'
    """
    stream = sys.stderr
    if stream is None:  # `2>&-`: print(file=None) would write to stdout, among the results
        return
    try:
        print(f"newsx: {visible(message, one_line=True)}", file=stream, flush=True)
    except (OSError, ValueError):
        pass  # stderr is gone: the exit code still tells


class _Failures:
    """Counts the inputs that failed, reporting each as it is met, and passes on the warnings
    that come with a document (characters replaced while decoding it). ``done`` is called for
    each input that ends here, unread (the progress bar counts it)."""

    def __init__(self) -> None:
        self.count = 0
        self.done: Callable[[], None] = lambda: None

    def report(self, problem: InputProblem) -> None:
        self.count += 1
        warn(f"{problem.source}: {problem.reason}")

    def documents(self, items: Iterable[Union[Document, InputProblem]]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputProblem):
                self.report(item)
                self.done()
            else:
                for note in item.warnings:
                    warn(f"{item.source}: warning: {note}")
                yield item


# -- analysis -------------------------------------------------------------------------------------


def _load_extractor(options: RunOptions) -> Any:
    """The Extractor for ``options``; any failure to load the pipeline becomes a ModelError."""
    from .base import first_line
    from .core import Extractor
    from .lexicon import resolve_lexicon
    from .pipeline import ModelError

    lexicon = resolve_lexicon(options.lexicon)  # a LexiconError is the user's file, not the pipeline
    try:
        return Extractor(options.model, tasks=options.tasks, lexicon=lexicon, attributions=options.attributions)
    except ModelError:
        raise
    except Exception as error:  # noqa: BLE001 - spaCy raises many kinds for a pipeline it cannot load
        detail = first_line(error)
        name = options.model or os.environ.get("NEWSX_MODEL") or "the default pipeline"
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {type(error).__name__}"
                         + (f": {detail}" if detail else "")) from None


def analyse_stream(documents: Iterable[Document], options: RunOptions) -> Iterator[Union[Article, InputProblem]]:
    """Yield each document's Article (or an InputProblem if it could not be analysed) in input
    order.

    In this process when ``options.jobs`` is 1 and there is no time budget; otherwise in worker
    processes (:mod:`newsx.workers`), which survive an article that kills its worker or takes
    longer than ``options.timeout`` seconds. Memory stays flat however many documents come.
    """
    extractor = _load_extractor(options)  # Fail fast, in this process, on a missing model.
    if options.jobs <= 1 and not options.timeout:
        yield from robust_pipe(extractor, documents)
        return
    pool = WorkerPool(options.jobs, extractor=extractor, model=options.model, tasks=options.tasks,
                      lexicon=extractor.lexicon, attributions=options.attributions,
                      timeout=options.timeout, report=warn)
    yield from pool.run(documents)


# -- output ---------------------------------------------------------------------------------------


class _DirectOutput:
    """An existing file that is not a regular file (a device, a FIFO): written in place, since
    renaming over it would replace ``/dev/null`` with a file."""

    def __init__(self, path: Path):
        self.stream: BinaryIO = path.open("wb")

    def commit(self) -> None:
        self.stream.close()

    def abandon(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass  # `-o /dev/full`: the final flush fails as the writes did


def _open_output(path: Path) -> Union[AtomicFile, _DirectOutput]:
    try:
        special = path.exists() and not path.is_file()
    except OSError:
        special = False
    return _DirectOutput(path) if special else AtomicFile(path)


class _WriteFailed(Exception):
    """Writing the results failed (a full disk, a closed stdout): carries the OSError."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


def _writer(options: RunOptions, stream: BinaryIO) -> Writer:
    return open_writer(options.format, stream, tasks=options.tasks, include_text=options.include_text,
                       color=options.color, raw_csv=options.raw_csv, explain=options.explain)


def _quiet_stdout() -> None:
    # The reader went away (`newsx ... | head -1`) or stdout cannot be written (`> /dev/full`):
    # keep Python from complaining again when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        pass


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _is_batch(names: Sequence[str], options: RunOptions) -> bool:
    return len(names) > 1 or options.jsonl or any(
        name != "-" and (Path(name).is_dir() or Path(name).suffix.lower() in JSONL_EXTENSIONS) for name in names)


def resolved(options: RunOptions, names: Sequence[str]) -> RunOptions:
    """``options`` with the time budget decided: DEFAULT_TIMEOUT for a batch (several inputs, a
    directory, JSON Lines) unless given, none for a single article.

    >>> resolved(RunOptions(tasks=("quotes",)), ["a.txt", "b.txt"]).timeout
    120.0
    >>> resolved(RunOptions(tasks=("quotes",)), ["a.txt"]).timeout
    0
    """
    if options.timeout is not None:
        return options
    return dataclasses.replace(options, timeout=DEFAULT_TIMEOUT if _is_batch(names, options) else 0)


def run(names: Sequence[str], options: RunOptions, writer: Optional[Callable[[BinaryIO], Writer]] = None) -> int:
    """Run ``options.tasks`` over every input and write the results; return the exit code.

    With ``options.output`` the file is written atomically: after Ctrl-C, SIGTERM, SIGHUP or a
    failure to write, it is left as it was. Inputs that fail are reported and the others' results
    written, unless ``options.all_or_nothing``, which then leaves the file unwritten.

    ``writer`` makes the Writer of the output stream (default: ``options.format``'s): one that
    aggregates (``newsx sources``) counts each article in ``write`` and writes in ``close``, and
    everything else (reading, workers, progress, errors, exit codes, the file) is as here.
    """
    from .lexicon import LexiconError
    from .pipeline import ModelError

    options = resolved(options, names)
    most = MAX_JOBS_PER_CPU * (os.cpu_count() or 1)
    if options.jobs > most:
        warn(f"-j {options.jobs} is more than {MAX_JOBS_PER_CPU} workers per CPU ({os.cpu_count()} here): each "
             f"needs its own memory for nothing gained; running {most}")
        options = dataclasses.replace(options, jobs=most)
    failures = _Failures()
    target: Optional[Union[AtomicFile, _DirectOutput]] = None
    results: Optional[Iterator[Union[Article, InputProblem]]] = None
    not_written = ""
    with stop_on_signals():
        try:
            if options.output:
                try:
                    target = _open_output(options.output)
                except OSError as error:
                    warn(f"{options.output}: cannot write: {_reason(error)}")
                    return ExitCode.USAGE
                not_written = f"; {options.output} was not written"
                stream = target.stream
            elif sys.stdout is None:  # `>&-`
                warn("stdout is closed: nowhere to write the results (give -o FILE)")
                return ExitCode.USAGE
            else:
                stream = sys.stdout.buffer
            output = writer(stream) if writer is not None else _writer(options, stream)
            documents = failures.documents(read_inputs(names, jsonl=options.jsonl, max_chars=options.max_chars,
                                                       html=options.html))
            results = analyse_stream(documents, options)
            with _progress_bar(options, names) as advance:
                failures.done = advance
                for result in results:
                    if isinstance(result, InputProblem):
                        failures.report(result)
                    else:
                        _write(output.write, result)
                    advance()
            _write(output.close)
            if target is not None:
                if getattr(output, "nothing_written", False):
                    target.abandon()  # a writer of one article's page that read none: no empty file
                elif options.all_or_nothing and failures.count:
                    target.abandon()
                    warn(f"{options.output} was not written: {failures.count} input(s) failed (--all-or-nothing)")
                else:
                    _write(target.commit)
        except (ModelError, LexiconError) as error:
            warn(str(error))
            return ExitCode.USAGE
        except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM and SIGHUP (signals.Stopped)
            _stop(results, target)
            stop = stop_reason(interrupt)
            warn(("interrupted" if stop is None else f"stopped by {stop.name}") + not_written)
            return ExitCode.INTERRUPTED if stop is None else stop.exit_code
        except BrokenPipeError:
            _quiet_stdout()
            return ExitCode.SOME_FAILED if failures.count else ExitCode.OK
        except _WriteFailed as failure:
            if isinstance(failure.error, BrokenPipeError):
                _quiet_stdout()
                return ExitCode.SOME_FAILED if failures.count else ExitCode.OK
            if target is None:
                _quiet_stdout()
            warn(f"{options.output or '<stdout>'}: cannot write: {_reason(failure.error)}")
            return ExitCode.SOME_FAILED
        except WorkerError as error:
            warn(f"{error}; try fewer --jobs")
            return ExitCode.SOME_FAILED
        finally:
            _stop(results, target)
    return ExitCode.SOME_FAILED if failures.count else ExitCode.OK


def _write(action: Any, *args: Any) -> None:
    try:
        action(*args)
    except OSError as error:
        raise _WriteFailed(error) from error


def _stop(results: Optional[Iterator[Any]], target: Optional[Union[AtomicFile, _DirectOutput]]) -> None:
    """Stop the workers (closing the stream of results) and drop an output file not committed."""
    close = getattr(results, "close", None)
    if close is not None:
        close()
    if isinstance(target, AtomicFile):
        target.abandon()  # a no-op once committed
    elif target is not None:
        target.abandon()


def input_count(names: Sequence[str], options: RunOptions) -> Optional[int]:
    """How many articles (and problems) the inputs give, when that is known before reading them:
    one a file, a directory its files; None for stdin and JSON Lines, counted only as read.

    >>> input_count(["a.txt", "b.txt"], RunOptions(tasks=("quotes",))), input_count(["-"], RunOptions(tasks=("quotes",)))
    (2, None)
    """
    total = 0
    for name in names:
        path = Path(name)
        if name == "-" or options.jsonl or path.suffix.lower() in JSONL_EXTENSIONS:
            return None
        if name and path.is_dir():
            # As read_inputs lists it; a directory with no such files is one problem.
            total += max(len(walk_directory(path, directory_files(options.jsonl, options.html))), 1)
        else:
            total += 1
    return total


@contextmanager
def _progress_bar(options: RunOptions, names: Sequence[str]) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for a batch, only when stderr is a terminal; gives the function
    that counts one input done. The total is known unless an input is stdin or JSON Lines."""
    terminal = sys.stderr is not None and sys.stderr.isatty()
    if not options.progress or not terminal or not _is_batch(names, options):
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=_stderr_console(options.color)) as progress:
        task = progress.add_task("articles", total=input_count(names, options))
        yield lambda: progress.advance(task)


def _stderr_console(color: bool = True) -> Any:
    from rich.console import Console

    return Console(stderr=True, **console_color(color))
