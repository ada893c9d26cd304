"""File categories from paths: test, docs, build, config, data, code."""

from __future__ import annotations

import pytest

from codedoc.model import FileCategory, Language
from codedoc.scan.categories import LARGE_JSON_BYTES, categorize
from codedoc.scan.languages import detect_language


def _category(path: str, size: int = 100) -> FileCategory:
    return categorize(path, detect_language(path.rsplit("/", 1)[-1], b""), size)


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_app.py",
        "test/helpers.py",
        "pkg/tests/data/sample.json",
        "src/__tests__/App.js",
        "pkg/test_models.py",
        "pkg/models_test.py",
        "conftest.py",
        "server/handler_test.go",
        "src/app.test.ts",
        "src/app.spec.js",
        "src/Button.test.tsx",
        "src/test/java/com/acme/AppTest.java",
        "core/src/test/kotlin/Thing.kt",
        "app/src/main/java/com/acme/AppTest.java",
        "spec/models/user_spec.rb",
    ],
)
def test_test_files(path: str) -> None:
    assert _category(path) == FileCategory.TEST


@pytest.mark.parametrize(
    "path",
    ["README.md", "docs/index.md", "docs/conf.py", "guide.rst", "CHANGELOG", "LICENSE", "pkg/docs/usage.txt", "a.adoc"],
)
def test_docs_files(path: str) -> None:
    assert _category(path) == FileCategory.DOCS


@pytest.mark.parametrize(
    "path",
    [
        "Makefile",
        "rules.mk",
        "Dockerfile",
        "docker/Dockerfile.prod",
        "docker-compose.yml",
        "compose.yaml",
        "docker-compose.override.yml",
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "package.json",
        "go.mod",
        "Cargo.toml",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        "requirements.txt",
        "requirements-dev.txt",
        "requirements/base.txt",
        "tox.ini",
        "noxfile.py",
        "Procfile",
        "tests/Makefile",
    ],
)
def test_build_files(path: str) -> None:
    assert _category(path) == FileCategory.BUILD


@pytest.mark.parametrize(
    "path",
    ["config/settings.yaml", "app.toml", ".env.example", "logging.ini", "tsconfig.json", ".eslintrc.json",
     "app.properties", "settings.json"],
)  # fmt: skip
def test_config_files(path: str) -> None:
    assert _category(path) == FileCategory.CONFIG


@pytest.mark.parametrize("path", ["data/cities.csv", "rows.tsv", "events.jsonl", "analysis.ipynb"])
def test_data_files(path: str) -> None:
    assert _category(path) == FileCategory.DATA


def test_large_json_is_data_small_json_is_config() -> None:
    assert categorize("fixtures.json", Language.JSON, LARGE_JSON_BYTES) == FileCategory.DATA
    assert categorize("fixtures.json", Language.JSON, 500) == FileCategory.CONFIG


@pytest.mark.parametrize("path", ["src/app/main.py", "cmd/server/main.go", "lib/index.ts", "scripts/run.sh", "q.sql"])
def test_code_files(path: str) -> None:
    assert _category(path) == FileCategory.CODE


def test_plain_text_outside_docs_is_other() -> None:
    assert categorize("notes/todo.txt", Language.TEXT, 10) == FileCategory.OTHER
