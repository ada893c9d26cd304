"""A finished job's site as one zip, written to a spooled file so a big site does not sit in memory."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator

from codedoc.service.storage import ArtifactStorage

CHUNK = 256 * 1024
_SKIPPED = {".codedoc-site"}  # CodeDoc's own marker that the folder is its output; no use to a reader


def site_zip(storage: ArtifactStorage, prefix: str, *, folder: str) -> Iterator[bytes]:
    """The zip's bytes, in chunks; every file sits below `folder/` so unpacking makes one folder."""
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for key in storage.list_tree(prefix):
                if key in _SKIPPED:
                    continue
                data = storage.read(f"{prefix}/{key}")
                if data is not None:
                    archive.writestr(f"{folder}/{key}", data)
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk
