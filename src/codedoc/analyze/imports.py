"""Resolving each import to a module of the repository or to an external package."""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Iterable

from codedoc.model import Import, ImportKind, Language, Module

_JS_LANGUAGES = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX})
_SETTLED = frozenset({ImportKind.STDLIB, ImportKind.INTERNAL})
"""Imports the file's own analysis resolved already."""
_JS_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")


class ImportResolver:
    """Knows every module of the repository; answers what an import statement points at."""

    def __init__(
        self, modules: Iterable[Module], go_modules: dict[str, str], local_packages: dict[str, str] | None = None
    ) -> None:
        """`local_packages`: package name → folder, for the packages of a workspace (npm, Cargo)
        that import each other by name rather than by path."""
        self._by_name: dict[Language, dict[str, str]] = {}
        self._paths: set[str] = set()
        self._go_dirs: dict[str, str] = {}
        self._go_module_paths = sorted(go_modules.values(), key=len, reverse=True)
        for module in sorted(modules, key=lambda m: m.path):
            family = Language.JAVASCRIPT if module.language in _JS_LANGUAGES else module.language
            self._by_name.setdefault(family, {}).setdefault(module.name, module.path)
            self._paths.add(module.path)
            if module.language == Language.GO and not module.path.endswith("_test.go"):
                self._go_dirs.setdefault(module.name, module.path)
        self._python_found: dict[tuple[str, tuple[str, ...]], tuple[ImportKind, str]] = {}
        """What a Python import names (module, names) comes to: many modules import the same things."""
        self._local: dict[str, str] = {}
        for package, folder in (local_packages or {}).items():
            entry = self._package_entry(folder)
            if entry is not None:
                self._local[package] = entry
                self._local.setdefault(package.replace("-", "_"), entry)

    def _package_entry(self, folder: str) -> str | None:
        """The module standing for a workspace package: its lib.rs / index file, else its first module."""
        prefix = f"{folder}/" if folder else ""
        inside = sorted(p for p in self._paths if p.startswith(prefix))
        for wanted in ("src/lib.rs", "lib.rs", "src/main.rs", "index.ts", "index.js", "src/index.ts", "src/index.js"):
            if prefix + wanted in self._paths:
                return prefix + wanted
        return inside[0] if inside else None

    def resolve_module(self, module: Module) -> Module:
        if not module.imports:
            return module
        resolved = tuple(self._resolve(module, item) for item in module.imports)
        return dataclasses.replace(module, imports=resolved)

    def _resolve(self, module: Module, item: Import) -> Import:
        if item.kind in _SETTLED:
            return item
        language = module.language
        if language == Language.PYTHON:
            return self._python(item)
        if language in _JS_LANGUAGES:
            return self._javascript(module, item)
        if language == Language.GO:
            return self._go(item)
        if language == Language.JAVA:
            return self._dotted(item, Language.JAVA, ".")
        if language == Language.RUST:
            return self._rust(module, item)
        return item

    # Built directly rather than by `dataclasses.replace`, which looks the fields up every call:
    # a large repository resolves tens of thousands of imports.
    def _internal(self, item: Import, target: str) -> Import:
        return Import(module=item.module, kind=ImportKind.INTERNAL, line=item.line, names=item.names, target=target)

    def _external(self, item: Import, package: str) -> Import:
        return Import(module=item.module, kind=ImportKind.EXTERNAL, line=item.line, names=item.names, target=package)

    def _longest_prefix(self, name: str, names: dict[str, str], sep: str) -> str | None:
        parts = name.split(sep)
        while parts:
            target = names.get(sep.join(parts))
            if target is not None:
                return target
            parts.pop()
        return None

    def _python(self, item: Import) -> Import:
        if item.module.startswith("."):
            return dataclasses.replace(item, kind=ImportKind.UNRESOLVED)
        key = (item.module, item.names)
        found = self._python_found.get(key)
        if found is None:
            found = self._python_found[key] = self._python_target(item.module, item.names)
        return Import(module=item.module, kind=found[0], line=item.line, names=item.names, target=found[1])

    def _python_target(self, module: str, imported: tuple[str, ...]) -> tuple[ImportKind, str]:
        """The module file a Python import reaches (its first name that is a submodule, else the
        longest known prefix), or else the external package (the first part of its name)."""
        names = self._by_name.get(Language.PYTHON, {})
        for name in imported:
            target = names.get(f"{module}.{name}")
            if target is not None:
                return ImportKind.INTERNAL, target
        target = self._longest_prefix(module, names, ".")
        if target is not None:
            return ImportKind.INTERNAL, target
        return ImportKind.EXTERNAL, module.split(".")[0]

    def _dotted(self, item: Import, language: Language, sep: str) -> Import:
        names = self._by_name.get(language, {})
        name = item.module.removesuffix(f"{sep}*")
        target = self._longest_prefix(name, names, sep)
        if target is None and item.module.endswith("*"):
            prefix = name + sep
            target = next((path for mod, path in names.items() if mod.startswith(prefix)), None)
        if target is not None:
            return self._internal(item, target)
        return self._external(item, sep.join(name.split(sep)[:2]))

    def _javascript(self, module: Module, item: Import) -> Import:
        spec = item.module
        if spec.startswith((".", "/")):
            base = posixpath.normpath(posixpath.join(posixpath.dirname(module.path), spec)).lstrip("/")
            stem = base.rsplit(".", 1)[0] if base.endswith((".js", ".mjs", ".cjs", ".jsx")) else base
            candidates = [base, *(stem + ext for ext in _JS_EXTENSIONS)]
            candidates += [f"{base}/index{ext}" for ext in _JS_EXTENSIONS]
            for candidate in candidates:
                if candidate in self._paths:
                    return self._internal(item, candidate)
            return dataclasses.replace(item, kind=ImportKind.UNRESOLVED)
        parts = spec.removeprefix("node:").split("/")
        package = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
        if package in self._local:
            return self._internal(item, self._local[package])
        return self._external(item, package)

    def _go(self, item: Import) -> Import:
        for module_path in self._go_module_paths:
            if item.module == module_path or item.module.startswith(module_path + "/"):
                target = self._go_dirs.get(item.module)
                if target is not None:
                    return self._internal(item, target)
                return dataclasses.replace(item, kind=ImportKind.UNRESOLVED)
        return self._external(item, item.module)

    def _rust(self, module: Module, item: Import) -> Import:
        names = self._by_name.get(Language.RUST, {})
        crate_prefix = module.name.split(":", 1)[0] if ":" in module.name.split("::")[0] else ""
        spec = item.module
        head = spec.split("::")[0]
        if head in ("crate", "self", "super"):
            # In Rust 2018 a file's own module is `self` whatever the file is called.
            if head == "self":
                spec = module.name + spec[len("self") :]
            elif head == "super":
                spec = module.name.rsplit("::", 1)[0] + spec[len("super") :]
            elif crate_prefix:
                spec = f"{crate_prefix}:{spec}"
            target = self._longest_prefix(spec, names, "::")
            if target is not None:
                return self._internal(item, target)
            return dataclasses.replace(item, kind=ImportKind.UNRESOLVED)
        if head in self._local:
            return self._internal(item, self._local[head])
        return self._external(item, head)
