"""`newsx run --ray`: the same analysis over Parquet or JSON Lines on a Ray cluster."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..base import TASKS, ExitCode
from ._util import ModelOption, app, whole_number


def run_command(address: str, source: Path, out: Path, *, tasks: str, model: Optional[str],
                concurrency: Optional[int], block_rows: int, verbose: bool = False) -> int:
    """Run ``newsx run --ray`` and return its exit code (the plain function the Typer wrapper calls)."""
    from ..runner import warn
    from ..signals import stop_reason

    chosen = tuple(t.strip() for t in tasks.split(",") if t.strip())
    if not chosen or set(chosen) - set(TASKS):
        warn(f"--tasks must be entities, quotes or entities,quotes, not {tasks!r}")
        return ExitCode.USAGE
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        warn("newsx run needs Ray: pip install 'newsx[ray]'")
        return ExitCode.USAGE
    from ..distributed import RunError, run_ray

    try:
        stats = run_ray(address, source, out, tasks=chosen, model=model, concurrency=concurrency,
                        block_rows=block_rows, report=warn, verbose=verbose)
    except RunError as error:
        warn(str(error))
        return ExitCode.USAGE
    except KeyboardInterrupt as interrupt:  # Ctrl-C, SIGTERM or SIGHUP (which Ray may re-raise as its own)
        stop = stop_reason(interrupt)
        warn(("interrupted" if stop is None else f"stopped by {stop.name}")
             + "; finished part files are kept, rerun to resume")
        return ExitCode.INTERRUPTED if stop is None else stop.exit_code
    except OSError as error:  # an input or OUT that cannot be read or written part-way through
        where = f"{error.filename}: " if error.filename else ""
        warn(f"{where}{(error.strerror or str(error)).lower()}; finished part files are kept, rerun to resume")
        return ExitCode.SOME_FAILED
    except Exception as error:  # noqa: BLE001 - Ray wraps a worker's failure in its own types
        text = str(error)
        if "ModelError" in text or "cannot load spaCy pipeline" in text or "Can't find model" in text:
            warn(f"the workers cannot load the spaCy pipeline {model or '(default)'!r}; install it on every node")
            return ExitCode.USAGE
        raise
    warn(f"{stats.articles} articles in {stats.blocks_written} new part files in {out}"
         f" ({stats.rows_done_before} rows already done); {stats.failed} failed")
    return ExitCode.SOME_FAILED if stats.failed else ExitCode.OK


@app.command("run")
def run_cli(
    source: Path = typer.Argument(..., metavar="IN", show_default=False,
                                  help="A .parquet or .jsonl file with a \"text\" column (and an optional \"id\"), "
                                  "or a directory of them (recursively)."),
    out: Path = typer.Argument(..., metavar="OUT", show_default=False,
                               help="Directory for the results: one JSON Lines part file per input block."),
    ray_address: str = typer.Option(..., "--ray", metavar="ADDRESS|local", show_default=False,
                                    help="Ray cluster to run on (e.g. ray://head:10001 or auto), or local to start "
                                    "one on this machine."),
    tasks: str = typer.Option("entities,quotes", "--tasks", metavar="TASKS", help="entities, quotes, or both, comma-separated."),
    model: Optional[str] = ModelOption,
    concurrency: Optional[int] = typer.Option(None, "--concurrency", "-c", metavar="N",
                                              parser=whole_number("--concurrency", 1), show_default=False,
                                              help="Actors (one CPU and one pipeline each); default: the cluster's CPUs."),
    block_rows: int = typer.Option(1000, "--block-rows", metavar="N", parser=whole_number("--block-rows", 1),
                                   show_default=False, help="Articles per input block and part file (default 1,000)."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Show Ray's own messages (INFO lines, the workers' output) on stderr; by "
                                 "default they go to Ray's log files only."),
) -> None:
    """Entities and quotes of every article in Parquet or JSON Lines, on a Ray cluster
    (pip install 'newsx[ray]'). Each part file holds, in input order, one JSON object per
    article as analyze --json writes it, or {"schema","source","error"} for one that failed.
    Part files appear atomically, each named by its input file's id and first row, and are listed
    in OUT/_newsx_manifest; a rerun reads only the rows no part holds yet (with any --block-rows),
    and refuses in one line what it cannot continue (other --tasks or --model, an input changed).

    Example:

    \b
        newsx run --ray local articles.parquet results/ --concurrency 2
        newsx run --ray auto s3-mirror/articles/ results/ --tasks quotes

    Exit codes: 0 every article processed; 1 some articles failed (each has an "error" row in
    its part file and a line on stderr); 2 usage error, Ray not installed or not reachable, no
    spaCy pipeline on the workers, or an OUT a rerun cannot continue; 129 SIGHUP, 130 Ctrl-C,
    143 SIGTERM (Ray shut down, finished part files kept).
    """
    raise typer.Exit(run_command(ray_address, source, out, tasks=tasks, model=model,
                                 concurrency=concurrency, block_rows=block_rows, verbose=verbose))

