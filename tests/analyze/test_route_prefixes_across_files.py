"""Route prefixes applied across files, through the real analysis stage: each route's full path, and
the places its prefixes are declared (`Route.prefix_locations`)."""

from __future__ import annotations

from pathlib import Path

from codedoc.model import CodeModel
from codedoc.pipeline import GenerateOptions, build_model
from repos import make_repo


def _model(tmp_path: Path, files: dict[str, str | bytes]) -> CodeModel:
    return build_model(str(make_repo(files, tmp_path / "repo")), GenerateOptions(workers=1))


def _paths(model: CodeModel) -> dict[tuple[str, str], list[str]]:
    return {(r.method, r.path): sorted(str(location) for location in r.prefix_locations) for r in model.routes}


FASTAPI = {
    "app/__init__.py": "",
    "app/core/__init__.py": "",
    "app/core/config.py": """
        from pydantic_settings import BaseSettings

        class Settings(BaseSettings):
            API_V1_STR: str = "/api/v1"

        settings = Settings()
        """,
    "app/api/__init__.py": "",
    "app/api/routes/__init__.py": "",
    "app/api/routes/items.py": """
        from fastapi import APIRouter

        router = APIRouter(prefix="/items")

        @router.get("/{id}")
        def read_item(id: int) -> dict:
            return {}
        """,
    "app/api/routes/login.py": """
        from fastapi import APIRouter

        router = APIRouter()

        @router.post("/login/access-token")
        def login() -> dict:
            return {}
        """,
    "app/api/main.py": """
        from fastapi import APIRouter

        from app.api.routes import items, login

        api_router = APIRouter()
        api_router.include_router(login.router)
        api_router.include_router(items.router, prefix="/shop")
        """,
    "app/main.py": """
        from fastapi import FastAPI

        from app.api.main import api_router
        from app.core.config import settings

        app = FastAPI()
        app.include_router(api_router, prefix=settings.API_V1_STR)
        """,
}


def test_fastapi_prefixes_from_routers_include_router_and_a_setting(tmp_path: Path) -> None:
    paths = _paths(_model(tmp_path, FASTAPI))
    assert paths[("GET", "/api/v1/shop/items/{id}")] == [
        "app/api/main.py:8",
        "app/api/routes/items.py:4",
        "app/core/config.py:5",
        "app/main.py:8",
    ]
    # `include_router(login.router)` adds nothing to the path, so only the setting's prefix is cited.
    assert paths[("POST", "/api/v1/login/access-token")] == ["app/core/config.py:5", "app/main.py:8"]


FLASK = {
    "shop/__init__.py": """
        from flask import Flask

        from . import auth, blog

        def create_app():
            app = Flask(__name__)
            app.register_blueprint(auth.bp)
            app.register_blueprint(blog.bp, url_prefix="/blog")
            return app
        """,
    "shop/auth.py": """
        from flask import Blueprint

        bp = Blueprint("auth", __name__, url_prefix="/auth")

        @bp.route("/login", methods=["POST"])
        def login():
            return ""
        """,
    "shop/blog.py": """
        from flask import Blueprint

        bp = Blueprint("blog", __name__)

        @bp.get("/<int:id>")
        def show(id):
            return ""
        """,
}


def test_flask_blueprint_prefixes_at_blueprint_and_at_registration(tmp_path: Path) -> None:
    paths = _paths(_model(tmp_path, FLASK))
    assert paths[("POST", "/auth/login")] == ["shop/auth.py:4"]
    assert paths[("GET", "/blog/<int:id>")] == ["shop/__init__.py:9"]


FLASK_REPLACED = {
    "shop/__init__.py": """
        from flask import Blueprint, Flask

        from . import api, auth

        app = Flask(__name__)
        app.register_blueprint(auth.bp, url_prefix="/v2/auth")
        app.register_blueprint(api.api, url_prefix="/v1")
        local = Blueprint("local", __name__, url_prefix="/old")

        @local.get("/here")
        def here():
            return ""

        app.register_blueprint(local, url_prefix="/new")
        """,
    "shop/auth.py": """
        from flask import Blueprint

        bp = Blueprint("auth", __name__, url_prefix="/auth")

        @bp.route("/login", methods=["POST"])
        def login():
            return ""
        """,
    "shop/api.py": """
        from flask import Blueprint

        from . import users

        api = Blueprint("api", __name__, url_prefix="/api")
        api.register_blueprint(users.bp, url_prefix="/people")

        @api.get("/status")
        def status():
            return ""
        """,
    "shop/users.py": """
        from flask import Blueprint

        bp = Blueprint("users", __name__, url_prefix="/users")

        @bp.get("/<int:id>")
        def show(id):
            return ""
        """,
}


