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

import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

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

    def __call__(self, batch):  # a pandas.DataFrame
        from .output import article_to_dict, dumps_line
        from .base import Document
        from .runner import robust_pipe
        from .types import InputProblem

        texts = batch[self.text_column].tolist()
        ids = batch[self.id_column].tolist() if self.id_column else [None] * len(texts)
        results: list[Optional[str]] = [None] * len(texts)
        errors: list[Optional[str]] = [None] * len(texts)
        documents, positions = [], []
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
        return value != value  # NaN, pandas' missing value
    except Exception:  # noqa: BLE001
        return False


def _kind(value: Any) -> str:
    if value is None or _is_missing(value):
        return "missing (null)"
    return f"a {type(value).__name__}"


def extract_dataset(ds, *, text_column: str = "text", id_column: Optional[str] = None,
                    model: Optional[str] = None, tasks: Sequence[str] = ("entities", "quotes"),
                    concurrency: int = 2, batch_size: int = DEFAULT_BATCH_SIZE):
    """Run newsx over a Ray Dataset with a text column; return it with two string columns added:
    ``newsx``, the article's JSON line (what ``newsx analyze --json`` writes for it; null when it
    failed), and ``error``, null or the one-line reason the article failed. Every input row comes
    back; a failing article does not stop the job. Other columns are kept.

    ``id_column`` names the column copied to each result's ``"source"`` (``"<text>"`` without it).
    ``concurrency`` actors run, each with one CPU and one BLAS thread, each loading ``model`` (a
    pipeline name or path installed on every worker; default as for ``newsx``) once.
    """
    import ray.data

    from .core import TASKS

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


class RunError(Exception):
    """A usage problem with ``newsx run``: exit code 2."""


@dataclass
class Block:
    """One input block: ``rows`` are Documents or InputProblems in input order."""

    name: str
    rows: list = field(default_factory=list)


def input_files(path: Path) -> list[Path]:
    """The Parquet and JSON Lines files to read: ``path`` itself, or a directory's, recursively."""
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


def _items(path: Path, max_chars: int) -> Iterator[Any]:
    from .reading import make_document, read_jsonl
    from .types import InputProblem

    if path.suffix == ".jsonl":
        with path.open("rb") as lines:
            yield from read_jsonl(lines, str(path), max_chars=max_chars)
        return
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    names = parquet.schema_arrow.names
    if "text" not in names:
        raise RunError(f"{path}: no \"text\" column")
    columns = ["text"] + (["id"] if "id" in names else [])
    number = 0
    for batch in parquet.iter_batches(columns=columns, batch_size=1024):
        data = batch.to_pydict()
        for index, text in enumerate(data["text"]):
            number += 1
            ident = data["id"][index] if "id" in data else None
            source = str(ident) if ident is not None else f"{path}:{number}"
            if not isinstance(text, str):
                yield InputProblem(source, "no \"text\" string")
            else:
                yield make_document(source, text, max_chars=max_chars)


def _part_stem(path: Path, root: Path) -> str:
    relative = path.relative_to(root) if root.is_dir() else Path(path.name)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", "__".join(relative.parts))


def blocks(source: Path, block_rows: int, max_chars: int) -> Iterator[Block]:
    """Every input block in order: each file's rows, ``block_rows`` at a time; names are stable
    across runs (file and block number), which is what makes a rerun resume."""
    for path in input_files(source):
        stem, number, block = _part_stem(path, source), 0, None
        for item in _items(path, max_chars):
            if block is None:
                block = Block(f"{stem}.{number:05d}")
            block.rows.append(item)
            if len(block.rows) == block_rows:
                yield block
                block, number = None, number + 1
        if block is not None:
            yield block


@dataclass
class RunStats:
    blocks_written: int = 0
    blocks_skipped: int = 0
    articles: int = 0
    failed: int = 0


def _write_part(out: Path, name: str, lines: list[bytes]) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.writelines(lines)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, out / f"{name}.jsonl")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _run_wave(wave: list[Block], out: Path, *, model, tasks, concurrency, stats: RunStats,
              report) -> None:
    import pyarrow as pa
    import ray.data

    from .output import dumps_line, problem_to_dict
    from .base import Document

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
            if lines[number][i] is None:  # a problem found while reading
                report(f"{row.source}: {row.reason}")
                stats.failed += 1
                lines[number][i] = dumps_line(problem_to_dict(row))
        _write_part(out, block.name, lines[number])
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


def run_ray(address: str, source: Path, out: Path, *, tasks: Sequence[str] = ("entities", "quotes"),
            model: Optional[str] = None, concurrency: Optional[int] = None,
            block_rows: int = DEFAULT_BLOCK_ROWS, max_chars: Optional[int] = None,
            report=None) -> RunStats:
    """Run ``tasks`` over every article in ``source`` (a .parquet or .jsonl file, or a directory of
    them) on the Ray cluster at ``address`` (``"local"``: start one on this machine), writing one
    JSON Lines part file per input block to the directory ``out``. A block whose part file exists
    is skipped, so a rerun after an interruption resumes. Raises RunError for a usage problem."""
    from .reading import DEFAULT_MAX_CHARS

    report = report or (lambda message: print(f"newsx: {message}", file=sys.stderr, flush=True))
    if out.exists() and not out.is_dir():
        raise RunError(f"{out}: not a directory")
    input_files(source)  # usage errors before Ray starts
    out.mkdir(parents=True, exist_ok=True)
    import ray

    started_here = False

    def connect() -> int:
        nonlocal started_here, concurrency
        if not ray.is_initialized():
            env = {"env_vars": dict(SINGLE_THREAD_ENV)}
            try:
                if address == "local":
                    ray.init(include_dashboard=False, runtime_env=env, log_to_driver=False)
                else:
                    ray.init(address=address, runtime_env=env, log_to_driver=False)
            except Exception as error:  # noqa: BLE001 - connection errors come in many kinds
                raise RunError(f"cannot start or reach Ray at {address!r}: {type(error).__name__}: "
                               + (str(error).strip().splitlines() or [""])[0]) from None
            started_here = True
        if concurrency is None:
            concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
        return concurrency

    try:
        stats = RunStats()
        wave: list[Block] = []
        size = 0
        for block in blocks(source, block_rows, max_chars or DEFAULT_MAX_CHARS):
            if (out / f"{block.name}.jsonl").exists():
                stats.blocks_skipped += 1
                continue
            wave.append(block)
            size += len(block.rows)
            if size >= WAVE_ROWS:
                _run_wave(wave, out, model=model, tasks=tasks, concurrency=connect(), stats=stats, report=report)
                wave, size = [], 0
        if wave:
            _run_wave(wave, out, model=model, tasks=tasks, concurrency=connect(), stats=stats, report=report)
        return stats
    finally:
        if started_here:
            ray.shutdown()
