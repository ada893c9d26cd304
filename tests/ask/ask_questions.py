"""Questions with the symbol or file that answers them: the retrieval tests assert each is in the
top 5, and `benchmarks/ask_speed.py` reports recall@1 and recall@5 over the same sets."""

from __future__ import annotations

from ask_repos import NETKIT

__all__ = ["NETKIT"]

NETKIT_QUESTIONS: list[tuple[str, str]] = [
    ("which adapter does a session use for a URL?", "netkit.sessions.Session.get_adapter"),
    ("http adapter", "netkit.adapters.HTTPAdapter"),
    ("get adapter", "netkit.sessions.Session.get_adapter"),
    ("HTTPAdapter", "netkit.adapters.HTTPAdapter"),
    ("where are retries configured?", "netkit/retry.py"),
    ("how long does it wait between attempts", "netkit.retry.backoff"),
    ("which environment variable sets the number of retries", "netkit/retry.py"),
    ("what interface do adapters implement", "netkit.adapters.BaseAdapter"),
]

HARD_QUESTIONS: list[tuple[str, str]] = [
    # Words the code never uses ("pick"): reported by the benchmark, not asserted.
    ("how does a session pick its adapter?", "netkit.sessions.Session.get_adapter"),
]

TINYHTTP_QUESTIONS: list[tuple[str, str]] = [
    ("how do I send a request", "tinyhttp.client.Client.request"),
    ("what error is raised when the server answers with an error status", "tinyhttp.errors.HTTPError"),
    ("which proxy setting is read from the environment", "src/tinyhttp/config.py"),
    ("load settings from a yaml file", "tinyhttp.config.load"),
    ("default timeout", "src/tinyhttp/client.py"),
]

CODEDOC_QUESTIONS: list[tuple[str, str]] = [
    ("where are secrets redacted before a prompt", "src/codedoc/write/llm/redact.py"),
    ("how does a job change state", "src/codedoc/service/jobs/state.py"),
    ("which addresses are refused when cloning a URL", "src/codedoc/acquire/url_policy.py"),
    ("how are mermaid diagrams built", "src/codedoc/write/mermaid.py"),
    ("where is the per-file analysis cache kept", "src/codedoc/analyze/cache.py"),
    (
        "how does the viewer search the pages of a site",
        "src/codedoc/service/web/docsite.py|src/codedoc/service/web/routes.py",
    ),
    ("how are retries of LLM calls done with backoff", "src/codedoc/write/llm/retry.py"),
    ("verify identifiers and citations on the pages", "src/codedoc/write/verify.py"),
    ("how is a path refused when it leaves the repository", "src/codedoc/ask/paths.py"),
    ("which files does the scan skip", "src/codedoc/scan/skips.py"),
    ("rate limit token bucket", "src/codedoc/service/api/ratelimit.py"),
    ("how are artifacts stored in S3", "src/codedoc/service/storage/s3.py"),
]


def found_at(hits: list[object], expected: str) -> int | None:
    """The 1-based rank of the first result that is `expected` (a symbol key or a file path; `|` between
    answers that are equally right)."""
    answers = expected.split("|")
    for rank, hit in enumerate(hits, start=1):
        key = getattr(hit, "key", "")
        citation = getattr(hit, "citation", None)
        path = getattr(citation, "path", None)
        if key in answers or path in answers:
            return rank
    return None
