"""`codedoc ask` and `codedoc mcp`: questions about a repository, from a terminal or a coding agent."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click

from codedoc.cli.generate import _user_errors, default_cache_dir
from codedoc.cli.output import progress_reporter
from codedoc.write.llm.registry import PROVIDERS


def _source_options(function: Any) -> Any:
    options = [
        click.option("--ref", help="Branch, tag or commit to document (default: the default branch)."),
        click.option("--cache-dir", type=click.Path(path_type=Path), help="Cache folder (default: user cache)."),
        click.option("--no-cache", is_flag=True, help="Analyse and index again, ignoring the cache."),
        click.option("-q", "--quiet", is_flag=True, help="No progress output."),
        click.option("--llm", type=click.Choice(list(PROVIDERS)), default=None, help="Write answers with an LLM."),
        click.option(
            "--model", "llm_model", metavar="NAME", help="The LLM model (default: the provider's strong one)."
        ),
        click.option("--llm-base-url", metavar="URL", help="Endpoint of the provider (local servers)."),
        click.option("--llm-timeout", type=click.FloatRange(1.0), metavar="SECONDS", help="Seconds one call may take."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@contextmanager
def open_index(source: str, params: dict[str, Any]) -> Iterator[Any]:
    """The index of SOURCE: a published site's `ask.sqlite`, or built (and cached by content) now."""
    from codedoc.ask import INDEX_FILE, AskIndex
    from codedoc.ask.store import remove_folder, temporary_index_folder
    from codedoc.pipeline import GenerateOptions, generate

    published = Path(source) / INDEX_FILE
    if published.is_file():
        index = AskIndex(published)
        try:
            yield index
        finally:
            index.close()
        return
    with ExitStack() as stack:
        cache = None if params["no_cache"] else (params["cache_dir"] or default_cache_dir())
        if cache is None:
            folder = temporary_index_folder()
            stack.callback(remove_folder, folder)
        else:
            folder = cache / "ask"
        options = GenerateOptions(ref=params["ref"], cache_dir=cache / "analysis" if cache else None)
        with progress_reporter(quiet=params["quiet"]) as progress:
            result = generate(source, None, options, progress=progress, ask_folder=folder)
        assert result.ask_index is not None
        index = AskIndex(result.ask_index)
        stack.callback(index.close)
        yield index


def llm_settings(params: dict[str, Any]) -> Any:
    if not params.get("llm"):
        return None
    from codedoc.write.llm.settings import resolve_settings

    return resolve_settings(
        params["llm"],
        env=os.environ,
        model=params.get("llm_model") or None,
        base_url=params.get("llm_base_url") or None,
        timeout=params.get("llm_timeout"),
    )


@click.command("ask")
@click.argument("source")
@click.argument("question")
@click.option("--limit", type=click.IntRange(1, 25), default=8, show_default=True, help="How many results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_source_options
def ask_command(source: str, question: str, limit: int, as_json: bool, **params: Any) -> None:
    """Ask QUESTION about SOURCE (a folder, a Git URL, or a published CodeDoc site).

    Offline: the best passages and symbols, each cited with why it was chosen. With --llm: a
    written answer from those passages only, streamed, every claim cited and checked."""
    from codedoc.ask.formatting import format_results

    with _user_errors(), open_index(source, params) as index:
        settings = llm_settings(params)
        if settings is None:
            result = index.search(question, limit=limit)
            click.echo(json.dumps(result.to_json(), indent=1) if as_json else format_results(result))
            return
        from codedoc.ask.answer import known_names, stream_answer

        events = stream_answer(index, question, settings, known=known_names(index), limit=limit)
        for piece in events:
            if not as_json:
                sys.stdout.write(piece)
                sys.stdout.flush()
        answer = events.answer
        if as_json:
            click.echo(json.dumps(answer.to_json(), indent=1))
            return
        click.echo("")
        report = answer.report
        usage = answer.usage
        lines = [
            f"checked: {len(report.citations)} citations kept, {len(report.removed_citations)} removed; "
            f"{len(report.removed_names)} unknown names removed; {answer.secrets_redacted} secrets redacted",
        ]
        if usage is not None:
            spent = f", ${usage.cost_usd:.4f}" if usage.cost_usd is not None else ""
            lines.append(f"tokens: {usage.input_tokens} in, {usage.output_tokens} out ({usage.model}{spent})")
        click.echo("\n".join(lines), err=True)


@click.command("mcp")
@click.argument("source")
@_source_options
def mcp_command(source: str, **params: Any) -> None:
    """Serve SOURCE's ask tools to a coding agent over MCP on stdio.

    Tools: search, read_page, find_symbol, get_source, list_routes, list_commands, list_settings, ask."""
    from codedoc.ask.mcp_tools import build_server, fixed

    params["quiet"] = True  # stdout is the protocol's
    with _user_errors(), open_index(source, params) as index:
        settings = llm_settings(params)
        server = build_server(fixed(index), llm=lambda: settings)
        server.run("stdio")
