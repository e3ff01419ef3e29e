"""Every example in a docstring of Diarium's own packages holds.

The rules are written as data in small functions whose docstrings show them at work on
real Swedish phrases (`find_case_numbers`, `parse_number("−1 987,4")`); those examples are
tests too. Modules are found by walking the packages, so a new module's examples are run
without being listed here.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("extractors", "search", "diarium", "pipelines")


def modules_with_examples() -> list[str]:
    names = []
    finder = doctest.DocTestFinder()
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            module = importlib.import_module(info.name)
            if any(test.examples for test in finder.find(module)):
                names.append(info.name)
    return names


MODULES = modules_with_examples()


def test_the_rule_modules_are_found() -> None:
    assert {"extractors.diarienummer", "extractors.numbers", "search.swedish"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
