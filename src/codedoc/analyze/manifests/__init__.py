"""Manifests and build files → dependencies, project metadata, entry points, commands and the
tasks that install, build, run, test and lint the project.

`manifest_analyzer_for(path)` picks the analyser for a file by its path; every analyser has the
shape `analyze_x(*, context, text) -> FileFacts`, never executes or imports what it reads, skips
files over 2 MB and turns unreadable input into a `Diagnostic`.
"""

from __future__ import annotations

import posixpath
import re

from codedoc.analyze.manifests.cargo import analyze_cargo_toml
from codedoc.analyze.manifests.compose import analyze_compose
from codedoc.analyze.manifests.dockerfile import analyze_dockerfile
from codedoc.analyze.manifests.github_actions import analyze_github_workflow
from codedoc.analyze.manifests.gitlab_ci import analyze_gitlab_ci
from codedoc.analyze.manifests.gomod import analyze_go_mod
from codedoc.analyze.manifests.guard import MAX_MANIFEST_BYTES, ManifestAnalyzer
from codedoc.analyze.manifests.import_names import import_names_for
from codedoc.analyze.manifests.makefile import analyze_makefile
from codedoc.analyze.manifests.maven import analyze_pom_xml
from codedoc.analyze.manifests.noxfile import analyze_noxfile
from codedoc.analyze.manifests.npm import analyze_package_json
from codedoc.analyze.manifests.procfile import analyze_procfile
from codedoc.analyze.manifests.pyproject import analyze_pyproject
from codedoc.analyze.manifests.pytest_ini import analyze_pytest_ini
from codedoc.analyze.manifests.requirements import analyze_requirements
from codedoc.analyze.manifests.setup_cfg import analyze_setup_cfg
from codedoc.analyze.manifests.setup_py import analyze_setup_py
from codedoc.analyze.manifests.task_kinds import infer_task_kind
from codedoc.analyze.manifests.tox_ini import analyze_tox_ini

__all__ = [
    "MAX_MANIFEST_BYTES",
    "ManifestAnalyzer",
    "import_names_for",
    "infer_task_kind",
    "manifest_analyzer_for",
]

_BY_NAME: dict[str, ManifestAnalyzer] = {
    "pyproject.toml": analyze_pyproject,
    "setup.py": analyze_setup_py,
    "setup.cfg": analyze_setup_cfg,
    "package.json": analyze_package_json,
    "go.mod": analyze_go_mod,
    "Cargo.toml": analyze_cargo_toml,
    "pom.xml": analyze_pom_xml,
    "Makefile": analyze_makefile,
    "makefile": analyze_makefile,
    "GNUmakefile": analyze_makefile,
    "Dockerfile": analyze_dockerfile,
    "Containerfile": analyze_dockerfile,
    "docker-compose.yml": analyze_compose,
    "docker-compose.yaml": analyze_compose,
    "compose.yml": analyze_compose,
    "compose.yaml": analyze_compose,
    ".gitlab-ci.yml": analyze_gitlab_ci,
    "tox.ini": analyze_tox_ini,
    "noxfile.py": analyze_noxfile,
    "pytest.ini": analyze_pytest_ini,
    "Procfile": analyze_procfile,
}
# By pattern, tried in order after the exact names above.
_BY_PATTERN: tuple[tuple[re.Pattern[str], ManifestAnalyzer], ...] = (
    (re.compile(r"^\.github/workflows/[^/]+\.ya?ml$"), analyze_github_workflow),
    (re.compile(r"(^|/)([^/]*[-_.])?requirements([-_.][^/]*)?\.(txt|in)$"), analyze_requirements),
    (re.compile(r"(^|/)requirements/[^/]+\.(txt|in)$"), analyze_requirements),
    (re.compile(r"(^|/)[^/]+\.mk$"), analyze_makefile),
    (re.compile(r"(^|/)(Dockerfile|Containerfile)\.[^/]+$|(^|/)[^/]+\.[Dd]ockerfile$"), analyze_dockerfile),
    (re.compile(r"(^|/)(docker-)?compose\.[^/]+\.ya?ml$"), analyze_compose),
)


def manifest_analyzer_for(path: str) -> ManifestAnalyzer | None:
    """The analyser that understands the file at this repository-relative POSIX path, if any."""
    analyzer = _BY_NAME.get(posixpath.basename(path))
    if analyzer is not None:
        return analyzer
    for pattern, candidate in _BY_PATTERN:
        if pattern.search(path):
            return candidate
    return None
