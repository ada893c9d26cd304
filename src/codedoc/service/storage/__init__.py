"""Artifact storage: a local folder by default, S3 by `CODEDOC_STORAGE_URL=s3://bucket/prefix`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from codedoc.service.storage.base import ArtifactStorage, StorageError, safe_relative_key
from codedoc.service.storage.local import LocalStorage

__all__ = ["ArtifactStorage", "LocalStorage", "StorageError", "create_storage", "job_prefix", "safe_relative_key"]


def create_storage(url: str, *, s3_endpoint_url: str | None = None) -> ArtifactStorage:
    if url.startswith("s3://"):
        from codedoc.service.storage.s3 import S3Storage

        parts = urlsplit(url)
        if not parts.netloc:
            raise ValueError("CODEDOC_STORAGE_URL must name a bucket: s3://bucket/prefix")
        return S3Storage(parts.netloc, parts.path, endpoint_url=s3_endpoint_url)
    return LocalStorage(Path(url.removeprefix("file://")))


def job_prefix(job_id: str) -> str:
    """Everything a job ever stored lives below this; deleting the job deletes it."""
    return f"jobs/{job_id}"
