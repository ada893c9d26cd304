from __future__ import annotations

from manifest_facts import analyse, at

GITLAB = """
    stages: [test, deploy]
    variables:
      PIP_CACHE_DIR: .cache

    .python: &python
      image: python:3.12
      before_script:
        - pip install -e .

    unit:
      <<: *python
      stage: test
      script:
        - pytest -q

    pages:
      stage: deploy
      script:
        - mkdocs build -d public
        - echo published

    notify:
      stage: deploy
      script: ./notify.sh
    """


def test_gitlab_jobs_with_scripts_are_ci_tasks() -> None:
    tasks = analyse(".gitlab-ci.yml", GITLAB).tasks
    assert [(t.name, t.command, t.kind, t.location) for t in tasks] == [
        ("GitLab CI/unit", "pytest -q", "test", at(".gitlab-ci.yml", 14)),
        ("GitLab CI/pages", "mkdocs build -d public\necho published", "build", at(".gitlab-ci.yml", 19, 20)),
        ("GitLab CI/notify", "./notify.sh", "deploy", at(".gitlab-ci.yml", 24)),
    ]
    assert {t.source for t in tasks} == {"ci"}
