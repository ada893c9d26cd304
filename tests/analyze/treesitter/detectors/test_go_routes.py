from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language

Analyze = Callable[..., Any]


def routes(result: Any) -> list[tuple[str, str, str, str]]:
    return [(r.method, r.path, r.handler, r.framework) for r in result.facts.routes]


def test_net_http_handlers_with_go_1_22_method_patterns(analyze: Analyze) -> None:
    source = """\
        package main

        import "net/http"

        func main() {
        \tmux := http.NewServeMux()
        \tmux.HandleFunc("GET /items/{id}", getItem)
        \tmux.Handle("/static/", http.FileServer(dir))
        \thttp.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {})
        \tcache.Handle("not a path", x)
        }
    """
    result = analyze(Language.GO, "main.go", source)
    assert routes(result) == [
        ("GET", "/items/{id}", "getItem", "net/http"),
        ("ANY", "/static/", "http.FileServer(dir)", "net/http"),
        ("ANY", "/health", "(anonymous)", "net/http"),
    ]
    assert result.facts.routes[0].location.start_line == 7


def test_gorilla_mux_methods_chained_on_the_handler(analyze: Analyze) -> None:
    source = """\
        package api

        import "github.com/gorilla/mux"

        func Routes(r *mux.Router) {
        \tr.HandleFunc("/orders", createOrder).Methods("POST", "PUT")
        }
    """
    assert routes(analyze(Language.GO, "api/routes.go", source)) == [
        ("POST", "/orders", "createOrder", "gorilla/mux"),
        ("PUT", "/orders", "createOrder", "gorilla/mux"),
    ]


GIN_APP = """\
    package main

    import "github.com/gin-gonic/gin"

    func main() {
    \tr := gin.Default()
    \tr.GET("/ping", handlers.Ping)
    \tv1 := r.Group("/v1")
    \t{
    \t\tv1.POST("/orders", createOrder)
    \t\tadmin := v1.Group("/admin")
    \t\tadmin.DELETE("/orders/:id", func(c *gin.Context) {})
    \t}
    \tr.Group("/v2").PUT("/orders/:id", updateOrder)
    \tr.Any("/proxy/*path", proxy)
    \tr.Handle("PATCH", "/orders/:id", patchOrder)
    \tr.Run(":8080")
    }
"""


def test_gin_routes_with_group_prefixes(analyze: Analyze) -> None:
    assert routes(analyze(Language.GO, "main.go", GIN_APP)) == [
        ("GET", "/ping", "handlers.Ping", "gin"),
        ("POST", "/v1/orders", "createOrder", "gin"),
        ("DELETE", "/v1/admin/orders/:id", "(anonymous)", "gin"),
        ("PUT", "/v2/orders/:id", "updateOrder", "gin"),
        ("ANY", "/proxy/*path", "proxy", "gin"),
        ("PATCH", "/orders/:id", "patchOrder", "gin"),
    ]


def test_gin_detector_stays_silent_without_gin(analyze: Analyze) -> None:
    source = 'package x\n\nfunc f() { client.GET("/ping", nil) }\n'
    assert analyze(Language.GO, "x.go", source).facts.routes == ()


def test_echo_routes_with_groups(analyze: Analyze) -> None:
    source = """\
        package main

        import "github.com/labstack/echo/v4"

        func main() {
        \te := echo.New()
        \tapi := e.Group("/api")
        \tapi.GET("/users/:id", getUser)
        }
    """
    assert routes(analyze(Language.GO, "main.go", source)) == [("GET", "/api/users/:id", "getUser", "echo")]


def test_chi_routes_inside_route_closures_get_their_prefix(analyze: Analyze) -> None:
    source = """\
        package main

        import "github.com/go-chi/chi/v5"

        func router() {
        \tr := chi.NewRouter()
        \tr.Get("/", index)
        \tr.Route("/articles", func(r chi.Router) {
        \t\tr.Post("/", createArticle)
        \t\tr.Route("/{id}", func(r chi.Router) {
        \t\t\tr.Get("/", getArticle)
        \t\t})
        \t})
        \tr.With(auth).Method("DELETE", "/sessions", logout)
        }
    """
    assert routes(analyze(Language.GO, "router.go", source)) == [
        ("GET", "/", "index", "chi"),
        ("POST", "/articles", "createArticle", "chi"),
        ("GET", "/articles/{id}", "getArticle", "chi"),
        ("DELETE", "/sessions", "logout", "chi"),
    ]
