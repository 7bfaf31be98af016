#!/usr/bin/env python
"""How close newsx runs to its limit, bare spaCy doing the same work, in one run; then context,
scaling in article length, worker processes and memory.

    python benchmarks/bench.py [--quick] [--repeat R] [--articles N] [--scale-chars C]
                               [--only SECTIONS] [--src DIR] [--markdown]

Every configuration runs in its own process (``python -m newsx CMD --jsonl FILE --json`` with
stdout to /dev/null, or a bare-spaCy script), timed from process start to exit: CPU time is
``ru_utime + ru_stime`` of the process and the workers it waited for (``os.wait4``), wall time is
the parent's clock. Start-up (imports, loading the pipeline) is included on both sides, as a user
pays it. Where newsx has ``--timeout-per-article`` (a batch then reads its articles in a worker
process), the runs get ``--timeout-per-article 3600``: the default path, without a spurious timeout
on a loaded machine; an input longer than ``--max-chars``'s default gets a ``--max-chars`` that
lets it in.

Sections (``--only limit,context,jobs,scaling,memory,probe``; all by default):

* ``limit`` (the figures issue 15 asks for). The *limit* of a command is bare spaCy running exactly
  the spaCy components that command loads (``newsx.pipeline.components_to_exclude`` for the
  command's tasks: entities keeps ``ner``; quotes and analyze keep ``tok2vec, tagger, parser, ner``
  with en_core_web_sm) at newsx's batch size (``Extractor``'s default, 8), with one BLAS thread
  (``OPENBLAS/OMP/MKL_NUM_THREADS=1``, what newsx sets), over the same texts:
  ``for doc in nlp.pipe(texts, batch_size=8): pass``. It does not normalise, split long texts,
  add newsx's paragraph-break component or its tokenizer rule, extract or write anything: all that
  is newsx's own work. Each limit run sits next to the newsx run it is compared with, the pair's
  order alternating between rounds (``A B``, then ``B A``); the figure is the median over
  ``--repeat`` rounds of each pair's ratio ``limit CPU / newsx CPU`` (1.00x: as fast as the limit;
  0.95x: 5% slower), and the same by wall time. *newsx's own share* of the CPU is
  ``1 - that ratio``: newsx's CPU minus the limit's on the same input, over newsx's.
* ``context``: the full pipeline (every component of the model) at spaCy's default batch size
  (1,000 texts for en_core_web_sm: one batch holds every article here) and default threads, and at
  batch 8 with one thread, in the same rounds: what a plain spaCy user would run.
* ``jobs``: ``quotes -j 2`` against ``quotes -j 1`` by wall time, run next to each other, with the
  1-minute load average before and after each pair (on a shared machine it decides this figure).
* ``scaling``: the same text (distinct PolNeAR train articles joined, cut to ``--scale-chars``
  characters at a line break) given as one article, as ten of about 100k characters and as a
  thousand of about 1k (cut after a line break, a sentence or a space, so the words are the same).
  For each: CPU per word of ``newsx analyze`` and of its limit on the same input (the 1M-character
  article is one Doc there, with ``nlp.max_length`` raised), newsx's own share by subtraction, and
  the ratio of the one article to the ten (newsx's part must not grow faster than the text).
* ``probe``: newsx's own share measured inside one process instead of by subtraction, once over
  the PolNeAR texts and once per scaling form: the real CLI (``newsx.cli.main``, with
  ``--timeout-per-article 0`` where it exists, so that no worker process reads) runs with every
  spaCy component of the loaded pipeline (the tokenizer, tok2vec, tagger, parser, ner) wrapped by a
  timer that adds up the process CPU time spent in the component itself, not in its upstream
  (``time.process_time`` around each ``next()`` of its ``pipe`` stream, minus the time that stream
  spent pulling documents from upstream). Start-up is the CPU time when ``pipeline.load`` returns;
  newsx's own part is the rest: reading, normalising, splitting and joining long texts
  (``Doc.from_docs``), the paragraph-break component, extraction, writing JSON, spaCy's
  ``Language.pipe`` glue. The timers cost a few calls per document and component. A tracing
  profiler (cProfile) would instead charge its overhead to every Python call, most of them on
  newsx's side, and inflate its share; a statistical one (pyinstrument) would do, but is not a
  dependency. The probe runs once per input, apart from the timed runs.
* ``memory``: peak RSS of ``newsx quotes`` over 1,000 articles against 100 (flat in the number
  of articles: within 10%), and of ``newsx analyze`` over the one long article against one of
  about 100k characters (issue 16: within 2x).

Texts: the distinct texts of the PolNeAR train articles (``../shared/eval/polnear/train.jsonl``
beside the repository, or ``$NEWSX_EVAL_DIR/polnear/train.jsonl``), cycled when more are asked for;
without them, ``seeds/000_74118320347f371e.txt`` repeated. They are written only to JSON Lines files
in a temporary directory (never into the repository), deleted at the end. Words are the
whitespace-separated words of the texts.

``--src DIR`` measures another tree's code (its ``src`` first on ``PYTHONPATH``, same interpreter
and packages): e.g. ``git worktree add /tmp/wt-base 5fb95ce`` and ``--src /tmp/wt-base``.

The machine is shared: the load average is printed before and after; figures are medians of
paired ratios over ``--repeat`` rounds (3 by default). ``--quick`` is a smoke test (40 articles,
one round, a 200k-character scaling text, a small memory check); its figures are not the targets'.
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
from pathlib import Path
from typing import Callable, Optional, Sequence

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_74118320347f371e.txt"
PAGE = os.sysconf("SC_PAGE_SIZE")

#: The tasks each newsx command runs (newsx/cli).
COMMANDS = {"entities": ("entities",), "quotes": ("quotes",), "analyze": ("entities", "quotes")}
#: What newsx.pipeline sets before numpy loads; the limit runs get the same.
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

# Targets. Issue 15 ("Done when"):
TARGET_QUOTES = 0.95  # newsx quotes >= 0.95x its limit, CPU, median of paired ratios
TARGET_ENTITIES = 0.98  # newsx entities >= 0.98x its limit
TARGET_LONG = 1.05  # one 1M-character article <= 1.05x the CPU of the same text as ten 100k articles
TARGET_SHARE = 0.05  # newsx's own share of CPU <= 5% on PolNeAR train articles
# Earlier targets, kept in view:
TARGET_JOBS = 1.7  # quotes -j 2 >= 1.7x quotes -j 1, wall clock, on an idle 2-core machine
TARGET_MEMORY = 1.10  # quotes peak RSS over 1,000 articles <= 1.10x over 100
TARGET_LONG_MEMORY = 2.0  # issue 16: peak RSS for a 1M-character article <= 2x that for a 100k one

SCALING_COMMAND = "analyze"

# -- the scripts the configurations run (with the measured tree's newsx on PYTHONPATH) ---------------

INFO = r"""
import inspect, json, sys
from importlib import metadata
import newsx
from newsx import pipeline, reading, runner
from newsx.core import Extractor
from spacy.util import load_config
name = pipeline.resolve_model()
config_path = pipeline._config_path(name)
components = list(load_config(config_path, interpolate=False)["nlp"]["pipeline"]) if config_path else []
commands = {}
for command, tasks in json.loads(sys.argv[1]).items():
    excluded = pipeline.components_to_exclude(name, tuple(tasks))
    commands[command] = [c for c in components if c not in excluded]
