from __future__ import annotations

from manifest_facts import analyse, at

DOCKERFILE = """
    # syntax=docker/dockerfile:1
    FROM --platform=$BUILDPLATFORM node:20 AS assets
    ENV NODE_ENV=production
    RUN npm ci && npm run build

    FROM python:3.12-slim
    ENV PYTHONUNBUFFERED=1 \\
        APP_HOME="/srv/app" PORT=8000
    ENV LEGACY_STYLE some value
    WORKDIR /srv/app
    COPY . .
    EXPOSE 8000/tcp 9090
    ENTRYPOINT ["uvicorn"]
    CMD ["shop.api:app", "--host", "0.0.0.0"]
    """


def test_dockerfile_final_stage_env_vars_are_settings_with_defaults() -> None:
    settings = analyse("Dockerfile", DOCKERFILE).settings
    assert [(s.name, s.default, s.source, s.location) for s in settings] == [
        ("PYTHONUNBUFFERED", "1", "dockerfile", at("Dockerfile", 7, 8)),
        ("APP_HOME", "/srv/app", "dockerfile", at("Dockerfile", 7, 8)),
        ("PORT", "8000", "dockerfile", at("Dockerfile", 7, 8)),
        ("LEGACY_STYLE", "some value", "dockerfile", at("Dockerfile", 9)),
    ]


def test_dockerfile_entrypoint_and_cmd_make_one_entry_point() -> None:
    entries = analyse("Dockerfile", DOCKERFILE).entry_points
    assert [(e.name, e.target, e.kind, e.location) for e in entries] == [
        ("app", "uvicorn shop.api:app --host 0.0.0.0", "dockerfile", at("Dockerfile", 13, 14))
    ]


def test_dockerfile_build_and_run_tasks() -> None:
    tasks = {t.name: t for t in analyse("Dockerfile", DOCKERFILE).tasks}
    assert tasks["docker build"].command == "docker build -t app .  # FROM python:3.12-slim"
    assert tasks["docker build"].kind == "build"
    assert tasks["docker build"].location == at("Dockerfile", 6)
    assert tasks["docker run"].command == (
        "docker run --rm -p 8000:8000 -p 9090:9090 app  # uvicorn shop.api:app --host 0.0.0.0"
    )
    assert tasks["docker run"].kind == "run"
    assert {t.source for t in tasks.values()} == {"dockerfile"}


def test_dockerfile_in_a_folder_with_a_suffix_builds_from_there() -> None:
    facts = analyse("services/api/Dockerfile.dev", "FROM golang:1.22\nCMD go run .\n")
    tasks = {t.name: t.command for t in facts.tasks}
    assert tasks["docker build"] == "cd services/api && docker build -f Dockerfile.dev -t api .  # FROM golang:1.22"
    assert tasks["docker run"] == "docker run --rm api  # go run ."
