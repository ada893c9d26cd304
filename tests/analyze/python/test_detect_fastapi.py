from __future__ import annotations

from python_detection import detect

from codedoc.model import Location


def test_fastapi_app_decorators_give_method_path_and_handler() -> None:
    facts = detect(
        """
        from fastapi import FastAPI

        app = FastAPI()


        @app.get("/")
        async def root():
            return {"message": "Hello World"}


        @app.post("/items/")
        async def create_item(item: dict):
            return item
        """
    )
    assert [(r.method, r.path, r.handler, r.framework) for r in facts.routes] == [
        ("GET", "/", "app.main.root", "fastapi"),
        ("POST", "/items/", "app.main.create_item", "fastapi"),
    ]


def test_fastapi_route_location_spans_decorator_to_end_of_function() -> None:
    facts = detect(
        """
        from fastapi import FastAPI
        app = FastAPI()

        @app.get("/health")
        def health():
            return "ok"
        """
    )
    assert facts.routes[0].location == Location("app/main.py", 5, 7)


def test_fastapi_router_prefix_is_applied_to_its_routes() -> None:
    facts = detect(
        """
        from fastapi import APIRouter

        router = APIRouter(prefix="/items", tags=["items"])


        @router.get("/")
        async def read_items():
            return []


        @router.put("/{item_id}")
        async def update_item(item_id: str):
            return {"item_id": item_id}
        """,
        path="app/routers/items.py",
    )
    assert [(r.method, r.path, r.handler) for r in facts.routes] == [
        ("GET", "/items/", "app.routers.items.read_items"),
        ("PUT", "/items/{item_id}", "app.routers.items.update_item"),
    ]


def test_fastapi_include_router_prefix_in_same_file_is_prepended() -> None:
    facts = detect(
        """
        from fastapi import APIRouter, FastAPI

        app = FastAPI()
        router = APIRouter(prefix="/users")

        @router.get("/me")
        def me():
            ...

        app.include_router(router, prefix="/api/v1")
        """
    )
    assert [r.path for r in facts.routes] == ["/api/v1/users/me"]


def test_fastapi_api_route_yields_one_route_per_listed_method() -> None:
    facts = detect(
        """
        from fastapi import FastAPI
        app = FastAPI()

        @app.api_route("/things", methods=["get", "POST"])
        def things():
            ...
        """
    )
    assert [(r.method, r.path) for r in facts.routes] == [("GET", "/things"), ("POST", "/things")]


def test_fastapi_summary_comes_from_keyword_before_docstring() -> None:
    facts = detect(
        '''
        from fastapi import FastAPI
        app = FastAPI()

        @app.get("/a", summary="Read A")
        def read_a():
            """Docstring of A."""

        @app.get("/b")
        def read_b():
            """Read all the Bs.

            Longer text.
            """
        '''
    )
    assert [r.summary for r in facts.routes] == ["Read A", "Read all the Bs."]


def test_fastapi_function_with_two_route_decorators_gives_two_routes() -> None:
    facts = detect(
        """
        from fastapi import FastAPI
        app = FastAPI()

        @app.get("/items")
        @app.get("/items/all")
        def items():
            ...
        """
    )
    assert sorted(r.path for r in facts.routes) == ["/items", "/items/all"]


def test_fastapi_add_api_route_resolves_endpoint_and_methods() -> None:
    facts = detect(
        '''
        from fastapi import FastAPI
        app = FastAPI()

        def list_users():
            """List users."""

        app.add_api_route("/users", list_users, methods=["GET", "HEAD"])
        '''
    )
    assert [(r.method, r.path, r.handler, r.summary) for r in facts.routes] == [
        ("GET", "/users", "app.main.list_users", "List users."),
        ("HEAD", "/users", "app.main.list_users", "List users."),
    ]


def test_fastapi_method_handler_in_class_uses_qualified_name() -> None:
    facts = detect(
        """
        from fastapi import APIRouter
        router = APIRouter()

        class Views:
            @router.delete("/x/{id}")
            def remove(self, id: int):
                ...
        """
    )
    assert facts.routes[0].handler == "app.main.Views.remove"
    assert facts.routes[0].method == "DELETE"


def test_fastapi_get_on_a_non_app_object_is_not_a_route() -> None:
    facts = detect(
        """
        from fastapi import FastAPI
        from cachetools import Cache

        app = FastAPI()
        cache = Cache(maxsize=10)

        @cache.get("/not-a-route")
        def lookup():
            ...

        class Client:
            def get(self, url):
                return url
        """
    )
    assert facts.routes == ()


def test_fastapi_app_imported_from_another_module_is_trusted_for_url_paths() -> None:
    facts = detect(
        """
        from fastapi import Depends
        from app.core import app

        @app.get("/status")
        def status():
            ...
        """
    )
    assert [(r.method, r.path) for r in facts.routes] == [("GET", "/status")]


def test_fastapi_route_with_computed_path_is_skipped() -> None:
    facts = detect(
        """
        from fastapi import FastAPI
        app = FastAPI()
        PREFIX = "/x"

        @app.get(PREFIX + "/y")
        def computed():
            ...
        """
    )
    assert facts.routes == ()
