#!/usr/bin/env python
"""Throughput and peak memory of newsx against bare spaCy, on the same texts, in one run.

    python benchmarks/bench.py [--articles N] [--repeat R] [--memory 100,1000 | --no-memory] [--markdown]

Each configuration runs in its own subprocess, so its peak RSS is its own (``os.wait4`` returns the
child's ``getrusage``; for ``-j 2`` that is the largest single process, and the "all procs" column is
the sampled peak of the sum over the whole process tree). Times are wall-clock from process start to
exit: interpreter start, imports and model loading included, as a user of the CLI sees them; the
"startup" column is the same command over one short article, so ``(seconds - startup)`` is the
steady-state part.

Configurations:

* ``spaCy nlp.pipe (full)``: ``spacy.load(newsx.pipeline.resolve_model())`` with every default
  component, ``for doc in nlp.pipe(texts): pass``, spaCy's default settings and environment (the
  model's own batch size, 1,000 texts for en_core_web_sm: one batch holds every article here).
* ``spaCy nlp.pipe (full), batch 16``: the same at the batch size newsx uses, to tell what newsx's
  choice of components saves from what its batch size saves.
* ``newsx entities`` / ``quotes`` / ``analyze`` / ``quotes -j 2``: the real CLI,
  ``python -m newsx CMD --jsonl FILE --json`` with stdout to /dev/null.

Texts: the PolNeAR train articles (``../shared/eval/polnear/train.jsonl`` beside the repository, or
``$NEWSX_EVAL_DIR/polnear/train.jsonl``), field "text", cycled when more are asked for than it
holds; without it, ``seeds/000_74118320347f371e.txt`` repeated. They are written only to a
temporary JSON Lines file under the system temp directory (never into the repository) and deleted
at the end. Words are whitespace-separated words of the original texts.

The machine is shared with whatever else runs on it: the load average is printed before and after,
and ``--repeat`` runs the configurations in rotating order and reports the median.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_74118320347f371e.txt"
PAGE = os.sysconf("SC_PAGE_SIZE")

# Targets from the performance issue.
TARGET_QUOTES = 0.95  # newsx quotes >= 0.95x bare spaCy (full pipeline)
TARGET_ENTITIES = 2.5  # newsx entities >= 2.5x bare spaCy
TARGET_JOBS = 1.7  # quotes -j 2 >= 1.7x quotes -j 1
TARGET_MEMORY = 0.10  # peak RSS over 1,000 articles within 10% of over 100

BARE_SPACY = """
import sys, json
from newsx.pipeline import resolve_model
import spacy
nlp = spacy.load(resolve_model())
options = {"batch_size": int(sys.argv[2])} if len(sys.argv) > 2 else {}
with open(sys.argv[1], encoding="utf-8") as lines:
    for doc in nlp.pipe((json.loads(line)["text"] for line in lines), **options):
        pass
"""

BARE = "spaCy nlp.pipe (full)"


def _newsx_batch_size() -> int:
    """The batch size newsx hands nlp.pipe: newsx.core.Extractor's default (16 when unreadable)."""
    try:
        import inspect

        from newsx.core import Extractor

        return int(inspect.signature(Extractor).parameters["batch_size"].default)
    except Exception:  # noqa: BLE001 - a benchmark of an older or newer newsx still runs
        return 16


NEWSX_BATCH = _newsx_batch_size()
BARE_16 = f"spaCy nlp.pipe (full), batch {NEWSX_BATCH}"


def eval_file() -> Path:
    base = Path(os.environ["NEWSX_EVAL_DIR"]) if os.environ.get("NEWSX_EVAL_DIR") else REPO.parent / "shared" / "eval"
    return base / "polnear" / "train.jsonl"


