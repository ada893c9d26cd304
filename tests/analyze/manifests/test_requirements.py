from __future__ import annotations

import pytest
from manifest_facts import analyse, at

from codedoc.analyze.manifests.requirements import is_dev_requirements

REQUIREMENTS = """
    # web
    fastapi>=0.110  # the framework
    SQLAlchemy[asyncio]==2.0.30
    -r base.txt
    -e .
    --index-url https://example.com/simple
    git+https://github.com/x/y.git#egg=y
    ./vendor/pkg
    uvicorn==0.30 \\
        --hash=sha256:abc
    pywin32>=306 ; sys_platform == "win32"
    mylib @ https://example.com/mylib-1.0.tar.gz
    """


def test_requirements_names_versions_and_lines() -> None:
    deps = analyse("requirements.txt", REQUIREMENTS).dependencies
    assert [(d.name, d.version_spec, d.location) for d in deps] == [
        ("fastapi", ">=0.110", at("requirements.txt", 2)),
        ("SQLAlchemy", "==2.0.30", at("requirements.txt", 3)),
        ("uvicorn", "==0.30", at("requirements.txt", 9, 10)),
        ("pywin32", ">=306", at("requirements.txt", 11)),
        ("mylib", None, at("requirements.txt", 12)),
    ]
    assert not any(d.dev for d in deps)
    assert {d.ecosystem for d in deps} == {"pypi"}


@pytest.mark.parametrize(
    "path",
    [
        "requirements-dev.txt",
        "requirements/test.txt",
        "dev-requirements.txt",
        "requirements_docs.txt",
        "ci/requirements-lint.in",
    ],
)
def test_requirements_files_named_for_development_are_dev(path: str) -> None:
    assert is_dev_requirements(path)
    assert analyse(path, "pytest\n").dependencies[0].dev


@pytest.mark.parametrize(
    "path", ["requirements.txt", "requirements/base.txt", "requirements/prod.txt", "requirements-docker.txt"]
)
def test_requirements_files_for_production_are_not_dev(path: str) -> None:
    assert not is_dev_requirements(path)
    assert not analyse(path, "flask\n").dependencies[0].dev
