"""Artifacts in a local folder: the embedded default."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from codedoc.service.storage.base import StorageError, files_below


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root):
            raise StorageError(f"key outside the store: {key!r}")
        return path

    def put_tree(self, prefix: str, folder: Path) -> None:
        target = self._path(prefix)
        staging = self.root / ".staging" / uuid.uuid4().hex
        staging.parent.mkdir(parents=True, exist_ok=True)
        try:
            for relative, source in files_below(folder):
                destination = staging / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
            staging.mkdir(exist_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            # The rename makes the whole site appear at once.
            os.replace(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def read(self, key: str) -> bytes | None:
        path = self._path(key)
        if path.is_symlink() or not path.is_file():
            return None
        return path.read_bytes()

    def list_tree(self, prefix: str) -> list[str]:
        folder = self._path(prefix)
        return [relative for relative, _ in files_below(folder)] if folder.is_dir() else []

    def delete_tree(self, prefix: str) -> None:
        shutil.rmtree(self._path(prefix), ignore_errors=True)

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create the artifact folder {self.root}: {error.strerror}") from error
        if not os.access(self.root, os.W_OK):
            raise StorageError(f"the artifact folder {self.root} is not writable")
