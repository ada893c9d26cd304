from __future__ import annotations

import pytest

from codedoc.analyze.manifests import manifest_analyzer_for
from codedoc.analyze.manifests.compose import analyze_compose
from codedoc.analyze.manifests.dockerfile import analyze_dockerfile
from codedoc.analyze.manifests.github_actions import analyze_github_workflow
from codedoc.analyze.manifests.makefile import analyze_makefile
from codedoc.analyze.manifests.requirements import analyze_requirements


@pytest.mark.parametrize(
    ("path", "analyzer"),
    [
        ("requirements.txt", analyze_requirements),
        ("backend/requirements-dev.txt", analyze_requirements),
        ("dev-requirements.txt", analyze_requirements),
        ("requirements/base.txt", analyze_requirements),
        ("requirements.in", analyze_requirements),
        ("Makefile", analyze_makefile),
        ("GNUmakefile", analyze_makefile),
        ("build/rules.mk", analyze_makefile),
        ("Dockerfile", analyze_dockerfile),
        ("docker/Dockerfile.prod", analyze_dockerfile),
        ("api.Dockerfile", analyze_dockerfile),
        ("Containerfile", analyze_dockerfile),
        ("compose.yaml", analyze_compose),
        ("docker-compose.override.yml", analyze_compose),
        (".github/workflows/release.yaml", analyze_github_workflow),
    ],
)
def test_manifest_paths_pick_their_analyser(path: str, analyzer: object) -> None:
    assert manifest_analyzer_for(path) is analyzer


@pytest.mark.parametrize(
    "path",
    [
        "src/app.py",
        "README.md",
        "requirements.py",
        "docs/requirements.md",
        ".github/dependabot.yml",
        "sub/.github/workflows/ci.yml",
        "package-lock.json",
        "config.yml",
        "Makefile.am.txt",
    ],
)
def test_other_files_have_no_manifest_analyser(path: str) -> None:
    assert manifest_analyzer_for(path) is None


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "setup.py",
        "setup.cfg",
        "package.json",
        "go.mod",
        "Cargo.toml",
        "pom.xml",
        "tox.ini",
        "noxfile.py",
        "Procfile",
        "pytest.ini",
        ".gitlab-ci.yml",
        "packages/web/package.json",
    ],
)
def test_manifests_by_exact_name_anywhere(path: str) -> None:
    assert manifest_analyzer_for(path) is not None
