"""Worker processes for a batch: ``-j N``, the per-article time budget, and articles that kill
their worker.

The parent process reads the inputs and writes the results; each worker runs the extractor on the
batches it is sent and sends back one result per article as soon as it has it. The parent therefore
knows, at any moment, which articles a worker holds and has not yet answered for (its *in-flight*
articles). When a worker dies (the out-of-memory killer, a crash in native code) or takes longer
than the time budget, the parent kills it, starts another in its place and deals with its in-flight
articles: a single one is reported by name ("the worker process died while reading it"), several
are read again one at a time, so that only the article that causes the trouble is reported. The
rest of the batch goes on, and results come out in input order.

On Linux the workers are forked from the parent after it has loaded the pipeline, so they share its
memory and start at once; elsewhere they are spawned and load the pipeline by name.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from .base import Document, InputProblem, first_line
from .core import Extractor, robust_pipe
from .types import Article

#: Articles handed to a worker process at a time.
JOB_BATCH = 4  # small batches keep two workers evenly busy to the end of a run

#: Signals the parent handles for the whole process group (a terminal's Ctrl-C, a closed terminal):
#: the workers ignore them and are stopped by the parent.
_GROUP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name))
_BLOCKED = set(_GROUP_SIGNALS) | {signal.SIGTERM}

#: Workers that may die before being handed any article, in a row, before the run gives up.
MAX_IDLE_DEATHS = 3

Outcome = Union[Article, InputProblem]


class WorkerError(RuntimeError):
    """Worker processes cannot be started or keep dying before reading anything."""


def describe_exit(exitcode: Optional[int]) -> str:
    """How a worker process ended, for a message.

    >>> describe_exit(-9), describe_exit(3)
    ('killed by SIGKILL, perhaps for lack of memory', 'exited with status 3')
    """
    if exitcode is None:
        return "stopped"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"killed by {name}" + (", perhaps for lack of memory" if name == "SIGKILL" else "")
    return f"exited with status {exitcode}"


# -- the worker side ------------------------------------------------------------------------------


def _die_with_parent() -> None:
    # Linux: the kernel kills the worker when the parent dies, however it dies (even SIGKILL).
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_main(connection: Connection, source: Any, close: Sequence[int]) -> None:
    """A worker's life: answer each batch it is sent with one message per article, until told to
    stop or the parent goes away. Never returns through multiprocessing's own exit path, which
    would flush stdio buffers copied from the parent (and print them twice)."""
    code = 0
    try:
        for fd in close:  # the parent's ends of other workers' pipes: they must not stay open here
            try:
                os.close(fd)
            except OSError:
                pass
        for number in _GROUP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _BLOCKED)
        _die_with_parent()
        if isinstance(source, tuple):  # spawned: load the pipeline by name
            try:
                extractor = Extractor(source[0], tasks=source[1], lexicon=source[2], attributions=source[3])
            except Exception as error:  # noqa: BLE001 - reported in the parent as a model error
                connection.send(("failed", f"{type(error).__name__}: {first_line(error)}"))
                return
        else:  # forked: the parent's own, already loaded
            extractor = source
        connection.send(("ready",))
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            number, documents = message
            for index, outcome in enumerate(robust_pipe(extractor, documents)):
                connection.send(("result", number, index, outcome))
            connection.send(("done", number))
    except (EOFError, OSError, KeyboardInterrupt):
        code = 1  # the parent went away mid-answer
    except BaseException:  # noqa: BLE001
        code = 2
    finally:
        os._exit(code)


# -- the parent side ------------------------------------------------------------------------------


@dataclass
class _Task:
    """Articles sent to one worker at once; ``first`` is the input position of the first."""

    number: int
    first: int
    documents: list[Document]


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    connection: Connection
    ready: bool = False
    task: Optional[_Task] = None
    answered: int = 0  # results received for the current task
    since: float = field(default_factory=time.monotonic)  # when it last made progress

    def in_flight(self) -> list[tuple[int, Document]]:
        """The input positions and documents of the articles it holds and has not answered for."""
        if self.task is None:
            return []
        return [(self.task.first + i, d) for i, d in enumerate(self.task.documents) if i >= self.answered]


class WorkerPool:
    """``jobs`` worker processes running ``extractor``; :meth:`run` maps documents to outcomes in
    input order.

    ``timeout`` (seconds, None for none) is the time budget per article: a worker gets
    ``timeout`` seconds per article it holds to make progress. ``report`` receives one-line
    notices that are not about one article (a worker died while holding several).
    """

    def __init__(self, jobs: int, *, extractor: Any = None, model: Optional[str] = None,
                 tasks: Sequence[str] = ("entities", "quotes"), lexicon: Any = None, attributions: Any = None,
                 timeout: Optional[float] = None,
                 batch: int = JOB_BATCH, report: Callable[[str], None] = lambda message: None):
        methods = multiprocessing.get_all_start_methods()
        self.context: Any = multiprocessing.get_context("fork" if "fork" in methods and extractor is not None else "spawn")
        spawned = (model, tuple(tasks), lexicon, attributions)  # a lexicon pickles (see newsx.lexicon)
        self.source: Any = extractor if self.context.get_start_method() == "fork" else spawned
        self.jobs = max(1, jobs)
        self.timeout = timeout if timeout and 0 < timeout < float("inf") else None  # nan, inf: no budget
        self.batch = max(1, batch)
        self.report = report
        self.workers: list[_Worker] = []
        self.idle_deaths = 0
        self.tasks_made = 0

    # -- workers --

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe(duplex=True)
        close: list[int] = []
        if self.context.get_start_method() == "fork":  # a spawned worker inherits no descriptors
            close = [w.connection.fileno() for w in self.workers if not w.connection.closed]
            close.append(parent.fileno())
        process = self.context.Process(target=_worker_main, args=(child, self.source, close), daemon=True)
        for stream in (sys.stdout, sys.stderr):  # a forked copy of unflushed output is never written twice
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                pass
        # The pipeline's objects move to the collector's permanent generation: a collection in the
        # worker then leaves their pages alone, and they stay shared with the parent, not copied.
        gc.freeze()
        # Signals that arrive while the worker starts are held until it has set its own handlers.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _BLOCKED)
        try:
            process.start()
        except OSError as error:  # fork failed: no memory, too many processes
            parent.close()
            child.close()
            raise WorkerError(f"cannot start a worker process: {(error.strerror or str(error)).lower()}") from None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker, kill: bool = True) -> Optional[int]:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=10)
        try:
            worker.connection.close()
        except OSError:
            pass
        exitcode: Optional[int] = worker.process.exitcode
        return exitcode

    def close(self, finished: bool = False) -> None:
        """Stop every worker: asked politely after a finished run, killed at once otherwise."""
        workers, self.workers = self.workers, []
        if finished:
            for worker in workers:
                try:
                    worker.connection.send(None)
                except OSError:
                    pass
            deadline = time.monotonic() + 10
            for worker in workers:
                worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
        for worker in workers:
            self._stop(worker, kill=True)

    # -- the run --

    def run(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        """Yield one outcome per document, in input order, while the workers read ahead.

        At most about two batches per worker are read ahead of the result written last, so memory
        stays flat however many documents come.
        """
        source = iter(documents)
        exhausted = False
        queue: deque[_Task] = deque()
        finished: dict[int, Outcome] = {}
        read = written = 0
        window = 2 * self.jobs * self.batch
        completed = False
        try:
            while True:
                while not exhausted and read - written < window and len(queue) < self.jobs:
                    batch = list(islice(source, self.batch))
                    if not batch:
                        exhausted = True
                        break
                    queue.append(self._task(read, batch))
                    read += len(batch)
                free = sum(1 for worker in self.workers if worker.task is None)  # idle, or starting
                while len(self.workers) < self.jobs and free < len(queue):  # started as work comes
                    self.workers.append(self._start())
                    free += 1
                for worker in self.workers:
                    if worker.ready and worker.task is None and queue:
                        self._send(worker, queue.popleft(), queue)
                while written in finished:
                    yield finished.pop(written)
                    written += 1
                if exhausted and written == read:
                    completed = True
                    return
                if not any(worker.task is not None or not worker.ready for worker in self.workers):
                    continue  # nothing to wait for: the results were all written, read more
                self._wait(queue, finished)
        finally:
            self.close(finished=completed)

    def _task(self, first: int, documents: list[Document]) -> _Task:
        self.tasks_made += 1
        return _Task(self.tasks_made, first, documents)

    def _send(self, worker: _Worker, task: _Task, queue: deque[_Task]) -> None:
        worker.task, worker.answered, worker.since = task, 0, time.monotonic()
        try:
            worker.connection.send((task.number, task.documents))
        except OSError:  # it died just now, before reading the task: no article to blame
            worker.task = None
            queue.appendleft(task)
            self._replace(worker, queue, {})

    def _deadline(self, worker: _Worker) -> Optional[float]:
        if self.timeout is None or worker.task is None:
            return None
        return worker.since + self.timeout * max(1, len(worker.in_flight()))

    def _wait(self, queue: deque[_Task], finished: dict[int, Outcome]) -> None:
        deadlines = [d for d in (self._deadline(w) for w in self.workers) if d is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles: dict[Any, _Worker] = {}
        for worker in self.workers:
            handles[worker.connection] = worker
            handles[worker.process.sentinel] = worker
        ready = wait(list(handles), timeout)
        gone: list[_Worker] = []
        for handle in ready:
            worker = handles[handle]
            if worker in gone or worker not in self.workers:
                continue
            if handle is worker.connection:
                if not self._receive(worker, finished):
                    gone.append(worker)
            elif not worker.connection.poll():  # dead, and nothing left to read from it
                gone.append(worker)
        for worker in gone:
            self._replace(worker, queue, finished)
        now = time.monotonic()
        for worker in list(self.workers):
            deadline = self._deadline(worker)
            if deadline is not None and now >= deadline:
                self._replace(worker, queue, finished, timed_out=True)

    def _receive(self, worker: _Worker, finished: dict[int, Outcome]) -> bool:
        """Read every message waiting from ``worker``; False when it has gone."""
        while True:
            try:
                if not worker.connection.poll():
                    return True
                message = worker.connection.recv()
            except (EOFError, OSError):
                return False
            kind = message[0]
            if kind == "ready":
                worker.ready = True
            elif kind == "failed":
                from .pipeline import ModelError

                raise ModelError(message[1])
            elif kind == "result" and worker.task is not None and message[1] == worker.task.number:
                finished[worker.task.first + message[2]] = message[3]
                worker.answered += 1
                worker.since = time.monotonic()
            elif kind == "done" and worker.task is not None and message[1] == worker.task.number:
                worker.task = None

    def _replace(self, worker: _Worker, queue: deque[_Task], finished: dict[int, Outcome],
                 timed_out: bool = False) -> None:
        """Stop ``worker``, start another in its place, and settle its in-flight articles."""
        held = worker.in_flight()
        exitcode = self._stop(worker, kill=True)
        position = self.workers.index(worker)
        if not held:
            self.idle_deaths += 1
            if self.idle_deaths > MAX_IDLE_DEATHS * self.jobs:
                raise WorkerError(f"worker processes keep dying before reading anything ({describe_exit(exitcode)})")
        else:
            self.idle_deaths = 0
        if len(held) == 1:
            at, document = held[0]
            if timed_out:
                reason = f"took longer than {self.timeout:g} s (--timeout-per-article); its worker process was stopped"
            else:
                reason = f"the worker process died while reading it ({describe_exit(exitcode)})"
            finished[at] = InputProblem(document.source, reason)
        elif held:
            if not timed_out:
                self.report(f"a worker process died ({describe_exit(exitcode)}) while reading {len(held)} "
                            "articles; reading them again one at a time")
            for at, document in reversed(held):
                queue.appendleft(self._task(at, [document]))
        self.workers[position] = self._start()
