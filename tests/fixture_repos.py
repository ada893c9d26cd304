"""Small but realistic repositories used by end-to-end tests: one per kind and language."""

from __future__ import annotations

PYTHON_LIBRARY: dict[str, str | bytes] = {
    "README.md": """\
        # tinyhttp

        A tiny HTTP client library for people who like small things.

        ## Install

        pip install tinyhttp
        """,
    "pyproject.toml": """\
        [project]
        name = "tinyhttp"
        version = "1.2.0"
        description = "A tiny HTTP client."
        dependencies = ["certifi>=2023", "PyYAML>=6"]

        [project.optional-dependencies]
        dev = ["pytest>=8"]
        """,
    "src/tinyhttp/__init__.py": '''\
        """A tiny HTTP client."""

        from tinyhttp.client import Client, get
        from tinyhttp.errors import HTTPError

        __all__ = ["Client", "HTTPError", "get"]
        ''',
    "src/tinyhttp/client.py": '''\
        """The client: sessions and requests."""

        from __future__ import annotations

        import certifi

        from tinyhttp.errors import HTTPError

        DEFAULT_TIMEOUT = 30


        class Client:
            """Sends requests and keeps cookies between them."""

            def __init__(self, base_url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
                self.base_url = base_url
                self.timeout = timeout

            def request(self, method: str, path: str) -> bytes:
                """Send one request and return the body."""
                if not path:
                    raise HTTPError("empty path")
                return certifi.where().encode()

            def _private(self) -> None:
                pass


        def get(url: str) -> bytes:
            """Fetch a URL with a throw-away client."""
            return Client(url).request("GET", "/")
        ''',
    "src/tinyhttp/errors.py": '''\
        """Errors raised by tinyhttp."""


        class HTTPError(Exception):
            """The server answered with an error status."""
        ''',
    "src/tinyhttp/config.py": '''\
        """Configuration read from the environment."""

        import os

        import yaml

        PROXY = os.environ.get("TINYHTTP_PROXY", "")
        VERBOSE = os.getenv("TINYHTTP_VERBOSE")


        def load(path: str) -> dict:
            """Load extra settings from a YAML file."""
            with open(path) as handle:
                return yaml.safe_load(handle)
        ''',
    "tests/test_client.py": """\
        from tinyhttp import Client


        def test_client_keeps_base_url():
            assert Client("http://x").base_url == "http://x"
        """,
    "Makefile": """\
        install:
        \tpip install -e .

        test:
        \tpytest -q
        """,
}

WEB_SERVICE: dict[str, str | bytes] = {
    "README.md": "# shop\n\nA small shop API.\n",
    "requirements.txt": "fastapi>=0.110\nsqlalchemy>=2.0\npydantic-settings>=2\n",
    "shop/__init__.py": '"""The shop service."""\n',
    "shop/settings.py": '''\
        """Settings of the shop."""

        from pydantic_settings import BaseSettings, SettingsConfigDict


        class Settings(BaseSettings):
            """Read from SHOP_* environment variables."""

            model_config = SettingsConfigDict(env_prefix="SHOP_")
            database_url: str = "sqlite:///shop.db"
            debug: bool = False
        ''',
    "shop/models.py": '''\
        """Database tables."""

        from sqlalchemy import ForeignKey, String
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


        class Base(DeclarativeBase):
            pass


        class Customer(Base):
            """Someone who buys things."""

            __tablename__ = "customers"
            id: Mapped[int] = mapped_column(primary_key=True)
            name: Mapped[str] = mapped_column(String(100))
            orders: Mapped[list["Order"]] = relationship(back_populates="customer")


        class Order(Base):
            """One purchase."""

            __tablename__ = "orders"
            id: Mapped[int] = mapped_column(primary_key=True)
            customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
            customer: Mapped[Customer] = relationship(back_populates="orders")
        ''',
    "shop/api.py": '''\
        """HTTP routes of the shop."""

        from fastapi import APIRouter, FastAPI

        from shop.models import Order

        app = FastAPI()
        router = APIRouter(prefix="/orders")


        @app.get("/health")
        def health() -> dict[str, str]:
            """Tell that the service is up."""
            return {"status": "ok"}


        @router.get("/{order_id}")
        def read_order(order_id: int) -> dict[str, int]:
            """Return one order."""
            return {"id": order_id, "n": len(Order.__tablename__)}


        @router.post("/")
        async def create_order() -> dict[str, int]:
            """Create an order."""
            return {"id": 1}


        app.include_router(router)
        ''',
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . /app\nEXPOSE 8000\nCMD ["uvicorn", "shop.api:app"]\n',
}

CLI_TOOL: dict[str, str | bytes] = {
    "README.md": "# greet\n\nSays hello from the command line.\n",
    "pyproject.toml": """\
        [project]
        name = "greet"
        version = "0.1.0"
        description = "Says hello."
        dependencies = ["click>=8"]

        [project.scripts]
        greet = "greet.cli:main"
        """,
    "greet/__init__.py": '"""Greetings."""\n',
    "greet/cli.py": '''\
        """The greet command."""

        import click


        @click.group()
        def main() -> None:
            """Say things to people."""


        @main.command()
        @click.argument("name")
        @click.option("--shout", is_flag=True, help="Use capitals.")
        def hello(name: str, shout: bool) -> None:
            """Say hello to NAME."""
            click.echo(name.upper() if shout else name)
        ''',
}

