"""The docstring examples that need a spaCy pipeline (marked ``+SKIP`` so that the model-free tier
can run every other doctest) are run here, on the real model, as they are written."""
from __future__ import annotations

import doctest
import importlib

import pytest

#: The modules whose examples load a pipeline; distributed's need a Ray cluster and S3.
MODULES = ["newsx", "newsx.core", "newsx.components", "newsx.pipeline", "newsx.models", "newsx.page",
           "newsx.entities", "newsx.profiles.build", "newsx.speakers", "newsx.quotes.assemble",
           "newsx.cli.sources", "newsx.cli.show"]
SKIP = doctest.OPTIONFLAGS_BY_NAME["SKIP"]


def _skipped_examples(module_name: str) -> list[doctest.DocTest]:
    """The module's docstring tests that hold a +SKIP example, with the SKIP taken off."""
    module = importlib.import_module(module_name)
    tests = []
    for test in doctest.DocTestFinder().find(module):
        if any(example.options.get(SKIP) for example in test.examples):
            for example in test.examples:
                example.options.pop(SKIP, None)
            tests.append(test)
    return tests


@pytest.mark.model
@pytest.mark.parametrize("module_name", MODULES)
def test_examples_of_docstrings_run_on_the_model(module_name, monkeypatch):
    monkeypatch.chdir(importlib.import_module("newsx").__file__.rsplit("/src/", 1)[0])  # "seeds/" as in the README
    tests = _skipped_examples(module_name)
    assert tests, f"{module_name} has no example that needs the model"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    failures = []
    for test in tests:
        runner.run(test, out=failures.append)
    assert not failures, "".join(failures)
