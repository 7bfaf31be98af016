"""Running a command over many inputs: streaming, worker processes, output files and exit codes.

The CLI converts arguments and calls :func:`run`; everything about how a batch behaves lives here.

Exit codes: 0 every input processed; 1 some inputs failed (the others' results are still written);
2 usage error or no model; 130 interrupted.
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, Sequence

from .output import article_to_dict, dumps_line
from .reading import DEFAULT_MAX_CHARS, Document, read_inputs
from .types import Article, InputProblem

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Articles handed to a worker process at a time with ``--jobs``.
JOB_BATCH = 16


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch; the CLI fills this from its arguments."""

    tasks: tuple[str, ...]
    model: Optional[str] = None
    format: str = "table"  # "table" | "json"
    output: Optional[Path] = None
    jsonl: bool = False
    jobs: int = 1
    max_chars: int = DEFAULT_MAX_CHARS
    include_text: bool = False
    progress: bool = True


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    print(f"newsx: {message}", file=sys.stderr, flush=True)


class _Failures:
    """Counts the inputs that failed, reporting each as it is met."""

    def __init__(self) -> None:
        self.count = 0

    def documents(self, items: Iterable[Document | InputProblem]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputProblem):
                self.count += 1
                warn(f"{item.source}: {item.reason}")
            else:
                yield item


# -- worker processes -----------------------------------------------------------------------------

_worker_extractor = None


def _worker_init(model: Optional[str], tasks: tuple[str, ...]) -> None:
    global _worker_extractor
    from .core import Extractor

    _worker_extractor = Extractor(model, tasks=tasks)


def _worker_run(batch: list[Document]) -> list[Article]:
    assert _worker_extractor is not None
    return list(_worker_extractor.pipe(batch))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyse_stream(documents: Iterable[Document], options: RunOptions) -> Iterator[Article]:
    """Yield each document's Article in input order, with ``options.jobs`` processes.

    With several jobs at most two batches per worker are in flight, so memory stays flat.
    """
    if options.jobs <= 1:
        from .core import Extractor

        yield from Extractor(options.model, tasks=options.tasks).pipe(documents)
        return
    from .pipeline import load

    load(options.model, options.tasks)  # Fail fast, in this process, on a missing model.
    with ProcessPoolExecutor(options.jobs, initializer=_worker_init, initargs=(options.model, options.tasks)) as pool:
        pending: deque[Future] = deque()
        for batch in _batches(documents, JOB_BATCH):
            pending.append(pool.submit(_worker_run, batch))
            if len(pending) >= 2 * options.jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


# -- output ---------------------------------------------------------------------------------------


class _AtomicOutput:
    """A file written under a temporary name and renamed into place only when the run completes."""

    def __init__(self, path: Path):
        self.path = path
        handle, self.temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
        self.stream: BinaryIO = os.fdopen(handle, "wb")

    def commit(self) -> None:
        self.stream.close()
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        self.stream.close()
        Path(self.temporary).unlink(missing_ok=True)


def _writer(options: RunOptions, stream: BinaryIO) -> Callable[[Article], None]:
    if options.format == "json":
        def write_json(article: Article) -> None:
            stream.write(dumps_line(article_to_dict(article, include_text=options.include_text)))
            stream.flush()
        return write_json
    from rich.console import Console

    from .tables import print_article

    console = Console(file=io.TextIOWrapper(stream, encoding="utf-8", write_through=True)
                      if stream is not sys.stdout.buffer else sys.stdout)
    return lambda article: print_article(article, console)


def run(names: Sequence[str], options: RunOptions) -> int:
    """Run ``options.tasks`` over every input and write the results; return the exit code."""
    from .pipeline import ModelError

    failures = _Failures()
    target = _AtomicOutput(options.output) if options.output else None
    stream = target.stream if target else sys.stdout.buffer
    try:
        write = _writer(options, stream)
        documents = failures.documents(read_inputs(names, jsonl=options.jsonl, max_chars=options.max_chars))
        for article in _with_progress(analyse_stream(documents, options), options, names):
            write(article)
        if target:
            target.commit()
    except ModelError as error:
        if target:
            target.abandon()
        warn(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        if target:
            target.abandon()
        warn("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`newsx ... | head -1`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except BaseException:
        if target:
            target.abandon()
        raise
    return EXIT_SOME_FAILED if failures.count else EXIT_OK


def _is_batch(names: Sequence[str], options: RunOptions) -> bool:
    return len(names) > 1 or options.jsonl or any(Path(name).is_dir() for name in names)


def _with_progress(articles: Iterator[Article], options: RunOptions, names: Sequence[str]) -> Iterator[Article]:
    """Show a progress bar on stderr for a batch, only when stderr is a terminal."""
    if not options.progress or not sys.stderr.isatty() or not _is_batch(names, options):
        yield from articles
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("articles", total=None)
        for article in articles:
            yield article
            progress.advance(task)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)
