"""Running newsx on a Ray cluster: :func:`extract_dataset` over a Ray Dataset, and :func:`run_ray`
behind ``newsx run --ray``.

Ray is imported only inside these functions (``pip install 'newsx[ray]'``); importing newsx, or
this module, never imports Ray or spaCy. Each Ray actor loads the spaCy pipeline once, by name, and
hands back plain JSON strings, never spaCy objects, so nothing large or fragile crosses the wire.

>>> import ray, newsx.distributed  # doctest: +SKIP
>>> ds = ray.data.read_parquet("s3://bucket/articles/")  # doctest: +SKIP
>>> newsx.distributed.extract_dataset(ds, id_column="id").write_parquet("s3://bucket/newsx/")  # doctest: +SKIP
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from .atomic import write_atomically
from .base import TASKS, Document, InputProblem
from .output import SCHEMA

#: Columns :func:`extract_dataset` adds: the article's JSON line (``newsx``, null when it failed)
#: and the one-line reason it failed (``error``, null when it did not).
RESULT_COLUMN, ERROR_COLUMN = "newsx", "error"

#: Articles per batch handed to an actor: small enough that the pool stays evenly busy to the end.
DEFAULT_BATCH_SIZE = 32

#: One BLAS thread per actor: each actor has one CPU, and spaCy's small pipelines gain nothing
#: from more, while several actors each starting a thread per core oversubscribe the machine.
SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class NewsxActor:
    """The callable class each Ray actor runs: loads the pipeline once in ``__init__`` (by model
    name, never a pickled ``nlp``) and turns a pandas batch into JSON strings and errors."""

    def __init__(self, model: Optional[str], tasks: Sequence[str], text_column: str,
                 id_column: Optional[str]):
        for name, value in SINGLE_THREAD_ENV.items():
            os.environ.setdefault(name, value)  # also set by runtime_env, before numpy is imported
        from .core import Extractor

        self.extractor = Extractor(model, tasks=tuple(tasks))
        self.text_column, self.id_column = text_column, id_column

    def __call__(self, batch: Any) -> Any:
        """Analyse one pandas batch; return it with the ``newsx`` and ``error`` columns added."""
        from .core import robust_pipe
        from .output import article_to_dict, dumps_line

        texts = batch[self.text_column].tolist()
        ids = batch[self.id_column].tolist() if self.id_column else [None] * len(texts)
        results: list[Optional[str]] = [None] * len(texts)
        errors: list[Optional[str]] = [None] * len(texts)
        documents: list[Document] = []
        positions: list[int] = []
        for position, (text, ident) in enumerate(zip(texts, ids)):
            source = "<text>" if ident is None or _is_missing(ident) else str(ident)
            if not isinstance(text, str):
                errors[position] = f"text is {_kind(text)}, not a string"
                continue
            documents.append(Document(source, text))
            positions.append(position)
        try:
            outcomes = list(robust_pipe(self.extractor, documents))
        except Exception as error:  # noqa: BLE001 - robust_pipe already isolates articles; belt and braces
            outcomes = [InputProblem(d.source, f"internal error ({type(error).__name__})") for d in documents]
        for position, outcome in zip(positions, outcomes):
            if isinstance(outcome, InputProblem):
                errors[position] = outcome.reason
            else:
                results[position] = dumps_line(article_to_dict(outcome)).decode("utf-8").rstrip("\n")
        batch = batch.copy()
        batch[RESULT_COLUMN] = results
        batch[ERROR_COLUMN] = errors
        return batch


def _is_missing(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN, pandas' missing value
    except Exception:  # noqa: BLE001
        return False


def _kind(value: Any) -> str:
    if value is None or _is_missing(value):
        return "missing (null)"
    return f"a {type(value).__name__}"


def extract_dataset(ds: Any, *, text_column: str = "text", id_column: Optional[str] = None,
                    model: Optional[str] = None, tasks: Sequence[str] = ("entities", "quotes"),
                    concurrency: int = 2, batch_size: int = DEFAULT_BATCH_SIZE) -> Any:
    """Run newsx over a Ray Dataset with a text column; return it with two string columns added:
    ``newsx``, the article's JSON line (what ``newsx analyze --json`` writes for it; null when it
    failed), and ``error``, null or the one-line reason the article failed. Every input row comes
    back; a failing article does not stop the job. Other columns are kept.

    ``id_column`` names the column copied to each result's ``"source"`` (``"<text>"`` without it).
    ``concurrency`` actors run, each with one CPU and one BLAS thread, each loading ``model`` (a
    pipeline name or path installed on every worker; default as for ``newsx``) once.
    """
    import ray.data

    tasks = tuple(tasks)
    if not tasks or set(tasks) - set(TASKS):
        raise ValueError(f"tasks must be a non-empty subset of {TASKS}, not {tasks}")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    model = model or os.environ.get("NEWSX_MODEL") or None  # resolved here, not on each worker
    return ds.map_batches(
        NewsxActor,
        fn_constructor_kwargs={"model": model, "tasks": tasks, "text_column": text_column, "id_column": id_column},
        compute=ray.data.ActorPoolStrategy(size=concurrency),
        num_cpus=1,
        batch_size=batch_size,
        batch_format="pandas",
        runtime_env={"env_vars": dict(SINGLE_THREAD_ENV)},
    )


# -- newsx run --ray ------------------------------------------------------------------------------

#: Rows in one input block by default: one part file each.
DEFAULT_BLOCK_ROWS = 1000
#: Rows handed to Ray in one wave (one Ray Data execution); bounds the driver's memory.
WAVE_ROWS = 20_000
INPUT_SUFFIXES = (".parquet", ".jsonl")

#: The manifest in OUT: JSON Lines (not named *.jsonl, so that `cat OUT/*.jsonl` reads results
#: only). A header with the run's settings, then a line per input file met and per part written.
MANIFEST_NAME = "_newsx_manifest"
MANIFEST_VERSION = 1

#: A part file's name: a readable form of its input's path (for people; it may clash), the
#: input's id (a hash of its path, which cannot), and the block's first row.
PART_NAME = re.compile(r"^(?P<stem>.*)\.(?P<id>[0-9a-f]{16})\.(?P<start>[0-9]{10})\.jsonl$")


class RunError(Exception):
    """A usage problem with ``newsx run``: exit code 2."""


@dataclass
class Block:
    """One input block: ``rows`` are Documents or InputProblems in input order, the rows
    ``start`` to ``start + len(rows)`` of the input file ``file``."""

    name: str
    rows: list[Union[Document, InputProblem]] = field(default_factory=list)
    file: str = ""
    start: int = 0


def input_files(path: Path) -> list[Path]:
    """The Parquet and JSON Lines files to read: ``path`` itself, or a directory's, recursively.

    >>> input_files(Path("/no/such/dir"))
    Traceback (most recent call last):
    ...
    newsx.distributed.RunError: /no/such/dir: no such file or directory
    """
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES and p.is_file())
        if not files:
            raise RunError(f"{path}: no *.parquet or *.jsonl files")
        return files
    if not path.exists():
        raise RunError(f"{path}: no such file or directory")
    if path.suffix not in INPUT_SUFFIXES:
        raise RunError(f"{path}: not .parquet or .jsonl")
    return [path]


def relative_name(path: Path, root: Path) -> str:
    """An input file's name relative to IN (its own name when IN is the file): what its id hashes."""
    return (path.relative_to(root) if root.is_dir() else Path(path.name)).as_posix()