def load_texts(count: int) -> tuple[list[str], str, int]:
    """``count`` texts, cycling through the corpus; where they come from; how many the corpus holds."""
    path = eval_file()
    if path.is_file():
        with path.open(encoding="utf-8") as lines:
            corpus = [json.loads(line)["text"] for line in lines if line.strip()]
        origin = f"PolNeAR train ({len(corpus)} articles)"
    else:
        corpus = [SEED.read_text(encoding="utf-8")]
        origin = f"{SEED.relative_to(REPO)} repeated (no {path})"
    return [corpus[i % len(corpus)] for i in range(count)], origin, len(corpus)


def word_count(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts):
            out.write(json.dumps({"id": f"a{number}", "text": text}, ensure_ascii=False) + "\n")


# -- running one configuration --------------------------------------------------------------------


@dataclass
class Config:
    name: str
    command: str  # "bare" or a newsx subcommand
    jobs: int = 1
    batch_size: Optional[int] = None  # bare only; None is spaCy's default (the model's [nlp] batch_size)

    def argv(self, jsonl: Path) -> list[str]:
        if self.command == "bare":
            batch = [str(self.batch_size)] if self.batch_size else []
            return [sys.executable, "-c", BARE_SPACY, str(jsonl)] + batch
        argv = [sys.executable, "-m", "newsx", self.command, "--jsonl", str(jsonl), "--json"]
        return argv + (["-j", str(self.jobs)] if self.jobs != 1 else [])


CONFIGS = [
    Config(BARE, "bare"),
    Config(BARE_16, "bare", batch_size=NEWSX_BATCH),
    Config("newsx entities", "entities"),
    Config("newsx quotes", "quotes"),
    Config("newsx analyze", "analyze"),
    Config("newsx quotes -j 2", "quotes", jobs=2),
]


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float  # ru_maxrss of the child (largest single process of its tree)
    tree_rss_mb: float  # sampled peak of the summed RSS of the child and its descendants


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _tree_rss(root: int) -> int:
    total = 0
    for pid in _descendants(root):
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


def measure(argv: list[str], label: str) -> Run:
    """Run ``argv`` with stdout to /dev/null; its wall time, CPU time and peak memory."""
    env = dict(os.environ, NEWSX_NO_PROGRESS="1")
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                                   env=env, cwd=tempfile.gettempdir())
        peak_tree = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(0.2):
                peak_tree = max(peak_tree, _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-15:]
            raise SystemExit(f"bench: {label} exited with {process.returncode}:\n  " + "\n  ".join(tail))
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, max(peak_tree / 2**20, peak))


# -- the report -----------------------------------------------------------------------------------


@dataclass
class Result:
    config: Config
    runs: list[Run] = field(default_factory=list)
    startup: Optional[float] = None

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_rss(self) -> float:
        return max(r.peak_rss_mb for r in self.runs)

    @property
    def tree_rss(self) -> float:
        return max(r.tree_rss_mb for r in self.runs)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from newsx.pipeline import resolve_model

        model = resolve_model()
    except Exception as error:  # noqa: BLE001 - reported, not fatal here
        model = f"? ({error})"
    versions = {}
    for dist in ("spacy", "thinc", "numpy", "blis", model):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "?"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{os.sysconf('SC_PHYS_PAGES') * PAGE / 2**30:.0f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": versions["spacy"],
        "deps": f"thinc {versions['thinc']}, numpy {versions['numpy']}, blis {versions['blis']}",
        "model": f"{model} {versions[model]}",
    }


def table_rows(results: list[Result], words: int) -> list[list[str]]:
    bare = next((r for r in results if r.config.name == BARE), None)
    rows = []
    for result in results:
        rate = words / result.seconds
        ratio = f"{rate / (words / bare.seconds):.2f}x" if bare else "-"
        cpu_ratio = f"{bare.cpu_seconds / result.cpu_seconds:.2f}x" if bare else "-"
        spread = ""
        if len(result.runs) > 1:
            low, high = min(r.seconds for r in result.runs), max(r.seconds for r in result.runs)
            spread = f" ({low:.1f}-{high:.1f})"
        rows.append([
            result.config.name, f"{result.seconds:.1f}{spread}", f"{rate:,.0f}", ratio,
            f"{words / result.cpu_seconds:,.0f}", cpu_ratio,
            f"{result.startup:.1f}" if result.startup is not None else "-",
            f"{result.peak_rss:,.0f}", f"{result.tree_rss:,.0f}",
        ])
    return rows