def test_flask_url_prefix_at_registration_replaces_the_blueprints_own(tmp_path: Path) -> None:
    paths = _paths(_model(tmp_path, FLASK_REPLACED))
    # Across files: `/auth` (shop/auth.py:4) gives way to `/v2/auth`, and only the registration is cited.
    assert paths[("POST", "/v2/auth/login")] == ["shop/__init__.py:7"]
    # In the same file: `/old` gives way to `/new`.
    assert paths[("GET", "/new/here")] == ["shop/__init__.py:15"]
    # Nested: `/users` gives way to `/people`, under the parent's `/v1` that replaced its `/api`.
    assert paths[("GET", "/v1/people/<int:id>")] == ["shop/__init__.py:8", "shop/api.py:7"]
    assert paths[("GET", "/v1/status")] == ["shop/__init__.py:8"]
    assert not [path for _, path in paths if path.startswith(("/auth", "/old", "/api", "/users"))]


DJANGO = {
    "site/__init__.py": "",
    "site/urls.py": """
        from django.urls import include, path

        urlpatterns = [
            path("api/", include("shop.urls")),
        ]
        """,
    "shop/__init__.py": "",
    "shop/views.py": "def orders(request):\n    return None\n",
    "shop/urls.py": """
        from django.urls import path

        from shop import views

        urlpatterns = [
            path("orders/<int:pk>/", views.orders),
        ]
        """,
}


def test_django_include_prefixes_the_included_routes(tmp_path: Path) -> None:
    model = _model(tmp_path, DJANGO)
    assert [(r.path, r.handler) for r in model.routes] == [("/api/orders/<int:pk>/", "shop.views.orders")]
    assert [str(location) for location in model.routes[0].prefix_locations] == ["site/urls.py:5"]


EXPRESS = {
    "package.json": '{"name": "shop", "dependencies": {"express": "4"}}',
    "app.js": """
        const express = require('express')
        const users = require('./routes/users')
        import admin from './routes/admin'

        const app = express()
        app.use('/api/users', users)
        app.use('/admin', admin)
        """,
    "routes/users.js": """
        const express = require('express')
        const router = express.Router()

        router.get('/:id', function show(req, res) {})

        module.exports = router
        """,
    "routes/admin.js": """
        import express from 'express'
        const router = express.Router()

        router.post('/reset', function reset(req, res) {})

        export default router
        """,
}


def test_express_app_use_prefixes_required_and_imported_routers(tmp_path: Path) -> None:
    paths = _paths(_model(tmp_path, EXPRESS))
    assert paths[("GET", "/api/users/:id")] == ["app.js:7"]
    assert paths[("POST", "/admin/reset")] == ["app.js:8"]


GIN_AND_SPRING = {
    "go.mod": "module example.com/shop\n\ngo 1.22\n",
    "main.go": """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
            r := gin.Default()
            v1 := r.Group("/v1")
            v1.GET("/items", listItems)
        }
        """,
    "admin/admin.go": """
        package admin

        import "github.com/labstack/echo/v4"

        func Serve() {
            e := echo.New()
            g := e.Group("/admin")
            g.GET("/users", listUsers)
        }
        """,
    "src/main/java/com/shop/ItemController.java": """
        package com.shop;

        @RestController
        @RequestMapping("/api/items")
        public class ItemController {
            @GetMapping("/{id}")
            public Item get(@PathVariable long id) { return null; }
        }
        """,
}


def test_gin_and_echo_groups_and_spring_class_mappings_give_full_paths(tmp_path: Path) -> None:
    paths = _paths(_model(tmp_path, GIN_AND_SPRING))
    assert paths[("GET", "/admin/users")] == ["admin/admin.go:8"]
    assert paths[("GET", "/v1/items")] == ["main.go:8"]  # the group's declaration
    # The class-level mapping is cited with the route.
    assert paths[("GET", "/api/items/{id}")] == ["src/main/java/com/shop/ItemController.java:5"]


GIN_ACROSS_PACKAGES = {
    "go.mod": "module example.com/shop\n\ngo 1.22\n",
    "main.go": """
        package main

        import (
            "github.com/gin-gonic/gin"
            rt "example.com/shop/routes"
        )

        func main() {
            r := gin.Default()
            v1 := r.Group("/api/v1")
            rt.RegisterItems(v1)
        }
        """,
    "routes/items.go": """
        package routes

        import "github.com/gin-gonic/gin"

        func RegisterItems(rg *gin.RouterGroup) {
            items := rg.Group("/items")
            items.GET("/:id", getItem)
            registerAdmin(rg.Group("/admin"))
        }

        func registerAdmin(admin *gin.RouterGroup) {
            admin.POST("/reset", reset)
        }
        """,
}


def test_gin_groups_passed_to_functions_in_other_packages_keep_their_prefix(tmp_path: Path) -> None:
    paths = _paths(_model(tmp_path, GIN_ACROSS_PACKAGES))
    # The groups' declarations and the call that hands them over are all cited.
    assert paths[("GET", "/api/v1/items/:id")] == ["main.go:11", "main.go:12", "routes/items.go:7"]
    assert paths[("POST", "/api/v1/admin/reset")] == ["main.go:11", "main.go:12", "routes/items.go:9"]