def version(dist):
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"
print(json.dumps({
    "newsx": newsx.__file__, "model": name, "model_version": version(name), "components": components,
    "commands": commands,
    "batch_size": inspect.signature(Extractor).parameters["batch_size"].default,
    "batch_chars": getattr(pipeline, "BATCH_CHARS", None), "chunk_chars": getattr(pipeline, "CHUNK_CHARS", None),
    "timeout_option": hasattr(runner, "DEFAULT_TIMEOUT"), "max_chars": reading.DEFAULT_MAX_CHARS,
    "versions": {d: version(d) for d in ("spacy", "thinc", "numpy", "blis")},
}))
"""

BARE = r"""
import json, sys
from newsx import pipeline
import spacy
path, tasks, batch_size, longest = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
name = pipeline.resolve_model()
exclude = [] if tasks == "full" else pipeline.components_to_exclude(name, tuple(tasks.split(",")))
loadable = getattr(pipeline, "_loadable", lambda n: n)(name)
nlp = spacy.load(loadable, exclude=exclude)
nlp.max_length = max(nlp.max_length, longest + 1)
options = {"batch_size": batch_size} if batch_size else {}
with open(path, encoding="utf-8") as lines:
    for doc in nlp.pipe((json.loads(line)["text"] for line in lines), **options):
        pass
"""

PROBE = r"""
import json, resource, sys, time
out_path, argv = sys.argv[1], sys.argv[2:]
clock = time.process_time
spent = {}
marks = {}


class Timed:
    # A spaCy component whose own CPU time (not its upstream's) is added to spent[name].
    def __init__(self, name, proc):
        self._name, self._proc = name, proc
        spent.setdefault(name, 0.0)

    def __getattr__(self, attr):
        return getattr(self._proc, attr)

    def __call__(self, doc, **kwargs):
        started = clock()
        try:
            return self._proc(doc, **kwargs)
        finally:
            spent[self._name] += clock() - started

    def pipe(self, docs, **kwargs):
        upstream = [0.0]

        def source():
            started = clock()
            for doc in docs:
                upstream[0] += clock() - started
                yield doc
                started = clock()
            upstream[0] += clock() - started

        stream = self._proc.pipe(source(), **kwargs)
        while True:
            started, before = clock(), upstream[0]
            try:
                doc = next(stream)
            except StopIteration:
                return
            finally:
                spent[self._name] += (clock() - started) - (upstream[0] - before)
            yield doc


own = {}


def timed(function, label):
    # function, adding its CPU time to own[label] (parts of newsx's own time, none inside another).
    own.setdefault(label, 0.0)

    def call(*args, **kwargs):
        started = clock()
        try:
            return function(*args, **kwargs)
        finally:
            own[label] += clock() - started
    return call


class Proxy:
    def __init__(self, wrapped, **overrides):
        self._wrapped = wrapped
        self.__dict__.update(overrides)

    def __getattr__(self, attr):
        return getattr(self._wrapped, attr)


class Call(Proxy):
    def __call__(self, *args, **kwargs):
        return self._call(*args, **kwargs)


import newsx.core as core
import newsx.pipeline as pipeline
import newsx.runner as runner

original_load = pipeline.load


def load(*args, **kwargs):
    nlp = original_load(*args, **kwargs)
    if not getattr(nlp, "_bench_timed", False):
        nlp._bench_timed = True
        nlp.tokenizer = Timed("tokenizer", nlp.tokenizer)
        nlp._components = [(name, Call(proc, _call=timed(proc, name.replace("newsx_", "").replace("_", " ")))
                            if getattr(proc, "__module__", "").startswith("newsx") else Timed(name, proc))
                           for name, proc in nlp._components]
        marks.setdefault("loaded", clock())
    return nlp


