"""Where execution starts: Go `package main` + `func main()`, Java `public static void main(String[])`,
Rust `fn main` in `main.rs` or `src/bin/*.rs`, and JavaScript files with a `#!/usr/bin/env node` line."""

from __future__ import annotations

import posixpath

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.java import package_name
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import EntryPoint, Location, Module, Symbol, SymbolKind


def _function(module: Module, name: str, *, kinds: tuple[SymbolKind, ...] = (SymbolKind.FUNCTION,)) -> Symbol | None:
    return next((s for s in module.symbols if s.name == name and s.parent is None and s.kind in kinds), None)


def detect_go_main(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "package main" not in text or "func main()" not in text or context.path.endswith("_test.go"):
        return FileFacts()
    package = next((n for n in parsed.root.named_children if n.type == "package_clause"), None)
    main = _function(module, "main")
    if package is None or main is None or parsed.text(package).split()[-1] != "main":
        return FileFacts()
    folder = posixpath.dirname(context.path) or "."
    name = posixpath.basename(folder) if folder != "." else module.name.rsplit("/", 1)[-1]
    return FileFacts(entry_points=(EntryPoint(name=name, target=folder, kind="main_function", location=main.location),))


def detect_java_main(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "void main" not in text:
        return FileFacts()
    package = package_name(parsed)
    found: list[EntryPoint] = []
    for symbol in module.symbols:
        if symbol.name != "main" or symbol.kind != SymbolKind.METHOD or symbol.parent is None:
            continue
        signature = symbol.signature or ""
        if "static" in signature.split() and symbol.returns == "void" and len(symbol.parameters) == 1:
            target = f"{package}.{symbol.parent}" if package else symbol.parent
            found.append(
                EntryPoint(
                    name=symbol.parent.rsplit(".", 1)[-1], target=target, kind="main_function", location=symbol.location
                )
            )
    return FileFacts(entry_points=tuple(found))


def detect_rust_main(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    folder, base = posixpath.split(context.path)
    is_binary = base == "main.rs" or posixpath.basename(folder) == "bin" or folder.endswith("/bin")
    main = _function(module, "main") if is_binary and "fn main" in text else None
    if main is None:
        return FileFacts()
    if base == "main.rs" and posixpath.basename(folder) == "src":
        crate = posixpath.basename(posixpath.dirname(folder)) or "main"
        name = crate
    else:
        name = base.removesuffix(".rs") if base != "main.rs" else posixpath.basename(folder)
    return FileFacts(
        entry_points=(EntryPoint(name=name, target=context.path, kind="main_function", location=main.location),)
    )


def detect_node_script(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    first_line = text.split("\n", 1)[0]
    if not first_line.startswith("#!") or "node" not in first_line:
        return FileFacts()
    name = posixpath.basename(context.path).rsplit(".", 1)[0]
    location = Location(context.path, 1, 1)
    return FileFacts(entry_points=(EntryPoint(name=name, target=context.path, kind="script", location=location),))
