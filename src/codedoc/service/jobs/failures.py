"""What a failed job tells its user, and whether trying again may help — decided here and only here."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from codedoc.errors import (
    CloneTimeout,
    CodeDocError,
    InvalidSource,
    NothingToDocument,
    RefNotFound,
    RepositoryNotFound,
    RepositoryTooLarge,
    TooManyFiles,
)
from codedoc.service.storage import StorageError

logger = logging.getLogger("codedoc.service.jobs")


@dataclass(frozen=True, slots=True)
class Failure:
    message: str
    """Shown to the user as the job's `error_message`: what happened and what to do."""
    transient: bool
    """True when the same job may succeed later (network trouble, rate limits, timeouts)."""


# Extra advice for errors whose own message says what went wrong but not what to do next.
_ADVICE: tuple[tuple[type[CodeDocError], str], ...] = (
    (RepositoryNotFound, "check the URL, or pass an access_token if the repository is private"),
    (RefNotFound, "check the branch, tag or commit given as ref"),
    (TooManyFiles, "document a smaller repository or raise CODEDOC_MAX_REPO_FILES"),
    (RepositoryTooLarge, "document a smaller repository or raise CODEDOC_MAX_REPO_BYTES"),
    (CloneTimeout, "the job will be retried; if it keeps failing the host may be slow or the repository too large"),
    (NothingToDocument, "the repository has no source files CodeDoc can read"),
    (InvalidSource, "give an https:// URL of an allowed Git host, or owner/repo"),
)


def describe_failure(error: BaseException) -> Failure:
    if isinstance(error, CodeDocError):
        message = str(error).strip() or type(error).__name__
        advice = next((text for kind, text in _ADVICE if isinstance(error, kind)), None)
        if advice and advice not in message:
            message = f"{message} ({advice})"
        return Failure(message[:2000], error.transient)
    if isinstance(error, StorageError):
        logger.warning("storing artifacts failed: %s", error)
        return Failure("storing the generated site failed; the job will be retried", True)
    if isinstance(error, (ConnectionError, TimeoutError)):
        logger.warning("transient failure: %s", type(error).__name__)
        return Failure("a network error interrupted the job; it will be retried", True)
    # Anything else is our bug: keep the details in the log and give the user a reference.
    reference = uuid.uuid4().hex[:12]
    logger.error("job failed with an unexpected error (reference %s)", reference, exc_info=error)
    return Failure(f"internal error while generating the documentation (reference {reference})", False)


def timed_out(limit_seconds: float) -> Failure:
    return Failure(f"the job took longer than the {round(limit_seconds)} s limit and was stopped", False)


def lost_worker(attempts: int) -> Failure:
    return Failure(
        f"the worker running this job stopped responding {attempts} times; "
        "try again later or with a smaller repository",
        False,
    )
