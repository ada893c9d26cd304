from __future__ import annotations

from pathlib import Path

from manifest_facts import analyse, at

SETUP_PY = """
    from setuptools import find_packages, setup

    REQUIRES = [
        "requests>=2",
        "click",
    ]

    setup(
        name="legacy",
        version="0.9",
        description="An old-style package.",
        license="MIT",
        packages=find_packages(),
        install_requires=REQUIRES,
        extras_require={"test": ["pytest"]},
        entry_points={
            "console_scripts": [
                "legacy = legacy.cli:main",
            ],
        },
    )
    """


def test_setup_py_metadata_from_literal_arguments() -> None:
    metadata = analyse("setup.py", SETUP_PY).metadata
    assert metadata is not None
    assert (metadata.name, metadata.version, metadata.description, metadata.license) == (
        "legacy",
        "0.9",
        "An old-style package.",
        "MIT",
    )


def test_setup_py_requirements_through_a_module_constant() -> None:
    deps = analyse("setup.py", SETUP_PY).dependencies
    assert [(d.name, d.version_spec, d.dev, d.location) for d in deps] == [
        ("requests", ">=2", False, at("setup.py", 4)),
        ("click", None, False, at("setup.py", 5)),
        ("pytest", None, True, at("setup.py", 15)),
    ]


def test_setup_py_console_scripts() -> None:
    facts = analyse("setup.py", SETUP_PY)
    assert [(c.name, c.handler, c.framework, c.location) for c in facts.commands] == [
        ("legacy", "legacy.cli:main", "console_script", at("setup.py", 18))
    ]
    assert [e.kind for e in facts.entry_points] == ["console_script"]


def test_setup_py_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    facts = analyse("setup.py", f'open({str(marker)!r}, "w").close()\nfrom setuptools import setup\nsetup(name="x")\n')
    assert not marker.exists()
    assert facts.metadata is not None and facts.metadata.name == "x"


def test_setup_py_with_a_syntax_error_is_a_diagnostic() -> None:
    facts = analyse("setup.py", "setup(name='x'\n")
    assert facts.metadata is None
    assert len(facts.diagnostics) == 1
    assert "setup.py could not be parsed" in facts.diagnostics[0].message


def test_setup_py_computed_values_are_left_out() -> None:
    facts = analyse("setup.py", 'import os\nsetup(name=os.environ["NAME"], install_requires=open("r.txt").read())\n')
    assert facts.metadata is None
    assert facts.dependencies == ()


def test_setup_py_entry_points_written_as_ini_text() -> None:
    text = '''
        from setuptools import setup

        setup(
            name="old",
            entry_points="""
                [console_scripts]
                old-tool = old.main:run
                [other.plugins]
                x = y:z
            """,
        )
        '''
    commands = analyse("setup.py", text).commands
    assert [(c.name, c.handler, c.location) for c in commands] == [("old-tool", "old.main:run", at("setup.py", 7))]


def test_setup_py_arguments_spread_from_a_module_dict() -> None:
    text = """
        from setuptools import setup

        META = dict(name="spread", install_requires=["six"])
        setup(**META)
        """
    facts = analyse("setup.py", text)
    assert facts.metadata is not None and facts.metadata.name == "spread"
    assert [(d.name, d.location) for d in facts.dependencies] == [("six", at("setup.py", 3))]