def file_id(relative: str) -> str:
    """A stable id of an input file: the first 16 hex digits of the SHA-256 of its relative path.
    Two paths that read alike once cleaned up ("a b.jsonl", "a_b.jsonl") get different ids.

    >>> file_id("a b.jsonl") != file_id("a_b.jsonl")
    True
    """
    return hashlib.sha256(os.fsencode(relative)).hexdigest()[:16]


def part_name(relative: str, start: int) -> str:
    """The part file of the block of ``relative`` that starts at row ``start`` (0-based).

    >>> part_name("sub/a b.jsonl", 1000)
    'sub__a_b.jsonl.f846d135a384f153.0000001000.jsonl'
    """
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", relative.replace("/", "__"))[-60:]
    return f"{stem}.{file_id(relative)}.{start:010d}.jsonl"


def _rows(path: Path, skip: Callable[[int], bool], max_chars: int) -> Iterator[tuple[int, Optional[Union[Document, InputProblem]]]]:
    """(row, item) for every row of an input file, 0-based; a row ``skip`` says is done already is
    counted but not read (item None), so a resume does not decode or extract it again."""
    from .reading import jsonl_item, make_document

    if path.suffix == ".jsonl":
        row = -1
        with path.open("rb") as lines:
            for number, line in enumerate(lines, start=1):
                if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                if not line.strip():
                    continue
                row += 1
                yield row, (None if skip(row) else jsonl_item(line, f"{path}:{number}", max_chars=max_chars))
        return
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    parquet = pq.ParquetFile(path)
    names = parquet.schema_arrow.names
    if "text" not in names:
        raise RunError(f"{path}: no \"text\" column")
    columns = ["text"] + (["id"] if "id" in names else [])
    row = -1
    for batch in parquet.iter_batches(columns=columns, batch_size=1024):
        data = batch.to_pydict()
        for index, text in enumerate(data["text"]):
            row += 1
            if skip(row):
                yield row, None
                continue
            ident = data["id"][index] if "id" in data else None
            source = str(ident) if ident is not None else f"{path}:{row + 1}"
            if not isinstance(text, str):
                yield row, InputProblem(source, "no \"text\" string")
            else:
                yield row, make_document(source, text, max_chars=max_chars)


