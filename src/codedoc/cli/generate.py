"""`codedoc generate` and `codedoc analyze`: the pipeline from the command line."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
import platformdirs

from codedoc.cli.output import progress_reporter
from codedoc.errors import AcquireError, CodeDocError, InvalidSource, NothingToDocument, OutputError
from codedoc.pipeline import GenerateOptions, GenerateResult, build_model, generate
from codedoc.scan import ScanLimits

# One place maps errors to exit codes.
_EXIT_CODES: tuple[tuple[type[CodeDocError], int], ...] = (
    (InvalidSource, 2),
    (AcquireError, 3),
    (NothingToDocument, 4),
    (OutputError, 5),
    (CodeDocError, 1),
)


def default_cache_dir() -> Path:
    return Path(os.environ.get("CODEDOC_CACHE_DIR") or platformdirs.user_cache_dir("codedoc"))


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn CodeDoc's errors into one clear sentence and an exit code, never a traceback."""
    try:
        yield
    except CodeDocError as error:
        code = next(code for kind, code in _EXIT_CODES if isinstance(error, kind))
        click.echo(f"codedoc: error: {error}", err=True)
        sys.exit(code)
    except KeyboardInterrupt:
        click.echo("codedoc: interrupted", err=True)
        sys.exit(130)


def _common_options(function: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.argument("source"),
        click.option("--ref", help="Branch, tag or commit to document (default: the default branch)."),
        click.option("--cache-dir", type=click.Path(path_type=Path), help="Analysis cache (default: user cache)."),
        click.option("--no-cache", is_flag=True, help="Analyse every file again, ignoring the cache."),
        click.option("--workers", type=click.IntRange(1, 64), help="Processes used for analysis (default: cores)."),
        click.option(
            "--max-file-size",
            type=click.IntRange(1),
            default=1_000_000,
            show_default=True,
            help="Skip files larger than this many bytes.",
        ),
        click.option(
            "--max-files",
            type=click.IntRange(1),
            default=100_000,
            show_default=True,
            help="Stop scanning after this many files.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress output."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _options(params: dict[str, Any], **extra: Any) -> GenerateOptions:
    cache_dir = None if params["no_cache"] else (params["cache_dir"] or default_cache_dir()) / "analysis"
    kwargs: dict[str, Any] = {
        "ref": params["ref"],
        "cache_dir": cache_dir,
        "scan_limits": ScanLimits(max_file_bytes=params["max_file_size"], max_files=params["max_files"]),
        **extra,
    }
    if params["workers"]:
        kwargs["workers"] = params["workers"]
    return GenerateOptions(**kwargs)


def _summary(result: GenerateResult, elapsed: float) -> list[str]:
    model = result.model
    repo = model.repository
    languages = ", ".join(f"{s.language.value} ({s.lines:,} lines)" for s in repo.languages[:5]) or "none"
    symbols = sum(len(m.symbols) for m in model.modules)
    skipped = sum(repo.skipped.values())
    lines = [
        f"Documented {repo.name}" + (f" at {repo.commit_sha[:12]}" if repo.commit_sha else ""),
        f"  files      {len(repo.files):,} read, {skipped:,} skipped",
        f"  languages  {languages}",
        f"  symbols    {symbols:,} in {len(model.modules):,} modules, {len(model.components):,} components",
        f"  facts      {len(model.routes)} routes, {len(model.commands)} commands, "
        f"{len(model.data_models)} data models, {len(model.settings)} settings, {len(model.dependencies)} dependencies",
        f"  pages      {len(result.pages)} written" + (f" to {result.output}" if result.output else ""),
    ]
    if model.verification is not None:
        v = model.verification
        lines.append(
            f"  verified   {v.source_links:,} source links ({v.broken_source_links} broken), "
            f"{v.code_spans:,} code spans ({v.unresolved_code_spans} unresolved)"
        )
    lines.append(f"  warnings   {len(model.diagnostics)}")
    lines.append(f"  time       {elapsed:.1f}s (" + ", ".join(f"{k} {v:.1f}s" for k, v in result.timings.items()) + ")")
    return lines


def _llm_extension() -> Any:
    try:
        from codedoc.cli import llm
    except ImportError:
        return None
    return llm


def _with_llm_options(function: Callable[..., Any]) -> Callable[..., Any]:
    llm = _llm_extension()
    return llm.llm_options(function) if llm is not None else function


@click.command("generate")
@_common_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write the MkDocs project into.",
)
@_with_llm_options
def generate_command(**params: Any) -> None:
    """Document SOURCE (a folder or a Git URL) into an MkDocs site."""
    started = time.perf_counter()
    llm = _llm_extension()
    with _user_errors():
        prose = None
        if llm is not None:
            prose = llm.prose_from_options(params, model_cache_dir=params["cache_dir"] or default_cache_dir())
        options = _options(params, **({"prose": prose} if prose is not None else {}))
        if llm is not None and params.get("dry_run"):
            with progress_reporter(quiet=params["quiet"]) as progress:
                model = build_model(params["source"], options, progress=progress)
            click.echo(llm.dry_run_report(params, model))
            return
        with progress_reporter(quiet=params["quiet"]) as progress:
            result = generate(params["source"], params["output"], options, progress=progress)
        lines = _summary(result, time.perf_counter() - started)
        if prose is not None:
            lines += llm.llm_summary_lines(prose)
        click.echo("\n".join(lines), err=True)


@click.command("analyze")
@_common_options
@click.option("-o", "--output", type=click.File("w"), default="-", help="Where to write the JSON (default: stdout).")
def analyze_command(**params: Any) -> None:
    """Print the code model of SOURCE as JSON."""
    from codedoc.schema import dump_model

    with _user_errors(), progress_reporter(quiet=params["quiet"]) as progress:
        model = build_model(params["source"], _options(params), progress=progress)
    params["output"].write(dump_model(model))
    params["output"].write("\n")
