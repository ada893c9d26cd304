"""`docker-compose.yml` / `compose.yaml`: one run task per service, its environment as settings."""

from __future__ import annotations

from yaml.nodes import Node

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.task_kinds import describe_command
from codedoc.analyze.manifests.yaml_nodes import compose_yaml, get, items, span, strings, text_of


@guarded
def analyze_compose(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    root = compose_yaml(text, context.path.rsplit("/", 1)[-1])
    for service, key, value in items(get(root, "services")):
        notes = _describe(value)
        invocation = f"docker compose up {service}"
        where = (key.start_mark.line + 1, span(value)[1])
        facts.task(service, describe_command(invocation, "; ".join(notes)), kind="run", source="compose", span=where)
        _environment(get(value, "environment"), facts)
    return facts.result()


def _describe(service: Node) -> list[str]:
    notes = []
    image = text_of(get(service, "image"))
    build = get(service, "build")
    if image:
        notes.append(f"image {image}")
    if build is not None:
        context = text_of(build) or text_of(get(build, "context")) or "."
        notes.append(f"built from {context}")
    ports = [port for port, _ in strings(get(service, "ports"))]
    if ports:
        notes.append("ports " + ", ".join(ports[:6]))
    command = text_of(get(service, "command")) or " ".join(part for part, _ in strings(get(service, "command")))
    if command:
        notes.append(f"runs {command}")
    return notes


def _environment(node: Node | None, facts: Facts) -> None:
    """`environment:` as a mapping (`KEY: value`) or a list (`- KEY=value`, `- KEY`)."""
    for name, key, value in items(node):
        facts.setting(name, key.start_mark.line + 1, source="compose", default=text_of(value) or None)
    for entry, item in strings(node):
        name, equals, default = entry.partition("=")
        if name.strip():
            facts.setting(name.strip(), item.start_mark.line + 1, source="compose", default=default if equals else None)
