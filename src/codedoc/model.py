"""The code model: a language-neutral, JSON-serialisable description of a repository.

This is the contract between analysis and writing. Every record is an immutable, slotted
dataclass; sequences are tuples so a model can be hashed, cached and shared between
processes. Every fact carries a `Location`, so every page can cite its sources.

This module imports nothing of the project and does no I/O. JSON encoding and the JSON
Schema live in `codedoc.schema`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = "1.0"
"""Bumped whenever a field is removed or changes meaning; adding optional fields is compatible."""


class Language(StrEnum):
    """Languages CodeDoc recognises. Only some are analysed into symbols."""

    PYTHON = "python"
    JAVASCRIPT = "javascript"
    TYPESCRIPT = "typescript"
    TSX = "tsx"
    GO = "go"
    JAVA = "java"
    RUST = "rust"
    C = "c"
    CPP = "cpp"
    CSHARP = "csharp"
    RUBY = "ruby"
    PHP = "php"
    KOTLIN = "kotlin"
    SWIFT = "swift"
    SHELL = "shell"
    HTML = "html"
    CSS = "css"
    MARKDOWN = "markdown"
    RST = "rst"
    JSON = "json"
    YAML = "yaml"
    TOML = "toml"
    XML = "xml"
    SQL = "sql"
    DOCKERFILE = "dockerfile"
    MAKEFILE = "makefile"
    TEXT = "text"
    OTHER = "other"


PROGRAMMING_LANGUAGES = frozenset(
    {
        Language.PYTHON,
        Language.JAVASCRIPT,
        Language.TYPESCRIPT,
        Language.TSX,
        Language.GO,
        Language.JAVA,
        Language.RUST,
        Language.C,
        Language.CPP,
        Language.CSHARP,
        Language.RUBY,
        Language.PHP,
        Language.KOTLIN,
        Language.SWIFT,
    }
)
"""Languages a project is written in, as opposed to markup, data and build languages."""


class FileCategory(StrEnum):
    """What a file is for, from its path and language."""

    CODE = "code"
    TEST = "test"
    DOCS = "docs"
    CONFIG = "config"
    BUILD = "build"
    DATA = "data"
    OTHER = "other"


class ProjectKind(StrEnum):
    """What sort of project the repository is, as far as the facts show."""

    LIBRARY = "library"
    WEB_SERVICE = "web_service"
    CLI = "cli"
    APP = "app"
    MONOREPO = "monorepo"


class SymbolKind(StrEnum):
    CLASS = "class"
    FUNCTION = "function"
    METHOD = "method"
    INTERFACE = "interface"
    STRUCT = "struct"
    ENUM = "enum"
    TRAIT = "trait"
    TYPE = "type"
    """A type alias or other named type that is none of the above."""
    CONSTANT = "constant"
    VARIABLE = "variable"
    PROPERTY = "property"
    FIELD = "field"


class Visibility(StrEnum):
    PUBLIC = "public"
    PROTECTED = "protected"
    INTERNAL = "internal"
    """Visible within a package/crate/module only (Go lower-case, Rust `pub(crate)`, Java package-private)."""
    PRIVATE = "private"


class ImportKind(StrEnum):
    INTERNAL = "internal"
    """Resolved to a module of this repository."""
    EXTERNAL = "external"
    """A third-party package."""
    STDLIB = "stdlib"
    """The language's standard library."""
    UNRESOLVED = "unresolved"
    """Looks internal (relative) but no matching module was found."""


@dataclass(frozen=True, slots=True)
class Location:
    """A span of lines in a file of the repository; lines are 1-based and inclusive."""

    path: str
    """POSIX path relative to the repository root."""
    start_line: int
    end_line: int

    def __str__(self) -> str:
        if self.start_line == self.end_line:
            return f"{self.path}:{self.start_line}"
        return f"{self.path}:{self.start_line}-{self.end_line}"


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    annotation: str | None = None
    """The type as written in the source, if any."""
    default: str | None = None
    """The default value as written in the source, if any."""
    kind: str = "positional_or_keyword"
    """One of positional_only, positional_or_keyword, var_positional, keyword_only, var_keyword."""


