"""The folders attempts work in, and removing those no live attempt owns (after `kill -9`, OOM, power loss).

Each attempt works in `<work_dir>/job-<job id>-<lease token[:8]>/`: its clone (a private
repository's files, too) and its output. A killed worker never reaches its own clean-up, so
folders of attempts that no live lease owns are removed when a worker starts and when the
sweeper takes a job over.
"""

from __future__ import annotations

import logging
from pathlib import Path

from codedoc.acquire.workspace import remove_tree
from codedoc.service.jobs.state import JobStateMachine

logger = logging.getLogger("codedoc.service.jobs")

PREFIX = "job-"


def workspace_name(job_id: str, lease_token: str) -> str:
    return f"{PREFIX}{job_id}-{lease_token[:8]}"


def attempt_workspace(work_dir: Path, job_id: str, lease_token: str) -> Path:
    return work_dir / workspace_name(job_id, lease_token)


def remove_orphan_workspaces(work_dir: Path, state: JobStateMachine) -> list[str]:
    """Remove every attempt folder in `work_dir` that no live lease owns; returns the names removed.

    The folder is listed before the leases are read: an attempt creates its folder only after its
    claim is committed, so any folder listed here whose attempt is alive shows up among the leases.
    """
    try:
        listed = [entry for entry in work_dir.iterdir() if entry.name.startswith(PREFIX) and entry.is_dir()]
    except FileNotFoundError:
        return []
    if not listed:
        return []
    live = {workspace_name(job_id, token) for job_id, token in state.live_leases()}
    removed = []
    for folder in listed:
        if folder.name not in live:
            remove_tree(folder)
            removed.append(folder.name)
    if removed:
        logger.info("removed %d workspace(s) of attempts that no longer run", len(removed))
    return removed
