"""From scanned files to the code model: per-file analysis (cached, in parallel), then the
repository-level steps that need every file at once."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import posixpath
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from codedoc.acquire import Checkout
from codedoc.analyze.behaviour.build import add_behaviour
from codedoc.analyze.cache import AnalysisCache, analyzer_version, cache_key, open_cache
from codedoc.analyze.components import build_components
from codedoc.analyze.dispatch import (
    analyze_batch,
    analyze_batch_pickled,
    language_analyzer,
    manifest_analyzer,
    start_worker,
)
from codedoc.analyze.facts import FileContext, FileFacts, merge_facts
from codedoc.analyze.imports import ImportResolver
from codedoc.analyze.insights import compute_insights
from codedoc.analyze.layout import go_module_paths, module_names
from codedoc.analyze.repository import describe_repository, link_dependencies
from codedoc.analyze.route_mounts import mount_routes
from codedoc.model import CodeModel, FileCategory, SourceFile
from codedoc.scan import ScannedFile, ScanResult, read_text

AnalyzeProgress = Callable[[float, str], None]

# Below this much text a process pool costs more than it saves.
_PARALLEL_MIN_BYTES = 400_000
_MODULE_CATEGORIES = frozenset({FileCategory.CODE, FileCategory.TEST})
_NON_PRODUCT_FOLDERS = frozenset(
    {"test", "tests", "testing", "example", "examples", "sample", "samples", "docs", "doc", "benchmarks", "bench"}
)


@dataclass(frozen=True, slots=True)
class _Job:
    context: FileContext
    text: str
    is_manifest: bool
    key: str


_FOLDER_READMES = frozenset({"readme.md", "readme.rst", "readme.txt", "readme"})


def _is_product_code(path: str, category: FileCategory) -> bool:
    """Framework facts from tests and examples describe the tests, not the project."""
    if category == FileCategory.TEST:
        return False
    return not any(part in _NON_PRODUCT_FOLDERS for part in path.split("/")[:-1])


def _read_all(root: Path, files: tuple[ScannedFile, ...]) -> Iterator[tuple[ScannedFile, str]]:
    for scanned in files:
        try:
            yield scanned, read_text(root, scanned.path)
        except (OSError, ValueError):
            yield scanned, ""


def _run_jobs(
    jobs: list[_Job], workers: int, progress: AnalyzeProgress, pickled: dict[str, bytes]
) -> dict[str, FileFacts]:
    """Each job's facts by key; facts computed in worker processes also go into `pickled` as the
    bytes they crossed over in, so the cache stores them without pickling them a second time."""
    results: dict[str, FileFacts] = {}
    if not jobs:
        return results
    total_bytes = sum(len(job.text) for job in jobs)
    if workers <= 1 or total_bytes < _PARALLEL_MIN_BYTES:
        for done, job in enumerate(jobs, 1):
            results[job.key] = analyze_batch([(job.context, job.text, job.is_manifest)])[0]
            if done % 200 == 0:
                progress(done / len(jobs), f"analysed {done} of {len(jobs)} files")
        return results
    # Batches of similar total size, big files first, so both cores stay busy to the end.
    ordered = sorted(jobs, key=lambda job: len(job.text), reverse=True)
    batch_bytes = max(50_000, total_bytes // (workers * 12))
    batches: list[list[_Job]] = [[]]
    size = 0
    for job in ordered:
        if size >= batch_bytes:
            batches.append([])
            size = 0
        batches[-1].append(job)
        size += len(job.text)
    done = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=start_worker) as pool:
        futures = {
            pool.submit(analyze_batch_pickled, [(j.context, j.text, j.is_manifest) for j in batch]): batch
            for batch in batches
        }
        for future in as_completed(futures):
            batch = futures[future]
            for job, blob in zip(batch, future.result(), strict=True):
                results[job.key] = pickle.loads(blob)  # noqa: S301 - made by our own worker
                pickled[job.key] = blob
            done += len(batch)
            progress(done / len(jobs), f"analysed {done} of {len(jobs)} files")
    return results


def analyze(
    checkout: Checkout,
    scanned: ScanResult,
    *,
    cache_dir: Path | None = None,
    workers: int = 1,
    progress: AnalyzeProgress = lambda fraction, message: None,
    on_model: Callable[[CodeModel], None] | None = None,
    cache_model: bool = True,
) -> CodeModel:
    """The code model of a scanned checkout.

    `on_model` gets the model as soon as it exists, before it is stored in the cache: work that
    needs only the model can start then (the pipeline starts the ask index on the other core).
    With `cache_model` False, storing the assembled model is left to the caller (`store_model`),
    who may have more urgent work first."""
    texts: dict[str, str] = {}
    source_files: list[SourceFile] = []
    for item, text in _read_all(checkout.root, scanned.files):
        data = text.encode("utf-8", "surrogatepass")
        lines = text.count("\n") + (0 if not text or text.endswith("\n") else 1)
        source_files.append(
            SourceFile(item.path, item.language, item.category, item.size, lines, hashlib.sha256(data).hexdigest())
        )
        texts[item.path] = text
    files_by_path = {f.path: f for f in source_files}

    go_modules = go_module_paths({p: t for p, t in texts.items() if posixpath.basename(p) == "go.mod"})
    # Sphinx `conf.py`, `setup.py` and the like are docs and build files, not the project's code.
    names = module_names(
        (
            (f.path, f.language)
            for f in source_files
            if f.category in _MODULE_CATEGORIES and language_analyzer(f.language) is not None
        ),
        go_modules,
        (posixpath.dirname(f.path) for f in source_files if posixpath.basename(f.path) == "Cargo.toml"),
    )

    jobs: list[_Job] = []
    for source in source_files:
        is_manifest = manifest_analyzer(source.path) is not None
        name = names.get(source.path)
        if name is None and not is_manifest:
            continue
        context = FileContext(
            path=source.path,
            language=source.language,
            category=source.category,
            module_name=name.name if name else source.path,
            is_package=name.is_package if name else False,
        )
        jobs.append(_Job(context, texts[source.path], is_manifest, cache_key(context, source.sha256)))

    fingerprint = _fingerprint(checkout, scanned, source_files, jobs)
    cache: AnalysisCache | None = open_cache(cache_dir)
    try:
        whole = cache.get_model(fingerprint) if cache else None
        if isinstance(whole, CodeModel) and whole.fingerprint == fingerprint:
            progress(1.0, f"{len(jobs)} files unchanged: re-using the code model")
            if on_model is not None:
                on_model(whole)
            return whole
        cached = cache.get_many(job.key for job in jobs) if cache else {}
        missing = [job for job in jobs if job.key not in cached]
        progress(0.05, f"{len(jobs) - len(missing)} files unchanged, analysing {len(missing)}")
        pickled: dict[str, bytes] = {}
        fresh = _run_jobs(missing, max(1, workers), progress, pickled)
        if cache and fresh:
            cache.put_pickled(pickled.items())
            cache.put_many((key, facts) for key, facts in fresh.items() if key not in pickled)
        facts_by_path = {job.context.path: cached.get(job.key) or fresh[job.key] for job in jobs}
        model = _assemble(checkout, scanned, source_files, files_by_path, facts_by_path, texts, go_modules)
        model = dataclasses.replace(model, fingerprint=fingerprint)
        if on_model is not None:
            on_model(model)
        if cache and cache_model:
            cache.put_model(fingerprint, model)
        return model
    finally:
        if cache:
            cache.close()


def store_model(cache_dir: Path | None, model: CodeModel) -> None:
    """Keep `model` for an unchanged re-run (what `analyze(cache_model=False)` left to its caller),
    unless it is kept already (it came from the cache)."""
    cache = open_cache(cache_dir) if model.fingerprint else None
    if cache is None or model.fingerprint is None:
        return
    try:
        if not cache.has_model(model.fingerprint):
            cache.put_model(model.fingerprint, model)
    finally:
        cache.close()


def _fingerprint(checkout: Checkout, scanned: ScanResult, source_files: list[SourceFile], jobs: list[_Job]) -> str:
    """A hash of every input of `_assemble`: per-file cache keys already cover the analysers' code."""
    digest = hashlib.sha256(analyzer_version().encode())
    for value in (checkout.name, checkout.source_url, checkout.commit_sha, checkout.ref, checkout.default_branch):
        digest.update(f"\0{value}".encode())
    digest.update(repr(sorted((str(k), v) for k, v in scanned.skipped.items())).encode())
    digest.update(repr(scanned.diagnostics).encode())
    for source in source_files:
        digest.update(f"\0{source.path}\0{source.language}\0{source.category}\0{source.size}\0{source.sha256}".encode())
    for job in jobs:
        digest.update(job.key.encode())
    return digest.hexdigest()