@dataclass(frozen=True, slots=True)
class Symbol:
    """A named definition: a class, function, method, constant…"""

    kind: SymbolKind
    name: str
    qualname: str
    """Name qualified within its module, e.g. `Session.get`."""
    location: Location
    signature: str | None = None
    """One-line signature as a reader would write it, e.g. `def get(self, url: str) -> Response`."""
    parameters: tuple[Parameter, ...] = ()
    returns: str | None = None
    docstring: str | None = None
    decorators: tuple[str, ...] = ()
    """Decorators or attributes/annotations as written, without `@`."""
    bases: tuple[str, ...] = ()
    """Base classes, implemented interfaces, embedded structs, as written."""
    visibility: Visibility = Visibility.PUBLIC
    parent: str | None = None
    """Qualname of the enclosing class/struct/impl, or None for a module-level symbol."""
    is_async: bool = False
    value: str | None = None
    """For constants and variables: the value as written, shortened."""
    # --- insights (complexity) ---
    complexity: int | None = None
    """Cyclomatic complexity of a function or method (1 + its decision points); None for other kinds,
    and for the functions of Python test files (the insights measure product code only)."""


@dataclass(frozen=True, slots=True)
class Import:
    """One import statement (or one imported module of a multi-import)."""

    module: str
    """What was imported, as written (`os.path`, `./util`, `github.com/gin-gonic/gin`)."""
    kind: ImportKind
    line: int
    names: tuple[str, ...] = ()
    """Names imported from it (`from x import a, b`), if any."""
    target: str | None = None
    """Internal: the imported module's path in this repository; external: the package name."""


@dataclass(frozen=True, slots=True)
class Module:
    """One source file of code, analysed."""

    path: str
    name: str
    """Dotted import name (`requests.sessions`) or, where a language has none, the path without extension."""
    language: Language
    docstring: str | None = None
    imports: tuple[Import, ...] = ()
    symbols: tuple[Symbol, ...] = ()
    """All definitions in the module, flat; methods have `parent` set."""
    exports: tuple[str, ...] | None = None
    """Explicit public names (`__all__`, `export`), when the module declares them."""
    is_package: bool = False
    """`__init__.py`, `index.js`, `mod.rs`, `lib.rs`… — the module that stands for its folder."""
    line_count: int = 0


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    language: Language
    category: FileCategory
    size: int
    line_count: int
    sha256: str


@dataclass(frozen=True, slots=True)
class LanguageStat:
    language: Language
    files: int
    lines: int


@dataclass(frozen=True, slots=True)
class Component:
    """A group of modules (a package or a top-level folder), collapsed from the import graph."""

    name: str
    """Dotted package name or folder path, unique in the model."""
    path: str
    """Folder relative to the repository root (`.` for the root)."""
    modules: tuple[str, ...]
    """Paths of the modules in this component."""
    depends_on: tuple[str, ...] = ()
    """Names of other components this one imports."""
    used_by: tuple[str, ...] = ()
    """Names of other components that import this one."""
    external_dependencies: tuple[str, ...] = ()
    """External packages imported by this component's modules."""
    docstring: str | None = None
    """The package docstring or doc comment, if any."""
    languages: tuple[Language, ...] = ()
    line_count: int = 0


@dataclass(frozen=True, slots=True)
class Route:
    """An HTTP endpoint."""

    method: str
    """Upper-case HTTP method, or `ANY`."""
    path: str
    handler: str
    """Qualified name of the handler (`module.function`) or the expression as written."""
    location: Location
    framework: str
    summary: str | None = None
    # --- route mounting (prefixes applied across files) ---
    router: str | None = None
    """The router or application object the route is declared on, as `module:variable`."""
    prefix_locations: tuple[Location, ...] = ()
    """Where the prefixes in front of the declared path come from: the router's own prefix, each
    `include_router`/`register_blueprint`/`include()`/`app.use()` that mounts it, a setting's value."""


@dataclass(frozen=True, slots=True)
class CommandParameter:
    name: str
    kind: str = "option"
    """`option`, `argument` or `flag`."""
    help: str | None = None
    default: str | None = None
    required: bool = False


@dataclass(frozen=True, slots=True)
class Command:
    """A command-line command or sub-command."""

    name: str
    """Full invocation, e.g. `codedoc generate`."""
    location: Location
    framework: str
    """click, typer, argparse, console_script, npm-bin, cobra…"""
    handler: str | None = None
    help: str | None = None
    parameters: tuple[CommandParameter, ...] = ()


@dataclass(frozen=True, slots=True)
class ModelField:
    name: str
    type: str | None = None
    default: str | None = None
    nullable: bool | None = None
    primary_key: bool = False
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    name: str
    target: str
    """Name of the related data model (or table)."""
    kind: str = "related"
    """`foreign_key`, `one_to_many`, `many_to_one`, `many_to_many`, `one_to_one` or `related`."""


