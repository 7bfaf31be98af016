"""The package's imports run one way: every module imports only from its own layer or the layers
below it, lazy imports (inside functions) included, so no function-level import hides a circle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsx"

#: From the bottom: shared names and the lexicon's data; what reads words, marks and inputs (and the
#: sources tally, which needs nothing else); names; who is who; from a token to a speaker; quotes;
#: spaCy components and pipelines, and the shapes results are written in; the library (the package's
#: own names are the library's); processes; the batch runner; the command line.
LAYERS = [
    {"base", "types", "lexicon", "atomic", "signals"},
    {"cues", "countries", "marks", "normalize", "html", "reading", "sources"},
    {"entities"},
    {"profiles"},
    {"speakers"},
    {"quotes"},
    {"output", "components", "pipeline", "tables", "formats", "page", "schema", "models"},
    {"core", "__init__"},
    {"workers", "distributed"},
    {"runner"},
    {"cli", "__main__"},
]
LAYER_OF = {name: n for n, names in enumerate(LAYERS) for name in names}


def _top(module: str) -> str:
    """The first name under newsx ("entities" for newsx.entities.context), or "__init__"."""
    parts = module.split(".")
    if len(parts) == 1 or not ((PACKAGE / parts[1]).is_dir() or (PACKAGE / f"{parts[1]}.py").is_file()):
        return "__init__"  # the package itself, or a name of its __init__ ("from .. import __version__")
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every newsx module that ``path`` imports (line, module), wherever the import stands."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = parts[:-1]  # the package a relative import starts from (a module's, or an __init__'s own)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                # "from . import x" names submodules (or names) of the package itself
                names = [f"{target}.{alias.name}" for alias in node.names] if not node.module else [target]
            else:
                names = [node.module] if node.module and node.module.split(".")[0] == "newsx" else []
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "newsx"]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_architecture_every_module_has_a_layer():
    tops = {_top(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)) for p in MODULES}
    assert tops - set(LAYER_OF) == set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_architecture_imports_run_one_way(path):
    own = _top(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    upward = [f"line {line}: {name}" for line, name in _imports(path)
              if _top(name) != own and LAYER_OF[_top(name)] > LAYER_OF[own]]
    assert upward == [], f"{path.relative_to(PACKAGE)} imports from a layer above its own ({own})"


def test_architecture_reads_lazy_and_relative_imports():
    # The check can fail: it sees cues' import of the lexicon, the command line's of the runner, and
    # the lazy import (inside a function) by which the package's __init__ reaches the library.
    assert "lexicon" in {_top(name) for _, name in _imports(PACKAGE / "cues.py")}
    assert "runner" in {_top(name) for _, name in _imports(PACKAGE / "cli" / "_util.py")}
    assert "core" in {_top(name) for _, name in _imports(PACKAGE / "__init__.py")}
    assert LAYER_OF["runner"] > LAYER_OF["cues"]
