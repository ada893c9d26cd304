"""Module names from the repository layout: which dotted name or path each source file answers to.

Computed for all files at once because a Python file's import name depends on which of its
ancestor folders are packages, and a Go file's on the module path in `go.mod`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from codedoc.model import Language

_JS_LANGUAGES = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX})
_JS_INDEX = re.compile(r"(^|/)index\.(?:[cm]?[jt]sx?)$")
_JAVA_ROOTS = ("src/main/java/", "src/test/java/", "src/main/kotlin/", "src/")
_GO_MODULE = re.compile(r"^\s*module\s+(\S+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ModuleName:
    name: str
    is_package: bool


def go_module_paths(go_mod_texts: dict[str, str]) -> dict[str, str]:
    """Folder of each `go.mod` → the module path it declares."""
    found: dict[str, str] = {}
    for path, text in go_mod_texts.items():
        match = _GO_MODULE.search(text)
        if match:
            found[posixpath.dirname(path)] = match.group(1).strip('"')
    return found


def _namespace_dirs(folders: Iterable[str], package_dirs: set[str]) -> set[str]:
    """Folders without `__init__.py` inside a regular package: namespace packages (PEP 420).

    `src/flask/sansio/app.py` is `flask.sansio.app`, not a top-level `app`: Python imports it
    through its package, and the folders between it and that package are part of the name."""
    found: set[str] = set()
    for folder in folders:
        between: list[str] = []
        current = folder
        while current and current not in package_dirs:
            between.append(current)
            current = posixpath.dirname(current)
        if current:  # reached a regular package: everything in between is a namespace package
            found.update(between)
    return found


def _python_names(paths: Iterable[str]) -> dict[str, ModuleName]:
    paths = list(paths)
    package_dirs = {posixpath.dirname(p) for p in paths if posixpath.basename(p) == "__init__.py"}
    package_dirs |= _namespace_dirs({posixpath.dirname(p) for p in paths}, package_dirs)
    names: dict[str, ModuleName] = {}
    for path in paths:
        folder, base = posixpath.split(path)
        stem = base[: -len(".py")] if base.endswith(".py") else base.rsplit(".", 1)[0]
        is_package = base == "__init__.py"
        parts: list[str] = [] if is_package else [stem]
        # Climb while the folder is a package: the first folder that is not is the import root.
        while folder and folder in package_dirs:
            folder, package = posixpath.split(folder)
            parts.append(package)
        if not parts:  # an __init__.py at the repository root
            parts = [stem]
        names[path] = ModuleName(".".join(reversed(parts)), is_package)
    return names


def _go_name(path: str, go_modules: dict[str, str]) -> ModuleName:
    folder = posixpath.dirname(path)
    best = ""
    for root in go_modules:
        if (root == "" or folder == root or folder.startswith(root + "/")) and len(root) >= len(best):
            best = root
    module_path = go_modules.get(best)
    if module_path is None:
        return ModuleName(folder or ".", False)
    rel = folder[len(best) :].lstrip("/") if best else folder
    return ModuleName(f"{module_path}/{rel}" if rel else module_path, False)


def _java_name(path: str) -> ModuleName:
    for root in _JAVA_ROOTS:
        index = path.find(root)
        if index == 0 or (index > 0 and path[index - 1] == "/"):
            rel = path[index + len(root) :]
            break
    else:
        rel = path
    return ModuleName(rel.rsplit(".", 1)[0].replace("/", "."), False)


def _rust_name(path: str, crate_roots: Sequence[str]) -> ModuleName:
    """`crate::a::b` for `src/a/b.rs`; in a workspace, prefixed by the crate's folder (`crates/cli:crate::a`)."""
    crate_root = next((root for root in crate_roots if root == "" or path.startswith(root + "/")), "")
    rel = path[len(crate_root) :].lstrip("/") if crate_root else path
    rel = rel.removeprefix("src/")
    parts = rel.rsplit(".", 1)[0].split("/")
    is_package = parts[-1] in ("mod", "lib", "main")
    if is_package:
        parts = parts[:-1]
    name = "::".join(["crate", *parts])
    return ModuleName(f"{crate_root}:{name}" if crate_root else name, is_package)


def module_names(
    files: Iterable[tuple[str, Language]], go_modules: dict[str, str], crate_roots: Iterable[str] = ()
) -> dict[str, ModuleName]:
    """Path → module name for every source file of a language CodeDoc analyses.

    `crate_roots` are the folders holding a `Cargo.toml` (`""` for the repository root)."""
    files = list(files)
    # Deepest first, so a file belongs to the innermost crate.
    crates = sorted(set(crate_roots), key=lambda root: (-root.count("/"), -len(root)))
    names = _python_names(p for p, lang in files if lang == Language.PYTHON)
    for path, language in files:
        if language in _JS_LANGUAGES:
            is_package = bool(_JS_INDEX.search(path))
            stem = posixpath.dirname(path) if is_package else path.rsplit(".", 1)[0]
            names[path] = ModuleName(stem or ".", is_package)
        elif language == Language.GO:
            names[path] = _go_name(path, go_modules)
        elif language == Language.JAVA:
            names[path] = _java_name(path)
        elif language == Language.RUST:
            names[path] = _rust_name(path, crates)
    return names
