from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language

Analyze = Callable[..., Any]


def settings(result: Any) -> list[tuple[str, str | None, str, int]]:
    return [(s.name, s.default, s.source, s.location.start_line) for s in result.facts.settings]


def test_process_env_reads_with_defaults_and_destructuring(analyze: Analyze) -> None:
    source = """\
        const port = process.env.PORT || 3000;
        const url = process.env["DATABASE_URL"];
        const level = process.env.LOG_LEVEL ?? "info";
        const { API_KEY, REGION = "eu-west-1", "TIMEOUT": timeout } = process.env;
        if (process.env.PORT) { start(); }
    """
    assert settings(analyze(Language.TYPESCRIPT, "src/config.ts", source)) == [
        ("PORT", "3000", "process.env", 1),
        ("DATABASE_URL", None, "process.env", 2),
        ("LOG_LEVEL", "info", "process.env", 3),
        ("API_KEY", None, "process.env", 4),
        ("REGION", "eu-west-1", "process.env", 4),
        ("TIMEOUT", None, "process.env", 4),
    ]


def test_process_env_detector_ignores_other_env_objects(analyze: Analyze) -> None:
    source = "const env = config.env.PORT;\nconst x = import_meta.env['Y'];\n"
    assert analyze(Language.JAVASCRIPT, "src/config.js", source).facts.settings == ()


def test_go_getenv_and_lookupenv(analyze: Analyze) -> None:
    source = """\
        package config

        import "os"

        func Load() {
        \taddr := os.Getenv("ADDR")
        \t_, debug := os.LookupEnv("DEBUG")
        \tother.Getenv("NOT_OS")
        }
    """
    assert settings(analyze(Language.GO, "config/config.go", source)) == [
        ("ADDR", None, "os.Getenv", 6),
        ("DEBUG", None, "os.Getenv", 7),
    ]


def test_rust_env_var_with_default_and_env_macro(analyze: Analyze) -> None:
    source = """\
        use std::env;

        fn main() {
            let home = std::env::var("HOME");
            let port = env::var("PORT").unwrap_or_else(|_| "8080".to_string());
            let name = env!("CARGO_PKG_NAME");
            let other = vars::var("NOT_ENV");
        }
    """
    assert settings(analyze(Language.RUST, "src/main.rs", source, module_name="crate")) == [
        ("HOME", None, "std::env::var", 4),
        ("PORT", "8080", "std::env::var", 5),
        ("CARGO_PKG_NAME", None, "env!", 6),
    ]


def test_java_system_getenv(analyze: Analyze) -> None:
    source = 'class Config {\n  String url = System.getenv("DB_URL");\n  String p = System.getProperty("x");\n}\n'
    assert settings(analyze(Language.JAVA, "Config.java", source)) == [("DB_URL", None, "System.getenv", 2)]


def test_a_variable_read_twice_is_reported_once_with_the_default_found(analyze: Analyze) -> None:
    source = "const a = process.env.PORT;\nconst b = process.env.PORT || '80';\n"
    assert settings(analyze(Language.JAVASCRIPT, "x.js", source)) == [("PORT", "80", "process.env", 1)]
