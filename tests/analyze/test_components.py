from __future__ import annotations

from codedoc.analyze.components import build_components
from codedoc.model import Import, ImportKind, Language, Module


def test_components_group_python_subpackages_and_collapse_imports() -> None:
    modules = [
        Module("pkg/__init__.py", "pkg", Language.PYTHON, docstring="The package.", is_package=True),
        Module(
            "pkg/api.py",
            "pkg.api",
            Language.PYTHON,
            imports=(Import("pkg.orm", ImportKind.INTERNAL, 1, target="pkg/orm/__init__.py"),),
        ),
        Module("pkg/orm/__init__.py", "pkg.orm", Language.PYTHON, docstring="Object mapping.", is_package=True),
        Module(
            "pkg/orm/session.py",
            "pkg.orm.session",
            Language.PYTHON,
            imports=(Import("sqlalchemy", ImportKind.EXTERNAL, 1, target="sqlalchemy"),),
        ),
    ]
    components = {c.name: c for c in build_components(modules, package_dirs={"pkg", "pkg/orm"})}
    assert set(components) == {"pkg", "pkg.orm"}
    assert components["pkg"].depends_on == ("pkg.orm",)
    assert components["pkg.orm"].used_by == ("pkg",)
    assert components["pkg.orm"].external_dependencies == ("sqlalchemy",)
    assert components["pkg.orm"].docstring == "Object mapping."
    assert components["pkg.orm"].modules == ("pkg/orm/__init__.py", "pkg/orm/session.py")


def test_components_of_other_languages_are_folders_two_deep() -> None:
    modules = [
        Module("lib/router/index.js", "lib/router", Language.JAVASCRIPT, is_package=True),
        Module("lib/router/layer.js", "lib/router/layer", Language.JAVASCRIPT),
        Module("lib/application.js", "lib/application", Language.JAVASCRIPT),
        Module("src/server/http/h.go", "x/server/http", Language.GO),
        Module("examples/auth/index.js", "examples/auth", Language.JAVASCRIPT, is_package=True),
        Module("examples/vhost/index.js", "examples/vhost", Language.JAVASCRIPT, is_package=True),
    ]
    names = {c.name for c in build_components(modules, package_dirs=set())}
    assert names == {"lib/router", "lib", "src/server/http", "examples"}