HEADERS = ["configuration", "seconds", "words/s", "vs bare", "words/CPU-s", "vs bare (CPU)", "startup s",
           "peak RSS MB", "all procs MB"]


def print_table(rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(HEADERS) + " |")
        print("| " + " | ".join(["---"] + ["---:"] * (len(HEADERS) - 1)) + " |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))  # noqa: E731
    print(line(HEADERS))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def checks(results: list[Result], words: int, memory: Optional[tuple[int, float, int, float]]) -> list[tuple[str, str, str, bool]]:
    """(what, measured, target, met) for every target that this run measured."""
    by = {r.config.name: r for r in results}
    rate = lambda name: words / by[name].seconds  # noqa: E731
    steady = lambda name: words / (by[name].seconds - by[name].startup) if by[name].startup is not None else None  # noqa: E731
    found = []

    def ratio_check(what: str, a: str, b: str, target: float, cpu: bool = True) -> None:
        if a in by and b in by:
            value = rate(a) / rate(b)
            measured = f"{value:.2f}x"
            sa, sb = steady(a), steady(b)
            if sa and sb:
                measured += f", steady state {sa / sb:.2f}x"
            if cpu:
                measured += f", by CPU time {by[b].cpu_seconds / by[a].cpu_seconds:.2f}x"
            found.append((what, measured, f">= {target}x", value >= target))

    ratio_check("newsx quotes vs bare spaCy", "newsx quotes", BARE, TARGET_QUOTES)
    ratio_check("newsx entities vs bare spaCy", "newsx entities", BARE, TARGET_ENTITIES)
    ratio_check(f"(same, vs spaCy at batch {NEWSX_BATCH}) quotes", "newsx quotes", BARE_16, TARGET_QUOTES)
    ratio_check(f"(same, vs spaCy at batch {NEWSX_BATCH}) entities", "newsx entities", BARE_16, TARGET_ENTITIES)
    ratio_check("quotes -j 2 vs -j 1", "newsx quotes -j 2", "newsx quotes", TARGET_JOBS, cpu=False)
    if memory:
        small_n, small_mb, large_n, large_mb = memory
        value = large_mb / small_mb
        found.append((f"quotes peak RSS, {large_n:,} vs {small_n:,} articles",
                      f"{large_mb:,.0f} / {small_mb:,.0f} MB = {value:.3f}", f"<= {1 + TARGET_MEMORY:.2f}",
                      abs(value - 1) <= TARGET_MEMORY))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200, help="articles for the speed runs (default 200)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration, median reported (default 1)")
    parser.add_argument("--memory", default="100,1000", metavar="SMALL,LARGE",
                        help="article counts of the `newsx quotes` peak-RSS check (default 100,1000)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-RSS check")
    parser.add_argument("--no-startup", action="store_true", help="skip the one-article startup runs")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated configurations: bare,bare16,entities,quotes,analyze,j2")
    parser.add_argument("--markdown", action="store_true", help="print the results as Markdown (for the README)")
    args = parser.parse_args()
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")

    configs = CONFIGS
    if args.only:
        keys = {"bare": BARE, "bare16": BARE_16, "entities": "newsx entities", "quotes": "newsx quotes", "analyze": "newsx analyze",
                "j2": "newsx quotes -j 2"}
        wanted = {keys[k.strip()] for k in args.only.split(",") if k.strip()}
        configs = [c for c in CONFIGS if c.name in wanted]
    memory_counts = None
    if not args.no_memory:
        small, large = (int(n) for n in args.memory.split(","))
        memory_counts = (small, large)

    info = machine()
    texts, origin, held = load_texts(max([args.articles] + (list(memory_counts) if memory_counts else [])))
    speed_texts = texts[: args.articles]
    if args.articles > held > 1:
        origin += f", cycled to {args.articles}"
    words = word_count(speed_texts)
    log = lambda message: print(f"bench: {message}", file=sys.stderr, flush=True)  # noqa: E731
    load_before = os.getloadavg()
    log(f"{len(speed_texts)} articles, {words:,} words from {origin}; load average {load_before[0]:.2f}")
    if load_before[0] > 0.5:
        log("warning: the machine is busy (load average above 0.5): times include contention")
    began = time.perf_counter()

    workdir = Path(tempfile.mkdtemp(prefix="newsx-bench-"))
    try:
        speed_file = workdir / "speed.jsonl"
        write_jsonl(speed_texts, speed_file)
        one_file = workdir / "one.jsonl"
        write_jsonl([min(speed_texts[:20], key=len)], one_file)

        results = [Result(c) for c in configs]
        for repeat in range(args.repeat):
            shift = repeat % len(results)  # rotate the order so no configuration always runs first
            for result in results[shift:] + results[:shift]:
                run = measure(result.config.argv(speed_file), result.config.name)
                result.runs.append(run)
                log(f"{result.config.name}: {run.seconds:.1f} s, {words / run.seconds:,.0f} words/s, "
                    f"peak {run.peak_rss_mb:,.0f} MB")
        if not args.no_startup:
            for result in results:
                result.startup = measure(result.config.argv(one_file), result.config.name).seconds
                log(f"{result.config.name}: startup {result.startup:.1f} s")

        memory = None
        if memory_counts:
            quotes = Config("newsx quotes", "quotes")
            peaks = []
            for count in memory_counts:
                path = workdir / f"memory-{count}.jsonl"
                write_jsonl(texts[:count], path)
                run = measure(quotes.argv(path), f"newsx quotes over {count} articles")
                peaks.append(run.peak_rss_mb)
                log(f"newsx quotes over {count:,} articles: {run.seconds:.1f} s, peak {run.peak_rss_mb:,.0f} MB")
                path.unlink()
            memory = (memory_counts[0], peaks[0], memory_counts[1], peaks[1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()
    elapsed = time.perf_counter() - began

    rows = table_rows(results, words)
    found = checks(results, words, memory)
    md = args.markdown
    if md:
        command = " ".join(["python benchmarks/bench.py"] + sys.argv[1:])
        print(f"Measured with `{command}` on {len(speed_texts)} articles ({words:,} words, {origin}).\n")
        print(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, {info['os']}; "
              f"Python {info['python']}, spaCy {info['spacy']} ({info['deps']}), model {info['model']}. "
              f"Load average {load_before[0]:.2f} before, {load_after[0]:.2f} after.\n")
    else:
        print(f"{len(speed_texts)} articles, {words:,} words ({origin}); {len(configs)} configurations")
        print(f"{info['cpu']}, {info['cores']} cores, {info['memory']}; Python {info['python']}, "
              f"spaCy {info['spacy']} ({info['deps']}); model {info['model']}")
        print(f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; bench took {elapsed:.0f} s\n")
    print_table(rows, md)
    print()
    if md:
        print("| target | measured | wanted | met |")
        print("| --- | --- | --- | --- |")
        for what, measured, target, met in found:
            print(f"| {what} | {measured} | {target} | {'yes' if met else '**no**'} |")
    else:
        for what, measured, target, met in found:
            print(f"{'PASS' if met else 'FAIL'}  {what}: {measured} (target {target})")
    if max(load_before[0], load_after[0]) > 0.5:
        print("\nThe machine was busy (load average above 0.5): wall-clock ratios, -j 2 above all, include "
              "contention; the CPU-time ratios are the steadier ones.")
    print("\nseconds: wall clock, process start to exit (median of --repeat runs); startup s: the same command "
          "over one article; words/CPU-s: words per second of user+system CPU of the process tree; "
          "peak RSS: getrusage of the configuration's own process (largest single process); all procs: "
          "sampled peak of the summed RSS of its process tree (workers included).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