def blocks(source: Path, block_rows: int, max_chars: int, done: Optional["Manifest"] = None) -> Iterator[Block]:
    """Every input block still to do, in order: each file's rows not in a part of ``done``,
    ``block_rows`` at a time, a block never spanning a row already done. A block is named by its
    file's id and its first row (:func:`part_name`), so names stay stable across runs and a rerun
    with another ``block_rows`` continues where the last one stopped, each row in one part."""
    for path in input_files(source):
        relative = relative_name(path, source)
        ident = file_id(relative)
        covered = done.covered(ident) if done is not None else _Ranges([])
        block: Optional[Block] = None
        for row, item in _rows(path, covered.__contains__, max_chars):
            if item is None:  # done already: the block being built ends here
                if block is not None:
                    yield block
                    block = None
                continue
            if block is None:
                block = Block(part_name(relative, row), file=ident, start=row)
            block.rows.append(item)
            if len(block.rows) == block_rows:
                yield block
                block = None
        if block is not None:
            yield block


class _Ranges:
    """Rows done, as sorted (start, end) ranges; ``row in ranges`` in logarithmic time."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        self.ranges = sorted(ranges)
        self.starts = [start for start, _ in self.ranges]

    def __contains__(self, row: int) -> bool:
        import bisect

        index = bisect.bisect_right(self.starts, row) - 1
        return index >= 0 and row < self.ranges[index][1]


@dataclass
class Manifest:
    """What OUT holds: the run's settings, the input files met (size and modification time, to
    notice one that changed) and every part written (its file, first row, rows and bytes).

    Lines are appended as parts are written, so an interrupted run leaves a manifest of exactly
    what it finished; a torn last line (killed mid-write) is ignored when read.
    """

    path: Path
    settings: dict[str, Any]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def read(cls, out: Path) -> Optional["Manifest"]:
        """The manifest in ``out``, or None when there is none."""
        import json

        path = out / MANIFEST_NAME
        try:
            lines = path.read_bytes().splitlines()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise RunError(f"{path}: cannot read: {(error.strerror or str(error)).lower()}") from None
        records = []
        for number, line in enumerate(lines):
            try:
                records.append(json.loads(line))
            except ValueError:
                if number == len(lines) - 1:
                    break  # torn by an interruption: the part it named is adopted or redone
                raise RunError(f"{path}: line {number + 1} is not valid JSON; use another OUT directory") from None
        if not records or records[0].get("manifest") != MANIFEST_VERSION:
            raise RunError(f"{path}: not a newsx manifest (version {MANIFEST_VERSION}); use another OUT directory")
        manifest = cls(path, records[0])
        for record in records[1:]:
            if "part" in record:
                manifest.parts[record["part"]] = record
            elif "file" in record:
                manifest.files[record["file"]] = record
        return manifest

    @classmethod
    def start(cls, out: Path, settings: dict[str, Any]) -> "Manifest":
        """A new manifest in ``out`` with the run's ``settings``."""
        manifest = cls(out / MANIFEST_NAME, {"manifest": MANIFEST_VERSION, **settings})
        write_atomically(manifest.path, [_line(manifest.settings)])
        return manifest

    def append(self, record: dict[str, Any]) -> None:
        """Add a file or part record, on disk at once."""
        with self.path.open("ab") as stream:
            stream.write(_line(record))
            stream.flush()
            os.fsync(stream.fileno())
        if "part" in record:
            self.parts[record["part"]] = record
        else:
            self.files[record["file"]] = record

    def covered(self, ident: str) -> _Ranges:
        """The rows of input file ``ident`` that parts already hold."""
        return _Ranges((p["start"], p["start"] + p["rows"]) for p in self.parts.values() if p["file"] == ident)


