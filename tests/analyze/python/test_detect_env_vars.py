from __future__ import annotations

from python_detection import detect

from codedoc.model import Location, Setting


def test_env_reads_with_and_without_defaults() -> None:
    facts = detect(
        """
        import os

        DATABASE_URL = os.environ["DATABASE_URL"]
        DEBUG = os.environ.get("DEBUG", "false")
        PORT = int(os.getenv("PORT", 8000))
        HOME = os.getenv("HOME")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
        if "CI" in os.environ:
            pass
        """,
        path="app/config.py",
    )
    assert facts.settings == (
        Setting("DATABASE_URL", Location("app/config.py", 4, 4), "os.environ"),
        Setting("DEBUG", Location("app/config.py", 5, 5), "os.environ", '"false"'),
        Setting("PORT", Location("app/config.py", 6, 6), "os.getenv", "8000", "int"),
        Setting("HOME", Location("app/config.py", 7, 7), "os.getenv"),
        Setting("DJANGO_SETTINGS_MODULE", Location("app/config.py", 8, 8), "os.environ", '"mysite.settings"'),
        Setting("CI", Location("app/config.py", 9, 9), "os.environ"),
    )


def test_env_reads_through_from_os_import() -> None:
    facts = detect(
        """
        from os import environ, getenv as env

        token = environ.get("GITHUB_TOKEN")
        level = env("LOG_LEVEL", default="INFO")
        """
    )
    assert [(s.name, s.source, s.default) for s in facts.settings] == [
        ("GITHUB_TOKEN", "os.environ", None),
        ("LOG_LEVEL", "os.getenv", '"INFO"'),
    ]


def test_env_dynamic_names_are_skipped() -> None:
    facts = detect(
        """
        import os

        def read(name):
            return os.environ[name], os.getenv(f"APP_{name}"), os.environ.get(name.upper())
        """
    )
    assert facts.settings == ()


def test_env_variable_read_twice_is_reported_once_with_any_default() -> None:
    facts = detect(
        """
        import os
        if os.getenv("REDIS_URL"):
            url = os.getenv("REDIS_URL", "redis://localhost:6379")
        """
    )
    assert [(s.name, s.default, s.location.start_line) for s in facts.settings] == [
        ("REDIS_URL", '"redis://localhost:6379"', 3)
    ]


def test_env_writes_are_not_reads() -> None:
    facts = detect(
        """
        import os
        os.environ["PYTHONHASHSEED"] = "0"
        del os.environ["TMP"]
        """
    )
    assert facts.settings == ()


def test_env_secret_defaults_are_redacted() -> None:
    facts = detect(
        """
        import os
        SECRET_KEY = os.getenv("SECRET_KEY", "s3cr3t-dev-value")
        TIMEOUT = os.getenv("TOKEN_TIMEOUT", 30)
        """
    )
    assert [(s.name, s.default) for s in facts.settings] == [("SECRET_KEY", "<redacted>"), ("TOKEN_TIMEOUT", "30")]


def test_env_environ_of_another_object_is_not_os() -> None:
    facts = detect(
        """
        import os
        request = object()
        x = request.environ.get("HTTP_HOST")
        y = os.path.join("a", "b")
        """
    )
    assert facts.settings == ()


def test_env_read_spread_over_several_lines_keeps_name_default_and_type() -> None:
    facts = detect(
        """
        from os import (
            getenv,
        )

        PORT = int(
            getenv(
                "PORT",
                "8000",
            )
        )
        """
    )
    assert [(s.name, s.default, s.type, s.location.start_line) for s in facts.settings] == [
        ("PORT", '"8000"', "int", 7)
    ]


def test_env_reads_in_a_file_with_windows_line_endings_have_right_lines() -> None:
    text = 'import os\r\n\r\n"""Docs\r\nmore"""\r\nA = os.getenv("A")\r\nB = os.environ["B"]\r\n'
    facts = detect(text)
    assert [(s.name, s.location.start_line) for s in facts.settings] == [("A", 5), ("B", 6)]
