"""Fixtures for the acquire tests: a served repository, and a server that accepts and never answers."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gitserver import GitHttpServer
from repos import commit_all, git, make_repo


@dataclass(frozen=True)
class ServedRepo:
    server: GitHttpServer
    url: str
    path: Path
    first_commit: str
    """Tagged `v1`; has only `pkg/core.py`."""
    head_commit: str
    """Tip of `main`; adds `pkg/extra.py`."""
    feature_commit: str
    """Tip of `feature`; adds `pkg/feature.py`."""


@pytest.fixture
def served_repo(tmp_path: Path) -> Iterator[ServedRepo]:
    path = make_repo({"pkg/core.py": "def core() -> int:\n    return 1\n"}, tmp_path / "srv" / "acme" / "widget")
    first = git(path, "rev-parse", "HEAD")
    git(path, "tag", "v1")
    (path / "pkg" / "extra.py").write_text("EXTRA = 2\n")
    head = commit_all(path, "extra")
    git(path, "checkout", "-q", "-b", "feature")
    (path / "pkg" / "feature.py").write_text("FEATURE = 3\n")
    feature = commit_all(path, "feature")
    git(path, "checkout", "-q", "main")
    with GitHttpServer(tmp_path / "srv") as server:
        yield ServedRepo(server, f"{server.url}/acme/widget", path, first, head, feature)


class HangingServer:
    """Accepts TCP connections and never answers: a stand-in for a stalled Git host."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(8)
        self.connected = threading.Event()
        """Set once a client has connected."""
        self.closed_by_client = threading.Event()
        """Set once a connected client went away (its process was killed)."""
        self._connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            self._connections.append(connection)
            self.connected.set()
            threading.Thread(target=self._watch, args=(connection,), daemon=True).start()

    def _watch(self, connection: socket.socket) -> None:
        try:
            while connection.recv(65536):
                pass
        except OSError:
            return
        self.closed_by_client.set()

    def close(self) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone does not on Linux.
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        for connection in self._connections:
            connection.close()
        self._thread.join()


@pytest.fixture
def hanging_server() -> Iterator[HangingServer]:
    server = HangingServer()
    yield server
    server.close()


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    """Where acquire puts temporary clones; tests check it is empty afterwards."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder
