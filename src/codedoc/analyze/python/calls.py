"""Call sites of one Python file, collected from the tree the extractor already parsed.

For each function and method body: every call whose callee can be named as a reference (see
`codedoc.analyze.behaviour.sites`), in the order the calls run, with the innermost condition that
guards it; the types of names the code states or implies (annotated parameters, `x = Foo()`,
`self.x = Foo()`); and whether the body only raises `NotImplementedError`. Nested functions and
lambdas are not followed: their calls do not happen when the outer function runs.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from codedoc.analyze.behaviour.sites import CallSite, RegistrationSite, TypedName
from codedoc.model import Parameter

_CONDITION_LIMIT = 60
_SKIP = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_WITHS = (ast.With, ast.AsyncWith)
_TRIES = (ast.Try, ast.TryStar)


class _Condition:
    """The innermost guard of a call: its branch, and its text, quoted only when a call needs it."""

    __slots__ = ("branch", "nodes", "template", "written")

    def __init__(self, branch: str, template: str, *nodes: ast.AST) -> None:
        self.branch = branch
        self.template = template
        self.nodes = nodes
        self.written: str | None = None

    def text(self, quote: Callable[[ast.expr], str]) -> str:
        if self.written is None:
            self.written = self.template.format(*(quote(node) for node in self.nodes))  # type: ignore[arg-type]
        return self.written


_Guard = _Condition | None
"""The innermost guard of a statement, or None."""


def reference(node: ast.expr, locals_: dict[str, str], self_name: str | None) -> str | None:
    """The reference an expression names: `a.b.c`, `self.x`, `super().m`, `Foo().bar`; else None."""
    parts: list[str] = []
    current: ast.expr = node
    while True:
        kind = type(current)
        if kind is ast.Attribute:
            parts.append(current.attr)  # type: ignore[attr-defined]
            current = current.value  # type: ignore[attr-defined]
        elif kind is ast.Call:
            func = current.func  # type: ignore[attr-defined]
            if type(func) is ast.Name and func.id == "super":
                parts.append("super()")
                break
            inner = reference(func, locals_, self_name)
            if inner is None:
                return None
            parts.append(inner + "()")
            break
        elif kind is ast.Name:
            name = current.id  # type: ignore[attr-defined]
            if name == self_name:
                parts.append("self")
            else:
                parts.append(locals_.get(name, name))
            break
        else:
            return None
    parts.reverse()
    return ".".join(parts)


def annotation_reference(text: str | None) -> str | None:
    """The class an annotation names: `Foo` of `Foo`, `"Foo"`, `Foo | None`, `Optional[Foo]`, `t.Optional[Foo]`."""
    if not text:
        return None
    text = text.strip().strip("'\"").strip()
    for wrapper in ("Optional[", "t.Optional[", "typing.Optional[", "te.Optional["):
        if text.startswith(wrapper) and text.endswith("]"):
            text = text[len(wrapper) : -1]
    if "|" in text:
        options = [part.strip().strip("'\"") for part in text.split("|")]
        options = [part for part in options if part != "None"]
        if len(options) != 1:
            return None
        text = options[0]
    text = text.split("[", 1)[0].strip()
    if not text or not all(part.isidentifier() for part in text.split(".")):
        return None
    return text


class CallCollector:
    """Collects the behaviour facts of one file while the extractor walks it."""

    __slots__ = ("abstract", "calls", "enabled", "expression", "registrations", "typed_names")

    def __init__(self, expression: Callable[[ast.expr], str], *, enabled: bool = True) -> None:
        self.expression = expression
        self.enabled = enabled
        """False to extract symbols only (what the speed benchmark compares against)."""
        self.calls: list[CallSite] = []
        self.typed_names: list[TypedName] = []
        self.registrations: list[RegistrationSite] = []
        self.abstract: list[str] = []

    # Definitions ------------------------------------------------------------------------------

    def function(
        self,
        node: ast.FunctionDef | ast.AsyncFunctionDef,
        *,
        qualname: str,
        owner: str | None,
        parameters: tuple[Parameter, ...],
        is_static: bool,
    ) -> int | None:
        """Collect the body's calls; returns its cyclomatic complexity, counted in the same walk
        (None when collection is off)."""
        if not self.enabled:
            return None
        self_name = parameters[0].name if owner is not None and parameters and not is_static else None
        locals_: dict[str, str] = {}
        for parameter in parameters:
            annotated = annotation_reference(parameter.annotation)
            if annotated is not None and parameter.name != self_name:
                locals_[parameter.name] = annotated
        walk = _FunctionWalk(self, qualname, owner, self_name, locals_)
        walk.statements(node.body, None)
        if _only_raises_not_implemented(node.body):
            self.abstract.append(qualname)
        return 1 + walk.decisions

    def decorated(self, decorators: list[ast.expr], *, qualname: str) -> None:
        """Decorators that register what they decorate: `@registry.register("x")`, `@register_backend`."""
        for decorator in decorators:
            call = decorator if type(decorator) is ast.Call else None
            head = call.func if call is not None else decorator
            registry = reference(head, {}, None)
            if registry is None or "register" not in registry.rsplit(".", 1)[-1].lower():
                continue
            key = None
            if call is not None and call.args and type(call.args[0]) is ast.Constant:
                value = call.args[0].value  # type: ignore[attr-defined]
                key = value if isinstance(value, str) else None
            self.registrations.append(RegistrationSite(registry, qualname, decorator.lineno, "decorator", key))

    def module_assignment(self, name: str, value: ast.expr | None, line: int) -> None:
        """`app = Flask(...)` gives `app` a type; `BACKENDS = {"a": A, ...}` is a registry of classes."""
        if value is None:
            return
        kind = type(value)
        if kind is ast.Call:
            target = reference(value.func, {}, None)  # type: ignore[attr-defined]
            if target is not None:
                self.typed_names.append(TypedName("", name, target + "()"))
        elif kind is ast.Dict:
            for key_node, item in zip(value.keys, value.values, strict=True):  # type: ignore[attr-defined]
                target = reference(item, {}, None) if type(item) in (ast.Name, ast.Attribute) else None
                if target is None:
                    continue
                key = key_node.value if type(key_node) is ast.Constant else None  # type: ignore[union-attr]
                self.registrations.append(
                    RegistrationSite(name, target, item.lineno, "mapping", key if isinstance(key, str) else None)
                )

    def class_annotation(self, owner: str, name: str, annotation: str | None) -> None:
        annotated = annotation_reference(annotation)
        if annotated is not None:
            self.typed_names.append(TypedName(owner, name, annotated))

    def module_call(self, statement: ast.Expr) -> None:
        """`registry.register(Foo)` / `Base.register(Foo)` at module level."""
        call = statement.value
        if type(call) is not ast.Call:
            return
        registry = reference(call.func, {}, None)  # type: ignore[attr-defined]
        if registry is None or "register" not in registry.rsplit(".", 1)[-1].lower():
            return
        arguments = call.args  # type: ignore[attr-defined]
        key = None
        if arguments and type(arguments[0]) is ast.Constant and isinstance(arguments[0].value, str):
            key = arguments[0].value
        for argument in arguments:
            if type(argument) in (ast.Name, ast.Attribute):
                target = reference(argument, {}, None)
                if target is not None:
                    self.registrations.append(RegistrationSite(registry, target, statement.lineno, "call", key))


def _only_raises_not_implemented(body: list[ast.stmt]) -> bool:
    statements = [s for s in body if not (type(s) is ast.Expr and type(s.value) is ast.Constant)]
    if len(statements) != 1 or type(statements[0]) is not ast.Raise:
        return False
    raised = statements[0].exc  # type: ignore[attr-defined]
    if type(raised) is ast.Call:
        raised = raised.func
    return type(raised) is ast.Name and raised.id == "NotImplementedError"


class _FunctionWalk:
    """One function body: statements in order (so local types are known before they are used)."""

    __slots__ = ("collector", "decisions", "locals", "owner", "qualname", "self_name")

    def __init__(
        self, collector: CallCollector, qualname: str, owner: str | None, self_name: str | None, locals_: dict[str, str]
    ) -> None:
        self.collector = collector
        self.decisions = 0
        """Decision points met (cyclomatic complexity - 1), as `codedoc.analyze.python.complexity` counts them."""
        self.qualname = qualname
        self.owner = owner
        self.self_name = self_name
        self.locals = locals_

    def text(self, node: ast.expr) -> str:
        written = " ".join(self.collector.expression(node).split())
        return written if len(written) <= _CONDITION_LIMIT else written[: _CONDITION_LIMIT - 1] + "…"

    def statements(self, body: list[ast.stmt], guard: _Guard) -> None:
        for statement in body:
            self.statement(statement, guard)

    def statement(self, statement: ast.stmt, guard: _Guard) -> None:
        kind = type(statement)
        if kind is ast.If:
            node: ast.If = statement  # type: ignore[assignment]
            self.decisions += 1
            self.expressions(node.test, guard)
            self.statements(node.body, _Condition("if", "if {}", node.test))
            if node.orelse:
                self.statements(node.orelse, _Condition("else", "if not {}", node.test))
        elif kind in _LOOPS:
            self.decisions += 1
            if kind is ast.While:
                test = statement.test  # type: ignore[attr-defined]
                self.expressions(test, guard)
                loop: _Guard = _Condition("loop", "while {}", test)
            else:
                iterated = statement.iter  # type: ignore[attr-defined]
                self.expressions(iterated, guard)
                target = statement.target  # type: ignore[attr-defined]
                loop = _Condition("loop", "for {} in {}", target, iterated)
            self.statements(statement.body, loop)  # type: ignore[attr-defined]
            self.statements(statement.orelse, guard)  # type: ignore[attr-defined]
        elif kind in _TRIES:
            self.statements(statement.body, guard)  # type: ignore[attr-defined]
            for handler in statement.handlers:  # type: ignore[attr-defined]
                self.decisions += 1
                caught = (
                    _Condition("except", "except {}", handler.type)
                    if handler.type is not None
                    else _Condition("except", "on any error")
                )
                self.statements(handler.body, caught)
            self.statements(statement.orelse, guard)  # type: ignore[attr-defined]
            self.statements(statement.finalbody, guard)  # type: ignore[attr-defined]
        elif kind in _WITHS:
            for item in statement.items:  # type: ignore[attr-defined]
                self.expressions(item.context_expr, guard)
                variable = item.optional_vars
                if type(variable) is ast.Name:
                    self.assign(variable.id, item.context_expr)  # type: ignore[union-attr]
            self.statements(statement.body, guard)  # type: ignore[attr-defined]
        elif kind is ast.Assign or kind is ast.AnnAssign:
            value = statement.value  # type: ignore[attr-defined]
            if value is not None:
                self.expressions(value, guard)
            targets = statement.targets if kind is ast.Assign else [statement.target]  # type: ignore[attr-defined]
            annotation = statement.annotation if kind is ast.AnnAssign else None  # type: ignore[attr-defined]
            for target in targets:
                self.assignment(target, value, annotation)
        elif kind is ast.Match:
            self.expressions(statement.subject, guard)  # type: ignore[attr-defined]
            for case in statement.cases:  # type: ignore[attr-defined]
                self.decisions += 1
                if case.guard is not None:
                    self.expressions(case.guard, guard)
                self.statements(case.body, _Condition("if", "in case {}", case.pattern))
        elif kind is ast.Expr or kind is ast.Return:
            value = statement.value  # type: ignore[attr-defined]
            if value is not None:
                self.expressions(value, guard)
        elif kind in _SKIP:
            return
        else:
            if kind is ast.Assert:
                self.decisions += 1
            for child in ast.iter_child_nodes(statement):
                if isinstance(child, ast.stmt):
                    self.statement(child, guard)
                elif isinstance(child, ast.expr):
                    self.expressions(child, guard)

    def assignment(self, target: ast.expr, value: ast.expr | None, annotation: ast.expr | None) -> None:
        kind = type(target)
        if kind is ast.Name:
            name = target.id  # type: ignore[attr-defined]
            if annotation is not None:
                annotated = annotation_reference(self.collector.expression(annotation))
                if annotated is not None:
                    self.locals[name] = annotated
                    return
            self.assign(name, value)
        elif kind is ast.Attribute and self.owner is not None:
            holder = target.value  # type: ignore[attr-defined]
            if type(holder) is ast.Name and holder.id == self.self_name:
                typed: str | None = None
                if annotation is not None:
                    typed = annotation_reference(self.collector.expression(annotation))
                elif value is not None:
                    typed = self.value_type(value)
                if typed is not None:
                    self.collector.typed_names.append(TypedName(self.owner, target.attr, typed))  # type: ignore[attr-defined]

    def value_type(self, value: ast.expr) -> str | None:
        kind = type(value)
        if kind is ast.Call:
            called = reference(value.func, self.locals, self.self_name)  # type: ignore[attr-defined]
            return called + "()" if called is not None else None
        if kind is ast.Name:
            return self.locals.get(value.id)  # type: ignore[attr-defined]
        return None

    def assign(self, name: str, value: ast.expr | None) -> None:
        typed = self.value_type(value) if value is not None else None
        if typed is None:
            self.locals.pop(name, None)
            self.locals[name] = "?" + name  # a local of unknown type, never resolved by name
        else:
            self.locals[name] = typed

    def expressions(self, root: ast.expr, guard: _Guard) -> None:
        """Every call inside an expression, innermost first (the order they run)."""
        found: list[tuple[int, int, ast.Call]] = []
        pending: list[ast.AST] = [root]
        fields = _CHILD_FIELDS
        while pending:
            node = pending.pop()
            kind = type(node)
            names = fields.get(kind)
            if names is None:
                if kind is ast.Name or kind is ast.Constant or kind is ast.Lambda:
                    continue
                if kind in _COMPREHENSIONS:
                    generators = node.generators  # type: ignore[attr-defined]
                    self.decisions += sum(1 + len(generator.ifs) for generator in generators)
                    loop = _Condition("loop", "for each item of {}", generators[0].iter) if generators else guard
                    for child in ast.iter_child_nodes(node):
                        if isinstance(child, ast.expr):
                            self.expressions(child, loop)
                        elif isinstance(child, ast.comprehension):
                            for part in (child.iter, *child.ifs):
                                self.expressions(part, loop)
                    continue
                pending.extend(ast.iter_child_nodes(node))
                continue
            if kind is ast.Call:
                call: ast.Call = node  # type: ignore[assignment]
                found.append((call.end_lineno or 0, call.end_col_offset or 0, call))
            elif kind is ast.BoolOp:
                self.decisions += len(node.values) - 1  # type: ignore[attr-defined]
            elif kind is ast.IfExp:
                self.decisions += 1
            for name in names:
                value = getattr(node, name)
                if value is None:
                    continue
                if type(value) is list:
                    pending.extend(value)
                else:
                    pending.append(value)
        if not found:
            return
        if len(found) > 1:
            found.sort(key=lambda item: (item[0], item[1]))
        calls = self.collector.calls
        branch = guard.branch if guard is not None else None
        condition = guard.text(self.text) if guard is not None else None
        for _, _, call in found:
            target = reference(call.func, self.locals, self.self_name)
            if target is None:  # `"".join()`, `handlers[key]()`: nothing to name, nothing counted
                continue
            calls.append(CallSite(self.qualname, target, call.lineno, condition, branch))


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {
    ast.Call: ("func", "args", "keywords"),
    ast.Attribute: ("value",),
    ast.keyword: ("value",),
    ast.BinOp: ("left", "right"),
    ast.BoolOp: ("values",),
    ast.Compare: ("left", "comparators"),
    ast.UnaryOp: ("operand",),
    ast.Subscript: ("value", "slice"),
    ast.Tuple: ("elts",),
    ast.List: ("elts",),
    ast.Set: ("elts",),
    ast.Dict: ("keys", "values"),
    ast.Starred: ("value",),
    ast.JoinedStr: ("values",),
    ast.FormattedValue: ("value", "format_spec"),
    ast.IfExp: ("test", "body", "orelse"),
    ast.Await: ("value",),
    ast.Yield: ("value",),
    ast.YieldFrom: ("value",),
    ast.NamedExpr: ("value",),
    ast.Slice: ("lower", "upper", "step"),
    type(None): (),  # the missing keys of `{**other}`
}
"""The children that can hold a call, by node type: faster than `ast.iter_child_nodes` on the hot path."""
