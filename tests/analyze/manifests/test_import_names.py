from __future__ import annotations

import pytest

from codedoc.analyze.manifests import import_names_for
from codedoc.model import Dependency, Location

HERE = Location("manifest", 1, 1)


@pytest.mark.parametrize(
    ("name", "imports"),
    [
        ("PyYAML", ("yaml",)),
        ("beautifulsoup4", ("bs4",)),
        ("Pillow", ("PIL",)),
        ("scikit-learn", ("sklearn",)),
        ("python_dateutil", ("dateutil",)),
        ("pydantic-settings", ("pydantic_settings",)),
        ("Flask", ("flask",)),
        ("zope.interface", ("zope.interface",)),
        ("protobuf", ("google.protobuf",)),
    ],
)
def test_pypi_import_names(name: str, imports: tuple[str, ...]) -> None:
    assert import_names_for(Dependency(name, "pypi", HERE)) == imports


def test_npm_import_name_is_the_package_name() -> None:
    assert import_names_for(Dependency("@scope/pkg", "npm", HERE)) == ("@scope/pkg",)


def test_go_import_name_is_the_module_path() -> None:
    assert import_names_for(Dependency("github.com/gin-gonic/gin", "go", HERE)) == ("github.com/gin-gonic/gin",)


def test_cargo_import_name_uses_underscores() -> None:
    assert import_names_for(Dependency("serde-json", "cargo", HERE)) == ("serde_json",)


def test_maven_import_names_are_group_prefixes() -> None:
    found = import_names_for(Dependency("com.fasterxml.jackson.core:jackson-databind", "maven", HERE))
    assert found == ("com.fasterxml.jackson.core", "com.fasterxml")
