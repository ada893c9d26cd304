"""How the web viewer copes with a big site: load, render and search, against reading the files.

    python benchmarks/viewer_speed.py REPO

Generates REPO's site (offline writer), stores it as a finished job's artifacts would be, then
times, in one run: reading every page's bytes from storage (the baseline: the least any viewer
must do), loading the site (navigation + all pages), rendering every page the first time and
again (cached), building the search index, and searching for 50 symbol names. Prints the
figures and their ratios to the baseline, and the largest page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from codedoc.pipeline import GenerateOptions, generate
from codedoc.service.storage.local import LocalStorage
from codedoc.service.web.loader import load_site


def _seconds(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "site"
        generate(args.repo, output, GenerateOptions())
        storage = LocalStorage(Path(scratch) / "store")
        storage.put_tree("job/site", output)
        keys = [key for key in storage.list_tree("job/site") if key.startswith("docs/") and key.endswith(".md")]
        total_bytes = sum(len(storage.read(f"job/site/{key}") or b"") for key in keys)

        baseline = min(_seconds(lambda: [storage.read(f"job/site/{key}") for key in keys]) for _ in range(3))
        started = time.perf_counter()
        site = load_site(storage, "job/site")
        load = time.perf_counter() - started

        def link(path: str, fragment: str) -> str:
            return f"/jobs/x/docs/{path}#{fragment}"

        per_page: list[float] = []
        for path in site.order:
            per_page.append(_seconds(lambda path=path: site.render(path, link)))
        cached = _seconds(lambda: [site.render(path, link) for path in site.order])
        index = _seconds(lambda: site.index)

        model = json.loads((output / "codedoc.json").read_text())
        names = [symbol["name"] for module in model["modules"] for symbol in module["symbols"]][:50]
        searches = [_seconds(lambda name=name: site.index.search(name)) for name in names] or [0.0]

    print(f"site: {len(keys)} pages, {total_bytes / 1e6:.1f} MB of Markdown")
    print(f"read all pages (baseline):   {baseline * 1000:8.1f} ms")
    print(f"load site (nav + pages):     {load * 1000:8.1f} ms   ({load / baseline:.1f}x baseline)")
    print(
        f"render every page, first:    {sum(per_page) * 1000:8.1f} ms   "
        f"(median {statistics.median(per_page) * 1000:.1f} ms, slowest {max(per_page) * 1000:.1f} ms)"
    )
    print(f"render every page, cached:   {cached * 1000:8.1f} ms")
    print(f"build search index:          {index * 1000:8.1f} ms   ({index / baseline:.1f}x baseline)")
    print(
        f"search ({len(searches)} symbol names):   median {statistics.median(searches) * 1000:.1f} ms, "
        f"slowest {max(searches) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
