"""Running a command over many inputs: streaming, worker processes, output files and exit codes.

The CLI converts arguments and calls :func:`run`; everything about how a batch behaves lives here.

Exit codes: 0 every input processed; 1 some inputs failed (the others' results are still written);
2 usage error or no model; 130 interrupted.
"""
from __future__ import annotations

import io
import os
import stat
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Sequence

from .formats import FORMATS, Writer, console_color, open_writer
from .base import Document, ExitCode, InputProblem, first_line
from .reading import DEFAULT_MAX_CHARS, read_inputs
from .types import Article

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = (
    ExitCode.OK, ExitCode.SOME_FAILED, ExitCode.USAGE, ExitCode.INTERRUPTED)

#: Articles handed to a worker process at a time with ``--jobs``.
JOB_BATCH = 4  # small batches keep two workers evenly busy to the end of a run


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
    progress: bool = True
    html: bool = False  # every input is an HTML page (a page is recognised without it too)
    color: bool = True  # False: no colours or styles in tables and the progress bar
    lexicon: Optional[Path] = None  # a lexicon directory of one's own (newsx.lexicon); None: packaged
    explain: bool = False  # JSON only: each quote's rules ("explain")

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {self.format!r}")


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    print(f"newsx: {message}", file=sys.stderr, flush=True)


