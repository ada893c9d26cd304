"""Flask routes: `@app.route("/x", methods=[...])` (GET by default), `@bp.get("/x")`,
`app.add_url_rule(...)`, with the `Blueprint(..., url_prefix=...)` of blueprints built in the
same file (and `app.register_blueprint(bp, url_prefix=...)` there too). As in Flask, a `url_prefix`
given to `register_blueprint` replaces the blueprint's own; a nested blueprint's goes under its parent's."""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.names import HandlerNames
from codedoc.analyze.python.detectors.receivers import (
    ImportTable,
    apply_same_file_mounts,
    constructed_receivers,
    imported_names,
    join_path,
    own_prefixes,
    route_receiver,
    router_key,
)
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    definitions,
    docstring,
    first_line,
    keyword,
    location,
    marked_nodes,
    string_value,
    strings,
)
from codedoc.model import Module, Route

FRAMEWORK = "flask"
_CONSTRUCTORS = {"Flask": "", "Blueprint": "url_prefix"}
_METHOD_DECORATORS = frozenset({"get", "post", "put", "delete", "patch"})


def _route_methods(call: ast.Call, default: str = "GET") -> tuple[str, ...]:
    return tuple(method.upper() for method in strings(keyword(call, "methods"))) or (default,)


def detect_flask_routes(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "flask" not in text and "Blueprint" not in text and ".route(" not in text:
        return FileFacts()
    receivers = constructed_receivers(tree, text, _CONSTRUCTORS, framework=FRAMEWORK, context=context)
    mounts = apply_same_file_mounts(
        tree, text, receivers, "register_blueprint", "url_prefix", context=context, framework=FRAMEWORK, replaces=True
    )
    table = ImportTable(tree, text, context)
    imported = imported_names(tree, text)
    routes: list[Route] = []

    for qualname, definition in definitions(tree):
        if not isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in definition.decorator_list:
            if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
                continue
            attribute = decorator.func.attr
            if attribute != "route" and attribute not in _METHOD_DECORATORS:
                continue
            path = string_value(argument(decorator, 0, "rule"))
            receiver = (
                route_receiver(decorator.func.value, receivers, imported, path, table) if path is not None else None
            )
            if receiver is None or path is None:
                continue
            methods = _route_methods(decorator) if attribute == "route" else (attribute.upper(),)
            for method in methods:
                routes.append(
                    Route(
                        method=method,
                        path=join_path(receiver.prefix, path),
                        handler=f"{module.name}.{qualname}",
                        location=location(context, definition),
                        framework=FRAMEWORK,
                        summary=first_line(docstring(definition)),
                        router=router_key(receiver, receivers),
                        prefix_locations=tuple(receiver.prefix_at),
                    )
                )

    names: HandlerNames | None = None
    for node in marked_nodes(tree, text, ("add_url_rule",)):
        if not (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_url_rule"
        ):
            continue
        path = string_value(argument(node, 0, "rule"))
        receiver = route_receiver(node.func.value, receivers, imported, path, table) if path is not None else None
        if receiver is None or path is None:
            continue
        names = names or HandlerNames(tree, module, SourceText(text), is_package=context.is_package)
        view = argument(node, 2, "view_func")
        handler = names.resolve(view) if view is not None else string_value(argument(node, 1, "endpoint"))
        # A class-based view (`X.as_view("x")`) answers whatever methods the class defines.
        is_class_view = isinstance(view, ast.Call)
        for method in _route_methods(node, "ANY" if is_class_view else "GET"):
            routes.append(
                Route(
                    method=method,
                    path=join_path(receiver.prefix, path),
                    handler=handler or "?",
                    location=location(context, node),
                    framework=FRAMEWORK,
                    summary=names.summary(view),
                    router=router_key(receiver, receivers),
                    prefix_locations=tuple(receiver.prefix_at),
                )
            )
    return FileFacts(routes=tuple(routes), mounts=mounts, router_prefixes=own_prefixes(receivers, context))
