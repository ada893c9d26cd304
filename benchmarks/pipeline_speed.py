"""Time the full offline pipeline against a bare parse of the same files, in the same run.

    python benchmarks/pipeline_speed.py REPO [--workers N]

Prints: bare parse time, first full run (with the ask index's own process: how long it worked beside
the stages and how long publishing waited for it), second run (nothing changed, another output folder,
same cache), their ratios, and peak memory (largest resident set of the pipeline process or any
of its workers); then the call graph's own cost: collecting call sites during the Python walk
(one core, the same walk of the product code with and without them) and resolving them across
the repository (in the first run), in CPU seconds. Each measurement runs in a fresh subprocess so
memory figures are its own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_BARE_PARSE = r"""
import ast, json, resource, sys, time, warnings
from pathlib import Path
from codedoc.model import Language
from codedoc.scan import read_text, scan
import tree_sitter, tree_sitter_go, tree_sitter_java, tree_sitter_javascript, tree_sitter_rust, tree_sitter_typescript
grammars = {
    Language.JAVASCRIPT: tree_sitter_javascript.language(),
    Language.TYPESCRIPT: tree_sitter_typescript.language_typescript(),
    Language.TSX: tree_sitter_typescript.language_tsx(), Language.GO: tree_sitter_go.language(),
    Language.JAVA: tree_sitter_java.language(), Language.RUST: tree_sitter_rust.language(),
}
parsers = {lang: tree_sitter.Parser(tree_sitter.Language(g)) for lang, g in grammars.items()}
warnings.simplefilter("ignore")
root = Path(sys.argv[1])
started = time.perf_counter()
result = scan(root)
files = lines = 0
for item in result.files:
    if item.language != Language.PYTHON and item.language not in parsers:
        continue
    text = read_text(root, item.path)
    files += 1
    lines += text.count("\n")
    if item.language == Language.PYTHON:
        try:
            ast.parse(text)
        except (SyntaxError, ValueError, RecursionError):
            pass
    else:
        parsers[item.language].parse(text.encode())
elapsed = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
peak = usage.ru_maxrss * 1024
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": elapsed, "files": files, "lines": lines, "peak": peak, "cpu": cpu}))
"""

_PIPELINE = r"""
import json, resource, sys, time
from pathlib import Path
from codedoc.analyze import orchestrate
from codedoc.pipeline import GenerateOptions, generate
source, output, cache, workers = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
resolution = []
_add_behaviour = orchestrate.add_behaviour
def _timed(*args, **kwargs):
    begun = time.process_time()
    try:
        return _add_behaviour(*args, **kwargs)
    finally:
        resolution.append(time.process_time() - begun)
orchestrate.add_behaviour = _timed
started = time.perf_counter()
result = generate(source, output, GenerateOptions(cache_dir=cache, workers=workers))
elapsed = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
v = result.model.verification
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
graph = result.model.call_graph
print(json.dumps({"seconds": elapsed, "peak": peak * 1024, "timings": result.timings, "pages": len(result.pages),
                  "background": result.background,
                  "cpu": cpu,
                  "resolution": sum(resolution), "calls": graph.resolved if graph else 0,
                  "unresolved_calls": graph.unresolved if graph else 0, "flows": len(result.model.flows),
                  "broken_links": v.broken_source_links if v else None,
                  "unresolved_spans": v.unresolved_code_spans if v else None}))
"""

_CALL_SITES = r"""
import ast, json, sys, time, warnings
from pathlib import Path
from codedoc.analyze.facts import FileContext
from codedoc.analyze.python.extract import extract_module, extract_module_and_behaviour
from codedoc.model import FileCategory, Language
from codedoc.scan import read_text, scan
warnings.simplefilter("ignore")
root = Path(sys.argv[1])
trees = []
for item in scan(root).files:
    # Product code only: tests get neither call sites nor complexity, so on them the symbols-only walk
    # (which measures complexity) would do more than the walk with calls.
    if item.language != Language.PYTHON or item.category is FileCategory.TEST:
        continue
    text = read_text(root, item.path).removeprefix("\ufeff")
    try:
        trees.append((FileContext(item.path, item.language, item.category, item.path), text, ast.parse(text)))
    except (SyntaxError, ValueError, RecursionError):
        pass
def best(extract):
    # The faster of two runs: the first pays for warming caches, whichever extractor goes first.
    times, found = [], 0
    for _ in range(2):
        started = time.process_time()
        found = sum(len(getattr(extract(tree, context=c, text=t), "calls", ())) for c, t, tree in trees)
        times.append(time.process_time() - started)
    return min(times), found
symbols_only, _ = best(extract_module)
with_calls, sites = best(lambda tree, **kw: extract_module_and_behaviour(tree, **kw)[1])
print(json.dumps({"symbols_only": symbols_only, "with_calls": with_calls, "sites": sites}))
"""


def _run(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark step failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    repo = str(args.repo.resolve())
    with tempfile.TemporaryDirectory(prefix="codedoc-bench-") as tmp:
        base = Path(tmp)
        bare = _run(_BARE_PARSE, repo)
        first = _run(_PIPELINE, repo, str(base / "out1"), str(base / "cache"), str(args.workers))
        second = _run(_PIPELINE, repo, str(base / "out2"), str(base / "cache"), str(args.workers))
        sites = _run(_CALL_SITES, repo)
    mib = 1024 * 1024
    t0, t1, t2 = float(bare["seconds"]), float(first["seconds"]), float(second["seconds"])  # type: ignore[arg-type]
    print(f"repository        {repo}: {bare['files']} parsable files, {bare['lines']:,} lines")
    print(f"bare parse        {t0:7.2f}s  (peak {float(bare['peak']) / mib:.0f} MiB)")  # type: ignore[arg-type]
    print(
        f"full pipeline     {t1:7.2f}s  ratio {t1 / t0:.2f} (target <= 2.0), "
        f"peak {float(first['peak']) / mib:.0f} MiB (target <= 1024)"
    )  # type: ignore[arg-type]
    print("  stages          " + ", ".join(f"{k} {v:.2f}s" for k, v in first["timings"].items()))  # type: ignore[union-attr]
    beside: dict[str, float] = first["background"]  # type: ignore[assignment]
    if beside:
        print(
            f"  ask index       {beside['ask_index']:7.2f}s in its own process beside analyze's end, write and "
            f"verify; publish waited {beside['ask_index_wait']:.2f}s for it"
        )
    c0, c1 = float(bare["cpu"]), float(first["cpu"])  # type: ignore[arg-type]
    # CPU seconds do not depend on how busy the machine is: the work done, whatever the wall clock says.
    print(f"  cpu             {c1:7.2f}s against {c0:.2f}s for the bare parse: ratio {c1 / c0:.2f}")
    print(f"second run        {t2:7.2f}s  ratio to first {t2 / t1:.2f} (target <= 0.2)")
    print("  stages          " + ", ".join(f"{k} {v:.2f}s" for k, v in second["timings"].items()))  # type: ignore[union-attr]
    collect = float(sites["with_calls"]) - float(sites["symbols_only"])  # type: ignore[arg-type]
    print(
        f"call graph        collecting {sites['sites']:,} call sites in product code {collect:.2f}s cpu ("
        f"{collect / c0:.2f} of the bare parse's cpu), resolving {float(first['resolution']):.2f}s cpu: "  # type: ignore[arg-type]
        f"{first['calls']:,} calls resolved, {first['unresolved_calls']:,} unresolved, {first['flows']} flows"
    )
    print(f"pages {first['pages']}, broken links {first['broken_links']}, unresolved spans {first['unresolved_spans']}")


if __name__ == "__main__":
    main()
