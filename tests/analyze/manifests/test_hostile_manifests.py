"""Broken, hostile and oversized manifests: a diagnostic and an empty result, never an exception,
never an unbounded parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from manifest_facts import analyse

from codedoc.analyze.manifests import MAX_MANIFEST_BYTES

# A bomb that expands or a parse that never ends fails here instead of hanging the suite.
pytestmark = pytest.mark.timeout(60)

EVERY_KIND = (
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "package.json",
    "go.mod",
    "Cargo.toml",
    "pom.xml",
    "Makefile",
    "Dockerfile",
    "docker-compose.yml",
    ".github/workflows/ci.yml",
    ".gitlab-ci.yml",
    "tox.ini",
    "noxfile.py",
    "Procfile",
    "pytest.ini",
)


def test_invalid_toml_is_a_diagnostic_with_its_line() -> None:
    facts = analyse("pyproject.toml", '[project]\nname = "x"\ndependencies = ["a",\n[tool.x]\n')
    assert facts.metadata is None and facts.dependencies == ()
    assert "pyproject.toml is not valid TOML" in facts.diagnostics[0].message
    assert facts.diagnostics[0].line == 4


def test_invalid_cargo_toml_is_a_diagnostic() -> None:
    facts = analyse("Cargo.toml", "[package\nname = 1\n")
    assert "Cargo.toml is not valid TOML" in facts.diagnostics[0].message


def test_yaml_alias_bomb_is_not_expanded() -> None:
    levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for index in range(1, 10):
        previous, name = chr(96 + index), chr(97 + index)
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = (
        "\n".join(levels) + "\nservices:\n  web:\n    image: x\n    environment: *j\n    ports: *j\n    command: *j\n"
    )
    facts = analyse("docker-compose.yml", text, dedent=False)
    assert [t.name for t in facts.tasks] == ["web"]
    assert len(facts.tasks[0].command) < 200


@pytest.mark.parametrize("path", ["docker-compose.yml", ".github/workflows/ci.yml", ".gitlab-ci.yml"])
def test_deeply_nested_yaml_is_a_diagnostic(path: str) -> None:
    facts = analyse(path, "[" * 20_000 + "]" * 20_000, dedent=False)
    assert facts.tasks == ()
    assert [d.message for d in facts.diagnostics] == ["skipped: nested too deeply to parse"]


def test_deeply_indented_yaml_mapping_is_a_diagnostic() -> None:
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(1_500))
    facts = analyse(".gitlab-ci.yml", text, dedent=False)
    assert [d.message for d in facts.diagnostics] == ["skipped: nested too deeply to parse"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("package.json", "[" * 100_000 + "]" * 100_000),
        ("package.json", '{"a":' * 100_000 + "1" + "}" * 100_000),
        ("pyproject.toml", "a = " + "[" * 50_000 + "]" * 50_000),
        ("Cargo.toml", "a = " + "{b=" * 5_000 + "1" + "}" * 5_000),
        ("setup.py", "setup(install_requires=" + "[" * 5_000 + "]" * 5_000 + ")"),
        ("noxfile.py", "x = " + "-" * 200_000 + "1"),
    ],
)
def test_deeply_nested_json_toml_and_python_are_diagnostics(path: str, text: str) -> None:
    facts = analyse(path, text, dedent=False)
    assert facts.dependencies == () and facts.tasks == ()
    assert len(facts.diagnostics) == 1


XML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<project><name>&lol9;</name></project>
"""


def test_xml_entity_bomb_is_refused() -> None:
    facts = analyse("pom.xml", XML_BOMB, dedent=False)
    assert facts.metadata is None
    assert [(d.message, d.line) for d in facts.diagnostics] == [
        ("pom.xml declares XML entities; refused for safety", 3)
    ]


def test_xml_external_entity_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    text = f'<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM "file://{secret}">]>\n<project><name>&x;</name></project>\n'
    facts = analyse("pom.xml", text, dedent=False)
    assert facts.metadata is None
    assert "refused for safety" in facts.diagnostics[0].message
    assert "TOP-SECRET" not in repr(facts)


def test_xml_undeclared_entity_is_a_diagnostic() -> None:
    facts = analyse("pom.xml", "<project><name>&nope;</name></project>", dedent=False)
    assert "pom.xml is not valid XML" in facts.diagnostics[0].message


@pytest.mark.parametrize("path", ["requirements.txt", "package.json", ".github/workflows/ci.yml"])
def test_files_over_the_size_cap_are_skipped(path: str) -> None:
    text = "x" * (MAX_MANIFEST_BYTES + 1)
    facts = analyse(path, text, dedent=False)
    assert [d.message for d in facts.diagnostics] == ["skipped: larger than 2 MB"]
    assert facts.dependencies == () and facts.tasks == ()


def test_size_cap_counts_bytes_not_characters() -> None:
    text = "é" * (MAX_MANIFEST_BYTES // 2 + 10)  # fewer characters than the cap, more bytes
    assert analyse("requirements.txt", text, dedent=False).diagnostics[0].message == "skipped: larger than 2 MB"


@pytest.mark.parametrize("path", EVERY_KIND)
def test_empty_manifest_gives_empty_facts(path: str) -> None:
    facts = analyse(path, "", dedent=False)
    assert (facts.dependencies, facts.tasks, facts.commands, facts.entry_points) == ((), (), (), ())


@pytest.mark.parametrize("path", EVERY_KIND)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=st.sampled_from(list("[]{}()<>\"'=:;,.#\\\n\t -*&!%$@abcxyz019é\x00")), max_size=200))
def test_any_text_never_raises(path: str, text: str) -> None:
    facts = analyse(path, text, dedent=False)
    locations = [
        *(fact.location for fact in facts.dependencies),
        *(fact.location for fact in facts.tasks),
        *(fact.location for fact in facts.entry_points),
        *(fact.location for fact in facts.commands),
        *(fact.location for fact in facts.settings),
    ]
    for location in locations:
        assert location.path == path
        assert 1 <= location.start_line <= location.end_line <= text.count("\n") + 1
