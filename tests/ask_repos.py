"""A repository for the ask tests (retrieval, answers, MCP, service, viewer): sessions that pick adapters."""

from __future__ import annotations

NETKIT: dict[str, str | bytes] = {
    "README.md": "# netkit\n\nSessions that pick a transport adapter per URL prefix.\n",
    "pyproject.toml": '[project]\nname = "netkit"\nversion = "0.1"\n',
    "netkit/__init__.py": '"""netkit: sessions and adapters."""\n',
    "netkit/adapters.py": '''\
        """Transport adapters: how a request goes over the wire."""


        class BaseAdapter:
            """The interface every adapter implements."""

            def send(self, request):
                raise NotImplementedError


        class HTTPAdapter(BaseAdapter):
            """Sends requests over HTTP with a connection pool."""

            def __init__(self, pool_size: int = 10) -> None:
                self.pool_size = pool_size

            def send(self, request):
                return request
        ''',
    "netkit/sessions.py": '''\
        """Sessions keep settings across requests."""

        from netkit.adapters import HTTPAdapter
        from netkit.retry import backoff


        class Session:
            """A session mounts adapters by URL prefix."""

            def __init__(self) -> None:
                self.adapters = {"https://": HTTPAdapter()}

            def get_adapter(self, url: str):
                """Return the adapter whose prefix matches the URL."""
                for prefix, adapter in self.adapters.items():
                    if url.startswith(prefix):
                        return adapter
                raise ValueError(url)

            def send(self, request):
                """Send with the matching adapter, waiting between failed attempts."""
                backoff(1)
                return self.get_adapter(request.url).send(request)
        ''',
    "netkit/retry.py": '''\
        """Retry policy: how many times to try, and how long to wait."""

        import os

        MAX_RETRIES = int(os.environ.get("NETKIT_MAX_RETRIES", "3"))


        def backoff(attempt: int) -> float:
            """Seconds to wait before the next attempt, growing exponentially."""
            return 0.5 * 2**attempt
        ''',
}
