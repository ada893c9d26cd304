"""Resolving references (see `sites`) to the repository's own symbols, statically.

A reference is resolved part by part. The value of each part is one of: a module, a class (the
class object), an instance of a class, or a function. Attribute lookup on a class or instance
walks its bases in order (a depth-first MRO, good enough for resolving names); calling a class
gives an instance, calling a function gives an instance of its annotated return type (or the
`:rtype:` of its docstring). Anything else stops resolution: the call is counted, never guessed.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from codedoc.analyze.behaviour.sites import Behaviour
from codedoc.analyze.python.calls import annotation_reference
from codedoc.model import ImportKind, Language, Module, Symbol, SymbolKind

CLASS_KINDS = frozenset({SymbolKind.CLASS, SymbolKind.INTERFACE, SymbolKind.STRUCT, SymbolKind.ENUM, SymbolKind.TRAIT})
FUNCTION_KINDS = frozenset({SymbolKind.FUNCTION, SymbolKind.METHOD, SymbolKind.PROPERTY})
_RTYPE = re.compile(r":rtype:\s*:?(?:class:)?`?~?([\w.]+)")
_BUILTINS = frozenset(dir(builtins))
_JS_LANGUAGES = frozenset({Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX})
_JS_GLOBALS = frozenset(
    {
        "Array", "ArrayBuffer", "BigInt", "Boolean", "Buffer", "Date", "Error", "JSON", "Map", "Math", "Number",
        "Object", "Promise", "Proxy", "Reflect", "RegExp", "Set", "String", "Symbol", "TypeError", "URL",
        "URLSearchParams", "WeakMap", "WeakSet", "clearInterval", "clearTimeout", "console", "decodeURI",
        "decodeURIComponent", "encodeURI", "encodeURIComponent", "fetch", "globalThis", "isFinite", "isNaN",
        "parseFloat", "parseInt", "process", "queueMicrotask", "require", "setImmediate", "setInterval",
        "setTimeout", "structuredClone",
    }
)  # fmt: skip
"""What JavaScript and Node.js provide everywhere: calls on them cannot reach the repository's code."""
_MAX_HOPS = 12
NOTHING: Mapping[str, str] = MappingProxyType({})
"""What a lookup table gives for a module or class without entries (no empty dict made per miss)."""


@dataclass(frozen=True, slots=True)
class Value:
    kind: str
    """`module`, `class`, `instance`, `function` or `object` (a JavaScript object whose functions are
    assigned as properties: `app` of `app.handle = function…`)."""
    name: str
    """Module name, or symbol id."""


_UNKNOWN = Value("unknown", "")
"""Not resolved yet (a resolution can be None)."""