pipeline.load = load
for owner, attr, label in ((core, "normalize", "normalising"), (core, "chunks", "normalising"),
                           (core.Extractor, "analyze_doc", "extraction")):
    if hasattr(owner, attr):
        setattr(owner, attr, timed(getattr(owner, attr), label))
if hasattr(runner, "_writer"):
    original_writer = runner._writer
    runner._writer = lambda *args, **kwargs: (lambda w: Proxy(w, write=timed(w.write, "writing")))(
        original_writer(*args, **kwargs))
sys.argv = ["newsx"] + argv
code = 0
try:
    from newsx.cli import main
    main()
except SystemExit as exit:
    code = exit.code
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(out_path, "w") as out:
        json.dump({"cpu": usage.ru_utime + usage.ru_stime, "startup": marks.get("loaded"), "spacy": spent,
                   "parts": own, "code": code}, out)
sys.exit(code)
"""


# -- texts ------------------------------------------------------------------------------------------


def eval_file() -> Path:
    base = Path(os.environ["NEWSX_EVAL_DIR"]) if os.environ.get("NEWSX_EVAL_DIR") else REPO.parent / "shared" / "eval"
    return base / "polnear" / "train.jsonl"


def load_corpus() -> tuple[list[str], str]:
    """The distinct texts of PolNeAR train, in file order (the seed when they are not there), and
    where they came from."""
    path = eval_file()
    if path.is_file():
        texts: dict[str, None] = {}
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    texts.setdefault(json.loads(line)["text"], None)
        return list(texts), f"PolNeAR train, {len(texts)} distinct articles"
    return [SEED.read_text(encoding="utf-8")], f"{SEED.relative_to(REPO)} repeated (no {path})"


def cycled(corpus: list[str], count: int) -> list[str]:
    return [corpus[i % len(corpus)] for i in range(count)]



def scale_text(corpus: list[str], chars: int) -> str:
    """The corpus's texts joined by blank lines, cut at a line break to at most ``chars`` characters."""
    parts, total = [], 0
    while total < chars:
        for text in corpus:
            parts.append(text.strip())
            total += len(parts[-1]) + 2
            if total >= chars:
                break
    text = "\n\n".join(parts)[:chars]
    cut = text.rfind("\n")
    return text[:cut + 1] if cut > 0 else text


def _break_after(text: str, at: int, window: int) -> int:
    """The first place at or after ``at`` to cut ``text``: after a line break within ``window``
    characters, else after a sentence, else after a space."""
    for mark in ("\n", ". ", " "):
        found = text.find(mark, at, at + window)
        if found >= 0:
            return found + len(mark)
    found = text.find(" ", at)
    return found + 1 if found >= 0 else len(text)


