"""GitHub Actions workflows: every step that runs a shell command becomes a CI task."""

from __future__ import annotations

import posixpath

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.task_kinds import infer_task_kind
from codedoc.analyze.manifests.yaml_nodes import compose_yaml, elements, get, items, span, text_of

MAX_COMMAND_LINES = 40


def trim_script(script: str) -> str:
    lines = script.strip().splitlines()
    if len(lines) > MAX_COMMAND_LINES:
        lines = [*lines[:MAX_COMMAND_LINES], f"# … {len(lines) - MAX_COMMAND_LINES} more lines"]
    return "\n".join(lines)


@guarded
def analyze_github_workflow(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    root = compose_yaml(text, posixpath.basename(context.path))
    workflow = text_of(get(root, "name")) or posixpath.splitext(posixpath.basename(context.path))[0]
    for job_id, _, job in items(get(root, "jobs")):
        job_name = text_of(get(job, "name")) or job_id
        for step in elements(get(job, "steps")):
            run = get(step, "run")
            script = text_of(run)
            if run is None or not script or not script.strip():
                continue
            first = script.strip().splitlines()[0]
            step_name = text_of(get(step, "name")) or first[:60]
            kind = infer_task_kind("", script)
            if kind == "other":
                kind = infer_task_kind(step_name)
            facts.task(
                f"{workflow}/{job_name}: {step_name}",
                trim_script(script),
                kind=kind,
                source="ci",
                span=span(run),
            )
    return facts.result()
