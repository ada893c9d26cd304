"""Scripted model behaviours for the fake LLM server, one responder per scenario.

Each responder reads the prompt the way a model would — the task on its first line, the names in
backticks, the `path:start-end` locations in the facts — and answers in its scenario's style:
a model that follows the JSON instruction, one that only writes prose, one that wraps JSON in
fences or preambles, one cut off by its output limit, one that refuses, answers nothing, answers
in French, repeats the prompt, or invents names and files.

    server.responder = SCENARIOS["prose_only"]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from fakes.llm_server import FakeReply, FakeRequest

Responder = Callable[[FakeRequest], FakeReply]

_SPAN = re.compile(r"`([^`\n]+)`")
_LOCATION = re.compile(r"`?([\w./-]+\.\w+):(\d+)-(\d+)`?")
_DATA = re.compile(r"<repository_data[^>]*>\n(.*?)\n</repository_data>", re.DOTALL)


def task_line(request: FakeRequest) -> str:
    return request.prompt.split("\n", 1)[0]


def call_kind(request: FakeRequest) -> str:
    """`plan`, `page` or `summary`, from the task sentence the writer puts first."""
    task = task_line(request)
    if task.startswith("Plan the wiki"):
        return "plan"
    if task.startswith("Write the wiki page"):
        return "page"
    return "summary"


def subject_of(request: FakeRequest) -> str:
    spans = _SPAN.findall(task_line(request))
    return spans[0] if spans else "the code"


def digest(request: FakeRequest) -> str:
    return hashlib.sha256(request.prompt.encode()).hexdigest()[:8]


def locations(request: FakeRequest) -> list[tuple[str, int, int]]:
    """The `path:start-end` locations in the prompt's facts, in order, without repeats."""
    found = [(path, int(start), int(end)) for path, start, end in _LOCATION.findall(request.prompt)]
    return list(dict.fromkeys(found))


def outline_items(request: FakeRequest) -> list[tuple[str, list[str]]]:
    """(area name, its files) from a plan prompt's outline lines `- area `name` (…): files: `a`, `b`; central: …`."""
    items = []
    for line in request.prompt.splitlines():
        match = re.match(r"^- area `([^`]+)`.*?files: (.*?)(?:; central: .*)?$", line)
        if match:
            items.append((match.group(1), _SPAN.findall(match.group(2))))
    return list(dict.fromkeys((name, tuple(files)) for name, files in items))  # type: ignore[arg-type]


# -- what a good model writes, per kind of call ------------------------------------------------


def good_summary(request: FakeRequest) -> dict[str, object]:
    return {
        "summary": f"`{subject_of(request)}` is summarised by the fake model (answer {digest(request)}).",
        "key_points": ["It is described from the facts it was given."],
    }


def good_plan(request: FakeRequest) -> dict[str, object]:
    pages = [
        {
            "title": f"How {name} works",
            "purpose": f"Explains the {name} component.",
            "files": files[:4],
            "symbols": [],
        }
        for name, files in outline_items(request)
    ]
    return {"pages": pages}


def good_page(request: FakeRequest, *, diagram: bool = True) -> str:
    cited = locations(request)[:3]
    sources = ", ".join(f"`{path}:{start}-{end}`" for path, start, end in cited)
    names = [span for span in _SPAN.findall(request.prompt.split("\n", 1)[1]) if re.fullmatch(r"[A-Za-z_]\w*", span)]
    lines = [
        "## What it does",
        "",
        f"This page was written by the fake model from the code (answer {digest(request)}).",
        "",
        f"Sources: {sources}" if sources else "",
        "",
        "## How the parts fit",
        "",
        "The parts call each other in the order the facts show.",
    ]
    if diagram and len(names) >= 2:
        data = {
            "kind": "flowchart",
            "title": "How the parts fit",
            "nodes": names[:3],
            "edges": [{"from": names[0], "to": names[1], "label": "calls"}],
        }
        lines += ["", "```diagram", json.dumps(data), "```"]
    return "\n".join(lines)


def _answer(request: FakeRequest, *, page_diagram: bool = True) -> tuple[str, dict[str, object] | None]:
    """(text, the JSON object when the kind of call asks for JSON)."""
    kind = call_kind(request)
    if kind == "page":
        return good_page(request, diagram=page_diagram), None
    data = good_plan(request) if kind == "plan" else good_summary(request)
    return json.dumps(data), data