JS_TS_PACKAGE: dict[str, str | bytes] = {
    "README.md": "# widgets\n\nTiny widgets for the web.\n",
    "package.json": """\
        {
          "name": "widgets",
          "version": "2.0.0",
          "description": "Tiny widgets.",
          "main": "src/index.ts",
          "bin": {"widgets": "bin/cli.js"},
          "scripts": {"test": "vitest run", "build": "tsc -p ."},
          "dependencies": {"express": "^4.19.0"},
          "devDependencies": {"vitest": "^1.0.0"}
        }
        """,
    "src/index.ts": """\
        /** Widgets: small things that render. */
        import { Button } from "./button";
        export { Button };

        /** Create the default set of widgets. */
        export function createWidgets(count: number): Button[] {
          return Array.from({ length: count }, () => new Button("ok"));
        }
        """,
    "src/button.tsx": """\
        /** A clickable button. */
        export class Button {
          constructor(public label: string) {}

          /** Render the button as HTML. */
          render(): string {
            return `<button>${this.label}</button>`;
          }
        }

        export interface ButtonProps { label: string }
        """,
    "src/server.js": """\
        const express = require("express");
        const app = express();

        app.get("/widgets", (req, res) => res.json([]));
        app.post("/widgets", (req, res) => res.status(201).end());

        const port = process.env.PORT || 3000;
        module.exports = { app, port };
        """,
    "bin/cli.js": "#!/usr/bin/env node\nconsole.log('widgets');\n",
}

GO_SERVICE: dict[str, str | bytes] = {
    "README.md": "# pinger\n\nA service that answers pings.\n",
    "go.mod": "module example.com/pinger\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n",
    "main.go": """\
        // Package main starts the pinger server.
        package main

        import (
        \t"os"

        \t"example.com/pinger/internal/handlers"
        \t"github.com/gin-gonic/gin"
        )

        func main() {
        \tr := gin.Default()
        \tr.GET("/ping", handlers.Ping)
        \tr.Run(":" + os.Getenv("PORT"))
        }
        """,
    "internal/handlers/ping.go": """\
        // Package handlers holds the HTTP handlers.
        package handlers

        import "github.com/gin-gonic/gin"

        // Pong is the answer to a ping.
        type Pong struct {
        \tMessage string
        }

        // Ping answers with pong.
        func Ping(c *gin.Context) {
        \tc.JSON(200, Pong{Message: "pong"})
        }
        """,
}

JAVA_APP: dict[str, str | bytes] = {
    "README.md": "# calc\n\nA calculator.\n",
    "src/main/java/com/acme/calc/Calculator.java": """\
        package com.acme.calc;

        /** Adds and subtracts numbers. */
        public class Calculator {
            /** Add two numbers. */
            public int add(int a, int b) { return a + b; }

            public static void main(String[] args) {
                System.out.println(new Calculator().add(1, 2));
            }
        }
        """,
}

RUST_CRATE: dict[str, str | bytes] = {
    "README.md": "# shapes\n\nGeometry in Rust.\n",
    "Cargo.toml": '[package]\nname = "shapes"\nversion = "0.3.0"\ndescription = "Geometry."\n\n[dependencies]\nserde = "1"\n',
    "src/lib.rs": """\
        //! Geometry: shapes and their areas.

        pub mod circle;

        /// Something with an area.
        pub trait Shape {
            /// The area of the shape.
            fn area(&self) -> f64;
        }
        """,
    "src/circle.rs": """\
        use crate::Shape;

        /// A circle.
        #[derive(Debug, Clone)]
        pub struct Circle {
            pub radius: f64,
        }

        impl Shape for Circle {
            fn area(&self) -> f64 { 3.14 * self.radius * self.radius }
        }
        """,
}

MONOREPO: dict[str, str | bytes] = {
    "README.md": "# suite\n\nTwo packages side by side.\n",
    "packages/core/package.json": '{"name": "@suite/core", "version": "1.0.0"}\n',
    "packages/core/index.js": "/** Core helpers. */\nexport function add(a, b) { return a + b; }\n",
    "packages/app/package.json": '{"name": "@suite/app", "version": "1.0.0", "dependencies": {"@suite/core": "1.0.0"}}\n',
    "packages/app/index.js": 'import { add } from "@suite/core";\nexport const total = add(1, 2);\n',
}

BROKEN_FILES: dict[str, str | bytes] = {
    "README.md": "# broken\n\nFiles that should not stop anything.\n",
    "good.py": '"""Still documented."""\n\ndef fine() -> int:\n    """Works."""\n    return 1\n',
    "syntax_error.py": "def broken(:\n    pass\n",
    "newer_python.py": '"""Uses PEP 695."""\n\ntype Pair[T] = tuple[T, T]\n\ndef first[T](pair: Pair[T]) -> T:\n    """First item."""\n    return pair[0]\n',
    "latin1.py": b'"""Caf\xe9 module."""\n\ndef menu() -> str:\n    return "caf\xe9"\n',
    "empty.py": "",
    "binary.dat": b"\x00\x01\x02" * 100,
    "bad.json": "{not json",
    "broken.ts": "export function (((( {\n",
    "package.json": "{ this is not json",
}
