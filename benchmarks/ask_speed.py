"""How fast and how good retrieval is: build time, index size, query latency, recall@1 and @5.

    python benchmarks/ask_speed.py [REPO]      # e.g. a checkout of SQLAlchemy

Documents REPO (offline writer, analysis cached in a scratch folder) with its ask index, then, on
the warm index, times 250 questions (natural-language ones and symbol names drawn from the index)
and prints p50/p95/max against the 100 ms goal. Recall@1 and @5 are measured on the question sets
of `tests/ask/ask_questions.py` (fixture repositories and CodeDoc itself) and, when REPO is
SQLAlchemy, on a set of questions about it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from codedoc.ask import AskIndex
from codedoc.ask.build import IndexWriter
from codedoc.ask.sources import read_sources
from codedoc.model import CodeModel
from codedoc.pipeline import GenerateOptions, generate
from codedoc.write.pages import Page

ROOT = Path(__file__).parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "ask")]

from ask_questions import (  # noqa: E402
    CODEDOC_QUESTIONS,
    HARD_QUESTIONS,
    NETKIT,
    NETKIT_QUESTIONS,
    TINYHTTP_QUESTIONS,
    found_at,
)

from fixture_repos import PYTHON_LIBRARY  # noqa: E402
from repos import make_repo  # noqa: E402

GOAL_P95 = 0.100
SQLALCHEMY_QUESTIONS: list[tuple[str, str]] = [
    ("how does the connection pool check a connection is alive before using it", "lib/sqlalchemy/pool/base.py"),
    ("where does a session flush pending objects", "lib/sqlalchemy/orm/session.py|lib/sqlalchemy/orm/unitofwork.py"),
    ("how is a connection pool recycled after a timeout", "lib/sqlalchemy/pool/base.py|lib/sqlalchemy/pool/impl.py"),
    ("create_engine", "lib/sqlalchemy/engine/create.py"),
    ("how are relationships loaded lazily", "lib/sqlalchemy/orm/strategies.py"),
    ("QueuePool", "lib/sqlalchemy/pool/impl.py"),
    ("where is the declarative base class defined", "lib/sqlalchemy/orm/decl_api.py"),
    ("how does the sqlite dialect reflect foreign keys", "lib/sqlalchemy/dialects/sqlite/base.py"),
    ("compile a select statement to SQL", "lib/sqlalchemy/sql/compiler.py"),
    ("what happens when a transaction is rolled back in a session", "lib/sqlalchemy/orm/session.py"),
]
NATURAL = [
    "how does the session flush pending objects",
    "where are connections returned to the pool",
    "how is a select statement compiled",
    "what does the unit of work do",
    "how does lazy loading of relationships work",
    "where is the engine created from a URL",
    "how are dialect specific types mapped",
    "how does reflection read table definitions",
    "which events fire before insert",
    "how are bound parameters rendered",
]


def _recall(name: str, index: AskIndex, questions: list[tuple[str, str]]) -> tuple[int, int, int]:
    first = five = 0
    for question, expected in questions:
        rank = found_at(list(index.search(question, limit=5).hits), expected)
        first += rank == 1
        five += rank is not None
    print(
        f"  {name:<22} {len(questions):3d} questions   recall@1 {first / len(questions):5.0%}   "
        f"recall@5 {five / len(questions):5.0%}"
    )
    return first, five, len(questions)


def _index(source: str, scratch: Path, label: str) -> tuple[AskIndex, float]:
    started = time.perf_counter()
    result = generate(
        source, None, GenerateOptions(cache_dir=scratch / "analysis"), ask_folder=scratch / f"ask-{label}"
    )
    assert result.ask_index is not None
    if label == "repo":
        stages = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in result.timings.items())
        print(f"  stages: {stages} (publish = building the index)")
        if Path(source).is_dir():
            _build_cpu(Path(source), result.model, result.pages, scratch)
    return AskIndex(result.ask_index), time.perf_counter() - started


def _build_cpu(root: Path, model: CodeModel, pages: tuple[Page, ...], scratch: Path) -> None:
    """The index written again in this process, with the CPU time of each part (the pipeline
    writes it in a process of its own, beside the pages)."""
    texts = read_sources(root, model).texts
    writer = IndexWriter(scratch / "cpu.sqlite")
    began = time.process_time()
    writer.add_model(model, texts)
    model_cpu = time.process_time() - began
    writer.add_pages(pages)
    pages_cpu = time.process_time() - began - model_cpu
    writer.finish()
    total = time.process_time() - began
    print(
        f"  index build CPU: add_model {model_cpu:.2f}s, add_pages {pages_cpu:.2f}s, "
        f"finish {total - model_cpu - pages_cpu:.2f}s, total {total:.2f}s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", nargs="?", default=str(ROOT))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        index, built = _index(args.repo, scratch, "repo")
        size = index.path.stat().st_size
        docs = index._rows("SELECT count(*) FROM docs")[0][0]
        print(f"{args.repo}: index built in {built:.1f}s (whole pipeline), {size / 1e6:.1f} MB, {docs:,} records")

        names = sorted(row[0] for row in index._rows("SELECT DISTINCT name FROM symbols WHERE length(name) > 3"))
        picked = random.Random(0).sample(names, min(240, len(names)))
        questions = [*NATURAL, *picked]
        for question in questions:  # warm: the page cache and SQLite's
            index.search(question)
        timings = []
        for question in questions:
            started = time.perf_counter()
            index.search(question, limit=8)
            timings.append(time.perf_counter() - started)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"  search ({len(timings)} questions, warm): p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"max {timings[-1] * 1000:.1f} ms — p95 is {p95 / GOAL_P95:.2f}× the 100 ms goal"
        )
        started = time.perf_counter()
        for name in picked[:100]:
            index.find_symbol(name)
        print(f"  find_symbol: {(time.perf_counter() - started) * 10:.2f} ms each (100 names)")

        print("recall (expected symbol or file among the results):")
        totals = [0, 0, 0]
        sets = [
            ("netkit (fixture)", NETKIT, NETKIT_QUESTIONS + HARD_QUESTIONS),
            ("tinyhttp (fixture)", PYTHON_LIBRARY, TINYHTTP_QUESTIONS),
        ]
        for number, (name, files, asked) in enumerate(sets):
            repo = make_repo(files, scratch / f"fixture{number}")
            fixture_index, _ = _index(str(repo), scratch, f"fixture{number}")
            for i, value in enumerate(_recall(name, fixture_index, asked)):
                totals[i] += value
        codedoc_index = index if Path(args.repo).resolve() == ROOT else _index(str(ROOT), scratch, "codedoc")[0]
        for i, value in enumerate(_recall("codedoc (this repo)", codedoc_index, CODEDOC_QUESTIONS)):
            totals[i] += value
        if "sqlalchemy" in Path(args.repo).resolve().name.lower():
            for i, value in enumerate(_recall("sqlalchemy", index, SQLALCHEMY_QUESTIONS)):
                totals[i] += value
        print(
            f"  {'all':<22} {totals[2]:3d} questions   recall@1 {totals[0] / totals[2]:5.0%}   "
            f"recall@5 {totals[1] / totals[2]:5.0%}"
        )


if __name__ == "__main__":
    main()
