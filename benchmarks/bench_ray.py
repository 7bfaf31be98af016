"""Throughput of newsx on a local 2-CPU Ray cluster against `newsx analyze -j 2`, on the same
PolNeAR train texts, and what 10 million articles would cost at that rate.

    python benchmarks/bench_ray.py [--articles 200] [--cpus 2]

Needs ``pip install 'newsx[ray]'`` and ../shared/eval/polnear/train.jsonl (relative to the repo
root). The texts are written only to a temporary directory. Wall times include starting the
workers and loading the pipeline in each (as a real run pays once per job), not starting Ray.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"
TEN_MILLION = 10_000_000


def texts(count: int) -> list[dict]:
    rows = []
    with TRAIN.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if len(rows) == count:
                break
            rows.append({"id": f"train-{number}", "text": json.loads(line)["text"]})
    return rows


def bench_cli(path: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(["newsx", "analyze", "--jsonl", str(path), "--json", "-o", "/dev/null", "-j", str(jobs)],
                   check=True, env={**os.environ, "NEWSX_NO_PROGRESS": "1"})
    return time.perf_counter() - start


def bench_ray(rows: list[dict], cpus: int) -> float:
    import pandas as pd
    import ray

    from newsx.distributed import extract_dataset

    ray.init(num_cpus=cpus, include_dashboard=False, object_store_memory=300 * 1024**2,
             log_to_driver=False)
    try:
        frame = pd.DataFrame(rows)
        blocks = 4 * cpus  # made here: no upstream task competes with the actors for the CPUs
        ds = ray.data.from_pandas([frame.iloc[i::blocks] for i in range(blocks)])
        start = time.perf_counter()
        result = extract_dataset(ds, id_column="id", concurrency=cpus).to_pandas()
        elapsed = time.perf_counter() - start
        assert len(result) == len(rows) and result["error"].isna().all()
        return elapsed
    finally:
        ray.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--cpus", type=int, default=2)
    args = parser.parse_args()
    rows = texts(args.articles)
    words = sum(len(r["text"].split()) for r in rows)
    mean_words = words / len(rows)
    with tempfile.TemporaryDirectory(prefix="newsx-bench-") as directory:
        path = Path(directory) / "train.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        results = [
            ("`newsx analyze -j 1`", 1, bench_cli(path, 1)),
            (f"`newsx analyze -j {args.cpus}`", args.cpus, bench_cli(path, args.cpus)),
            (f"Ray Data, {args.cpus} actors (`extract_dataset`)", args.cpus, bench_ray(rows, args.cpus)),
        ]
    print(f"\n{len(rows)} PolNeAR train articles, {words:,} words (mean {mean_words:.0f} an article), "
          f"{os.cpu_count()} cores here\n")
    print("| Run | CPUs | Wall s | Words/s | Words/s per CPU | Core-hours for 10M articles |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, cpus, seconds in results:
        rate = words / seconds
        core_hours = TEN_MILLION * mean_words / (rate / cpus) / 3600
        print(f"| {name} | {cpus} | {seconds:.1f} | {rate:,.0f} | {rate / cpus:,.0f} | {core_hours:,.0f} |")
    print(f"\n10M articles x {mean_words:.0f} words = {TEN_MILLION * mean_words / 1e9:.2f} billion words.",
          file=sys.stdout)


if __name__ == "__main__":
    main()
