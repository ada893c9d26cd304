"""Calls and tokens the LLM writer spends per 1,000 lines of code, counted by the fake provider.

    .venv/bin/python benchmarks/llm_tokens.py REPO [--provider anthropic] [--scenario json|prose_only]
                                                   [--input-budget 6000] [--no-wiki]

Runs the LLM writer (summaries, wiki plan and concept pages) over REPO three times against the
local fake server (nothing leaves the machine): a first run on an empty answer cache, an unchanged
re-run (0 calls expected), and a run after a one-file change (a function appended to the largest
code module, in a temporary copy — REPO itself is never touched; only the pages citing that file
should be re-written, and the plan kept). `--scenario prose_only` answers like a local model that
ignores the JSON instruction. Prints calls and tokens per 1,000 lines, per kind of call too.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from codedoc.model import CodeModel
from codedoc.pipeline import GenerateOptions, build_model
from codedoc.write.llm import LLMProse, LLMSettings, resolve_settings
from codedoc.write.llm.accounting import usage_by_role
from codedoc.write.llm.writer import documented_modules
from fakes.llm_scenarios import SCENARIOS
from fakes.llm_server import FakeLLMServer

_COMMENT = {"python": "#", "ruby": "#", "shell": "#"}


@dataclass(frozen=True)
class RunCount:
    label: str
    calls: int
    cache_hits: int
    input_tokens: int
    output_tokens: int
    fallbacks: int
    by_kind: dict[str, int]
    """Calls sent per kind of call (plan, page, summary)."""
    concept_pages: int


def measure(model: CodeModel, settings: LLMSettings, server: FakeLLMServer, label: str) -> RunCount:
    server.reset_counts()
    prose = LLMProse(settings, sleep=lambda _: None)
    prose.prepare(model)
    report = prose.report()
    by_kind = {kind: usage.calls for kind, usage in usage_by_role(report.calls).items()}
    return RunCount(
        label,
        server.calls,
        report.usage.cache_hits,
        server.input_tokens,
        server.output_tokens,
        len(report.fallbacks),
        by_kind,
        len(report.pages),
    )


def change_one_file(root: Path, model: CodeModel) -> str:
    """Append a small function to the largest documented module; returns its path."""
    target = max(documented_modules(model), key=lambda module: module.line_count)
    path = root / target.path
    comment = _COMMENT.get(target.language.value, "//")
    addition = (
        "\n\ndef benchmark_added_function(value: int) -> int:\n    return value + 1\n"
        if target.language.value == "python"
        else f"\n{comment} benchmark: one-line change\n"
    )
    path.write_text(path.read_text(encoding="utf-8", errors="replace") + addition, encoding="utf-8")
    if (root / ".git").exists():
        env = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"]
        subprocess.run(["git", *env, "commit", "-qam", "benchmark change"], cwd=root, check=True)
    return target.path


def print_table(runs: list[RunCount], lines: int) -> None:
    per = 1000 / max(1, lines)
    print(
        f"{'run':<22}{'calls':>8}{'cached':>8}{'tokens in':>12}{'tokens out':>12}"
        f"{'calls/kLOC':>12}{'tokens/kLOC':>13}{'fallbacks':>11}  calls by kind"
    )
    for run in runs:
        total = run.input_tokens + run.output_tokens
        print(
            f"{run.label:<22}{run.calls:>8}{run.cache_hits:>8}{run.input_tokens:>12,}{run.output_tokens:>12,}"
            f"{run.calls * per:>12.2f}{total * per:>13,.0f}{run.fallbacks:>11}  "
            + ", ".join(f"{kind} {calls}" for kind, calls in run.by_kind.items())
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--provider", default="anthropic", choices=["anthropic", "openai", "openai-compatible"])
    parser.add_argument("--input-budget", type=int, default=6_000, help="most input tokens per call")
    parser.add_argument("--scenario", default="json", choices=sorted(SCENARIOS), help="how the fake model answers")
    parser.add_argument("--no-wiki", action="store_true", help="summaries only: no wiki plan or concept pages")
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="codedoc-llm-bench-") as temporary,
        FakeLLMServer(SCENARIOS[args.scenario]) as server,
    ):
        work = Path(temporary)
        copy = work / "repo"
        shutil.copytree(args.repo, copy, symlinks=True)
        base_url = server.url if args.provider == "anthropic" else server.url + "/v1"
        settings = resolve_settings(
            args.provider,
            env={"ANTHROPIC_API_KEY": "bench", "OPENAI_API_KEY": "bench"},
            base_url=base_url,
            model="bench-model" if args.provider == "openai-compatible" else None,
            cache_dir=work / "answers",
            input_budget=args.input_budget,
            source_root=copy,
            wiki=not args.no_wiki,
        )
        options = GenerateOptions(cache_dir=None)
        model = build_model(str(copy), options)
        lines = sum(module.line_count for module in documented_modules(model))
        full = measure(model, settings, server, "full run")
        rerun = measure(model, settings, server, "unchanged rerun")
        changed_path = change_one_file(copy, model)
        changed = measure(build_model(str(copy), options), settings, server, "one-file change")

    print(
        f"{args.repo}: {lines:,} lines of code in {len(documented_modules(model))} modules, "
        f"{len(model.components)} components; scenario {args.scenario}; {full.concept_pages} concept pages; "
        f"changed {changed_path}"
    )
    print_table([full, rerun, changed], lines)
    print(f"one-file change / first run: {changed.calls / max(1, full.calls):.2f} of the calls")


if __name__ == "__main__":
    main()
