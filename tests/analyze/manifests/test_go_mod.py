from __future__ import annotations

from manifest_facts import analyse, at

GO_MOD = """
    module github.com/acme/pinger

    go 1.22

    require github.com/gin-gonic/gin v1.9.1

    require (
    \tgithub.com/stretchr/testify v1.9.0
    \tgolang.org/x/net v0.25.0 // indirect
    )

    replace golang.org/x/net => ../net
    """


def test_go_mod_module_path_is_the_project_name() -> None:
    metadata = analyse("go.mod", GO_MOD).metadata
    assert metadata is not None
    assert (metadata.name, metadata.version, metadata.description) == ("github.com/acme/pinger", None, None)


def test_go_mod_requires_from_lines_and_blocks() -> None:
    deps = analyse("go.mod", GO_MOD).dependencies
    assert [(d.name, d.version_spec, d.ecosystem, d.dev, d.location) for d in deps] == [
        ("github.com/gin-gonic/gin", "v1.9.1", "go", False, at("go.mod", 5)),
        ("github.com/stretchr/testify", "v1.9.0", "go", False, at("go.mod", 8)),
        ("golang.org/x/net", "v0.25.0 (indirect)", "go", False, at("go.mod", 9)),
    ]


def test_go_mod_replace_blocks_are_not_requirements() -> None:
    facts = analyse("go.mod", "module m\n\nreplace (\n\texample.com/a v1.0.0 => ./a\n)\n")
    assert facts.dependencies == ()