def split_even(text: str, count: int) -> list[str]:
    """``text`` as ``count`` pieces of about equal length, cut only after whitespace: the pieces
    concatenate to ``text`` and hold the same words."""
    cuts = [0]
    for k in range(1, count):
        at = max(k * len(text) // count, cuts[-1] + 1)
        if at >= len(text):
            break
        cuts.append(_break_after(text, at, max(50, len(text) // count // 5)))
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def word_count(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


def write_jsonl(texts: Sequence[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for number, text in enumerate(texts):
            out.write(json.dumps({"id": f"a{number}", "text": text}, ensure_ascii=False) + "\n")
    return path


@dataclass
class Input:
    """A JSON Lines file of texts, as both sides of a comparison read it."""

    label: str
    path: Path
    articles: int
    words: int
    longest: int


def make_input(label: str, texts: Sequence[str], path: Path) -> Input:
    return Input(label, write_jsonl(texts, path), len(texts), word_count(texts), max(len(t) for t in texts))


# -- running one configuration ----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """One way of processing an input: ``bare`` spaCy (``tasks`` "full" or a command's tasks) or a
    newsx ``command``."""

    name: str
    kind: str  # "bare" | "newsx"
    tasks: str = ""  # bare: "full" or comma-separated newsx tasks
    command: str = ""  # newsx: the subcommand
    jobs: int = 1
    batch_size: int = 0  # bare: 0 is the model's own ([nlp] batch_size)
    one_blas_thread: bool = True

    def argv(self, source: Input, newsx_options: Sequence[str] = ()) -> list[str]:
        if self.kind == "bare":
            return [sys.executable, "-c", BARE, str(source.path), self.tasks, str(self.batch_size), str(source.longest)]
        argv = [sys.executable, "-m", "newsx", self.command, "--jsonl", str(source.path), "--json", *newsx_options]
        return argv + (["-j", str(self.jobs)] if self.jobs != 1 else [])


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss_mb: float  # ru_maxrss of the process (the largest of it and the workers it waited for)
    tree_rss_mb: float  # sampled peak of the summed RSS of the process and its descendants (-j only)
    load_before: float
    load_after: float


class Bench:
    """Runs configurations with the measured tree's code and keeps what each run measured."""

    def __init__(self, src: Path, workdir: Path, log: Callable[[str], None]):
        self.src, self.workdir, self.log = src, workdir, log
        self.options: dict = {"timeout_option": False, "max_chars": None}

    def newsx_options(self, source: Input, timeout: str = "3600") -> list[str]:
        """What every newsx run is given besides its input: a time budget per article that no bench
        input reaches (the default batch path, workers included, without a spurious timeout on a
        loaded machine), and a --max-chars that lets the longest input in."""
        options = ["--timeout-per-article", timeout] if self.options["timeout_option"] else []
        if self.options["max_chars"] and source.longest > self.options["max_chars"]:
            options += ["--max-chars", str(source.longest)]
        return options

    def env(self, config: Optional[Config] = None) -> dict[str, str]:
        env = dict(os.environ, NEWSX_NO_PROGRESS="1")
        env["PYTHONPATH"] = os.pathsep.join([str(self.src)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        for variable in BLAS_VARIABLES:
            if config is None or config.one_blas_thread:
                env[variable] = "1"
            else:
                env.pop(variable, None)
        return env

    def info(self) -> dict:
        done = subprocess.run([sys.executable, "-c", INFO, json.dumps(COMMANDS)], capture_output=True, text=True,
                              env=self.env(), cwd=self.workdir)
        if done.returncode != 0:
            raise SystemExit(f"bench: cannot read the measured newsx:\n{done.stderr.strip()[-2000:]}")
        info = json.loads(done.stdout)
        self.options = {key: info[key] for key in self.options}
        return info

    def measure(self, config: Config, source: Input) -> Run:
        """Run ``config`` over ``source`` with stdout to /dev/null."""
        label = f"{config.name} over {source.label}"
        argv = config.argv(source, self.newsx_options(source))
        load_before = os.getloadavg()[0]
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
                                       env=self.env(config), cwd=self.workdir)
            peak_tree = 0
            done = threading.Event()

            def sample() -> None:  # only for worker processes: ru_maxrss is one process's
                nonlocal peak_tree
                while not done.wait(0.5):
                    peak_tree = max(peak_tree, _tree_rss(process.pid))

            sampler = threading.Thread(target=sample, daemon=True)
            if config.jobs > 1:
                sampler.start()
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
            done.set()
            if sampler.is_alive():
                sampler.join()
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                errors.seek(0)
                tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-15:]
                raise SystemExit(f"bench: {label} exited with {process.returncode}:\n  " + "\n  ".join(tail))
        peak = usage.ru_maxrss / 1024  # KiB on Linux
        run = Run(wall, usage.ru_utime + usage.ru_stime, peak, max(peak_tree / 2**20, peak), load_before,
                  os.getloadavg()[0])
        self.log(f"{label}: {run.cpu:.1f} CPU-s, {run.wall:.1f} s, {source.words / run.cpu:,.0f} words/CPU-s, "
                 f"peak {run.peak_rss_mb:,.0f} MB, load {run.load_before:.2f}")
        return run

    def probe(self, command: str, source: Input) -> dict:
        """newsx ``command`` over ``source`` in one process, with spaCy's components timed."""
        out = self.workdir / "probe.json"
        # No time budget: the articles are read in this process, not in a worker, where the timers are.
        argv = [sys.executable, "-c", PROBE, str(out), command, "--jsonl", str(source.path), "--json",
                *self.newsx_options(source, timeout="0")]
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=self.env(), cwd=self.workdir)
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip()[-2000:]
            raise SystemExit(f"bench: probe of newsx {command} over {source.label} exited with {done.returncode}:\n{tail}")
        result = json.loads(out.read_text())
        out.unlink()
        spacy_cpu = sum(result["spacy"].values())
        startup = result["startup"] or 0.0
        result["own"] = result["cpu"] - startup - spacy_cpu
        self.log(f"probe newsx {command} over {source.label}: {result['cpu']:.1f} CPU-s, spaCy {spacy_cpu:.1f}, "
                 f"start-up {startup:.1f}, newsx's own {result['own']:.2f} ({result['own'] / result['cpu']:.1%})")
        return result


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


# -- rounds of interleaved runs ---------------------------------------------------------------------


@dataclass
class Series:
    """The runs of one configuration over one input, one per round."""

    config: Config
    source: Input
    runs: list[Run] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(r, what) for r in self.runs)


def run_rounds(bench: Bench, schedule: list[Series], rounds: int) -> None:
    """Run every series once per round, in the schedule's order, reversed every other round: runs
    compared with each other sit next to each other, and neither always goes first."""
    for number in range(rounds):
        order = schedule if number % 2 == 0 else schedule[::-1]
        bench.log(f"round {number + 1} of {rounds}, load average {os.getloadavg()[0]:.2f}")
        for series in order:
            series.runs.append(bench.measure(series.config, series.source))


@dataclass
class Ratio:
    """Paired ratios, one per round: their median and range."""

    values: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def text(self, suffix: str = "x", digits: int = 2) -> str:
        spread = f" ({min(self.values):.{digits}f}-{max(self.values):.{digits}f})" if len(self.values) > 1 else ""
        return f"{self.median:.{digits}f}{suffix}{spread}"

    def percent(self) -> str:
        spread = f" ({min(self.values):.1%} to {max(self.values):.1%})" if len(self.values) > 1 else ""
        return f"{self.median:.1%}{spread}"


def paired(a: Series, b: Series, what: str = "cpu") -> Ratio:
    """Round by round, ``a``'s figure over ``b``'s (``what``: "cpu" or "wall")."""
    return Ratio([getattr(x, what) / getattr(y, what) for x, y in zip(a.runs, b.runs)])


def share(limit: Series, newsx: Series) -> Ratio:
    """Round by round, newsx's CPU minus its limit's, over newsx's."""
    return Ratio([1 - x.cpu / y.cpu for x, y in zip(limit.runs, newsx.runs)])


# -- the report -------------------------------------------------------------------------------------


def machine(info: dict) -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = f"{os.sysconf('SC_PHYS_PAGES') * PAGE / 2**30:.0f} GiB"
    v = info["versions"]
    return (f"{cpu}, {os.cpu_count()} cores, {memory}, {platform.system()} {platform.release()}; Python "
            f"{platform.python_version()}, spaCy {v['spacy']} (thinc {v['thinc']}, numpy {v['numpy']}, blis "
            f"{v['blis']}), model {info['model']} {info['model_version']}")


def describe_tree(src: Path) -> str:
    try:
        commit = subprocess.run(["git", "-C", str(src), "log", "-1", "--format=%h %s"], capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(src), "status", "--porcelain", "--", "."], capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return str(src)
    subject = commit.split(" ", 1)
    short = subject[1][:60] + ("..." if len(subject[1]) > 60 else "") if len(subject) > 1 else ""
    return f"{subject[0]} ({short}){' with uncommitted changes' if dirty else ''}"


class Report:
    """Collects the tables and checks; prints them as text or Markdown."""

    def __init__(self, markdown: bool):
        self.markdown = markdown
        self.blocks: list[tuple[str, list[str], list[list[str]], str]] = []
        self.checks: list[tuple[str, str, str, str, bool]] = []  # group, what, measured, wanted, met

    def table(self, title: str, headers: list[str], rows: list[list[str]], note: str = "") -> None:
        self.blocks.append((title, headers, rows, note))

    def check(self, group: str, what: str, measured: str, wanted: str, met: bool) -> None:
        self.checks.append((group, what, measured, wanted, met))

    def print_checks(self) -> None:
        groups = list(dict.fromkeys(c[0] for c in self.checks))
        for group in groups:
            checks = [c for c in self.checks if c[0] == group]
            if self.markdown:
                print(f"**{group}**\n")
                print("| target | measured | wanted | met |")
                print("| --- | --- | --- | --- |")
                for _, what, measured, wanted, met in checks:
                    print(f"| {what} | {measured} | {wanted} | {'yes' if met else '**no**'} |")
            else:
                print(f"{group}:")
                for _, what, measured, wanted, met in checks:
                    print(f"  {'PASS' if met else 'FAIL'}  {what}: {measured} (wanted {wanted})")
            print()

    def print_tables(self) -> None:
        for title, headers, rows, note in self.blocks:
            if self.markdown:
                print(f"**{title}**\n")
                print("| " + " | ".join(headers) + " |")
                numeric = [i > 0 and all(r[i][:1].isdigit() or r[i][:1] in "-." for r in rows) for i in range(len(headers))]
                print("| " + " | ".join("---:" if n else "---" for n in numeric) + " |")
                for row in rows:
                    print("| " + " | ".join(row) + " |")
                print()
                if note:
                    print(note + "\n")
                continue
            print(title)
            widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
            line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                                           for i, (c, w) in enumerate(zip(cells, widths)))
            print("  " + line(headers))
            print("  " + "  ".join("-" * w for w in widths))
            for row in rows:
                print("  " + line(row))
            if note:
                print("  " + note)
            print()


def fmt_seconds(series: Series, what: str = "cpu") -> str:
    return f"{series.median(what):.1f}"


def per_word_us(series: Series) -> float:
    return series.median("cpu") / series.source.words * 1e6


# -- main -------------------------------------------------------------------------------------------

SECTIONS = ("limit", "context", "jobs", "scaling", "probe", "memory")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="a smoke test: 40 articles, one round, 200k-character scaling text, memory 20 vs 100 articles")
    parser.add_argument("--articles", type=int, help="PolNeAR articles for the limit, context and jobs runs (200)")
    parser.add_argument("--repeat", type=int, help="rounds of interleaved runs; medians of paired ratios (3)")
    parser.add_argument("--scale-chars", type=int, help="characters of the scaling text (1,000,000)")
    parser.add_argument("--memory", metavar="SMALL,LARGE", help="article counts of the quotes peak-RSS check (100,1000)")
    parser.add_argument("--only", metavar="SECTIONS", help=f"comma-separated, of: {','.join(SECTIONS)} (default all)")
    parser.add_argument("--src", type=Path, default=REPO / "src",
                        help="the src directory (or tree) of the newsx to measure (default: this tree's)")
    parser.add_argument("--markdown", action="store_true", help="print the results as Markdown (for the README)")
    args = parser.parse_args()
    quick = args.quick
    args.articles = args.articles or (40 if quick else 200)
    args.repeat = args.repeat or (1 if quick else 3)
    args.scale_chars = args.scale_chars or (200_000 if quick else 1_000_000)
    try:
        args.memory = tuple(int(n) for n in (args.memory or ("20,100" if quick else "100,1000")).split(","))
        assert len(args.memory) == 2
    except (ValueError, AssertionError):
        parser.error("--memory takes two article counts: SMALL,LARGE")
    args.sections = set(SECTIONS) if not args.only else {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = args.sections - set(SECTIONS)
    if unknown:
        parser.error(f"--only: unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if args.articles < 1 or args.repeat < 1 or args.scale_chars < 2_000:
        parser.error("--articles and --repeat must be at least 1, --scale-chars at least 2000")
    src = args.src.resolve()
    args.src = src / "src" if (src / "src" / "newsx").is_dir() else src
    if not (args.src / "newsx").is_dir():
        parser.error(f"--src: no newsx package in {args.src}")
    return args


def main() -> int:
    args = parse_args()
    log = lambda message: print(f"bench: {message}", file=sys.stderr, flush=True)  # noqa: E731
    workdir = Path(tempfile.mkdtemp(prefix="newsx-bench-"))
    bench = Bench(args.src, workdir, log)
    began, load_before = time.perf_counter(), os.getloadavg()
    try:
        info = bench.info()
        log(f"measuring {info['newsx']} ({describe_tree(args.src)}); load average {load_before[0]:.2f}")
        report = Report(args.markdown)
        corpus, origin = load_corpus()
        measure_all(bench, args, info, corpus, report)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()
    elapsed = time.perf_counter() - began

    command = " ".join(["python benchmarks/bench.py"] + sys.argv[1:])
    batch = f"batch {info['batch_size']}" + (f", at most {info['batch_chars']:,} characters" if info["batch_chars"] else "")
    head = [
        f"Measured with `{command}` on {describe_tree(args.src)}: texts from {origin}; newsx reads {batch} at a time.",
        f"Machine: {machine(info)}.",
        f"Load average (1, 5, 15 min) {', '.join(f'{x:.2f}' for x in load_before)} before, "
        f"{', '.join(f'{x:.2f}' for x in load_after)} after; {args.repeat} round(s); the bench took {elapsed / 60:.0f} min.",
    ]
    if args.quick:
        head.append("--quick: fewer and smaller inputs than the targets are defined on; a smoke test, not the figures.")
    if max(load_before[0], load_after[0]) > 0.5:
        head.append("The machine was busy (load average above 0.5): wall-clock figures, -j 2 above all, include "
                    "contention; CPU-time ratios of adjacent runs are the steadier ones.")
    print(("\n\n" if args.markdown else "\n").join(head) + "\n")
    report.print_checks()
    report.print_tables()
    return 0


def measure_all(bench: Bench, args: argparse.Namespace, info: dict, corpus: list[str], report: Report) -> None:
    """Run the sections asked for, adding their tables and checks to ``report``."""
    sections = args.sections
    workdir = bench.workdir
    batch = info["batch_size"]
    kept = info["commands"]
    done_when = "Done when (issue 15)"
    other = "Other targets"

    def bare(command: str) -> Config:
        return Config(f"limit of {command} ({', '.join(kept[command])}, batch {batch})", "bare",
                      tasks=",".join(COMMANDS[command]), batch_size=batch)

    def newsx(command: str, jobs: int = 1) -> Config:
        return Config(f"newsx {command}" + (f" -j {jobs}" if jobs > 1 else ""), "newsx", command=command, jobs=jobs)

    # -- limit, context and jobs: rounds over the PolNeAR texts -------------------------------------
    if sections & {"limit", "context", "jobs"}:
        speed = make_input(f"{args.articles} articles", cycled(corpus, args.articles), workdir / "speed.jsonl")
        short = make_input("one article", [min(cycled(corpus, min(args.articles, 20)), key=len)], workdir / "one.jsonl")
        bench.log(f"{speed.articles} articles, {speed.words:,} words")
        schedule: list[Series] = []
        series: dict[str, Series] = {}

        def add(key: str, config: Config, source: Input = speed) -> Series:
            if key not in series:
                series[key] = Series(config, source)
                schedule.append(series[key])
            return series[key]

        # Order: the runs a ratio compares are neighbours (the order reverses every other round).
        if "context" in sections:
            add("full", Config("spaCy, full pipeline, default batch and threads", "bare", tasks="full",
                               one_blas_thread=False))
            add("full8", Config(f"spaCy, full pipeline, batch {batch}, one BLAS thread", "bare", tasks="full",
                                batch_size=batch))
        if sections & {"limit", "context"}:
            add("limit entities", bare("entities"))
            add("entities", newsx("entities"))
        if "jobs" in sections:
            add("quotes -j 2", newsx("quotes", 2))
        add("quotes", newsx("quotes"))
        if sections & {"limit", "context"}:
            add("limit quotes", bare("quotes"))
        if "limit" in sections:
            if kept["analyze"] != kept["quotes"]:
                add("limit analyze", bare("analyze"))
            add("analyze", newsx("analyze"))
            add("start-up quotes", newsx("quotes"), short)
            add("start-up limit", bare("quotes"), short)
        run_rounds(bench, schedule, args.repeat)

        if "limit" in sections:
            rows, shares = [], {}
            for command in COMMANDS:
                limit = series.get(f"limit {command}") or series["limit quotes"]
                ours = series[command]
                cpu, wall, own = paired(limit, ours, "cpu"), paired(limit, ours, "wall"), share(limit, ours)
                shares[command] = own
                rows.append([f"newsx {command}", ", ".join(kept[command]), fmt_seconds(limit), fmt_seconds(ours),
                             cpu.text(), fmt_seconds(limit, "wall"), fmt_seconds(ours, "wall"), wall.text(),
                             f"{own.median:.1%}"])
                if command == "quotes":
                    report.check(done_when, "quotes vs its limit, CPU", cpu.text(), f">= {TARGET_QUOTES:.2f}x",
                                 cpu.median >= TARGET_QUOTES)
                if command == "entities":
                    report.check(done_when, "entities vs its limit, CPU", cpu.text(), f">= {TARGET_ENTITIES:.2f}x",
                                 cpu.median >= TARGET_ENTITIES)
            limit, ours = series["start-up limit"], series["start-up quotes"]
            rows.append([f"newsx quotes, {short.label} ({short.words:,} words): start-up", ", ".join(kept["quotes"]),
                         f"{limit.median('cpu'):.2f}", f"{ours.median('cpu'):.2f}", paired(limit, ours).text(),
                         f"{limit.median('wall'):.2f}", f"{ours.median('wall'):.2f}", paired(limit, ours, "wall").text(),
                         f"{share(limit, ours).median:.1%}"])
            analyze_share = shares["analyze"]
            report.check(done_when, f"newsx's own share of CPU, analyze over {speed.articles} PolNeAR train articles",
                         analyze_share.percent(),
                         f"<= {TARGET_SHARE:.0%}", analyze_share.median <= TARGET_SHARE)
            report.table(
                f"Against the limit: {speed.articles} PolNeAR train articles, {speed.words:,} words",
                ["command", "limit: spaCy components", "limit CPU s", "newsx CPU s", "vs limit (CPU)", "limit s",
                 "newsx s", "vs limit (wall)", "newsx's own share"], rows,
                f"limit: bare spaCy with the command's components, batch {batch}, one BLAS thread, same texts. "
                "Seconds are medians; ratios (limit / newsx) are medians of paired runs, range in brackets; "
                "own share = 1 - the CPU ratio.")
        if "context" in sections:
            rows = []
            for key in ("full", "full8", "limit entities", "limit quotes", "entities", "quotes", "analyze"):
                if key not in series:
                    continue
                s = series[key]
                vs = [paired(s, series[c]).text() if c in series else "-" for c in ("entities", "quotes")]
                rows.append([s.config.name, fmt_seconds(s), f"{s.source.words / s.median('cpu'):,.0f}",
                             fmt_seconds(s, "wall"), *vs, f"{max(r.peak_rss_mb for r in s.runs):,.0f}"])
            report.table("Context: the full pipeline, as a plain spaCy user runs it", [
                "configuration", "CPU s", "words/CPU-s", "wall s", "newsx entities vs it (CPU)",
                "newsx quotes vs it (CPU)", "peak RSS MB"], rows,
                f"Full pipeline: {', '.join(info['components'])}; spaCy's default batch is the model's ([nlp] "
                "batch_size, 1,000 for en_core_web_sm). A ratio above 1 means newsx is faster than that configuration "
                "(medians of per-round ratios).")
        if "jobs" in sections:
            one, two = series["quotes"], series["quotes -j 2"]
            speedup = paired(one, two, "wall")
            rows = [[str(n + 1), f"{a.load_before:.2f}", f"{a.wall:.1f}", f"{b.wall:.1f}", f"{a.wall / b.wall:.2f}x",
                     f"{max(a.load_after, b.load_after):.2f}", f"{b.tree_rss_mb:,.0f}"]
                    for n, (a, b) in enumerate(zip(one.runs, two.runs))]
            report.table(f"quotes -j 2 against -j 1 (wall clock), {speed.articles} articles",
                         ["round", "load before", "-j 1 s", "-j 2 s", "speed-up", "load after", "-j 2 all procs MB"], rows,
                         f"CPU: -j 1 {fmt_seconds(one)} s, -j 2 {fmt_seconds(two)} s (two pipelines loaded). With two "
                         "cores, -j 2 can only reach 2x when nothing else runs.")
            report.check(other, "quotes -j 2 vs -j 1, wall clock", speedup.text(), f">= {TARGET_JOBS}x "
                         f"(load {min(r.load_before for r in one.runs + two.runs):.2f}-"
                         f"{max(r.load_after for r in one.runs + two.runs):.2f})", speedup.median >= TARGET_JOBS)

    # -- scaling: the same text as one long article, ten, a thousand --------------------------------
    text = scale_text(corpus, args.scale_chars) if sections & {"scaling", "probe", "memory"} else ""
    forms: list[Input] = []
    if text:
        hundreds = max(2, round(len(text) / 100_000))
        thousands = max(2, round(len(text) / 1_000))
        for count in (1, hundreds, thousands):
            pieces = split_even(text, count)
            forms.append(make_input(f"{len(pieces):,} x {_k(len(text) // len(pieces))}", pieces,
                                    workdir / f"scale-{count}.jsonl"))
        assert len({f.words for f in forms}) == 1, "the scaling forms must hold the same words"
    long_runs: dict[str, Series] = {}
    if "scaling" in sections:
        bench.log(f"scaling: {len(text):,} characters, {forms[0].words:,} words, as " + ", ".join(f.label for f in forms))
        schedule, pairs = [], []
        for form in forms:
            pair = (Series(bare(SCALING_COMMAND), form), Series(newsx(SCALING_COMMAND), form))
            pairs.append(pair)
            schedule.extend(pair)
        run_rounds(bench, schedule, args.repeat)
        long_runs = {"one": pairs[0][1], "tenths": pairs[1][1]}
        probes = {form.label: bench.probe(SCALING_COMMAND, form) for form in forms} if "probe" in sections else {}
        rows = []
        for (limit, ours), form in zip(pairs, forms):
            own = share(limit, ours)
            probe = probes.get(form.label)
            rows.append([form.label, f"{form.words:,}", fmt_seconds(limit), f"{per_word_us(limit):.0f}",
                         fmt_seconds(ours), f"{per_word_us(ours):.0f}", paired(limit, ours).text(),
                         f"{own.median:.1%}", f"{probe['own'] / probe['cpu']:.1%}" if probe else "-",
                         f"{max(r.peak_rss_mb for r in ours.runs):,.0f}"])
        one_vs_ten = paired(pairs[0][1], pairs[1][1])
        bare_one_vs_ten = paired(pairs[0][0], pairs[1][0])
        report.table(f"Scaling: the same {len(text):,} characters ({forms[0].words:,} words) as one article, "
                     f"as {forms[1].articles}, as {forms[2].articles:,}; newsx {SCALING_COMMAND}", [
                         "articles", "words", "limit CPU s", "limit µs/word", "newsx CPU s", "newsx µs/word",
                         "vs limit (CPU)", "own share (subtraction)", "own share (probe)", "newsx peak RSS MB"], rows,
                     f"One article against {forms[1].articles} (CPU, paired): newsx {one_vs_ten.text()}, limit "
                     f"{bare_one_vs_ten.text()}. The limit reads each article as one Doc (the long one too); newsx "
                     f"splits articles above {info['chunk_chars']:,} characters into pieces"
                     + (f" and caps a batch at {info['batch_chars']:,} characters" if info["batch_chars"] else "")
                     + ". Probe: newsx's own CPU measured inside the process (see the docstring).")
        wanted = f"<= {TARGET_LONG:.2f}x"
        report.check(done_when, f"one {_k(len(text))}-character article vs the same text as {forms[1].articles} "
                     f"articles, CPU", one_vs_ten.text(), wanted, one_vs_ten.median <= TARGET_LONG)

    # -- probe over the PolNeAR texts ---------------------------------------------------------------
    if "probe" in sections:
        polnear = make_input(f"{args.articles} articles", cycled(corpus, args.articles), workdir / "probe.jsonl")
        probe = bench.probe("analyze", polnear)
        spacy_cpu = sum(probe["spacy"].values())
        parts = ", ".join(f"{name} {seconds:.1f}" for name, seconds in probe["spacy"].items())
        rows = [["spaCy's components", f"{spacy_cpu:.1f}", f"{spacy_cpu / probe['cpu']:.1%}", parts],
                ["start-up (imports, loading the pipeline)", f"{probe['startup']:.1f}",
                 f"{probe['startup'] / probe['cpu']:.1%}", ""],
                ["newsx's own code (the rest)", f"{probe['own']:.2f}", f"{probe['own'] / probe['cpu']:.1%}",
                 ", ".join(f"{name} {seconds:.2f}" for name, seconds in probe["parts"].items())
                 + f", the rest {probe['own'] - sum(probe['parts'].values()):.2f} (reading, joining pieces, spaCy's "
                 "pipe glue)"],
                ["total", f"{probe['cpu']:.1f}", "100%", ""]]
        report.table(f"Inside one process: newsx analyze over {polnear.articles} PolNeAR train articles (probe)",
                     ["part", "CPU s", "share", "detail (CPU s)"], rows)
        report.check(other, f"newsx's own share of CPU measured inside the process, analyze over {polnear.articles} "
                     "PolNeAR train articles", f"{probe['own'] / probe['cpu']:.1%} (start-up "
                     f"{probe['startup'] / probe['cpu']:.1%} besides)", f"<= {TARGET_SHARE:.0%}",
                     probe["own"] / probe["cpu"] <= TARGET_SHARE)

    # -- memory -------------------------------------------------------------------------------------
    if "memory" in sections:
        small, large = args.memory
        peaks = []
        for count in (small, large):
            source = make_input(f"{count} articles", cycled(corpus, count), workdir / f"memory-{count}.jsonl")
            peaks.append(bench.measure(newsx("quotes"), source).peak_rss_mb)
            source.path.unlink()
        rows = [[f"newsx quotes over {small:,} / {large:,} articles", f"{peaks[0]:,.0f}", f"{peaks[1]:,.0f}",
                 f"{peaks[1] / peaks[0]:.2f}x"]]
        report.check(other, f"quotes peak RSS, {large:,} vs {small:,} articles", f"{peaks[1] / peaks[0]:.2f}x",
                     f"<= {TARGET_MEMORY:.2f}x", peaks[1] / peaks[0] <= TARGET_MEMORY)
        one = long_runs.get("one")
        long_peak = max(r.peak_rss_mb for r in one.runs) if one else bench.measure(newsx(SCALING_COMMAND), forms[0]).peak_rss_mb
        hundred = split_even(text, max(2, round(len(text) / 100_000)))[0]
        source = make_input(f"one {_k(len(hundred))} article", [hundred], workdir / "memory-100k.jsonl")
        hundred_peak = bench.measure(newsx(SCALING_COMMAND), source).peak_rss_mb
        rows.append([f"newsx {SCALING_COMMAND}, one {_k(len(hundred))} / one {_k(len(text))}-character article",
                     f"{hundred_peak:,.0f}", f"{long_peak:,.0f}", f"{long_peak / hundred_peak:.2f}x"])
        report.check(other, f"{SCALING_COMMAND} peak RSS, one {_k(len(text))}-character article vs one "
                     f"{_k(len(hundred))} (issue 16)", f"{long_peak / hundred_peak:.2f}x", f"<= {TARGET_LONG_MEMORY:.1f}x",
                     long_peak / hundred_peak <= TARGET_LONG_MEMORY)
        report.table("Peak memory (RSS of the process, getrusage)", ["runs", "smaller MB", "larger MB", "ratio"], rows)


def _k(chars: int) -> str:
    """A character count as people say it: 1M, 100k, 1k."""
    if chars >= 999_500:
        return f"{chars / 1e6:.3g}M"
    if chars >= 1_000:
        return f"{chars / 1e3:.3g}k"
    return str(chars)


if __name__ == "__main__":
    sys.exit(main())