def _assemble(
    checkout: Checkout,
    scanned: ScanResult,
    source_files: list[SourceFile],
    files_by_path: dict[str, SourceFile],
    facts_by_path: dict[str, FileFacts],
    texts: dict[str, str],
    go_modules: dict[str, str],
) -> CodeModel:
    modules = [f.module for _, f in sorted(facts_by_path.items()) if f.module is not None]
    metadata = [f.metadata for _, f in sorted(facts_by_path.items()) if f.metadata is not None]
    # Framework facts only from product code; build facts and warnings from everywhere.
    kept = (
        facts
        if _is_product_code(path, files_by_path[path].category)
        else FileFacts(dependencies=facts.dependencies, tasks=facts.tasks, diagnostics=facts.diagnostics)
        for path, facts in sorted(facts_by_path.items())
    )
    merged = merge_facts(FileFacts(diagnostics=scanned.diagnostics), kept)
    routes, commands, entry_points = merged.routes, merged.commands, merged.entry_points

    local_packages = {
        meta.name: posixpath.dirname(meta.path)
        for meta in metadata
        if meta.name and posixpath.basename(meta.path) in ("package.json", "Cargo.toml")
    }
    resolver = ImportResolver(modules, go_modules, local_packages)
    modules = [resolver.resolve_module(m) for m in modules]
    routes = mount_routes(
        routes, merged.mounts, settings=merged.settings, modules=modules, router_prefixes=merged.router_prefixes
    )
    package_dirs = {posixpath.dirname(m.path) for m in modules if m.is_package and m.path.endswith(".py")}
    readmes = {
        posixpath.dirname(path): text
        for path, text in sorted(texts.items())
        if posixpath.dirname(path) and posixpath.basename(path).lower() in _FOLDER_READMES
    }
    components = build_components(modules, package_dirs=package_dirs, readmes=readmes)
    insights = compute_insights(
        modules, components, is_product=lambda path: _is_product_code(path, files_by_path[path].category)
    )
    linked_dependencies = link_dependencies(merged.dependencies, modules)
    repository = describe_repository(
        checkout,
        source_files=source_files,
        skipped=scanned.skipped,
        texts=texts,
        metadata=metadata,
        has_routes=bool(routes),
        has_commands=bool(commands),
        entry_points=entry_points,
        dependencies=linked_dependencies,
        modules=modules,
    )
    model = CodeModel(
        repository=repository,
        modules=tuple(modules),
        components=components,
        routes=routes,
        commands=commands,
        data_models=merged.data_models,
        settings=merged.settings,
        entry_points=entry_points,
        dependencies=linked_dependencies,
        tasks=merged.tasks,
        diagnostics=merged.diagnostics,
        insights=insights,
    )
    behaviours = {path: f.behaviour for path, f in facts_by_path.items() if f.behaviour is not None}
    excluded = frozenset(path for path in behaviours if not _is_product_code(path, files_by_path[path].category))
    return add_behaviour(model, behaviours, excluded, merged.plugins)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
