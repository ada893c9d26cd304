"""Reading class definitions as records: which classes of a file derive (directly or through other
classes of the same file) from a framework base, their annotated fields, and what a field's type
says about nullability and about the records it points to."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from codedoc.analyze.python.detectors.syntax import definitions, dotted_name, last_name, lines_with, string_value

_OPTIONAL = frozenset({"Optional"})
_UNION = frozenset({"Union"})
_COLLECTIONS = frozenset(
    {"list", "List", "set", "Set", "frozenset", "FrozenSet", "Sequence", "tuple", "Tuple", "Iterable", "Collection"}
)
_WRAPPERS = frozenset({"Mapped", "Annotated", "ClassVar", "Final", "Required", "NotRequired"})


@dataclass(frozen=True, slots=True)
class ClassInfo:
    qualname: str
    node: ast.ClassDef


class ClassTree:
    """The classes of one file, by simple name, to follow inheritance inside the file."""

    def __init__(self, tree: ast.Module, text: str) -> None:
        # Only statements spanning a line that says `class` are visited: most function bodies (a test
        # suite's above all) define none.
        classes = definitions(tree, lines_with(text, ("class",)))
        self.classes = [ClassInfo(q, d) for q, d in classes if isinstance(d, ast.ClassDef)]
        self.by_name: dict[str, ClassInfo] = {}
        for info in self.classes:
            self.by_name.setdefault(info.node.name, info)

    def derived_from(
        self, is_root: Callable[[ast.expr], bool], has_shape: Callable[[ast.ClassDef], bool] | None = None
    ) -> list[ClassInfo]:
        """Classes with a base for which `is_root` holds, or a base that is such a class of this file.

        `has_shape` also admits a class by its body, for bases imported from elsewhere.
        """
        derived: set[str] = set()
        if has_shape is not None:
            derived.update(info.qualname for info in self.classes if has_shape(info.node))
        changed = True
        while changed:  # a fixpoint, because a subclass may be written above its base
            changed = False
            for info in self.classes:
                if info.qualname in derived:
                    continue
                for base in info.node.bases:
                    local = self.by_name.get(last_name(base) or "")
                    if is_root(base) or (local is not None and local.qualname in derived and local is not info):
                        derived.add(info.qualname)
                        changed = True
                        break
        return [info for info in self.classes if info.qualname in derived]

    def ancestors(self, node: ast.ClassDef) -> list[ast.ClassDef]:
        """Base classes defined in this file, farthest first (so a subclass's fields override)."""
        order: list[ast.ClassDef] = []
        seen: set[int] = {id(node)}
        stack = [node]
        while stack:
            current = stack.pop()
            for base in current.bases:
                local = self.by_name.get(last_name(base) or "")
                if local is not None and id(local.node) not in seen:
                    seen.add(id(local.node))
                    order.append(local.node)
                    stack.append(local.node)
        return list(reversed(order))


@dataclass(frozen=True, slots=True)
class AnnotatedField:
    name: str
    annotation: ast.expr
    value: ast.expr | None
    node: ast.AnnAssign
    doc: str | None
    """An attribute docstring: the string literal right below the field."""


def annotated_fields(node: ast.ClassDef) -> Iterator[AnnotatedField]:
    """`name: T [= value]` fields of a class body, without ClassVars, private names and config."""
    body = node.body
    for index, statement in enumerate(body):
        if not (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)):
            continue
        name = statement.target.id
        if name.startswith("_") or name == "model_config" or last_name(_outer(statement.annotation)) == "ClassVar":
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        doc = string_value(following.value) if isinstance(following, ast.Expr) else None
        yield AnnotatedField(name, statement.annotation, statement.value, statement, doc.strip() if doc else None)


def _outer(annotation: ast.expr) -> ast.expr:
    return annotation.value if isinstance(annotation, ast.Subscript) else annotation


def _parsed(annotation: ast.expr) -> ast.expr:
    """A string annotation (`"Optional[User]"`) parsed into an expression, when it parses."""
    text = string_value(annotation)
    if text is None:
        return annotation
    try:
        return ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return annotation


def unwrap(annotation: ast.expr, names: frozenset[str] = _WRAPPERS) -> ast.expr:
    """`Mapped[X]` → `X`; `Annotated[X, …]` → `X` (repeatedly)."""
    annotation = _parsed(annotation)
    for _ in range(10):
        if not (isinstance(annotation, ast.Subscript) and last_name(annotation.value) in names):
            break
        inner = annotation.slice
        annotation = _parsed(inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner)
    return annotation


def _union_members(annotation: ast.expr) -> list[ast.expr] | None:
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        left = _union_members(annotation.left) or [annotation.left]
        return [*left, annotation.right]
    if isinstance(annotation, ast.Subscript) and last_name(annotation.value) in _UNION:
        inner = annotation.slice
        return list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]
    return None


def _is_none(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and node.value is None) or string_value(node) == "None"


def is_optional(annotation: ast.expr | None) -> bool:
    """True for `Optional[X]`, `X | None`, `Union[X, None]` (also inside `Mapped[...]` or quotes)."""
    if annotation is None:
        return False
    inner = unwrap(annotation)
    if isinstance(inner, ast.Subscript) and last_name(inner.value) in _OPTIONAL:
        return True
    members = _union_members(inner)
    return members is not None and any(_is_none(member) for member in members)


def _without_none(annotation: ast.expr) -> ast.expr:
    inner = unwrap(annotation)
    if isinstance(inner, ast.Subscript) and last_name(inner.value) in _OPTIONAL:
        return unwrap(inner.slice)
    members = _union_members(inner)
    if members is not None:
        rest = [member for member in members if not _is_none(member)]
        if len(rest) == 1:
            return unwrap(rest[0])
    return inner


def referenced_record(annotation: ast.expr | None) -> tuple[str, bool] | None:
    """(the class a field points to, whether it is a collection): `list["Item"]` → ("Item", True)."""
    if annotation is None:
        return None
    inner = _without_none(annotation)
    many = False
    if isinstance(inner, ast.Subscript) and last_name(inner.value) in _COLLECTIONS:
        many = True
        element = inner.slice.elts[0] if isinstance(inner.slice, ast.Tuple) and inner.slice.elts else inner.slice
        inner = _without_none(element)
    name = dotted_name(inner)
    return (name.rpartition(".")[2], many) if name else None


def class_constant(node: ast.ClassDef, name: str) -> ast.expr | None:
    """The value assigned to `name` in a class body (`__tablename__ = "users"`)."""
    for statement in node.body:
        if isinstance(statement, ast.Assign):
            if any(isinstance(target, ast.Name) and target.id == name for target in statement.targets):
                return statement.value
        elif (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.target.id == name
            and statement.value is not None
        ):
            return statement.value
    return None


def inner_class(node: ast.ClassDef, name: str) -> ast.ClassDef | None:
    """A nested class such as Django's `Meta` or pydantic v1's `Config`."""
    for statement in node.body:
        if isinstance(statement, ast.ClassDef) and statement.name == name:
            return statement
    return None
