from __future__ import annotations

from manifest_facts import analyse, at

SETUP_CFG = """
    [metadata]
    name = cfgpkg
    version = attr: cfgpkg.__version__
    description = Configured declaratively.
    license = Apache-2.0

    [options]
    packages = find:
    install_requires =
        attrs>=23
        httpx

    [options.extras_require]
    test =
        pytest

    [options.entry_points]
    console_scripts =
        cfgpkg = cfgpkg.__main__:main

    [tool:pytest]
    testpaths = tests
    """


def test_setup_cfg_metadata_skips_attr_versions() -> None:
    metadata = analyse("setup.cfg", SETUP_CFG).metadata
    assert metadata is not None
    assert (metadata.name, metadata.version, metadata.description, metadata.license) == (
        "cfgpkg",
        None,
        "Configured declaratively.",
        "Apache-2.0",
    )


def test_setup_cfg_requirements_on_their_continuation_lines() -> None:
    deps = analyse("setup.cfg", SETUP_CFG).dependencies
    assert [(d.name, d.version_spec, d.dev, d.location) for d in deps] == [
        ("attrs", ">=23", False, at("setup.cfg", 10)),
        ("httpx", None, False, at("setup.cfg", 11)),
        ("pytest", None, True, at("setup.cfg", 15)),
    ]


def test_setup_cfg_console_scripts_and_pytest_task() -> None:
    facts = analyse("setup.cfg", SETUP_CFG)
    assert [(c.name, c.handler, c.location) for c in facts.commands] == [
        ("cfgpkg", "cfgpkg.__main__:main", at("setup.cfg", 19))
    ]
    assert [(t.name, t.kind, t.location) for t in facts.tasks] == [("pytest", "test", at("setup.cfg", 21))]


def test_setup_cfg_that_is_not_ini_is_a_diagnostic() -> None:
    facts = analyse("setup.cfg", "name = no section header\n")
    assert facts.metadata is None
    assert "setup.cfg is not a valid INI file" in facts.diagnostics[0].message
