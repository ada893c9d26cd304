"""What a task is for (install, build, run, test, lint, deploy), from its name and its command.

One function for every source — Makefile targets, npm scripts, CI steps, tox envs — so the same
words mean the same kind everywhere."""

from __future__ import annotations

import re

_NAME_WORDS = {
    "install": "install setup deps dependencies bootstrap requirements venv prepare sync",
    "build": "build compile dist bundle wheel sdist assemble package",
    "run": "run serve server start dev develop up watch",
    "test": "test tests check coverage cov e2e spec unittest unit integration",
    "lint": "lint format fmt typecheck types mypy vet style ruff eslint prettier flake8 clippy precommit black "
    "isort pylint tidy",
    "deploy": "deploy release publish upload ship",
}
_NAME_KINDS = {word: kind for kind, words in _NAME_WORDS.items() for word in words.split()}
_VAGUE_NAMES = frozenset({"dev", "develop", "up", "watch", "unit", "types", "package", "check", "server"})
# Prefixes that still say what a task does when glued to other words (`testall`, `buildjs`).
_NAME_PREFIXES = (
    ("test", "test"),
    ("lint", "lint"),
    ("typecheck", "lint"),
    ("format", "lint"),
    ("build", "build"),
    ("compile", "build"),
    ("install", "install"),
    ("deploy", "deploy"),
    ("publish", "deploy"),
    ("serve", "run"),
)
# Checked in this order: a CI step that installs and then runs pytest is a test step.
_COMMAND_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "test",
        re.compile(
            r"\b(pytest|py\.test|tox|nox|jest|vitest|mocha|ava|ctest|phpunit|rspec|unittest)\b"
            r"|\b(npm|yarn|pnpm|bun)( run)? test\b|\b(go|cargo|mvn|gradle|gradlew|dotnet|make) test\b"
            r"|\bcoverage run\b|\bmanage\.py test\b"
        ),
    ),
    (
        "lint",
        re.compile(
            r"\b(ruff|flake8|pylint|mypy|pyright|black|isort|eslint|prettier|golangci-lint|gofmt|rustfmt|"
            r"pre-commit|stylelint|shellcheck|hadolint)\b|\bgo vet\b|\bcargo (clippy|fmt)\b|\btsc --noEmit\b"
            r"|\b(npm|yarn|pnpm)( run)? lint\b|\bmake lint\b"
        ),
    ),
    (
        "deploy",
        re.compile(
            r"\b(twine upload|npm publish|cargo publish|docker push|kubectl apply|helm (upgrade|install)|"
            r"terraform apply|gh release|fly deploy|vercel|netlify deploy|mvn deploy|poetry publish|"
            r"hatch publish|uv publish|mkdocs gh-deploy)\b"
        ),
    ),
    (
        "build",
        re.compile(
            r"\b(go build|cargo build|docker build|docker buildx|python3? -m build|webpack|vite build|"
            r"mvn (package|compile|install)|gradle build|poetry build|hatch build|uv build|make build|"
            r"(npm|yarn|pnpm)( run)? build|tsc|rollup|esbuild|cmake|mkdocs build|sphinx-build)\b"
        ),
    ),
    (
        "install",
        re.compile(
            r"\b(pip3? install|python3? -m pip install|npm (ci|install)|yarn install|pnpm install|"
            r"poetry install|uv sync|uv pip install|pipenv install|go mod (download|tidy)|go get|"
            r"bundle install|apt-get install|cargo fetch|conda (install|env create)|make install)\b"
        ),
    ),
    (
        "run",
        re.compile(
            r"\b(uvicorn|gunicorn|hypercorn|flask run|manage\.py runserver|streamlit run|"
            r"(npm|yarn|pnpm) (run )?(start|dev|serve)|go run|cargo run|docker run|docker compose up|"
            r"docker-compose up|node|deno run|python3? -m [\w.]+|python3? [\w/.-]+\.py)\b"
        ),
    ),
)


def _name_tokens(name: str) -> list[str]:
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)  # typeCheck → type Check
    return [token for token in re.split(r"[^a-z0-9]+", spaced.lower()) if token]


def _kind_from_name(name: str) -> str | None:
    compact = re.sub(r"[^a-z0-9]", "", name.lower())
    if compact in _NAME_KINDS:
        return _NAME_KINDS[compact]
    tokens = _name_tokens(name)
    # `dev-install` is an install task: vague words decide only when nothing sharper is there.
    for token in sorted(tokens, key=lambda token: token in _VAGUE_NAMES):
        if token in _NAME_KINDS:
            return _NAME_KINDS[token]
    for token in tokens:
        for prefix in ("pre", "post"):  # npm lifecycle hooks: `pretest` runs with `test`
            if token.startswith(prefix) and token[len(prefix) :] in _NAME_KINDS:
                return _NAME_KINDS[token[len(prefix) :]]
        for prefix, kind in _NAME_PREFIXES:
            if token.startswith(prefix):
                return kind
    return None


def infer_task_kind(name: str, command: str = "") -> str:
    """`install`, `build`, `run`, `test`, `lint`, `deploy` or `other`: the name decides, else the command."""
    kind = _kind_from_name(name)
    if kind is not None:
        return kind
    for candidate, pattern in _COMMAND_KINDS:
        if pattern.search(command):
            return candidate
    return "other"


MAX_BODY_LINES = 8


def describe_command(invocation: str, body: str | list[str] | tuple[str, ...] = ()) -> str:
    """What to type (`make test`), followed by what it runs as shell comments, kept short."""
    lines = [line.strip() for line in (body.splitlines() if isinstance(body, str) else body)]
    lines = [line for line in lines if line]
    if not lines or lines == [invocation]:
        return invocation
    if len(lines) == 1 and len(lines[0]) <= 80:
        return f"{invocation}  # {lines[0]}"
    shown = [f"# {line}" for line in lines[:MAX_BODY_LINES]]
    if len(lines) > MAX_BODY_LINES:
        shown.append(f"# … {len(lines) - MAX_BODY_LINES} more lines")
    return "\n".join([invocation, *shown])
