"""Questions about finished jobs: their indexes, loaded from storage, and the per-user limit.

A job's `ask.sqlite` is copied once from the artifact store (local folder or S3) into the
service's cache folder, named by a digest of the job's artifact prefix (never by anything a
user typed), and kept open while it is being asked; a finished job's artifacts never change.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

from codedoc.ask import INDEX_FILE, AskIndex
from codedoc.service.api.errors import ApiError
from codedoc.service.api.ratelimit import RateLimiter
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import Job, JobStatus
from codedoc.write.llm.settings import LLMSettings

OPEN_INDEXES = 8


class AskService:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        settings = context.settings
        self.folder = settings.cache_dir / "ask"
        self.limiter = RateLimiter(per_minute=settings.ask_rate_limit, burst=settings.ask_rate_burst)
        self._open: OrderedDict[str, AskIndex] = OrderedDict()
        self._lock = threading.Lock()

    def check_rate(self, owner: str, client: str) -> None:
        """429 with Retry-After when this user (or, without keys, this address) asks too often."""
        wait = self.limiter.acquire(f"owner:{owner}" if owner else f"ip:{client}")
        if wait > 0:
            raise ApiError(
                429, "rate_limited", "too many questions; slow down", headers={"Retry-After": str(max(1, round(wait)))}
            )

    def index(self, job: Job) -> AskIndex:
        """The job's open index; 409 when the job is not finished or was documented without one."""
        if job.status != JobStatus.COMPLETED.value or job.artifact_prefix is None:
            raise ApiError(409, "not_ready", f"the job is {job.status}; it cannot be asked yet")
        prefix = job.artifact_prefix
        with self._lock:
            index = self._open.get(prefix)
            if index is not None:
                self._open.move_to_end(prefix)
                return index
        path = self._local_copy(prefix)
        index = AskIndex(path)
        with self._lock:
            self._open[prefix] = index
            while len(self._open) > OPEN_INDEXES:
                _prefix, old = self._open.popitem(last=False)
                old.close()
        return index

    def _local_copy(self, prefix: str) -> Path:
        name = hashlib.sha256(prefix.encode()).hexdigest()[:32] + ".sqlite"
        path = self.folder / name
        if path.is_file():
            return path
        data = self.context.storage.read(f"{prefix}/{INDEX_FILE}")
        if data is None:
            raise ApiError(409, "no_index", "this job was documented before questions were possible; retry it")
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
        return path

    def llm(self) -> LLMSettings | None:
        """The provider for written answers: the same `CODEDOC_LLM_*` variables as the writer."""
        from codedoc.write.llm import settings_from_env

        return settings_from_env(os.environ, cache_dir=None)

    def close(self) -> None:
        with self._lock:
            for index in self._open.values():
                index.close()
            self._open.clear()