class _Failures:
    """Counts the inputs that failed, reporting each as it is met."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, problem: InputProblem) -> None:
        self.count += 1
        warn(f"{problem.source}: {problem.reason}")

    def documents(self, items: Iterable[Document | InputProblem]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputProblem):
                self.report(item)
            else:
                yield item


# -- analysis -------------------------------------------------------------------------------------


def _internal_error(document: Document, error: BaseException) -> InputProblem:
    if os.environ.get("NEWSX_DEBUG"):
        import traceback

        traceback.print_exception(error)
    detail = first_line(error)
    what = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
    return InputProblem(document.source, f"internal error ({what}); please report it with this article")


def robust_pipe(extractor, documents: Iterable[Document]) -> Iterator[Article | InputProblem]:
    """``extractor.pipe(documents)``, except that an article the extractor fails on becomes an
    InputProblem and the rest of the batch goes on.

    Articles stream in batches; after a failure the articles read ahead with the failing one are
    run again one by one, so that only the article that fails is reported.
    """
    remaining = iter(documents)
    pending: deque[Document] = deque()
    reading_failed = False

    def feed() -> Iterator[Document]:
        nonlocal reading_failed
        while True:
            try:
                document = next(remaining)
            except StopIteration:
                return
            except BaseException:
                reading_failed = True  # Not the extractor's failure: let it through.
                raise
            pending.append(document)
            yield document

    while True:
        try:
            for article in extractor.pipe(feed()):
                pending.popleft()
                yield article
            return
        except Exception:  # noqa: BLE001 - an extractor bug must not end the batch
            if reading_failed:
                raise
            while pending:
                document = pending.popleft()
                try:
                    article = next(extractor.pipe([document]))
                except Exception as error:  # noqa: BLE001
                    yield _internal_error(document, error)
                else:
                    yield article


def _load_extractor(options: RunOptions):
    """The Extractor for ``options``; any failure to load the pipeline becomes a ModelError."""
    from .core import Extractor
    from .lexicon import resolve_lexicon
    from .pipeline import ModelError

    lexicon = resolve_lexicon(options.lexicon)  # a LexiconError is the user's file, not the pipeline
    try:
        return Extractor(options.model, tasks=options.tasks, lexicon=lexicon)
    except ModelError:
        raise
    except Exception as error:  # noqa: BLE001 - spaCy raises many kinds for a pipeline it cannot load
        detail = first_line(error)
        name = options.model or os.environ.get("NEWSX_MODEL") or "the default pipeline"
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {type(error).__name__}"
                         + (f": {detail}" if detail else "")) from None


_worker_extractor = None


def _worker_init(model: Optional[str], tasks: tuple[str, ...], lexicon: Optional[Path] = None) -> None:
    global _worker_extractor
    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the workers.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .core import Extractor

    _worker_extractor = Extractor(model, tasks=tasks, lexicon=lexicon)


def _worker_run(batch: list[Document]) -> list[Article | InputProblem]:
    assert _worker_extractor is not None
    return list(robust_pipe(_worker_extractor, batch))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_stream(documents: Iterable[Document], options: RunOptions) -> Iterator[Article | InputProblem]:
    """Yield each document's Article (or an InputProblem if the extractor failed on it) in input
    order, with ``options.jobs`` processes.

    With several jobs at most two batches per worker are in flight, so memory stays flat.
    """
    extractor = _load_extractor(options)  # Fail fast, in this process, on a missing model.
    if options.jobs <= 1:
        yield from robust_pipe(extractor, documents)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    pool = ProcessPoolExecutor(options.jobs, initializer=_worker_init, initargs=(options.model, options.tasks, options.lexicon))
    finished = False
    try:
        pending: deque[Future] = deque()
        for batch in _batches(documents, JOB_BATCH):
            pending.append(pool.submit(_worker_run, batch))
            if len(pending) >= 2 * options.jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            # Interrupted, a closed pipe or an error: drop the queued batches and stop the workers
            # now rather than after the batches they are running.
            processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()


# -- output ---------------------------------------------------------------------------------------


class _AtomicOutput:
    """A file written under a temporary name and renamed into place only when the run completes.

    Raises OSError at once when the file's directory cannot be written to.
    """

    def __init__(self, path: Path):
        self.path = path
        directory = path.parent if str(path.parent) else Path(".")
        import tempfile

        handle, self.temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        self.stream: BinaryIO = os.fdopen(handle, "wb")

    def commit(self) -> None:
        self.stream.close()
        # mkstemp makes the file private (0600); give it the mode a new file would get, or keep
        # the mode of the file it replaces.
        try:
            mode = stat.S_IMODE(os.stat(self.path).st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(self.temporary, mode)
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        try:
            self.stream.close()
        finally:
            Path(self.temporary).unlink(missing_ok=True)


def _writer(options: RunOptions, stream: BinaryIO) -> Writer:
    return open_writer(options.format, stream, tasks=options.tasks, include_text=options.include_text,
                       explain=options.explain,
                       color=options.color)


def _quiet_stdout() -> None:
    # The reader went away (`newsx ... | head -1`): keep Python from complaining again when it
    # flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


class _DirectOutput:
    """An existing file that is not a regular file (a device, a FIFO): written in place, since
    renaming over it would replace ``/dev/null`` with a file."""

    def __init__(self, path: Path):
        self.stream: BinaryIO = path.open("wb")

    def commit(self) -> None:
        self.stream.close()

    def abandon(self) -> None:
        self.stream.close()


def _open_output(path: Path):
    try:
        special = path.exists() and not path.is_file()
    except OSError:
        special = False
    return _DirectOutput(path) if special else _AtomicOutput(path)


def run(names: Sequence[str], options: RunOptions) -> int:
    """Run ``options.tasks`` over every input and write the results; return the exit code."""
    from concurrent.futures.process import BrokenProcessPool

    from .lexicon import LexiconError
    from .pipeline import ModelError

    failures = _Failures()
    target: Optional[_AtomicOutput | _DirectOutput] = None
    try:
        if options.output:
            try:
                target = _open_output(options.output)
            except OSError as error:
                warn(f"{options.output}: cannot write: {(error.strerror or str(error)).lower()}")
                return EXIT_USAGE
        stream = target.stream if target else sys.stdout.buffer
        writer = _writer(options, stream)
        documents = failures.documents(read_inputs(names, jsonl=options.jsonl, max_chars=options.max_chars,
                                                   html=options.html))
        for result in _with_progress(analyse_stream(documents, options), options, names):
            if isinstance(result, InputProblem):
                failures.report(result)
            else:
                writer.write(result)
        writer.close()
        if target:
            target.commit()
    except (ModelError, LexiconError) as error:
        if target:
            target.abandon()
        warn(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        if target:
            target.abandon()
        warn("interrupted" + (f"; {options.output} was not written" if target else ""))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_stdout()
        if target:
            target.abandon()
        return EXIT_SOME_FAILED if failures.count else EXIT_OK
    except BrokenProcessPool:
        if target:
            target.abandon()
        warn("a worker process died (out of memory?); try fewer --jobs")
        return EXIT_SOME_FAILED
    except OSError as error:
        # Writing the results failed (disk full, output file's directory removed).
        if target:
            target.abandon()
        where = options.output if target else "<stdout>"
        warn(f"{where}: cannot write: {(error.strerror or str(error)).lower()}")
        return EXIT_SOME_FAILED
    except BaseException:
        if target:
            target.abandon()
        raise
    return EXIT_SOME_FAILED if failures.count else EXIT_OK


def _is_batch(names: Sequence[str], options: RunOptions) -> bool:
    return len(names) > 1 or options.jsonl or any(Path(name).is_dir() for name in names)


def _with_progress(articles: Iterator[Article | InputProblem], options: RunOptions,
                   names: Sequence[str]) -> Iterator[Article | InputProblem]:
    """Show a progress bar on stderr for a batch, only when stderr is a terminal."""
    if not options.progress or not sys.stderr.isatty() or not _is_batch(names, options):
        yield from articles
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=_stderr_console(options.color)) as progress:
        task = progress.add_task("articles", total=None)
        for article in articles:
            yield article
            progress.advance(task)


def _stderr_console(color: bool = True):
    from rich.console import Console

    return Console(stderr=True, **console_color(color))
