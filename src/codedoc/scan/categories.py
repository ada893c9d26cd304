"""What a file is for (code, test, docs, config, build, data) from its path and language.

Build files win over everything (a `tests/Makefile` builds the tests), then tests, then docs;
what is left is decided by language.
"""

from __future__ import annotations

import re

from codedoc.model import PROGRAMMING_LANGUAGES, FileCategory, Language

LARGE_JSON_BYTES = 100_000
"""A JSON file this big holds data, not configuration."""

_BUILD_NAMES = frozenset(
    {
        "makefile",
        "gnumakefile",
        "dockerfile",
        "containerfile",
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "manifest.in",
        "package.json",
        "go.mod",
        "go.work",
        "cargo.toml",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        "settings.gradle",
        "settings.gradle.kts",
        "gradle.properties",
        "build.sbt",
        "cmakelists.txt",
        "meson.build",
        "build.xml",
        "build.zig",
        ".gitlab-ci.yml",
        ".travis.yml",
        "azure-pipelines.yml",
        "bitbucket-pipelines.yml",
        "appveyor.yml",
        "jenkinsfile",
        "tox.ini",
        "noxfile.py",
        "procfile",
        "pipfile",
        "gemfile",
        "rakefile",
        "justfile",
        "taskfile.yml",
        "taskfile.yaml",
        "environment.yml",
        "environment.yaml",
        "skaffold.yaml",
        "netlify.toml",
        "vercel.json",
        "fly.toml",
        "app.yaml",
        "heroku.yml",
        "chart.yaml",
    }
)
_BUILD_PATTERNS = (
    re.compile(r"^(docker-)?compose(\.[\w-]+)*\.ya?ml$"),
    re.compile(r"^(dockerfile|containerfile)[.-].+$|.+\.dockerfile$"),
    re.compile(r"^requirements([._-][\w.-]*)?\.(txt|in)$"),
    re.compile(r"^constraints([._-][\w.-]*)?\.txt$"),
    re.compile(r".+\.mk$|^makefile\..+$"),
    re.compile(r"^(webpack|rollup|vite|esbuild|babel|turbo|nx)\.config\.[cm]?[jt]s$"),
)
_REQUIREMENTS_FOLDER = re.compile(r"(^|/)requirements/[^/]+\.(txt|in)$")
_CI_FOLDERS = (".github/workflows/", ".circleci/", ".buildkite/", ".woodpecker/", ".gitea/workflows/")

_TEST_FOLDERS = frozenset({"tests", "test", "__tests__", "spec", "specs", "e2e", "testdata", "__mocks__", "test_data"})
_TEST_FILES = (
    re.compile(r"^test_.+\.py$|^.+_test\.py$|^conftest\.py$|^tests?\.py$"),
    re.compile(r"^.+_test\.go$"),
    re.compile(r"^.+\.(test|spec)\.[cm]?[jt]sx?$"),
    re.compile(r"^.+(Test|Tests|IT|TestCase)\.(java|kt|scala|cs)$"),
    re.compile(r"^.+_spec\.rb$|^.+_test\.rb$"),
    re.compile(r"^.+Test\.php$"),
    re.compile(r"^.+Tests?\.swift$"),
)

_DOCS_FOLDERS = frozenset({"docs", "doc", "documentation"})
_DOCS_LANGUAGES = frozenset({Language.MARKDOWN, Language.RST})
_DOCS_NAMES = re.compile(
    r"^(readme|changelog|changes|history|news|contributing|code_of_conduct|security|authors|license|licence|"
    r"copying|notice|support|governance|maintainers)(\.[\w.-]+)?$"
)
_DOCS_EXTENSIONS = (".adoc", ".asciidoc", ".textile", ".org", ".pod")

_CONFIG_LANGUAGES = frozenset({Language.YAML, Language.TOML, Language.XML})
_CONFIG_EXTENSIONS = (".ini", ".cfg", ".conf", ".properties", ".env", ".editorconfig", ".example", ".sample")
_CONFIG_NAMES = re.compile(
    r"^(\.env(\..+)?|\.editorconfig|\.gitattributes|\.gitignore|\.dockerignore|\.npmrc|\.nvmrc|\.python-version|"
    r"\.(eslintrc|prettierrc|babelrc|stylelintrc|flake8|pylintrc|coveragerc|yamllint)(\..+)?|"
    r"[\w.-]+\.config\.[cm]?[jt]s|tsconfig(\.[\w-]+)?\.json|jsconfig\.json)$"
)
_DATA_EXTENSIONS = (".csv", ".tsv", ".jsonl", ".ndjson", ".geojson", ".ipynb", ".dat", ".psv")

_CODE_LANGUAGES = PROGRAMMING_LANGUAGES | {Language.SHELL, Language.SQL, Language.HTML, Language.CSS}


def categorize(path: str, language: Language, size: int) -> FileCategory:
    """`path` is POSIX, relative to the repository root."""
    folder, _, name = path.rpartition("/")
    lowered_name = name.lower()
    lowered_path = path.lower()
    parts = lowered_path.split("/")[:-1]
    if _is_build(lowered_path, lowered_name):
        return FileCategory.BUILD
    if _is_test(folder, parts, name):
        return FileCategory.TEST
    if _is_docs(parts, lowered_name, language):
        return FileCategory.DOCS
    if lowered_name.endswith(_DATA_EXTENSIONS) or (language == Language.JSON and size >= LARGE_JSON_BYTES):
        return FileCategory.DATA
    if language in _CODE_LANGUAGES:
        return FileCategory.CODE
    if (
        language in _CONFIG_LANGUAGES
        or language == Language.JSON
        or lowered_name.endswith(_CONFIG_EXTENSIONS)
        or _CONFIG_NAMES.match(lowered_name)
    ):
        return FileCategory.CONFIG
    return FileCategory.OTHER


def _is_build(lowered_path: str, lowered_name: str) -> bool:
    if lowered_name in _BUILD_NAMES or any(pattern.match(lowered_name) for pattern in _BUILD_PATTERNS):
        return True
    if _REQUIREMENTS_FOLDER.search(lowered_path):
        return True
    return any(lowered_path.startswith(folder) for folder in _CI_FOLDERS)


def _is_test(folder: str, lowered_parts: list[str], name: str) -> bool:
    if any(part in _TEST_FOLDERS for part in lowered_parts):
        return True
    # Maven/Gradle layout: src/test/java, src/integrationTest/kotlin…
    if re.search(r"(^|/)src/[A-Za-z]*[tT]est[A-Za-z]*/", folder + "/"):
        return True
    return any(pattern.match(name) for pattern in _TEST_FILES)


def _is_docs(lowered_parts: list[str], lowered_name: str, language: Language) -> bool:
    if any(part in _DOCS_FOLDERS for part in lowered_parts):
        return True
    if language in _DOCS_LANGUAGES or lowered_name.endswith(_DOCS_EXTENSIONS):
        return True
    return _DOCS_NAMES.match(lowered_name) is not None