def _line(record: dict[str, Any]) -> bytes:
    import json

    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape") + b"\n"


def _file_record(path: Path, relative: str) -> dict[str, Any]:
    info = path.stat()
    return {"file": file_id(relative), "path": relative, "size": info.st_size, "mtime_ns": info.st_mtime_ns}


def prepare(source: Path, out: Path, settings: dict[str, Any], report: Callable[[str], None]) -> Manifest:
    """Check OUT against the inputs and the settings, and return its manifest (a new one for a new
    OUT). Raises RunError, in one line, for what a resume cannot continue correctly: other
    settings, an input changed since, a part that differs from its record, or part files with no
    manifest. A part that is missing is dropped from the manifest (its rows are read again); a
    part written but not recorded (an interruption between the two) is adopted."""
    manifest = Manifest.read(out)
    names = sorted(p.name for p in out.iterdir()) if out.is_dir() else []
    if manifest is None:
        if any(name.endswith(".jsonl") for name in names):
            raise RunError(f"{out}: holds .jsonl files but no {MANIFEST_NAME} (written by an older newsx, or not by "
                           "newsx); use another OUT directory")
        return Manifest.start(out, settings)
    for key, value in settings.items():
        if manifest.settings.get(key) != value:
            raise RunError(f"{out} was written with {key} {manifest.settings.get(key)!r}, not {value!r}; run with the "
                           "same, or use another OUT directory")
    for path in input_files(source):
        relative = relative_name(path, source)
        known = manifest.files.get(file_id(relative))
        if known is not None:
            now = _file_record(path, relative)
            if (known["size"], known["mtime_ns"]) != (now["size"], now["mtime_ns"]):
                raise RunError(f"{path} changed since {out} was started (its size or modification time differ); "
                               "use another OUT directory, or remove it to start over")
    for name, part in list(manifest.parts.items()):
        try:
            size = (out / name).stat().st_size
        except FileNotFoundError:
            report(f"{out / name}: missing; its {part['rows']} rows will be read again")
            del manifest.parts[name]
            continue
        if size != part["bytes"]:
            raise RunError(f"{out / name}: {size:,} bytes, not the {part['bytes']:,} its manifest says (edited?); "
                           "use another OUT directory")
    for name in names:
        match = PART_NAME.match(name)
        if match is None or name in manifest.parts or match["id"] not in manifest.files:
            continue
        data = (out / name).read_bytes()
        start, rows = int(match["start"]), data.count(b"\n")
        covered = manifest.covered(match["id"])
        if any(row in covered for row in range(start, start + rows)):
            raise RunError(f"{out / name}: overlaps the parts its manifest lists; use another OUT directory")
        manifest.append({"part": name, "file": match["id"], "start": start, "rows": rows, "bytes": len(data)})
    return manifest


@dataclass
class RunStats:
    """What a ``newsx run`` did: part files written, rows found done already, articles read now
    and how many of them failed."""

    blocks_written: int = 0
    rows_done_before: int = 0
    articles: int = 0
    failed: int = 0


