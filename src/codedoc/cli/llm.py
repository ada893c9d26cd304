"""The `--llm …` options of `codedoc generate`, and what the command prints about LLM use."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click

from codedoc.model import CodeModel
from codedoc.write.llm.pricing import load_prices
from codedoc.write.llm.registry import PROVIDERS
from codedoc.write.llm.router import parse_tiers
from codedoc.write.llm.settings import LLMSettings, resolve_settings
from codedoc.write.prose import ProseSource


def llm_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add the LLM writer's options to a click command."""
    options = [
        click.option(
            "--llm",
            "llm",
            type=click.Choice(list(PROVIDERS)),
            default=None,
            help="Write the prose with an LLM (default: the offline writer). Keys come from "
            "ANTHROPIC_API_KEY, OPENAI_API_KEY or GEMINI_API_KEY.",
        ),
        click.option(
            "--model",
            "llm_model",
            metavar="NAME",
            help="Model for every call, or for the overview and architecture when --cheap-model is given.",
        ),
        click.option(
            "--cheap-model",
            "llm_cheap_model",
            metavar="NAME",
            help="Model for the many module and component summaries.",
        ),
        click.option(
            "--llm-base-url", metavar="URL", help="Endpoint of the provider, e.g. http://localhost:11434/v1 for Ollama."
        ),
        click.option(
            "--max-tokens",
            "llm_max_tokens",
            type=click.IntRange(1),
            metavar="N",
            help="Hard token budget for the run; past it the remaining pages use the offline text.",
        ),
        click.option(
            "--dry-run", is_flag=True, help="Show the calls, estimated tokens and cost of --llm, and send nothing."
        ),
        click.option(
            "--llm-cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Where LLM answers are cached (default: the user cache folder).",
        ),
        click.option("--no-llm-cache", is_flag=True, help="Ask the LLM again even for unchanged pages."),
        click.option(
            "--llm-concurrency",
            type=click.IntRange(1, 64),
            metavar="N",
            help="Calls in flight at once (default depends on the provider).",
        ),
        click.option(
            "--llm-timeout",
            type=click.FloatRange(1.0),
            metavar="SECONDS",
            help="How long one call may take (default 120).",
        ),
        click.option(
            "--no-llm-wiki", is_flag=True, help="Only the summaries: no wiki plan and no concept pages (fewer calls)."
        ),
        click.option(
            "--llm-tier",
            "llm_tiers",
            multiple=True,
            metavar="KIND=TIER",
            help="Model for one kind of call (plan, page, summary, docstring, answer): cheap, strong or a "
            "model name, e.g. --llm-tier page=cheap.",
        ),
        click.option(
            "--llm-prices",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            metavar="FILE",
            help='JSON price table overriding the built-in one: {"model": {"input": 1.0, "output": 5.0}} '
            "in dollars per million tokens.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _settings(options: Mapping[str, object], *, model_cache_dir: Path | None, require_key: bool) -> LLMSettings:
    provider = str(options["llm"])
    cache_dir: Path | None = None
    if not options.get("no_llm_cache"):
        explicit = options.get("llm_cache_dir")
        if isinstance(explicit, Path):
            cache_dir = explicit
        elif model_cache_dir is not None:
            cache_dir = model_cache_dir / "llm"
    prices = options.get("llm_prices")
    return resolve_settings(
        provider,
        env=os.environ,
        model=_text(options.get("llm_model")),
        cheap_model=_text(options.get("llm_cheap_model")),
        base_url=_text(options.get("llm_base_url")),
        require_key=require_key,
        max_tokens=options.get("llm_max_tokens"),
        concurrency=options.get("llm_concurrency"),
        timeout=options.get("llm_timeout"),
        prices=load_prices(prices) if isinstance(prices, Path) else None,
        cache_dir=cache_dir,
        source_root=_local_checkout(options),
        tiers=_tiers(options.get("llm_tiers")),
        wiki=False if options.get("no_llm_wiki") else None,
    )


def _tiers(value: object) -> dict[str, str] | None:
    items = value if isinstance(value, (tuple, list)) else ()
    return parse_tiers(",".join(str(item) for item in items)) or None


def _text(value: object) -> str | None:
    return str(value) if value else None


def _local_checkout(options: Mapping[str, object]) -> Path | None:
    """The user's folder, for code excerpts — only when it is what gets documented (no --ref)."""
    source = options.get("source")
    if not isinstance(source, str) or options.get("ref"):
        return None
    path = Path(source)
    return path if path.is_dir() else None


def prose_from_options(options: dict[str, object], *, model_cache_dir: Path | None) -> ProseSource | None:
    """The LLM writer the options ask for, or None without --llm. A dry run needs no API key."""
    if not options.get("llm"):
        return None
    settings = _settings(options, model_cache_dir=model_cache_dir, require_key=not options.get("dry_run"))
    from codedoc.write.llm.writer import LLMProse  # the writer's imports are paid only with --llm

    return LLMProse(settings)


def dry_run_report(options: dict[str, object], model: CodeModel) -> str:
    """Pages, calls, estimated tokens and cost of the run the options describe; nothing is sent."""
    if not options.get("llm"):
        return "Dry run: no --llm given, so the offline writer would write every page and nothing would be sent."
    from codedoc.cli.generate import default_cache_dir

    cache_root = options.get("cache_dir")
    settings = _settings(
        options,
        model_cache_dir=cache_root if isinstance(cache_root, Path) else default_cache_dir(),
        require_key=False,
    )
    from codedoc.write.llm.dryrun import estimate_run, format_estimate

    estimate = estimate_run(settings, model)
    pages = _page_count(model)
    return format_estimate(estimate, pages=pages + len(estimate.pages) if pages is not None else None)


def _page_count(model: CodeModel) -> int | None:
    try:
        from codedoc.write.plan import plan_site
    except ImportError:  # the planner is optional for an estimate
        return None
    return len(plan_site(model).pages)


def llm_summary_lines(prose: ProseSource) -> list[str]:
    """Lines for the end-of-run summary: calls, tokens, cost, and the pages that fell back and why."""
    from codedoc.write.llm.writer import LLMProse

    if not isinstance(prose, LLMProse):
        return []
    report = prose.report()
    usage = report.usage
    cost = f"~${usage.cost_usd:,.4f}" if usage.priced else "unknown (no price for this model)"
    lines = [
        f"  llm        {report.provider}: {usage.calls} calls, {usage.cache_hits} answers from the cache",
        f"  tokens     {usage.input_tokens:,} in, {usage.output_tokens:,} out, {usage.cached_input_tokens:,} cached"
        + (f" (budget {report.max_tokens:,})" if report.max_tokens else "")
        + f"; cost {cost}",
    ]
    if report.secrets_redacted:
        lines.append(f"  redacted   {report.secrets_redacted} secrets kept out of the prompts")
    if report.pages:
        source = "planned by the model" if report.plan_from_model else "planned from the components"
        repairs = f"; {len(report.plan_repairs)} repairs to the plan" if report.plan_repairs else ""
        lines.append(f"  wiki       {len(report.pages)} concept pages, {source}{repairs}")
    if report.removed_names:
        shown = ", ".join(report.removed_names[:3]) + (", …" if len(report.removed_names) > 3 else "")
        lines.append(f"  grounding  {len(report.removed_names)} unknown names dropped from answers ({shown})")
    if report.fallbacks:
        count = len(report.fallbacks)
        lines.append(f"  fallback   {count} {'summary uses' if count == 1 else 'summaries use'} the offline text:")
        lines += [f"               {fallback.subject}: {fallback.reason}" for fallback in report.fallbacks[:20]]
        if len(report.fallbacks) > 20:
            lines.append(f"               … and {len(report.fallbacks) - 20} more")
    return lines
