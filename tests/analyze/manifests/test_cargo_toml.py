from __future__ import annotations

from manifest_facts import analyse, at

from codedoc.analyze.facts import ProjectMetadata

CARGO = """
    [package]
    name = "shapes"
    version = "0.4.1"
    description = "Geometry for people in a hurry."
    license = "MIT OR Apache-2.0"

    [dependencies]
    serde = { version = "1", features = ["derive"] }
    rand = "0.8"
    local-thing = { path = "../local-thing" }

    [dependencies.tokio]
    version = "1.37"
    features = ["full"]

    [dev-dependencies]
    proptest = "1"

    [build-dependencies]
    cc = "1.0"

    [target.'cfg(unix)'.dependencies]
    nix = "0.28"

    [[bin]]
    name = "shapes-cli"
    path = "src/cli.rs"

    [[bin]]
    name = "other"
    """


def test_cargo_metadata_from_package() -> None:
    assert analyse("Cargo.toml", CARGO).metadata == ProjectMetadata(
        "shapes", "Geometry for people in a hurry.", "0.4.1", "MIT OR Apache-2.0", "Cargo.toml"
    )


def test_cargo_dependencies_of_every_table() -> None:
    deps = analyse("Cargo.toml", CARGO).dependencies
    assert [(d.name, d.version_spec, d.dev, d.location) for d in deps] == [
        ("serde", "1", False, at("Cargo.toml", 8)),
        ("rand", "0.8", False, at("Cargo.toml", 9)),
        ("local-thing", "path: ../local-thing", False, at("Cargo.toml", 10)),
        ("tokio", "1.37", False, at("Cargo.toml", 12, 14)),
        ("nix", "0.28", False, at("Cargo.toml", 23)),
        ("proptest", "1", True, at("Cargo.toml", 17)),
        ("cc", "1.0", True, at("Cargo.toml", 20)),
    ]


def test_cargo_bins_are_entry_points_and_commands() -> None:
    facts = analyse("Cargo.toml", CARGO)
    assert [(e.name, e.target, e.kind, e.location) for e in facts.entry_points] == [
        ("shapes-cli", "src/cli.rs", "cargo_bin", at("Cargo.toml", 25, 27)),
        ("other", "src/bin/other.rs", "cargo_bin", at("Cargo.toml", 29, 30)),
    ]
    assert [(c.name, c.framework) for c in facts.commands] == [("shapes-cli", "cargo-bin"), ("other", "cargo-bin")]


def test_cargo_workspace_dependencies_and_inherited_version() -> None:
    facts = analyse(
        "Cargo.toml",
        """
        [workspace]
        members = ["crates/*"]

        [workspace.dependencies]
        anyhow = "1"

        [package]
        name = "root"
        version.workspace = true
        """,
    )
    assert [(d.name, d.location.start_line) for d in facts.dependencies] == [("anyhow", 5)]
    assert facts.metadata is not None and facts.metadata.version is None