def _run_wave(wave: list[Block], out: Path, manifest: Manifest, *, model: Optional[str],
              tasks: Sequence[str], concurrency: int, stats: RunStats, report: Callable[[str], None]) -> None:
    import pyarrow as pa  # type: ignore[import-untyped]
    import ray.data

    from .output import dumps_line, problem_to_dict

    tables = []
    for number, block in enumerate(wave):
        documents = [(i, row) for i, row in enumerate(block.rows) if isinstance(row, Document)]
        if documents:
            tables.append(pa.table({
                "source": [d.source for _, d in documents], "text": [d.text for _, d in documents],
                "_block": [number] * len(documents), "_row": [i for i, _ in documents],
            }))
    lines: list[list[Optional[bytes]]] = [[None] * len(block.rows) for block in wave]
    missing = [len(block.rows) for block in wave]

    def finish(number: int) -> None:
        block = wave[number]
        for i, row in enumerate(block.rows):
            if lines[number][i] is None and isinstance(row, InputProblem):  # found while reading
                report(f"{row.source}: {row.reason}")
                stats.failed += 1
                lines[number][i] = dumps_line(problem_to_dict(row))
        written = [line for line in lines[number] if line is not None]
        size = write_atomically(out / block.name, written)
        manifest.append({"part": block.name, "file": block.file, "start": block.start, "rows": len(written),
                         "bytes": size})
        stats.blocks_written += 1
        stats.articles += len(block.rows)

    for number, block in enumerate(wave):
        missing[number] = sum(isinstance(row, Document) for row in block.rows)
        if not missing[number]:
            finish(number)
    if not tables:
        return
    ds = extract_dataset(ray.data.from_arrow(tables), id_column="source", model=model, tasks=tasks,
                         concurrency=concurrency)
    # No select_columns: a projection task would wait for a CPU the actors hold on a small cluster.
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=256):
        data = batch.to_pydict()
        for source, number, row, result, error in zip(data["source"], data["_block"], data["_row"],
                                                      data[RESULT_COLUMN], data[ERROR_COLUMN]):
            if error is not None:
                report(f"{source}: {error}")
                stats.failed += 1
                lines[number][row] = dumps_line({"schema": SCHEMA, "source": source, "error": error})
            else:
                lines[number][row] = result.encode("utf-8") + b"\n"
            missing[number] -= 1
            if missing[number] == 0:
                finish(number)


def _quiet_ray_data(verbose: bool = False) -> None:
    # stderr carries newsx's own messages: Ray Data's progress reports and execution plans go to its
    # log files only, unless --verbose.
    if verbose:
        return
    try:
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
    except (ImportError, AttributeError):
        pass
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def ray_init_options(verbose: bool = False) -> dict[str, Any]:
    """How ``newsx run`` has Ray log: quiet (errors only; workers' output kept in Ray's log files)
    by default, Ray's own INFO lines and the workers' output with ``verbose``.

    >>> ray_init_options()["log_to_driver"], ray_init_options(verbose=True)["logging_level"] == logging.INFO
    (False, True)
    """
    if verbose:
        return {"log_to_driver": True, "logging_level": logging.INFO}
    return {"log_to_driver": False, "logging_level": logging.ERROR}


@contextlib.contextmanager
def _quiet_ray(verbose: bool) -> Iterator[None]:
    """Ray's own output off stderr while a run talks to it, unless ``verbose``: its Python warnings,
    and what its C++ core writes straight to file descriptor 2 (notices such as "Actor ... has
    constructor arguments in the object store" at level E, which read as errors; RAY_BACKEND_LOG_LEVEL
    cannot hide them without an INFO line of its own). Ray's log files keep everything. newsx's own
    messages (sys.stderr) still reach the terminal, through a copy of the descriptor.
    """
    if verbose:
        yield
        return
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"ray(\.|$)")
        with _descriptor_2_aside():
            yield


