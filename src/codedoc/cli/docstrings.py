"""`codedoc docstrings`: docstrings for the undocumented public symbols of a repository.

The one command that writes into the user's files — by explicit request, into a local working
tree only. `--patch` writes a patch instead (any source, remote URLs included); `--check` writes
nothing and exits 1 when a public symbol lacks a docstring.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from codedoc.acquire.sources import is_url
from codedoc.cli.generate import _common_options, _options, _user_errors, _with_llm_options, default_cache_dir
from codedoc.cli.output import progress_reporter
from codedoc.docstrings import DocstringRun, DocstringWriter, apply_changes, unified_patch
from codedoc.docstrings.stage import docstrings_for_source
from codedoc.errors import InvalidSource, OutputError
from codedoc.progress import ProgressEvent, Stage

_LISTED = 200


@click.command("docstrings")
@_common_options
@click.option("--check", is_flag=True, help="Change nothing; exit 1 and list the public symbols without a docstring.")
@click.option(
    "--patch",
    "patch_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a unified diff (for `git apply`) to this file ('-' for stdout) instead of editing the files.",
)
@click.option("--include-tests", is_flag=True, help="Also document the functions and classes of test files.")
@_with_llm_options
def docstrings_command(**params: Any) -> None:
    """Write docstrings into SOURCE for every public function, method and class that has none."""
    source: str = params["source"]
    check, patch_file = params["check"], params["patch_file"]
    with _user_errors():
        in_place = not check and patch_file is None
        if in_place and (is_url(source) or params["ref"] or not Path(source).is_dir()):
            raise InvalidSource(
                "docstrings are written in place only into a local working tree (no URL, no --ref); "
                "use --patch FILE to get them as a patch"
            )
        dry_run = bool(params.get("llm") and params.get("dry_run"))
        writer = None if check or dry_run else _writer(params)
        with progress_reporter(quiet=params["quiet"]) as progress:
            run, _commit = docstrings_for_source(
                source,
                _options(params),
                writer=writer,
                include_tests=params["include_tests"],
                plan_only=check or dry_run,
                progress=lambda fraction, message: progress(ProgressEvent(Stage.WRITE, fraction, message)),
            )
        if check:
            _report_check(run)
            return
        if dry_run:
            click.echo(
                f"Dry run: {len(run.missing)} docstrings would be written with --llm {params['llm']}, "
                f"one call each (fewer with cached answers); nothing was sent and no file was changed."
            )
            return
        if patch_file is not None:
            _write_patch(patch_file, unified_patch(run.changes))
        else:
            apply_changes(Path(source), run.changes)
        _summary(run, writer, target="the patch" if patch_file is not None else source)


def _writer(params: dict[str, Any]) -> DocstringWriter | None:
    if not params.get("llm"):
        return None
    from codedoc.cli.llm import _settings
    from codedoc.docstrings.llm import LLMDocstrings

    settings = _settings(
        params, model_cache_dir=params["cache_dir"] or default_cache_dir(), require_key=not params.get("dry_run")
    )
    return LLMDocstrings(settings)


def _report_check(run: DocstringRun) -> None:
    if not run.missing:
        click.echo("Every public function, method and class has a docstring.", err=True)
        return
    for target in run.missing[:_LISTED]:
        symbol = target.symbol
        click.echo(f"{target.path}:{symbol.location.start_line}: {symbol.kind.value} {symbol.qualname}")
    if len(run.missing) > _LISTED:
        click.echo(f"… and {len(run.missing) - _LISTED} more")
    files = len({t.path for t in run.missing})
    click.echo(f"{len(run.missing)} public symbols in {files} files have no docstring.", err=True)
    sys.exit(1)


def _write_patch(path: Path, data: bytes) -> None:
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        path.write_bytes(data)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}") from None


def _summary(run: DocstringRun, writer: DocstringWriter | None, *, target: str) -> None:
    files = len(run.changes)
    lines = [
        f"Added {len(run.added)} docstrings to {files} files in {target} "
        f"({len(run.missing)} public symbols had none; Python style: {run.style.value})"
    ]
    lines += [f"  skipped    {warning}" for warning in run.warnings[:20]]
    report = getattr(writer, "report", None)
    if callable(report):
        details = report()
        lines.append(f"  llm        {details.calls} calls, {details.cache_hits} answers from the cache")
        if details.removed_names:
            shown = ", ".join(details.removed_names[:3]) + (", …" if len(details.removed_names) > 3 else "")
            lines.append(f"  grounding  {len(details.removed_names)} unknown names dropped ({shown})")
        if details.fallbacks:
            lines.append(f"  fallback   {len(details.fallbacks)} docstrings use the offline text")
    click.echo("\n".join(lines), err=True)