# -- scenarios --------------------------------------------------------------------------------


def json_model(request: FakeRequest) -> FakeReply:
    return FakeReply(text=_answer(request)[0])


def prose_only(request: FakeRequest) -> FakeReply:
    """A local model that ignores every format instruction: Markdown headings and paragraphs."""
    kind = call_kind(request)
    if kind == "plan":
        items = outline_items(request)
        lines = ["Here is a plan for the documentation:", ""]
        lines += [
            f"{i}. **How {name} works** — covers {', '.join(f'`{f}`' for f in files[:3])}"
            for i, (name, files) in enumerate(items, 1)
        ]
        return FakeReply(text="\n".join(lines))
    if kind == "page":
        return FakeReply(text=good_page(request, diagram=False))
    subject = subject_of(request)
    return FakeReply(
        text=f"## Summary\n\n`{subject}` is written up in plain prose by a model that ignores JSON "
        f"instructions (answer {digest(request)}). It is used by the rest of the code.\n\n"
        "- It keeps its behaviour in one place."
    )


def fenced(request: FakeRequest) -> FakeReply:
    text, data = _answer(request)
    return FakeReply(text=f"```json\n{text}\n```" if data is not None else text)


def preamble(request: FakeRequest) -> FakeReply:
    text, data = _answer(request)
    return FakeReply(
        text=f"Sure! Here is the answer you asked for:\n\n{text}\n\nLet me know if you need more."
        if data is not None
        else text
    )


def truncated(request: FakeRequest) -> FakeReply:
    """Cut off by the output limit in the middle of the second sentence."""
    if call_kind(request) != "summary":
        return json_model(request)
    first = f"`{subject_of(request)}` is summarised before the cut (answer {digest(request)})."
    return FakeReply(text=json.dumps({"summary": f"{first} Then it goes on to expl"})[:-2])


def refusal(request: FakeRequest) -> FakeReply:
    return FakeReply(text="I'm sorry, but I can't help with that request.")


def empty(request: FakeRequest) -> FakeReply:
    return FakeReply(text="")


def french(request: FakeRequest) -> FakeReply:
    return FakeReply(
        text=json.dumps(
            {
                "summary": f"Le module `{subject_of(request)}` gère les paniers des clients et calcule le total "
                "de la commande avant le paiement par la passerelle."
            }
        )
    )


def echo(request: FakeRequest) -> FakeReply:
    """Repeats the facts it was given instead of explaining them."""
    blocks = _DATA.findall(request.prompt)
    return FakeReply(text=(blocks[0] if blocks else request.prompt)[:3000])


def invented(request: FakeRequest) -> FakeReply:
    """Names a function and a file that do not exist, next to a true sentence."""
    kind = call_kind(request)
    if kind == "page":
        return FakeReply(
            text=good_page(request)
            + "\n\nIt is reset by `frobnicate_everything()` in `src/nowhere.py:10-20`, see `shop/cart.py:900-950`."
        )
    if kind == "plan":
        data = good_plan(request)
        return FakeReply(text=json.dumps(data))
    subject = subject_of(request)
    return FakeReply(
        text=json.dumps(
            {
                "summary": f"`{subject}` is real (answer {digest(request)}). "
                "It is reset nightly by `frobnicate_everything()` in `src/nowhere.py`."
            }
        )
    )


SCENARIOS: dict[str, Responder] = {
    "json": json_model,
    "prose_only": prose_only,
    "fenced": fenced,
    "preamble": preamble,
    "truncated": truncated,
    "refusal": refusal,
    "empty": empty,
    "french": french,
    "echo": echo,
    "invented": invented,
}


def main() -> None:
    """`python tests/fakes/llm_scenarios.py prose_only`: serve one scenario until interrupted, to try
    the CLI by hand (`--llm openai-compatible --llm-base-url <printed url>/v1 --model any`)."""
    import contextlib
    import sys
    import threading

    from fakes.llm_server import FakeLLMServer

    scenario = sys.argv[1] if len(sys.argv) > 1 else "json"
    with FakeLLMServer(SCENARIOS[scenario]) as server:
        print(server.url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
