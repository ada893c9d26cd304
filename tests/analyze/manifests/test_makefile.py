from __future__ import annotations

from manifest_facts import analyse, at

MAKEFILE = """
    .PHONY: install test lint docs.html
    PYTHON ?= python3
    SRC := src
    VERSION = $(shell git describe)

    install:
    \t$(PYTHON) -m pip install -e .[dev]

    test: install
    \t@pytest -q

    # Lint everything.
    lint fmt:
    \truff check $(SRC)
    \t-mypy $(SRC)

    %.o: %.c
    \tcc -c $<

    build/app: main.c
    \tcc -o $@ $<

    docs.html:
    \tpandoc README.md -o docs.html

    deploy: ; ./scripts/deploy.sh

    clean:
    \trm -rf build

    define HELP
    usage: make target
    endef

    debug: CFLAGS = -g
    """


def _tasks() -> dict[str, tuple[str, str, int, int]]:
    return {
        t.name: (t.command, t.kind, t.location.start_line, t.location.end_line)
        for t in analyse("Makefile", MAKEFILE).tasks
    }


def test_makefile_targets_with_recipes_kinds_and_lines() -> None:
    tasks = _tasks()
    assert tasks["install"] == ("make install  # $(PYTHON) -m pip install -e .[dev]", "install", 6, 7)
    assert tasks["test"] == ("make test  # pytest -q", "test", 9, 10)
    assert tasks["clean"] == ("make clean  # rm -rf build", "other", 28, 29)


def test_makefile_rule_with_several_targets_gives_each_the_recipe() -> None:
    tasks = _tasks()
    assert tasks["lint"] == ("make lint\n# ruff check $(SRC)\n# mypy $(SRC)", "lint", 13, 15)
    assert tasks["fmt"][1] == "lint"


def test_makefile_inline_recipe_after_semicolon() -> None:
    assert _tasks()["deploy"] == ("make deploy  # ./scripts/deploy.sh", "deploy", 26, 26)


def test_makefile_skips_pattern_rules_files_variables_and_special_targets() -> None:
    names = set(_tasks())
    assert names == {"install", "test", "lint", "fmt", "docs.html", "deploy", "clean"}
    assert all(t.source == "make" for t in analyse("Makefile", MAKEFILE).tasks)


def test_makefile_task_location_is_in_the_makefile() -> None:
    tasks = analyse("tools/build.mk", "all:\n\techo hi\n").tasks
    assert [(t.name, t.location) for t in tasks] == [("all", at("tools/build.mk", 1, 2))]
