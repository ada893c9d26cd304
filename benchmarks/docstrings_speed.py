"""Docstrings over CodeDoc's own source: how long planning, writing and inserting take next to analysis.

    python benchmarks/docstrings_speed.py [--include-tests]

Copies src/ (and tests/ with --include-tests) to a temporary folder, analyses it, adds docstrings
(offline writer), applies them, then runs again on the result (which must add nothing). Prints
the seconds of each step, files and docstrings per second, and the ratio of docstrings time to
analysis time. Run by hand; nothing here is timed in tests.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from codedoc.acquire import acquire
from codedoc.analyze import analyze
from codedoc.docstrings import add_docstrings, apply_changes
from codedoc.model import CodeModel
from codedoc.scan import scan

ROOT = Path(__file__).resolve().parents[1]


def model_of(root: Path) -> CodeModel:
    with acquire(str(root)) as checkout:
        return analyze(checkout, scan(checkout.root), workers=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--include-tests", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "codedoc"
        for folder in ("src", "tests") if args.include_tests else ("src",):
            shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", "projects"))
        started = time.perf_counter()
        model = model_of(root)
        analysed = time.perf_counter() - started
        started = time.perf_counter()
        run = add_docstrings(root, model, include_tests=args.include_tests)
        written = time.perf_counter() - started
        apply_changes(root, run.changes)
        started = time.perf_counter()
        again = add_docstrings(root, model_of(root), include_tests=args.include_tests)
        second = time.perf_counter() - started
        files = len(run.changes)
        print(f"analysis          {analysed:7.2f} s  ({len(model.modules)} modules)")
        print(
            f"docstrings        {written:7.2f} s  ({len(run.added)} docstrings in {files} files, "
            f"{files / written:.1f} files/s, {len(run.added) / written:.0f} docstrings/s)"
        )
        print(f"ratio             {written / analysed:7.2f} x the analysis time")
        print(f"second run        {second:7.2f} s  (analysis included; {len(again.added)} docstrings added)")
        print(f"warnings          {len(run.warnings)}")
    return 0 if not again.added else 1


if __name__ == "__main__":
    sys.exit(main())
