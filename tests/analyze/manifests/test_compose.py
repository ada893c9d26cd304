from __future__ import annotations

from manifest_facts import analyse, at

COMPOSE = """
    x-env: &common-env
      LOG_LEVEL: info

    services:
      api:
        build: .
        ports:
          - "8000:8000"
        environment:
          <<: *common-env
          DATABASE_URL: postgres://db/app
          SECRET_KEY:
      db:
        image: postgres:16
        environment:
          - POSTGRES_PASSWORD=example
          - POSTGRES_USER
    """


def test_compose_one_run_task_per_service() -> None:
    tasks = analyse("docker-compose.yml", COMPOSE).tasks
    assert [(t.name, t.command, t.kind, t.source, t.location) for t in tasks] == [
        (
            "api",
            "docker compose up api  # built from .; ports 8000:8000",
            "run",
            "compose",
            at("docker-compose.yml", 5, 12),
        ),
        ("db", "docker compose up db  # image postgres:16", "run", "compose", at("docker-compose.yml", 13, 17)),
    ]


def test_compose_environment_in_both_forms_with_merge_keys() -> None:
    settings = analyse("compose.yaml", COMPOSE).settings
    assert [(s.name, s.default, s.source, s.location.start_line) for s in settings] == [
        ("DATABASE_URL", "postgres://db/app", "compose", 11),
        ("SECRET_KEY", None, "compose", 12),
        ("LOG_LEVEL", "info", "compose", 2),
        ("POSTGRES_PASSWORD", "example", "compose", 16),
        ("POSTGRES_USER", None, "compose", 17),
    ]