class SymbolIndex:
    """Every module and symbol of the repository, by name, with each module's import bindings."""

    def __init__(self, modules: Iterable[Module], behaviours: dict[str, Behaviour]) -> None:
        self.modules: dict[str, Module] = {}
        """By name; Go files of one package share a name, the first stands for them."""
        self.symbols: dict[str, tuple[Module, Symbol]] = {}
        self.members: dict[str, dict[str, str]] = {}
        """Module name or class id → member name → symbol id."""
        self.bindings: dict[str, dict[str, str | tuple[str, str | None]]] = {}
        """Module name → local name → what an import binds it to: an absolute dotted name (Python), or
        (module name, member or None) for languages whose imports name files or packages."""
        self.star: dict[str, list[str]] = {}
        self.typed: dict[str, dict[str, str]] = {}
        """Class id (or module name for module-level names) → attribute → type reference."""
        self.abstract: set[str] = set()
        self.classes: dict[str, tuple[Module, Symbol]] = {}
        """The classes, interfaces, structs, enums and traits of `symbols`, in the same order."""
        self.objects: dict[str, set[str]] = {}
        """Module name → JavaScript objects (and TypeScript namespaces) whose functions are top-level
        symbols named `object.function`; their members are under `module.object`."""
        self.external_names: dict[str, frozenset[str]] = {}
        """Module name → names its imports of other packages bind (non-Python; Python's are in `bindings`)."""
        self.default_export: dict[str, str] = {}
        """Module name → the top-level name it exports as a whole (`module.exports = app`)."""
        listed = list(modules)
        by_path = {module.path: module for module in listed}
        for module in listed:
            self.modules.setdefault(module.name, module)
            self._add_symbols(module)
            bound = self.bindings.setdefault(module.name, {})
            if module.language is not Language.PYTHON:
                for local, target in _resolved_bindings(module, by_path):
                    bound.setdefault(local, target)
                self.external_names[module.name] = frozenset(
                    name for item in module.imports if item.kind is not ImportKind.INTERNAL for name in item.names
                )
            behaviour = behaviours.get(module.path)
            if behaviour is None:
                continue
            if behaviour.default_export:
                self.default_export.setdefault(module.name, behaviour.default_export)
            for local, dotted in behaviour.bindings:
                if local == "*":
                    self.star.setdefault(module.name, []).append(dotted)
                else:
                    bound.setdefault(local, dotted)
            for typed in behaviour.typed_names:
                owner_key = f"{module.name}.{typed.owner}" if typed.owner else module.name
                self.typed.setdefault(owner_key, {}).setdefault(typed.name, typed.type)
            self.abstract.update(f"{module.name}.{qualname}" for qualname in behaviour.abstract)
        self.roots = frozenset(name.split(".", 1)[0] for name in self.modules)

    def _add_symbols(self, module: Module) -> None:
        """The module's symbols, each under its module or class (the first of a repeated id wins)."""
        name = module.name
        symbols, members = self.symbols, self.members
        objects_possible = module.language is not Language.PYTHON
        top = members.setdefault(name, {})
        for symbol in module.symbols:
            symbol_id = f"{name}.{symbol.qualname}"
            if symbol_id in symbols:
                continue
            symbols[symbol_id] = found = (module, symbol)
            if symbol.kind in CLASS_KINDS:
                self.classes[symbol_id] = found
            parent = symbol.parent
            if parent is None and objects_possible and symbol.qualname != symbol.name:
                # `app.handle = function…`: a member of the object `app`, not a top-level `handle`.
                parent = symbol.qualname[: -len(symbol.name) - 1]
                self.objects.setdefault(name, set()).add(parent)
            owner = top if parent is None else members.get(f"{name}.{parent}")
            if owner is None:  # its class's first member (setdefault would make a dict for every symbol)
                owner = members[f"{name}.{parent}"] = {}
            owner.setdefault(symbol.name, symbol_id)
            if (
                symbol.decorators
                and symbol.kind in FUNCTION_KINDS
                and any("abstractmethod" in d for d in symbol.decorators)
            ):
                self.abstract.add(symbol_id)

    def kind_of(self, symbol_id: str) -> SymbolKind | None:
        found = self.symbols.get(symbol_id)
        return found[1].kind if found else None

    def is_class(self, symbol_id: str) -> bool:
        return symbol_id in self.classes

    def owner_module(self, symbol_id: str) -> str:
        return self.symbols[symbol_id][0].name


