"""A file's language from its name, extension or shebang line."""

from __future__ import annotations

import re

from codedoc.model import Language

_EXTENSIONS: dict[str, Language] = {
    **dict.fromkeys((".py", ".pyi", ".pyw"), Language.PYTHON),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".jsx"), Language.JAVASCRIPT),
    **dict.fromkeys((".ts", ".mts", ".cts"), Language.TYPESCRIPT),
    ".tsx": Language.TSX,
    ".go": Language.GO,
    ".java": Language.JAVA,
    ".rs": Language.RUST,
    **dict.fromkeys((".c", ".h"), Language.C),
    **dict.fromkeys((".cc", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".tpp"), Language.CPP),
    ".cs": Language.CSHARP,
    **dict.fromkeys((".rb", ".rake", ".gemspec", ".ru"), Language.RUBY),
    **dict.fromkeys((".php", ".phtml"), Language.PHP),
    **dict.fromkeys((".kt", ".kts"), Language.KOTLIN),
    ".swift": Language.SWIFT,
    **dict.fromkeys((".sh", ".bash", ".zsh", ".ksh", ".bats"), Language.SHELL),
    **dict.fromkeys((".html", ".htm", ".xhtml"), Language.HTML),
    **dict.fromkeys((".css", ".scss", ".sass", ".less"), Language.CSS),
    **dict.fromkeys((".md", ".markdown", ".mdx", ".mdown"), Language.MARKDOWN),
    ".rst": Language.RST,
    **dict.fromkeys((".json", ".jsonc", ".json5", ".jsonl", ".ndjson", ".ipynb", ".geojson"), Language.JSON),
    **dict.fromkeys((".yaml", ".yml"), Language.YAML),
    ".toml": Language.TOML,
    **dict.fromkeys((".xml", ".xsd", ".xsl", ".xslt", ".pom", ".csproj", ".fsproj", ".plist", ".wsdl"), Language.XML),
    ".sql": Language.SQL,
    **dict.fromkeys((".mk", ".mak"), Language.MAKEFILE),
    ".dockerfile": Language.DOCKERFILE,
    **dict.fromkeys((".txt", ".text", ".cfg", ".ini", ".conf", ".properties", ".env", ".csv", ".tsv"), Language.TEXT),
}

_NAMES: dict[str, Language] = {
    **dict.fromkeys(("makefile", "gnumakefile"), Language.MAKEFILE),
    **dict.fromkeys(("dockerfile", "containerfile"), Language.DOCKERFILE),
    **dict.fromkeys(("rakefile", "gemfile", "vagrantfile", "podfile", "guardfile", "brewfile"), Language.RUBY),
    **dict.fromkeys(("pipfile",), Language.TOML),
    **dict.fromkeys((".bashrc", ".bash_profile", ".zshrc", ".profile", "pkgbuild"), Language.SHELL),
    **dict.fromkeys(
        ("readme", "license", "licence", "copying", "authors", "contributors", "changelog", "notice", "procfile"),
        Language.TEXT,
    ),
}

_SHEBANG = re.compile(rb"^#!\s*(\S+)(?:\s+(?:-\S+\s+)*(\S+))?")
_INTERPRETERS: tuple[tuple[re.Pattern[str], Language], ...] = (
    (re.compile(r"^python[0-9.]*$|^pypy[0-9.]*$"), Language.PYTHON),
    (re.compile(r"^(node|nodejs|bun)$"), Language.JAVASCRIPT),
    (re.compile(r"^(deno|ts-node|tsx)$"), Language.TYPESCRIPT),
    (re.compile(r"^(sh|bash|zsh|ksh|dash|ash)$"), Language.SHELL),
    (re.compile(r"^ruby[0-9.]*$"), Language.RUBY),
    (re.compile(r"^php[0-9.]*$"), Language.PHP),
    (re.compile(r"^make$"), Language.MAKEFILE),
)


def language_from_name(name: str) -> Language | None:
    """The language a file name makes certain, or None when only its content can tell."""
    lowered = name.lower()
    if lowered in _NAMES:
        return _NAMES[lowered]
    if lowered.startswith(("dockerfile.", "dockerfile-", "containerfile.")) or lowered.endswith(".dockerfile"):
        return Language.DOCKERFILE
    if lowered.startswith("makefile."):
        return Language.MAKEFILE
    if lowered.startswith(("readme.", "license.", "licence.", "changelog.", "copying.")):
        extension = _extension(lowered)
        return _EXTENSIONS.get(extension, Language.TEXT)
    if lowered == ".env" or lowered.startswith(".env."):
        return Language.TEXT
    if lowered.endswith(".d.ts"):
        return Language.TYPESCRIPT
    return _EXTENSIONS.get(_extension(lowered))


def language_from_shebang(head: bytes) -> Language | None:
    match = _SHEBANG.match(head[:256])
    if match is None:
        return None
    program = match.group(1).decode("ascii", errors="replace").rsplit("/", 1)[-1]
    if program == "env" and match.group(2):
        program = match.group(2).decode("ascii", errors="replace").rsplit("/", 1)[-1]
    for pattern, language in _INTERPRETERS:
        if pattern.match(program):
            return language
    return None


def detect_language(name: str, head: bytes) -> Language:
    """Name first (cheap and reliable), then the shebang of an extension-less script."""
    by_name = language_from_name(name)
    if by_name is not None:
        return by_name
    return language_from_shebang(head) or Language.OTHER


def _extension(lowered_name: str) -> str:
    dot = lowered_name.rfind(".")
    return lowered_name[dot:] if dot > 0 else ""
