"""Language detection from names, extensions and shebang lines."""

from __future__ import annotations

import pytest

from codedoc.model import Language
from codedoc.scan.languages import detect_language


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("app.py", Language.PYTHON),
        ("stubs.pyi", Language.PYTHON),
        ("index.js", Language.JAVASCRIPT),
        ("index.mjs", Language.JAVASCRIPT),
        ("Button.jsx", Language.JAVASCRIPT),
        ("server.ts", Language.TYPESCRIPT),
        ("types.d.ts", Language.TYPESCRIPT),
        ("Button.tsx", Language.TSX),
        ("main.go", Language.GO),
        ("Main.java", Language.JAVA),
        ("lib.rs", Language.RUST),
        ("util.c", Language.C),
        ("util.hpp", Language.CPP),
        ("Program.cs", Language.CSHARP),
        ("app.rb", Language.RUBY),
        ("index.php", Language.PHP),
        ("Main.kt", Language.KOTLIN),
        ("App.swift", Language.SWIFT),
        ("run.sh", Language.SHELL),
        ("README.md", Language.MARKDOWN),
        ("index.rst", Language.RST),
        ("package.json", Language.JSON),
        ("ci.yml", Language.YAML),
        ("Cargo.toml", Language.TOML),
        ("pom.xml", Language.XML),
        ("schema.sql", Language.SQL),
        ("Dockerfile", Language.DOCKERFILE),
        ("Dockerfile.dev", Language.DOCKERFILE),
        ("api.Dockerfile", Language.DOCKERFILE),
        ("Makefile", Language.MAKEFILE),
        ("rules.mk", Language.MAKEFILE),
        ("GNUmakefile", Language.MAKEFILE),
        ("Gemfile", Language.RUBY),
        ("LICENSE", Language.TEXT),
        ("requirements.txt", Language.TEXT),
        (".env.example", Language.TEXT),
        ("image.unknownext", Language.OTHER),
    ],
)
def test_language_from_name(name: str, language: Language) -> None:
    assert detect_language(name, b"") == language


@pytest.mark.parametrize(
    ("head", "language"),
    [
        (b"#!/usr/bin/env python3\nprint(1)\n", Language.PYTHON),
        (b"#!/usr/bin/python3.12 -u\n", Language.PYTHON),
        (b"#!/usr/bin/env -S python3 -u\n", Language.PYTHON),
        (b"#!/bin/bash\nset -e\n", Language.SHELL),
        (b"#!/bin/sh\n", Language.SHELL),
        (b"#!/usr/bin/env node\n", Language.JAVASCRIPT),
        (b"#!/usr/bin/env ruby\n", Language.RUBY),
        (b"#!/usr/bin/env deno\n", Language.TYPESCRIPT),
        (b"#!/usr/bin/env perl\n", Language.OTHER),
        (b"no shebang here\n", Language.OTHER),
    ],
)
def test_language_of_extensionless_script_from_shebang(head: bytes, language: Language) -> None:
    assert detect_language("run-me", head) == language


def test_extension_wins_over_shebang() -> None:
    assert detect_language("tool.py", b"#!/bin/sh\n") == Language.PYTHON