class Resolver:
    """Resolves references in the scope of a module (and, for `self`/`super()`, of a class)."""

    def __init__(self, index: SymbolIndex) -> None:
        self.index = index
        self._bases: dict[str, tuple[str, ...]] = {}
        self._resolving_bases: set[str] = set()
        """Classes whose bases are being resolved: `bases` gives () for them until it is done."""
        self._mro: dict[str, tuple[str, ...]] = {}
        self._module_split: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        """Dotted name → `_split_module` (which depends on the index only)."""
        self._cache: dict[tuple[str, str | None, str], Value | None] = {}

    # Classes --------------------------------------------------------------------------------

    def bases(self, class_id: str) -> tuple[str, ...]:
        """Repository classes a class names as its bases, resolved in its module."""
        known = self._bases.get(class_id)
        if known is not None:
            return known
        self._bases[class_id] = ()  # cycles end here
        self._resolving_bases.add(class_id)
        found: list[str] = []
        module, symbol = self.index.symbols[class_id]
        for base in symbol.bases:
            reference = annotation_reference(base.split("(", 1)[0])
            if reference is None:
                continue
            value = self.resolve(module.name, None, reference)
            if value is not None and value.kind == "class" and value.name != class_id:
                found.append(value.name)
        result = tuple(found)
        self._bases[class_id] = result
        self._resolving_bases.discard(class_id)
        return result

    def mro(self, class_id: str) -> tuple[str, ...]:
        """The class, then its bases breadth-first, each once."""
        known = self._mro.get(class_id)
        if known is not None:
            return known
        order: dict[str, None] = {}
        pending = [class_id]
        final = True
        for current in pending:  # grows while it is walked: a queue without pop(0)
            if current in order:
                continue
            order[current] = None
            final = final and current not in self._resolving_bases
            pending.extend(self.bases(current))
        result = tuple(order)
        # Kept only if no class on the way was half-resolved (its bases () for now): once every
        # base is final, walking again would give the same order and resolve nothing more.
        if final:
            self._mro[class_id] = result
        return result

    def member(self, class_id: str, name: str, *, skip_self: bool = False) -> Value | None:
        members, typed_names = self.index.members, self.index.typed
        for owner in self.mro(class_id)[1 if skip_self else 0 :]:
            member_id = members.get(owner, NOTHING).get(name)
            if member_id is not None:
                found = self._symbol_value(member_id)
                if found is not None:
                    return found
            typed = typed_names.get(owner, NOTHING).get(name)
            if typed is not None:
                value = self.resolve(self.index.owner_module(owner), owner, typed)
                return self._instance(value)
        return None

    # References -----------------------------------------------------------------------------

    def resolve(self, module: str, owner: str | None, reference: str) -> Value | None:
        """The value a reference names in `module` (inside class `owner`, a class id, if any)."""
        key = (module, owner, reference)
        known = self._cache.get(key, _UNKNOWN)
        if known is not _UNKNOWN:
            return known
        self._cache[key] = None  # recursion through typed names ends here
        value = self._resolve(module, owner, reference)
        self._cache[key] = value
        return value

    def _resolve(self, module: str, owner: str | None, reference: str) -> Value | None:
        parts = reference.split(".")
        head = parts[0]
        called = head.endswith("()")
        if called:
            head = head[:-2]
        value: Value | None
        if head == "self":
            value = Value("instance", owner) if owner else None
        elif head == "super":  # `super()` split as `super` + `()`
            if owner is None or len(parts) < 2:
                return None
            value = self.member(owner, parts[1].removesuffix("()"), skip_self=True)
            if value is not None and parts[1].endswith("()"):
                value = self.call(value)
            parts = parts[1:]
            called = False
        else:
            value = self.name(module, head)
        if value is not None and called:
            value = self.call(value)
        for part in parts[1:]:
            if value is None:
                return None
            called = part.endswith("()")
            value = self.attribute(value, part[:-2] if called else part)
            if value is not None and called:
                value = self.call(value)
        return value

    def name(self, module: str, name: str, hops: int = 0) -> Value | None:
        """A top-level name of a module: its own definition, a name it imports, or a submodule."""
        if hops > _MAX_HOPS:
            return None
        member_id = self.index.members.get(module, NOTHING).get(name)
        if member_id is not None:
            return self._symbol_value(member_id)
        if name in self.index.objects.get(module, ()):
            return Value("object", f"{module}.{name}")
        typed = self.index.typed.get(module, NOTHING).get(name)
        if typed is not None:
            return self._instance(self.resolve(module, None, typed))
        bound = self.index.bindings.get(module, NOTHING).get(name)
        if isinstance(bound, tuple):
            target, member = bound
            if member is None:
                return Value("module", target)
            if target == module:
                return None
            found = self.name(target, member, hops + 1)
            imported = self.index.modules.get(target)
            if found is None and imported is not None and imported.language in _JS_LANGUAGES:
                # `var proto = require("./application")`: what the module exports as a whole, else the module.
                default = self.index.default_export.get(target)
                found = self.name(target, default, hops + 1) if default else Value("module", target)
            return found
        if bound is not None:
            return self.absolute(bound, hops + 1)
        submodule = f"{module}.{name}"
        if submodule in self.index.modules:
            return Value("module", submodule)
        found_module = self.index.modules.get(module)
        if found_module is not None and found_module.language is Language.JAVA and "." in module:
            # Java: a class of the same package needs no import, and lives in the file named after it.
            sibling = f"{module.rsplit('.', 1)[0]}.{name}"
            if sibling in self.index.modules and sibling != module:
                member_id = self.index.members.get(sibling, NOTHING).get(name)
                if member_id is not None:
                    return self._symbol_value(member_id)
        for starred in self.index.star.get(module, ()):
            if starred in self.index.modules and starred != module:
                found = self.name(starred, name, hops + 1)
                if found is not None:
                    return found
        return None

    def absolute(self, dotted: str, hops: int = 0) -> Value | None:
        """A fully qualified name (`requests.sessions.Session`): the longest module prefix, then members."""
        if dotted in self.index.modules:
            return Value("module", dotted)
        if dotted not in self._module_split:
            self._module_split[dotted] = self._split_module(dotted)
        split = self._module_split[dotted]
        if split is None:
            return None
        value: Value | None = Value("module", split[0])
        for part in split[1]:
            if value is None:
                return None
            value = self.attribute(value, part, hops)
        return value

    def _split_module(self, dotted: str) -> tuple[str, tuple[str, ...]] | None:
        """The longest prefix of a dotted name that is a module, and the names after it."""
        parts = dotted.split(".")
        if parts[0] not in self.index.roots:
            return None
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(parts[:cut])
            if prefix in self.index.modules:
                return prefix, tuple(parts[cut:])
        return None

    def attribute(self, value: Value, name: str, hops: int = 0) -> Value | None:
        if value.kind == "module":
            return self.name(value.name, name, hops)
        if value.kind in ("class", "instance"):
            return self.member(value.name, name)
        if value.kind == "object" or (value.kind == "function" and value.name in self.index.members):
            # a JavaScript object's own functions, or a constructor function's prototype functions
            member_id = self.index.members.get(value.name, NOTHING).get(name)
            return self._symbol_value(member_id) if member_id is not None else None
        return None

    def call(self, value: Value) -> Value | None:
        """What calling a value gives: an instance of a class, the declared return of a function."""
        if value.kind == "class":
            return Value("instance", value.name)
        if value.kind == "function":
            module, symbol = self.index.symbols[value.name]
            returned = annotation_reference(symbol.returns)
            if returned is None and symbol.docstring and ":rtype:" in symbol.docstring:
                match = _RTYPE.search(symbol.docstring)
                returned = match.group(1) if match else None
            if returned is None:
                return None
            owner = f"{module.name}.{symbol.parent}" if symbol.parent else None
            if returned in ("Self", "t.Self", "typing.Self", "typing_extensions.Self") and owner:
                return Value("instance", owner)
            found = self.resolve(module.name, owner, returned)
            if found is None and "." in returned:  # `:rtype: requests.Response` names it absolutely
                found = self.absolute(returned)
            return self._instance(found)
        return None

    # Helpers --------------------------------------------------------------------------------

    def _symbol_value(self, symbol_id: str) -> Value | None:
        found = self.index.symbols.get(symbol_id)
        if found is None:
            return None
        kind = found[1].kind
        if kind in CLASS_KINDS:
            return Value("class", symbol_id)
        if kind in FUNCTION_KINDS:
            if kind is SymbolKind.PROPERTY:
                return self.call(Value("function", symbol_id))
            return Value("function", symbol_id)
        return None

    @staticmethod
    def _instance(value: Value | None) -> Value | None:
        if value is None:
            return None
        if value.kind == "class":
            return Value("instance", value.name)
        return value if value.kind == "instance" else None

    # Calls ----------------------------------------------------------------------------------

    def callee(self, module: str, owner: str | None, reference: str) -> str | None:
        """The symbol id a call reaches: a function or method, or a class for a constructor call."""
        value = self.resolve(module, owner, reference)
        if value is None:
            return None
        if value.kind in ("function", "class"):
            return value.name
        if value.kind == "instance":
            call = self.member(value.name, "__call__")
            return call.name if call is not None and call.kind == "function" else None
        return None

    def counts_as_unresolved(self, module: str, reference: str) -> bool:
        """Whether a call that did not resolve could reach repository code (builtins and external
        packages cannot)."""
        head = reference.split(".", 1)[0].removesuffix("()")
        if head.startswith("?") or head in ("self", "super"):
            return True
        bound = self.index.bindings.get(module, NOTHING).get(head)
        if isinstance(bound, tuple):
            return True
        if bound is not None:
            return bound.split(".", 1)[0] in self.index.roots
        if head in self.index.external_names.get(module, ()):
            return False
        found = self.index.modules.get(module)
        if found is not None and found.language in _JS_LANGUAGES:
            return head not in _JS_GLOBALS
        return head not in _BUILTINS


def _resolved_bindings(module: Module, by_path: dict[str, Module]) -> list[tuple[str, tuple[str, str | None]]]:
    """Names bound by a non-Python module's internal imports, once the imports are resolved to files."""
    found: list[tuple[str, tuple[str, str | None]]] = []
    for item in module.imports:
        if item.kind is not ImportKind.INTERNAL or not item.target:
            continue
        imported = by_path.get(item.target)
        if imported is None:
            continue
        if module.language is Language.GO:
            found.append((item.module.rstrip("/").rsplit("/", 1)[-1], (imported.name, None)))
            continue
        names = [name for name in item.names if name not in ("*", "default")]
        if module.language is Language.JAVA and not names:
            names = [item.module.rsplit(".", 1)[-1]]
        found += [(name, (imported.name, name)) for name in names]
    return found
