from __future__ import annotations

from python_detection import detect


def test_starlette_routes_list_with_methods_and_default_get() -> None:
    facts = detect(
        '''
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse
        from starlette.routing import Route


        async def homepage(request):
            """The home page."""
            return JSONResponse({"hello": "world"})


        async def create_user(request):
            ...


        app = Starlette(debug=True, routes=[
            Route("/", homepage),
            Route("/users", create_user, methods=["POST", "put"]),
        ])
        '''
    )
    assert [(r.method, r.path, r.handler, r.framework, r.summary) for r in facts.routes] == [
        ("GET", "/", "app.main.homepage", "starlette", "The home page."),
        ("POST", "/users", "app.main.create_user", "starlette", None),
        ("PUT", "/users", "app.main.create_user", "starlette", None),
    ]


def test_starlette_mount_prefixes_its_routes() -> None:
    facts = detect(
        """
        from starlette.routing import Mount, Route
        from myapp import views

        routes = [
            Route("/", views.home),
            Mount("/users", routes=[
                Route("/", views.users, methods=["GET", "POST"]),
                Route("/{username}", views.user),
            ]),
        ]
        """,
        path="myapp/routing.py",
    )
    assert [(r.method, r.path, r.handler) for r in facts.routes] == [
        ("GET", "/", "myapp.views.home"),
        ("GET", "/users/", "myapp.views.users"),
        ("POST", "/users/", "myapp.views.users"),
        ("GET", "/users/{username}", "myapp.views.user"),
    ]


def test_starlette_mount_of_named_route_list_is_visited_once_with_prefix() -> None:
    facts = detect(
        """
        from starlette.routing import Mount, Route

        async def item(request): ...

        api_routes = [Route("/items", item)]
        routes = [Mount("/api", routes=api_routes)]
        """
    )
    assert [r.path for r in facts.routes] == ["/api/items"]


def test_starlette_mount_of_an_app_is_an_any_route() -> None:
    facts = detect(
        """
        from starlette.routing import Mount
        from starlette.staticfiles import StaticFiles

        routes = [Mount("/static", app=StaticFiles(directory="static"), name="static")]
        """
    )
    assert [(r.method, r.path) for r in facts.routes] == [("ANY", "/static")]
    assert "StaticFiles" in facts.routes[0].handler


def test_starlette_endpoint_class_without_methods_is_any() -> None:
    facts = detect(
        """
        from starlette.endpoints import HTTPEndpoint
        from starlette.routing import Route

        class Homepage(HTTPEndpoint):
            async def get(self, request):
                ...

        routes = [Route("/", Homepage)]
        """
    )
    assert [(r.method, r.handler) for r in facts.routes] == [("ANY", "app.main.Homepage")]
