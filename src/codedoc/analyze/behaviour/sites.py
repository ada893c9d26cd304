"""What one file's analysis records about behaviour, before anything is resolved.

Extractors fill a `Behaviour` during their single pass over the file's syntax tree; it is cached
with the rest of the file's facts. Names in it are *references*, dotted expressions resolved later
in the scope of their module:

- `name`, `pkg.mod.func`, `Class.method`: as written (a name bound by an import is resolved through it);
- `self.method`, `self.attr.method`: on the instance of the enclosing class (`cls` is spelled `self`);
- `super().method`: on the bases of the enclosing class;
- a part ending in `()` stands for what calling it returns: `Session().request` (a class gives an
  instance, a function its annotated return type).
"""

from __future__ import annotations

from dataclasses import dataclass

from codedoc.model import fast_pickling


@dataclass(frozen=True, slots=True)
class CallSite:
    caller: str
    """Qualname of the calling function or method within its module."""
    target: str
    """Reference to what is called (see the module docstring)."""
    line: int
    condition: str | None = None
    branch: str | None = None
    """`if`, `else`, `loop`, `except` or None."""


@dataclass(frozen=True, slots=True)
class TypedName:
    """A name whose type the code states or implies: `self.x = Foo()`, `x: Foo`, a module-level `app = Flask()`."""

    owner: str
    """Qualname of the class the attribute belongs to, or "" for a module-level variable."""
    name: str
    type: str
    """Reference to the type, or to a call whose result it holds (`Foo()`)."""


@dataclass(frozen=True, slots=True)
class RegistrationSite:
    registry: str
    """Reference to what registers: the decorator (`registry.register`) or the module-level mapping's name."""
    target: str
    """Reference to what is registered (the decorated definition's qualname, or a value of the mapping)."""
    line: int
    kind: str
    """`decorator`, `mapping` or `call`."""
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Behaviour:
    calls: tuple[CallSite, ...] = ()
    typed_names: tuple[TypedName, ...] = ()
    registrations: tuple[RegistrationSite, ...] = ()
    bindings: tuple[tuple[str, str], ...] = ()
    """Names bound by imports: (local name, absolute dotted target); `*` for a star import's module."""
    abstract: tuple[str, ...] = ()
    """Qualnames of methods whose body only raises `NotImplementedError` (or is abstract)."""
    external_bases: tuple[str, ...] = ()
    """Reserved for extractors that know a class extends code outside the repository."""
    default_export: str | None = None
    """JavaScript/TypeScript: the top-level name the module exports as a whole (`module.exports = app`,
    `export default Foo`), what `var x = require("./m")` or `import x from "./m"` binds."""


fast_pickling(CallSite, TypedName, RegistrationSite, Behaviour)
