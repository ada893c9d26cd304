"""The `add_comments` task of a job: docstrings for the documented commit, stored beside its site.

Its own progress steps (`clone`, `analyze`, `docstrings`, `store`) go to the job row. The result
is three files under the job's storage prefix: `commented-code.json` (what the API serves),
`docstrings.diff` (the patch to download) and `changed-files.json` (path → new content, base64,
for a pull request).
"""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

from codedoc.docstrings import DocstringRun, DocstringWriter, unified_patch
from codedoc.docstrings.stage import docstrings_for_source
from codedoc.pipeline import GenerateOptions
from codedoc.progress import CancelCheck
from codedoc.service.jobs.progress import ProgressRecorder
from codedoc.service.jobs.state import JobStateMachine, Lease
from codedoc.service.storage import ArtifactStorage, job_prefix

COMMENTED_CODE = "commented-code.json"
PATCH = "docstrings.diff"
CHANGED_FILES = "changed-files.json"
SUMMARY = "summary.json"


def run_comments(
    *,
    state: JobStateMachine,
    storage: ArtifactStorage,
    lease: Lease,
    options: GenerateOptions,
    workspace: Path,
    should_cancel: CancelCheck,
) -> bool:
    """Write and store the docstrings; False when the result must not become visible (lease lost)."""
    recorder = ProgressRecorder(state, lease)
    steps = ((0.1, "clone"), (0.2, "analyze"), (0.5, "docstrings"))

    def progress(fraction: float, message: str) -> None:
        step = next((name for limit, name in steps if fraction < limit), "docstrings")
        recorder.record(step, int(fraction * 95), message)

    # The documented commit, so the docstrings match the pages (a branch may have moved since).
    options = dataclasses.replace(options, ref=lease.commit_sha or options.ref)
    run, _commit = docstrings_for_source(
        lease.github_url,
        options,
        writer=_writer(options),
        progress=progress,
        should_cancel=should_cancel,
    )
    recorder.record("store", 97, f"storing {len(run.added)} docstrings")
    folder = workspace / "comments"
    write_artifacts(run, folder)
    prefix = f"{job_prefix(lease.job_id)}/comments/{lease.token}"
    storage.put_tree(prefix, folder)
    if not state.complete_comments(lease, comments_prefix=prefix):
        storage.delete_tree(prefix)
        return False
    return True


def _writer(options: GenerateOptions) -> DocstringWriter | None:
    """The LLM writer when the service writes its prose with one (same provider and settings)."""
    settings = getattr(options.prose, "settings", None)
    if settings is None:
        return None
    from codedoc.docstrings.llm import LLMDocstrings
    from codedoc.write.llm.settings import LLMSettings

    return LLMDocstrings(settings) if isinstance(settings, LLMSettings) else None


def commented_code(run: DocstringRun) -> list[dict[str, object]]:
    """Seed 000's commented code: one entry per added docstring."""
    ends = {(t.path, t.symbol.qualname): t.symbol.location.end_line for t in run.missing}
    return [
        {
            "file": added.path,
            "symbol": added.symbol,
            "kind": added.kind,
            "location": {
                "path": added.path,
                "start_line": added.line,
                "end_line": ends.get((added.path, added.symbol), added.line),
            },
            "docstring": added.docstring,
        }
        for added in run.added
    ]


def write_artifacts(run: DocstringRun, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / COMMENTED_CODE).write_text(json.dumps(commented_code(run), ensure_ascii=False, indent=1), "utf-8")
    (folder / PATCH).write_bytes(unified_patch(run.changes))
    files = {path: base64.b64encode(content).decode("ascii") for path, content in run.files().items()}
    (folder / CHANGED_FILES).write_text(json.dumps(files, sort_keys=True), "utf-8")
    (folder / SUMMARY).write_text(json.dumps(summary(run), sort_keys=True), "utf-8")


def summary(run: DocstringRun) -> dict[str, int]:
    """The counts a pull request body reports: what was missing, added, left alone, dropped."""
    return {
        "missing": len(run.missing),
        "added": len(run.added),
        "files": len(run.changes),
        "files_skipped": len(run.warnings),
        "names_removed": len(run.removed_names),
    }


def read_summary(storage: ArtifactStorage, comments_prefix: str) -> dict[str, int]:
    data = storage.read(f"{comments_prefix}/{SUMMARY}")
    counts: dict[str, int] = json.loads(data) if data is not None else {}
    return counts


def files_to_commit(storage: ArtifactStorage, comments_prefix: str) -> dict[str, bytes]:
    """The files a pull request commits for the job's docstrings: path → new content."""
    data = storage.read(f"{comments_prefix}/{CHANGED_FILES}")
    if data is None:
        return {}
    encoded: dict[str, str] = json.loads(data)
    return {path: base64.b64decode(content) for path, content in encoded.items()}