@contextlib.contextmanager
def _descriptor_2_aside() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the block, and sys.stderr (when it writes to that
    descriptor) to a copy of what it was. Nothing changes when stderr is closed or not a descriptor."""
    stream = sys.stderr
    try:
        stream.flush()
        own = stream.fileno() == 2
        saved = os.dup(2)
    except (AttributeError, OSError, ValueError):  # closed, or a capture without a descriptor
        yield
        return
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    os.close(quiet)
    if own:
        # Left open afterwards: a logging handler may still hold it (Ray's, made in ray.init).
        sys.stderr = open(os.dup(saved), "w", encoding=stream.encoding, errors=stream.errors, buffering=1)
    try:
        yield
    finally:
        if own:
            sys.stderr.flush()
            sys.stderr = stream
        os.dup2(saved, 2)
        os.close(saved)


def run_ray(address: str, source: Path, out: Path, *, tasks: Sequence[str] = ("entities", "quotes"),
            model: Optional[str] = None, concurrency: Optional[int] = None,
            block_rows: int = DEFAULT_BLOCK_ROWS, max_chars: Optional[int] = None,
            report: Optional[Callable[[str], None]] = None, verbose: bool = False) -> RunStats:
    """Run ``tasks`` over every article in ``source`` (a .parquet or .jsonl file, or a directory of
    them) on the Ray cluster at ``address`` (``"local"``: start one on this machine), writing one
    JSON Lines part file per input block to the directory ``out``, and a manifest of them.

    A rerun resumes: rows already in a part are not read again, whatever ``block_rows`` was
    (see :func:`prepare` for what it checks first). SIGTERM and SIGHUP stop the run as Ctrl-C
    does (raising :class:`newsx.signals.Stopped`); Ray is shut down and finished parts kept.
    Raises RunError for a usage problem, or when another run holds ``out``. Ray's own messages stay
    off stderr (in its log files) unless ``verbose`` (:func:`ray_init_options`).
    """
    say = report or (lambda message: print(f"newsx: {message}", file=sys.stderr, flush=True))
    if out.exists() and not out.is_dir():
        raise RunError(f"{out}: not a directory")
    input_files(source)  # usage errors before Ray starts
    out.mkdir(parents=True, exist_ok=True)
    lock = _lock(out)
    try:
        with _quiet_ray(verbose):
            return _run_locked(address, source, out, tasks=tasks, model=model, concurrency=concurrency,
                               block_rows=block_rows, max_chars=max_chars, say=say, verbose=verbose)
    finally:
        os.close(lock)


def _lock(out: Path) -> int:
    """Hold OUT for this run (a lock on the directory itself, released when the process ends):
    two runs writing parts and manifest lines into one OUT would each read the other's as done."""
    descriptor = os.open(out, os.O_RDONLY)
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        return descriptor
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        raise RunError(f"{out}: another newsx run is writing to it") from None
    return descriptor


def _run_locked(address: str, source: Path, out: Path, *, tasks: Sequence[str], model: Optional[str],
                concurrency: Optional[int], block_rows: int, max_chars: Optional[int],
                say: Callable[[str], None], verbose: bool = False) -> RunStats:
    from .reading import DEFAULT_MAX_CHARS
    from .signals import stop_on_signals

    resolved_model = model or os.environ.get("NEWSX_MODEL") or None
    manifest = prepare(source, out, {"tasks": list(tasks), "model": resolved_model}, say)
    known = set(manifest.files)
    for path in input_files(source):
        relative = relative_name(path, source)
        if file_id(relative) not in known:
            manifest.append(_file_record(path, relative))
    import ray

    started_here = False
    with stop_on_signals() as rearm:

        def connect() -> int:
            nonlocal started_here, concurrency
            if not ray.is_initialized():
                env = {"env_vars": dict(SINGLE_THREAD_ENV)}
                try:
                    # "local" always starts a cluster of its own: without an address Ray would join
                    # the last one started on this machine, someone else's perhaps.
                    ray.init(address=address, include_dashboard=False if address == "local" else None,
                             runtime_env=env, **ray_init_options(verbose))
                    _quiet_ray_data(verbose)
                except Exception as error:  # noqa: BLE001 - connection errors come in many kinds
                    raise RunError(f"cannot start or reach Ray at {address!r}: {type(error).__name__}: "
                                   + (str(error).strip().splitlines() or [""])[0]) from None
                started_here = True
                rearm()  # ray.init sets SIGTERM handlers of its own
            if concurrency is None:
                concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
            return concurrency

        try:
            stats = RunStats(rows_done_before=sum(p["rows"] for p in manifest.parts.values()))
            wave: list[Block] = []
            size = 0
            for block in blocks(source, block_rows, max_chars or DEFAULT_MAX_CHARS, manifest):
                wave.append(block)
                size += len(block.rows)
                if size >= WAVE_ROWS:
                    _run_wave(wave, out, manifest, model=resolved_model, tasks=tasks, concurrency=connect(),
                              stats=stats, report=say)
                    wave, size = [], 0
            if wave:
                _run_wave(wave, out, manifest, model=resolved_model, tasks=tasks, concurrency=connect(),
                          stats=stats, report=say)
            return stats
        finally:
            if started_here:
                ray.shutdown()
