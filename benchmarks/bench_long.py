"""Time and peak memory of one long article, by length: what ``--max-chars`` can let in.

Each configuration runs in its own process on the same text (the seed article repeated, or text
made to stress the quote rules), and the figures are printed next to bare spaCy's on that text:

    python benchmarks/bench_long.py                      # 100,000 / 300,000 / 1,000,000 characters
    python benchmarks/bench_long.py --sizes 2000000 --kind said

``news``: the seed article repeated; ``said``: "The minister said: " repeated (issue 16's table).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_74118320347f371e.txt"

BARE = """
import sys, spacy
from newsx.pipeline import _loadable, resolve_model
nlp = spacy.load(_loadable(resolve_model()))
text = open(sys.argv[1], encoding="utf-8").read()
nlp.max_length = len(text) + 1
doc = nlp(text)
print(len(doc))
"""

#: Runs a command and prints its peak RSS (KB): a fresh process per command, so the peak is its own.
PEAK = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); " \
       "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"


def make_text(kind: str, size: int) -> str:
    """``size`` characters of the kind asked for."""
    unit = (SEED.read_text(encoding="utf-8") + "\n\n") if kind == "news" else "The minister said: "
    return (unit * (size // len(unit) + 1))[:size]


def measure(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak RSS (MB) of ``command`` run in a process of its own."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], check=True, capture_output=True, text=True,
                          env={**os.environ, "NEWSX_NO_PROGRESS": "1", "OMP_NUM_THREADS": "1"})
    return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024


def main() -> None:
    """Print one row per size: newsx analyze and bare spaCy (full pipeline), seconds and peak RSS."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--kind", choices=("news", "said"), default="news")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    print(f"| {args.kind} characters | newsx analyze s | newsx peak MB | spaCy s | spaCy peak MB | time vs spaCy | memory vs spaCy |")
    print("|--:|--:|--:|--:|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            path = Path(directory) / f"{size}.txt"
            path.write_text(make_text(args.kind, size), encoding="utf-8")
            bare_s, bare_mb = measure([sys.executable, "-c", BARE, str(path)])
            newsx_s, newsx_mb = measure([sys.executable, "-m", "newsx", "analyze", "--json", "--max-chars",
                                         str(size), str(path)])
            print(f"| {size:,} | {newsx_s:.1f} | {newsx_mb:,.0f} | {bare_s:.1f} | {bare_mb:,.0f} | "
                  f"{newsx_s / bare_s:.2f}x | {newsx_mb / bare_mb:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