@dataclass(frozen=True, slots=True)
class DataModel:
    """A persisted or validated record type: an ORM table or a schema class."""

    name: str
    qualname: str
    """`module.Class`."""
    location: Location
    framework: str
    """sqlalchemy, sqlmodel, django, pydantic…"""
    fields: tuple[ModelField, ...] = ()
    relations: tuple[Relation, ...] = ()
    table: str | None = None
    docstring: str | None = None


@dataclass(frozen=True, slots=True)
class Setting:
    """A configuration input: an environment variable read, or a field of a settings class."""

    name: str
    location: Location
    source: str
    """How it is read: `os.environ`, `os.getenv`, `pydantic-settings`, `process.env`, `os.Getenv`…"""
    default: str | None = None
    type: str | None = None
    settings_class: str | None = None
    description: str | None = None
    is_env_var: bool = True


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """Where execution starts: a console script, a `bin`, a `main`, a container command."""

    name: str
    target: str
    """`package.module:function`, a file path, or a command line."""
    kind: str
    """`console_script`, `npm_bin`, `main_function`, `main_module`, `dockerfile`, `procfile`…"""
    location: Location


@dataclass(frozen=True, slots=True)
class Dependency:
    """A declared third-party dependency."""

    name: str
    ecosystem: str
    """pypi, npm, go, cargo, maven…"""
    location: Location
    """Where it is declared."""
    version_spec: str | None = None
    dev: bool = False
    """Only for development, tests or optional extras."""
    imported_in: tuple[str, ...] = ()
    """Paths of the modules that import it (filled in by analysis)."""


