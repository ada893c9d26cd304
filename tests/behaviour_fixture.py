"""A small Python library with known call chains, inheritance, a protocol and registries: the
fixture of the call-graph tests and of the `python-flows` golden pages."""

from __future__ import annotations

from pathlib import Path

from codedoc.acquire import Checkout
from codedoc.analyze import analyze
from codedoc.model import CodeModel
from codedoc.scan import scan
from repos import make_repo

SHOP = {
    "pyproject.toml": """\
        [project]
        name = "shop"
        version = "1.0"
        description = "Fetches things over a pluggable transport."
        """,
    "shop/__init__.py": '''\
        """Fetch things: `shop.get(url)`."""

        from .api import get
        from .app import App

        __all__ = ["get", "App"]
        ''',
    "shop/api.py": '''\
        """The functions most callers use."""

        import os

        from . import sessions


        def request(method, url):
            """Send a request through a new session."""
            with sessions.Session() as session:
                return session.request(method, url)


        def get(url):
            """Send a GET request."""
            return request("get", url)


        def lookup(name, helper):
            os.path.join(name, "x")
            len(name)
            return helper.find(name)
        ''',
    "shop/sessions.py": '''\
        """Sessions keep adapters and send requests through them."""

        from .adapters import BaseAdapter, HTTPAdapter
        from .hooks import dispatch_hook
        from .models import Prepared, Response


        class Session:
            """A session."""

            def __init__(self):
                self.adapters = {}
                self.hooks = []
                self.mount("http://", HTTPAdapter())

            def __enter__(self):
                return self

            def __exit__(self, *args):
                self.close()

            def close(self):
                for adapter in self.adapters.values():
                    adapter.close()

            def mount(self, prefix, adapter):
                self.adapters[prefix] = adapter

            def get_adapter(self, url: str) -> BaseAdapter:
                for prefix, adapter in self.adapters.items():
                    if url.startswith(prefix):
                        return adapter
                raise KeyError(url)

            def request(self, method: str, url: str) -> Response:
                prepared = Prepared(method, url)
                prepared.prepare()
                return self.send(prepared)

            def send(self, request: Prepared) -> Response:
                adapter = self.get_adapter(request.url)
                response = adapter.send(request)
                if response.is_redirect:
                    response = self.resolve_redirects(response)
                for hook in self.hooks:
                    dispatch_hook(hook, response)
                return response

            def resolve_redirects(self, response: Response) -> Response:
                while response.is_redirect:
                    response = self.send(response.next_request())
                return response
        ''',
    "shop/models.py": '''\
        """Requests and responses."""


        class Prepared:
            def __init__(self, method, url):
                self.method = method
                self.url = url
                self.headers = {}

            def prepare(self):
                self.prepare_url()
                self.prepare_headers()

            def prepare_url(self):
                self.url = self.url.strip()
                self.url = self.url.lower()
                if not self.url:
                    raise ValueError("empty")
                self.url = self.url.replace(" ", "%20")
                self.url = self.url.rstrip("/")
                self.url = self.url + "/"
                self.url = self.url.replace("//", "/")
                self.url = self.url.replace("http:/", "http://")
                self.url = self.url.replace("https:/", "https://")
                self.url = self.url.replace("ftp:/", "ftp://")

            def prepare_headers(self):
                self.headers["accept"] = "*/*"
                self.headers["user-agent"] = "shop"
                self.headers["connection"] = "close"
                self.headers["x-one"] = "1"
                self.headers["x-two"] = "2"
                self.headers["x-three"] = "3"
                self.headers["x-four"] = "4"
                self.headers["x-five"] = "5"
                self.headers["x-six"] = "6"
                self.headers["x-seven"] = "7"


        class Response:
            is_redirect = False

            def next_request(self) -> Prepared:
                return Prepared("get", "/next")
        ''',
    "shop/adapters.py": '''\
        """Transports: how a prepared request reaches the network."""

        from abc import ABC, abstractmethod

        from .models import Prepared, Response
        from .registry import register


        class BaseAdapter(ABC):
            """The transport interface."""

            @abstractmethod
            def send(self, request: Prepared) -> Response:
                """Send one request."""

            def close(self):
                raise NotImplementedError


        class HTTPAdapter(BaseAdapter):
            def __init__(self):
                self.pool = Pool()

            def send(self, request: Prepared) -> Response:
                connection = self.pool.connection(request.url)
                try:
                    connection.open()
                except OSError:
                    self.close()
                return self.build_response(request)

            def build_response(self, request: Prepared) -> Response:
                response = Response()
                response.request = request
                response.status = 200
                response.reason = "OK"
                response.headers = {}
                response.encoding = "utf-8"
                response.url = request.url
                response.history = []
                response.elapsed = 0
                response.cookies = {}
                return response

            def close(self):
                self.pool.clear()


        @register("retry")
        class RetryAdapter(HTTPAdapter):
            def send(self, request: Prepared) -> Response:
                return super().send(request)


        class Pool:
            def connection(self, url):
                return Connection(url)

            def clear(self):
                pass


        class Connection:
            def __init__(self, url):
                self.url = url

            def open(self):
                pass


        ADAPTERS = {"http": HTTPAdapter, "retry": RetryAdapter}
        ''',
    "shop/registry.py": '''\
        """Where adapters register themselves."""

        REGISTERED = {}


        def register(name):
            def decorate(cls):
                REGISTERED[name] = cls
                return cls

            return decorate
        ''',
    "shop/hooks.py": '''\
        """Hooks run on every response."""

        from typing import Protocol


        class Hook(Protocol):
            def on_response(self, response): ...


        class LogHook:
            def on_response(self, response):
                print(response)


        def dispatch_hook(hook: Hook, response):
            return hook.on_response(response)
        ''',
    "shop/app.py": '''\
        """A tiny application object."""

        from .api import get


        class App:
            def __call__(self, environ, start_response):
                return self.wsgi_app(environ, start_response)

            def wsgi_app(self, environ, start_response):
                response = get(environ["PATH_INFO"])
                start_response("200 OK", [])
                return [response]
        ''',
    "tests/test_shop.py": """\
        from shop.api import get


        def test_get():
            get("http://x")
        """,
}


def shop_repo(root: Path) -> Path:
    return make_repo(SHOP, root)


def shop_model(root: Path) -> CodeModel:
    repo = shop_repo(root)
    return analyze(Checkout(repo, "shop"), scan(repo))
