from __future__ import annotations

from python_detection import detect

DJANGO_SETTINGS = """
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "django-insecure-abc123"
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = []
INSTALLED_APPS = [
    "django.contrib.admin",
    "polls",
]
_private = 1
lower_case = 2
"""


def test_django_settings_upper_case_names_are_settings() -> None:
    facts = detect(DJANGO_SETTINGS, path="mysite/settings.py")
    django = [s for s in facts.settings if s.source == "django-settings"]
    assert [s.name for s in django] == ["BASE_DIR", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "INSTALLED_APPS"]
    assert all(not s.is_env_var for s in django)
    assert django[3].default == "[]"


def test_django_settings_secret_values_are_redacted() -> None:
    facts = detect(DJANGO_SETTINGS, path="mysite/settings.py")
    secret = next(s for s in facts.settings if s.name == "SECRET_KEY")
    assert secret.default == "<redacted>"


def test_django_settings_env_reads_are_reported_too() -> None:
    facts = detect(DJANGO_SETTINGS, path="mysite/settings.py")
    assert [s.name for s in facts.settings if s.source == "os.environ"] == ["DJANGO_DEBUG"]


def test_django_settings_package_modules_count() -> None:
    facts = detect("from .base import *\nDEBUG = True\nALLOWED_HOSTS = ['x']\n", path="mysite/settings/prod.py")
    assert [s.name for s in facts.settings] == ["DEBUG", "ALLOWED_HOSTS"]


def test_upper_case_constants_outside_settings_modules_are_not_settings() -> None:
    facts = detect(DJANGO_SETTINGS, path="mysite/constants.py")
    assert [s.source for s in facts.settings] == ["os.environ"]