@dataclass(frozen=True, slots=True)
class Task:
    """A way to install, build, run, test or lint the project, from its build files."""

    name: str
    command: str
    kind: str
    """`install`, `build`, `run`, `test`, `lint`, `deploy` or `other`."""
    source: str
    """`make`, `npm`, `dockerfile`, `compose`, `ci`, `pyproject`, `cargo`…"""
    location: Location


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something analysis could not do; reported, never fatal."""

    path: str
    message: str
    line: int | None = None
    severity: str = "warning"


# --- insights: complexity, documentation coverage, import cycles ---


@dataclass(frozen=True, slots=True)
class ComplexFunction:
    """A function or method and its cyclomatic complexity."""

    name: str
    """`module.qualname`."""
    complexity: int
    location: Location
    component: str | None = None


@dataclass(frozen=True, slots=True)
class DocCoverage:
    """How many of the public symbols of a module or component have a docstring or doc comment."""

    name: str
    """Module name or component name."""
    public: int
    documented: int
    location: Location | None = None
    """The module's file (or the component's first module), to cite."""

    @property
    def ratio(self) -> float:
        return self.documented / self.public if self.public else 1.0


@dataclass(frozen=True, slots=True)
class ImportCycle:
    """Components that import each other in a ring, with one import that closes each step."""

    components: tuple[str, ...]
    """In ring order: each imports the next, the last imports the first."""
    imports: tuple[Location, ...]
    """For each step, an import statement that makes it."""


@dataclass(frozen=True, slots=True)
class Insights:
    """Figures a newcomer reads before diving in: where the code is intricate, undocumented, tangled."""

    most_complex: tuple[ComplexFunction, ...] = ()
    """The most complex functions and methods of product code, most complex first."""
    module_coverage: tuple[DocCoverage, ...] = ()
    component_coverage: tuple[DocCoverage, ...] = ()
    cycles: tuple[ImportCycle, ...] = ()
    functions: int = 0
    """Functions and methods measured."""
    mean_complexity: float = 0.0


# -- Behaviour: calls, inheritance, registrations, flows, centrality -----------------------------
#
# Symbols are named across the repository by their *symbol id*, `f"{module.name}.{symbol.qualname}"`
# (`requests.sessions.Session.send`); modules by their path. Analysis resolves each call site
# statically to one of the repository's own symbols or counts it as unresolved; nothing is guessed.


@dataclass(frozen=True, slots=True)
class Call:
    """One call from a function or method to a symbol of this repository (`model.calls`)."""

    caller: str
    """Symbol id of the calling function or method."""
    callee: str
    """Symbol id of what is called: a function, a method, or a class (a constructor call)."""
    location: Location
    """The call site (one line)."""
    condition: str | None = None
    """Why the call may not happen, as written: `if not rv`, `else`, `for url in urls`, `except KeyError`."""
    branch: str | None = None
    """How the call is conditional: `if`, `else`, `loop` or `except`; None when it always runs."""


@dataclass(frozen=True, slots=True)
class Inheritance:
    """A class extending or implementing another class of this repository (`model.inheritance`)."""

    child: str
    """Symbol id of the subclass or implementation."""
    parent: str
    """Symbol id of the base class, abstract class, protocol or interface."""
    location: Location
    """Where the child is declared."""
    structural: bool = False
    """True when the child does not name the parent but defines every method of a protocol."""


@dataclass(frozen=True, slots=True)
class Registration:
    """Where an implementation is registered or chosen, or a plugin is declared in an entry-point group of
    the packaging metadata (`model.registrations`)."""

    registry: str
    """What holds or selects it: a symbol id (`pkg.backends.BACKENDS`), the decorator as written, or for
    an `entry_point` the entry-point group (`pytest11`, `flask.commands`)."""
    target: str
    """Symbol id of what is registered (a module name when an entry point names a whole module)."""
    location: Location
    """Where it is registered: the decorator, the mapping, the call, or the line of the packaging file
    (`pyproject.toml`, `setup.py`, `setup.cfg`) that declares the entry point."""
    kind: str
    """`decorator`, `mapping` (a dict of classes), `call` (`registry.register(X)`) or `entry_point` (a plugin
    declared in packaging metadata for another program to load by its group)."""
    key: str | None = None
    """The name it is registered under, when the code gives one (an entry point's name)."""


@dataclass(frozen=True, slots=True)
class ExtensionPoint:
    """An abstract base, protocol or interface with implementations in this repository
    (`model.extension_points`): what a new implementation must define and where it is plugged in."""

    base: str
    """Symbol id of the abstract class, protocol or interface."""
    implementations: tuple[str, ...]
    """Symbol ids of the classes extending or implementing it, most central first."""
    required: tuple[str, ...] = ()
    """Symbol ids of the methods a new implementation must define (abstract or raising NotImplementedError)."""
    registrations: tuple[Registration, ...] = ()
    """Where implementations are registered or chosen."""
    created_at: tuple[Call, ...] = ()
    """Constructor calls of the implementations: where the code picks one."""


@dataclass(frozen=True, slots=True)
class FlowStep:
    """One call of a `Flow`, in the order a reader follows it."""

    caller: str
    callee: str
    location: Location
    """The call site."""
    depth: int
    """1 for calls made by the entry point itself, 2 for the calls they make…"""
    condition: str | None = None
    branch: str | None = None
    """As on `Call`: `if`, `else`, `loop`, `except` or None."""


@dataclass(frozen=True, slots=True)
class Flow:
    """What happens when an entry point runs: the call chain through the repository's own code
    (`model.flows`), depth- and breadth-limited, trivial helpers and tests skipped."""

    entry: str
    """Symbol id of the function or method the flow starts from."""
    kind: str
    """Why it is an entry point: `export`, `route`, `command`, `entry_point`, `call` (`__call__`, WSGI/ASGI,
    `main`) or `central` (a public method of one of the most central classes)."""
    title: str
    """What a page calls it: `requests.get` is called, `GET /users` is requested…"""
    steps: tuple[FlowStep, ...]
    reach: tuple[str, ...] = ()
    """Symbol ids the flow reaches, the entry first."""
    component: str | None = None
    """Name of the component the entry point belongs to."""
    score: float = 0.0
    """How much the flow matters: the centrality of what it reaches. Flows are sorted by it."""


@dataclass(frozen=True, slots=True)
class CallGraphStats:
    """How much of the code's calls analysis resolved (`model.call_graph`)."""

    resolved: int = 0
    """Call sites resolved to a symbol of this repository."""
    unresolved: int = 0
    """Call sites that may reach repository code but could not be resolved statically (counted, never guessed).
    Calls to builtins and to imported external packages are in neither count."""
    unresolved_by_module: dict[str, int] = field(default_factory=dict)
    """Unresolved call sites per module path."""


@dataclass(frozen=True, slots=True)
class Repository:
    name: str
    source_url: str | None = None
    """Remote URL without credentials, when known."""
    commit_sha: str | None = None
    ref: str | None = None
    default_branch: str | None = None
    description: str | None = None
    """From the project's metadata (pyproject, package.json, Cargo.toml…)."""
    version: str | None = None
    license: str | None = None
    readme_path: str | None = None
    readme: str | None = None
    kind: ProjectKind = ProjectKind.LIBRARY
    languages: tuple[LanguageStat, ...] = ()
    """Sorted by lines, most first."""
    files: tuple[SourceFile, ...] = ()
    skipped: dict[str, int] = field(default_factory=dict)
    """Files left out by the scan, counted by reason."""

    def permalink(self, location: Location) -> str | None:
        """A link to the lines on the code host, when the remote and commit are known."""
        if not self.source_url or not self.commit_sha:
            return None
        base = self.source_url.removesuffix(".git").rstrip("/")
        if not base.startswith(("https://", "http://")):
            return None
        anchor = f"#L{location.start_line}"
        if location.end_line != location.start_line:
            if "gitlab" in base:
                anchor += f"-{location.end_line}"
            else:
                anchor += f"-L{location.end_line}"
        sep = "/-/blob/" if "gitlab" in base else "/blob/"
        return f"{base}{sep}{self.commit_sha}/{location.path}{anchor}"


@dataclass(frozen=True, slots=True)
class Verification:
    """What the verify stage checked in the written pages, and what it removed or flagged."""

    source_links: int = 0
    broken_source_links: int = 0
    code_spans: int = 0
    unresolved_code_spans: int = 0
    removed: tuple[str, ...] = ()
    """Identifiers, paths or links removed or flagged, with the page they were on."""


@dataclass(frozen=True, slots=True)
class CodeModel:
    """Everything CodeDoc knows about one repository at one commit."""

    repository: Repository
    modules: tuple[Module, ...] = ()
    components: tuple[Component, ...] = ()
    routes: tuple[Route, ...] = ()
    commands: tuple[Command, ...] = ()
    data_models: tuple[DataModel, ...] = ()
    settings: tuple[Setting, ...] = ()
    entry_points: tuple[EntryPoint, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    tasks: tuple[Task, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    verification: Verification | None = None
    # Behaviour (see "Behaviour" above); empty for a model built without analysis.
    calls: tuple[Call, ...] = ()
    """Resolved calls between the repository's own symbols, in file and line order."""
    inheritance: tuple[Inheritance, ...] = ()
    registrations: tuple[Registration, ...] = ()
    extension_points: tuple[ExtensionPoint, ...] = ()
    flows: tuple[Flow, ...] = ()
    """The most important flows, most important first."""
    centrality: dict[str, float] = field(default_factory=dict)
    """PageRank of each function, method and class (by symbol id) over calls, inheritance and membership,
    scaled so that 1.0 is the average; a class also carries the rank of its methods."""
    module_centrality: dict[str, float] = field(default_factory=dict)
    """PageRank of each module (by path) over imports and calls, scaled so that 1.0 is the average."""
    call_graph: CallGraphStats | None = None
    fingerprint: str | None = None
    """A hash of everything analysis read (file contents, analyser version, checkout): two models
    with the same fingerprint are equal, so work derived from one can be re-used for the other."""
    schema_version: str = SCHEMA_VERSION
    generator: str = "codedoc"
    # --- insights ---
    insights: Insights | None = None
    """Complexity, documentation coverage and import cycles (filled in by analysis)."""


def fast_pickling(*classes: type) -> None:
    """Pickle records as `Class(*values)`.

    Per-file facts cross process boundaries and fill the analysis cache; the `__setstate__` that
    dataclasses generate for slotted classes looks fields up for every object and made loading a
    large repository's cached facts several times slower. The values are read by one
    `operator.attrgetter` per class, in C, rather than a Python loop per object.
    """
    for cls in classes:
        cls.__reduce__ = _reducer(cls)  # type: ignore[assignment,method-assign]


def _reducer(cls: type) -> Callable[[object], tuple[type, tuple[object, ...]]]:
    slots: tuple[str, ...] = cls.__slots__  # type: ignore[attr-defined]
    values = operator.attrgetter(*slots)
    if len(slots) == 1:  # attrgetter of one name returns the value itself, not a 1-tuple
        return lambda record: (cls, (values(record),))
    return lambda record: (cls, values(record))


fast_pickling(
    Location,
    Parameter,
    Symbol,
    Import,
    Module,
    SourceFile,
    LanguageStat,
    Component,
    Route,
    CommandParameter,
    Command,
    ModelField,
    Relation,
    DataModel,
    Setting,
    EntryPoint,
    Dependency,
    Task,
    Diagnostic,
    Repository,
    Verification,
    Call,
    Inheritance,
    Registration,
    ExtensionPoint,
    FlowStep,
    Flow,
    CallGraphStats,
    CodeModel,
)
fast_pickling(ComplexFunction, DocCoverage, ImportCycle, Insights)
