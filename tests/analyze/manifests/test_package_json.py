from __future__ import annotations

from manifest_facts import analyse, at

from codedoc.analyze.facts import ProjectMetadata

PACKAGE_JSON = """
    {
      "name": "@acme/widgets",
      "version": "2.0.0",
      "description": "Tiny widgets.",
      "license": "MIT",
      "main": "dist/index.js",
      "module": "dist/index.mjs",
      "exports": {".": "./dist/index.mjs"},
      "bin": "bin/cli.js",
      "scripts": {
        "build": "tsc -p .",
        "test": "vitest run",
        "start": "node server.js",
        "lint": "eslint .",
        "postinstall": "node scripts/setup.js",
        "release": "npm publish",
        "clean": "rm -rf dist"
      },
      "dependencies": {"express": "^4.19.0"},
      "devDependencies": {
        "vitest": "^1.0.0"
      },
      "peerDependencies": {"react": ">=18"},
      "optionalDependencies": {"fsevents": "^2"}
    }
    """


def test_package_json_metadata() -> None:
    assert analyse("package.json", PACKAGE_JSON).metadata == ProjectMetadata(
        "@acme/widgets", "Tiny widgets.", "2.0.0", "MIT", "package.json"
    )


def test_package_json_dependencies_by_table() -> None:
    deps = analyse("package.json", PACKAGE_JSON).dependencies
    assert [(d.name, d.version_spec, d.dev, d.location) for d in deps] == [
        ("express", "^4.19.0", False, at("package.json", 19)),
        ("vitest", "^1.0.0", True, at("package.json", 21)),
        ("react", ">=18", False, at("package.json", 23)),
        ("fsevents", "^2", False, at("package.json", 24)),
    ]
    assert {d.ecosystem for d in deps} == {"npm"}


def test_package_json_string_bin_is_named_after_the_unscoped_package() -> None:
    facts = analyse("package.json", PACKAGE_JSON)
    assert [(c.name, c.handler, c.framework, c.location) for c in facts.commands] == [
        ("widgets", "bin/cli.js", "npm-bin", at("package.json", 9))
    ]
    assert ("widgets", "bin/cli.js", "npm_bin") in {(e.name, e.target, e.kind) for e in facts.entry_points}


def test_package_json_bin_map_gives_one_command_each() -> None:
    facts = analyse("package.json", '{\n  "name": "x",\n  "bin": {\n    "a": "a.js",\n    "b": "b.js"\n  }\n}\n')
    assert [(c.name, c.location.start_line) for c in facts.commands] == [("a", 4), ("b", 5)]


def test_package_json_main_module_and_exports_are_main_module_entry_points() -> None:
    entries = [(e.target, e.kind, e.location.start_line) for e in analyse("package.json", PACKAGE_JSON).entry_points]
    assert ("dist/index.js", "main_module", 6) in entries
    assert ("dist/index.mjs", "main_module", 7) in entries
    assert ("./dist/index.mjs", "main_module", 8) in entries


def test_package_json_scripts_are_npm_tasks_with_inferred_kinds() -> None:
    tasks = {t.name: t for t in analyse("package.json", PACKAGE_JSON).tasks}
    assert {name: t.kind for name, t in tasks.items()} == {
        "npm run build": "build",
        "npm run test": "test",
        "npm run start": "run",
        "npm run lint": "lint",
        "npm run postinstall": "install",
        "npm run release": "deploy",
        "npm run clean": "other",
    }
    assert tasks["npm run test"].command == "npm run test  # vitest run"
    assert tasks["npm run test"].source == "npm"
    assert tasks["npm run test"].location == at("package.json", 12)


def test_package_json_that_is_not_json_is_a_diagnostic_with_its_line() -> None:
    facts = analyse("package.json", '{\n  "name": "x",\n  oops\n}\n')
    assert facts.metadata is None and facts.dependencies == ()
    assert facts.diagnostics[0].line == 3
    assert "package.json is not valid JSON" in facts.diagnostics[0].message


def test_package_json_that_is_a_list_is_a_diagnostic() -> None:
    facts = analyse("package.json", "[1, 2]")
    assert "does not hold a JSON object" in facts.diagnostics[0].message
