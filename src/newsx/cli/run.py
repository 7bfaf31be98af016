"""`newsx run --ray`: the same analysis over Parquet or JSON Lines on a Ray cluster."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._util import ModelOption, app

def run_command(address: str, source: Path, out: Path, *, tasks: str, model: Optional[str],
                concurrency: Optional[int], block_rows: int) -> int:
    """Run ``newsx run --ray`` and return its exit code (the plain function the Typer wrapper calls)."""
    from ..runner import EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, warn

    chosen = tuple(t.strip() for t in tasks.split(",") if t.strip())
    if not chosen or set(chosen) - {"entities", "quotes"}:
        warn(f"--tasks must be entities, quotes or entities,quotes, not {tasks!r}")
        return EXIT_USAGE
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        warn("newsx run needs Ray: pip install 'newsx[ray]'")
        return EXIT_USAGE
    from ..distributed import RunError, run_ray

    try:
        stats = run_ray(address, source, out, tasks=chosen, model=model, concurrency=concurrency,
                        block_rows=block_rows)
    except RunError as error:
        warn(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        warn("interrupted; finished part files are kept, rerun to resume")
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - Ray wraps a worker's failure in its own types
        text = str(error)
        if "ModelError" in text or "cannot load spaCy pipeline" in text or "Can't find model" in text:
            warn(f"the workers cannot load the spaCy pipeline {model or '(default)'!r}; install it on every node")
            return EXIT_USAGE
        raise
    warn(f"{stats.articles} articles in {stats.blocks_written} new part files in {out}"
         f" ({stats.blocks_skipped} blocks already done, skipped); {stats.failed} failed")
    return EXIT_SOME_FAILED if stats.failed else EXIT_OK


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
    tasks: str = typer.Option("entities,quotes", "--tasks", help="entities, quotes, or both, comma-separated."),
    model: Optional[str] = ModelOption,
    concurrency: Optional[int] = typer.Option(None, "--concurrency", "-c", min=1,
                                              help="Actors (one CPU and one pipeline each); default: the cluster's CPUs."),
    block_rows: int = typer.Option(1000, "--block-rows", min=1, help="Articles per input block and part file."),
) -> None:
    """Entities and quotes of every article in Parquet or JSON Lines, on a Ray cluster
    (pip install 'newsx[ray]'). Each part file holds, in input order, one JSON object per
    article as analyze --json writes it, or {"schema","source","error"} for one that failed.
    Part files appear atomically; a rerun skips the blocks already written, so it resumes.

    Example:

    \b
        newsx run --ray local articles.parquet results/ --concurrency 2
        newsx run --ray auto s3-mirror/articles/ results/ --tasks quotes

    Exit codes: 0 every article processed; 1 some articles failed (each has an "error" row in
    its part file and a line on stderr); 2 usage error, Ray not installed or not reachable, or
    no spaCy pipeline on the workers; 130 interrupted (finished part files are kept).
    """
    raise typer.Exit(run_command(ray_address, source, out, tasks=tasks, model=model,
                                 concurrency=concurrency, block_rows=block_rows))

