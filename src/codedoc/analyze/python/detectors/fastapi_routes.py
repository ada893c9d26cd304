"""FastAPI routes: `@app.get("/x")`, `@router.post(...)`, `@app.api_route(..., methods=[...])`,
`app.add_api_route(...)`, with the `APIRouter(prefix=...)` of routers built in the same file."""

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
    text_value,
)
from codedoc.model import Module, Route

FRAMEWORK = "fastapi"
_CONSTRUCTORS = {"FastAPI": "", "APIRouter": "prefix"}
_METHOD_DECORATORS = frozenset({"get", "post", "put", "delete", "patch", "options", "head", "trace"})


def _methods(call: ast.Call, attribute: str) -> tuple[str, ...]:
    if attribute in _METHOD_DECORATORS:
        return (attribute.upper(),)
    if attribute == "websocket":
        return ("WEBSOCKET",)
    listed = strings(keyword(call, "methods"))
    return tuple(method.upper() for method in listed) or ("GET",)


def _route_call(node: ast.AST, names: tuple[str, ...]) -> tuple[ast.Call, ast.expr, str, str] | None:
    """A `receiver.method(path, …)` call: (call, receiver, method attribute, path)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names):
        return None
    path = string_value(argument(node, 0, "path"))
    if path is None:
        return None
    return node, node.func.value, node.func.attr, path


def detect_fastapi_routes(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "fastapi" not in text:
        return FileFacts()
    receivers = constructed_receivers(tree, text, _CONSTRUCTORS, framework=FRAMEWORK, context=context)
    mounts = apply_same_file_mounts(
        tree, text, receivers, "include_router", "prefix", context=context, framework=FRAMEWORK
    )
    table = ImportTable(tree, text, context)
    imported = imported_names(tree, text)
    source = SourceText(text)
    routes: list[Route] = []
    decorator_names = (*_METHOD_DECORATORS, "api_route", "websocket")

    for qualname, definition in definitions(tree):
        if not isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in definition.decorator_list:
            found = _route_call(decorator, decorator_names)
            if found is None:
                continue
            call, target, attribute, path = found
            receiver = route_receiver(target, receivers, imported, path, table)
            if receiver is None:
                continue
            summary = text_value(keyword(call, "summary")) or first_line(docstring(definition))
            for method in _methods(call, attribute):
                routes.append(
                    Route(
                        method=method,
                        path=join_path(receiver.prefix, path),
                        handler=f"{module.name}.{qualname}",
                        location=location(context, definition),
                        framework=FRAMEWORK,
                        summary=summary,
                        router=router_key(receiver, receivers),
                        prefix_locations=tuple(receiver.prefix_at),
                    )
                )

    names: HandlerNames | None = None
    for node in marked_nodes(tree, text, ("add_api_route",)):
        found = _route_call(node, ("add_api_route",))
        if found is None:
            continue
        call, target, _, path = found
        receiver = route_receiver(target, receivers, imported, path, table)
        if receiver is None:
            continue
        names = names or HandlerNames(tree, module, source, is_package=context.is_package)
        endpoint = argument(call, 1, "endpoint")
        handler = names.resolve(endpoint) or "?"
        summary = text_value(keyword(call, "summary")) or names.summary(endpoint)
        for method in _methods(call, "api_route"):
            routes.append(
                Route(
                    method,
                    join_path(receiver.prefix, path),
                    handler,
                    location(context, call),
                    FRAMEWORK,
                    summary,
                    router=router_key(receiver, receivers),
                    prefix_locations=tuple(receiver.prefix_at),
                )
            )
    return FileFacts(routes=tuple(routes), mounts=mounts)
