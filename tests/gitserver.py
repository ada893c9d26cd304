"""A real Git server for tests: `git http-backend` (smart HTTP) behind a threaded `http.server`.

    with GitHttpServer(root) as server:
        url = f"{server.url}/{owner}/{name}"      # a repository at root/owner/name (work tree or bare)
        ...
        assert server.requests == 0               # "no connection was made"

Options: `redirect_to={"/old/": "http://elsewhere/new/"}` answers requests under a path prefix with a
302 to the target (to check redirects are not followed); `require_token="t"` answers 401 unless the
request carries `Authorization: Basic base64("x-access-token:t")`, like GitHub does for a private repo.
"""

from __future__ import annotations

import base64
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

__all__ = ["GitHttpServer"]


class GitHttpServer:
    def __init__(
        self,
        root: Path,
        *,
        redirect_to: dict[str, str] | None = None,
        require_token: str | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.redirect_to = dict(redirect_to or {})
        self.require_token = require_token
        self.requests = 0
        """Requests received so far (every kind, including refused ones)."""
        self.paths: list[str] = []
        """Path and query of every request, in order."""
        self.authorizations: list[str] = []
        """The Authorization header of every request that had one."""
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        assert self._httpd is not None, "the server is not running"
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> GitHttpServer:
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> GitHttpServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def _record(self, path: str, authorization: str | None) -> None:
        with self._lock:
            self.requests += 1
            self.paths.append(path)
            if authorization is not None:
                self.authorizations.append(authorization)

    def _authorized(self, authorization: str | None) -> bool:
        if self.require_token is None:
            return True
        expected = base64.b64encode(f"x-access-token:{self.require_token}".encode()).decode()
        return authorization == f"Basic {expected}"


def _make_handler(server: GitHttpServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest output clean

        def _handle(self) -> None:
            authorization = self.headers.get("Authorization")
            server._record(self.path, authorization)
            parts = urlsplit(self.path)
            for prefix, target in server.redirect_to.items():
                if parts.path.startswith(prefix):
                    location = target + parts.path[len(prefix) :] + (f"?{parts.query}" if parts.query else "")
                    self._reply(302, [("Location", location)], b"")
                    return
            if not server._authorized(authorization):
                self._reply(401, [("WWW-Authenticate", 'Basic realm="git"')], b"authentication required\n")
                return
            body = self._read_body()
            self._run_backend(_strip_git_suffix(server.root, parts.path), parts.query, body)

        def _read_body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks: list[bytes] = []
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _run_backend(self, path: str, query: str, body: bytes) -> None:
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": str(server.root),
                "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_CONFIG_GLOBAL": "/dev/null",
                "GIT_PROJECT_ROOT": str(server.root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "REQUEST_METHOD": self.command,
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(len(body)),
                "REMOTE_ADDR": self.client_address[0],
                # Like GitHub: any commit reachable from a ref may be fetched by its SHA.
                "GIT_CONFIG_COUNT": "2",
                "GIT_CONFIG_KEY_0": "uploadpack.allowReachableSHA1InWant",
                "GIT_CONFIG_VALUE_0": "true",
                "GIT_CONFIG_KEY_1": "safe.directory",
                "GIT_CONFIG_VALUE_1": "*",
            }
            if encoding := self.headers.get("Content-Encoding"):
                env["HTTP_CONTENT_ENCODING"] = encoding
            if protocol := self.headers.get("Git-Protocol"):
                env["HTTP_GIT_PROTOCOL"] = protocol
                env["GIT_PROTOCOL"] = protocol
            done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, check=False)
            head, separator, payload = done.stdout.partition(b"\r\n\r\n")
            if not separator:
                head, separator, payload = done.stdout.partition(b"\n\n")
            status = 200
            headers: list[tuple[str, str]] = []
            for line in head.decode("latin-1").splitlines():
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.strip().split()[0])
                elif name:
                    headers.append((name.strip(), value.strip()))
            if done.returncode != 0 and not head:
                status, payload = 500, done.stderr
            self._reply(status, headers, payload)

        def _reply(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
            self.send_response(status)
            for name, value in headers:
                if name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _strip_git_suffix(root: Path, path: str) -> str:
    """`/owner/name.git/info/refs` → `/owner/name/info/refs` when only `root/owner/name` exists."""
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if segment.endswith(".git") and len(segment) > 4:
            folder = root.joinpath(*segments[1 : index + 1])
            if not folder.exists() and folder.with_name(segment[:-4]).is_dir():
                segments[index] = segment[:-4]
            break
    return "/".join(segments)
