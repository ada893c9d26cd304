"""Dockerfiles: the image build, the container's command (entry point and run task), exposed
ports and `ENV` settings."""

from __future__ import annotations

import json
import posixpath
import re
import shlex
from dataclasses import dataclass, field

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts
from codedoc.analyze.manifests.guard import guarded
from codedoc.analyze.manifests.lines import Span, split_lines
from codedoc.analyze.manifests.task_kinds import describe_command

_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$", re.DOTALL)
_ENV_PAIR = re.compile(r"""([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)""")


def _instructions(text: str) -> list[tuple[str, str, Span]]:
    """(INSTRUCTION, arguments, lines) with `\\` continuations joined and comments dropped."""
    found: list[tuple[str, str, Span]] = []
    pending: list[str] = []
    start = 1
    for number, line in enumerate(split_lines(text), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue  # comments (and parser directives) may even sit between continuation lines
        if not pending:
            if not stripped:
                continue
            start = number
        if stripped.endswith("\\"):
            pending.append(stripped[:-1].strip())
            continue
        pending.append(stripped)
        match = _INSTRUCTION.match(" ".join(part for part in pending if part))
        if match:
            found.append((match.group(1).upper(), match.group(2).strip(), (start, number)))
        pending = []
    return found


def _command_line(arguments: str) -> str:
    """Exec form `["uvicorn", "app:app"]` → `uvicorn app:app`; shell form as written."""
    if arguments.startswith("["):
        try:
            parts = json.loads(arguments)
        except ValueError:
            return arguments
        if isinstance(parts, list) and all(isinstance(part, str) for part in parts):
            return shlex.join(parts)
    return arguments


def _image_name(path: str) -> str:
    folder = posixpath.basename(posixpath.dirname(path))
    name = re.sub(r"[^a-z0-9._-]+", "-", folder.lower()).strip("-._")
    return name or "app"


def _env_pairs(arguments: str) -> list[tuple[str, str]]:
    if "=" not in arguments.split(None, 1)[0]:
        name, _, value = arguments.partition(" ")  # legacy `ENV NAME value with spaces`
        return [(name, value.strip())] if name else []
    pairs = []
    for name, raw in _ENV_PAIR.findall(arguments):
        value = raw[1:-1] if raw[:1] in "\"'" and raw[-1:] == raw[:1] and len(raw) > 1 else raw
        pairs.append((name, value))
    return pairs


def _build_command(path: str, image: str) -> str:
    name = posixpath.basename(path)
    folder = posixpath.dirname(path)
    build = f"docker build -t {image} ." if name == "Dockerfile" else f"docker build -f {name} -t {image} ."
    return f"cd {shlex.quote(folder)} && {build}" if folder else build


@dataclass
class _FinalImage:
    """What the last stage of a (multi-stage) build puts in the image that runs."""

    base: tuple[str, Span] | None = None
    ports: list[str] = field(default_factory=list)
    starts: list[tuple[str, Span]] = field(default_factory=list)
    """ENTRYPOINT then CMD (the last of each), which together make the container's command."""


def _final_image(instructions: list[tuple[str, str, Span]], facts: Facts) -> _FinalImage:
    final = _FinalImage()
    last_from = max((i for i, (instruction, _, _) in enumerate(instructions) if instruction == "FROM"), default=0)
    entrypoint: tuple[str, Span] | None = None
    command: tuple[str, Span] | None = None
    for instruction, arguments, span in instructions[last_from:]:
        if instruction == "FROM":
            words = [word for word in arguments.split() if not word.startswith("--")]  # --platform=…
            final.base = (words[0] if words else arguments, span)
        elif instruction == "EXPOSE":
            final.ports += [port.split("/")[0] for port in arguments.split()]
        elif instruction == "ENV":
            for key, value in _env_pairs(arguments):
                facts.setting(key, span, source="dockerfile", default=value)
        elif instruction == "ENTRYPOINT":
            entrypoint = (_command_line(arguments), span)
        elif instruction == "CMD":
            command = (_command_line(arguments), span)
    final.starts = [part for part in (entrypoint, command) if part is not None]
    return final


@guarded
def analyze_dockerfile(*, context: FileContext, text: str) -> FileFacts:
    facts = Facts(context)
    image = _image_name(context.path)
    final = _final_image(_instructions(text), facts)
    if final.base is not None:
        build = describe_command(_build_command(context.path, image), [f"FROM {final.base[0]}"])
        facts.task("docker build", build, kind="build", source="dockerfile", span=final.base[1])
    if final.starts:
        runs = " ".join(command for command, _ in final.starts)
        span = (min(s[0] for _, s in final.starts), max(s[1] for _, s in final.starts))
        facts.entry_point(image, runs, span, kind="dockerfile")
        published = " ".join(f"-p {port}:{port}" for port in final.ports if port.isdigit())
        run = " ".join(part for part in ("docker run --rm", published, image) if part)
        facts.task("docker run", describe_command(run, runs), kind="run", source="dockerfile", span=span)
    return facts.result()
