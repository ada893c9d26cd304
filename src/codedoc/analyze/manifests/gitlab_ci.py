"""`.gitlab-ci.yml`: each job's `script:` becomes a CI task."""

from __future__ import annotations

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.github_actions import trim_script
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.task_kinds import infer_task_kind
from codedoc.analyze.manifests.yaml_nodes import compose_yaml, get, items, span, strings, text_of

# Top-level keys that configure the pipeline rather than name a job.
_RESERVED = frozenset(
    {
        "stages",
        "variables",
        "default",
        "include",
        "workflow",
        "image",
        "services",
        "before_script",
        "after_script",
        "cache",
        "types",
    }
)


@guarded
def analyze_gitlab_ci(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    root = compose_yaml(text, ".gitlab-ci.yml")
    for job, _, spec in items(root):
        if job in _RESERVED or job.startswith("."):
            continue  # `.templates` only exist to be extended by real jobs
        script = get(spec, "script")
        lines = [line for line, _ in strings(script)]
        if script is None or not any(line.strip() for line in lines):
            continue
        command = trim_script("\n".join(lines))
        kind = infer_task_kind("", command)
        for hint in (job, text_of(get(spec, "stage")) or ""):
            if kind == "other":
                kind = infer_task_kind(hint)
        facts.task(f"GitLab CI/{job}", command, kind=kind, source="ci", span=span(script))
    return facts.result()
