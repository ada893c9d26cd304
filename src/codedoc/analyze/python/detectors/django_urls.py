"""Django URL configurations: `path("x/", view)`, `re_path(r"^x/$", view)`, the old `url(...)`,
class-based `View.as_view()`, `include(...)`, and Django REST framework routers
(`router.register(r"users", UserViewSet)`, listed under the prefix `router.urls` is included at).

Django does not say which methods a view answers, so every route is `ANY`. An `include("app.urls")`
is recorded as one `ANY` route whose handler is the included module; an `include([...])` of a
literal list is expanded with its prefix. Paths are shown rooted (`/articles/<int:year>/`);
regular expressions lose their `^`/`$` anchors so nested prefixes read naturally.
"""

from __future__ import annotations

import ast
import dataclasses

from codedoc.analyze.facts import FileContext, FileFacts, RouteMount
from codedoc.analyze.python.detectors.names import HandlerNames
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    assigned_calls,
    last_name,
    location,
    marked_nodes,
    marked_statements,
    string_value,
)
from codedoc.model import Module, Route

FRAMEWORK = "django"
_PATH_FUNCTIONS = frozenset({"path", "re_path", "url"})
_REST_ROUTERS = frozenset({"DefaultRouter", "SimpleRouter"})


def _pattern(call: ast.Call, kind: str) -> str | None:
    pattern = string_value(argument(call, 0, "route"))
    if pattern is None:
        return None
    if kind != "path":
        pattern = pattern.removeprefix("^").removesuffix("$").removeprefix("/")
    return pattern


def _included(view: ast.AST) -> ast.AST | None:
    """What `include(x)` includes (a module name, a list, or `(list, app_name)`), else None."""
    if isinstance(view, ast.Call) and last_name(view.func) == "include":
        target = argument(view, 0, "arg")
        if isinstance(target, ast.Tuple) and target.elts:
            return target.elts[0]
        return target
    return None


def _rest_routers(tree: ast.Module, text: str) -> set[str]:
    """Variables holding a Django REST framework router (`router = routers.DefaultRouter()`)."""
    return {
        name
        for name, call in assigned_calls(tree, marked_statements(tree, text, ("Router",)))
        if last_name(call.func) in _REST_ROUTERS
    }


def _rest_routes(
    tree: ast.Module,
    text: str,
    routers: set[str],
    mounts: dict[str, list[str]],
    names: HandlerNames,
    context: FileContext,
) -> list[Route]:
    """`router.register(r"users", UserViewSet)` under each prefix the router's URLs are included at."""
    routes: list[Route] = []
    for node in marked_nodes(tree, text, ("register",)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "register"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in routers
        ):
            continue
        prefix = string_value(argument(node, 0, "prefix"))
        viewset = argument(node, 1, "viewset")
        if prefix is None or viewset is None:
            continue
        prefix = prefix.removeprefix("^").removesuffix("$").strip("/")
        handler = names.resolve(viewset) or "?"
        for mount in mounts.get(node.func.value.id) or [""]:
            path = "/" + (mount + prefix).lstrip("/") + "/"
            routes.append(Route("ANY", path, handler, location(context, node), FRAMEWORK, names.summary(viewset)))
    return routes


def detect_django_urls(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "urlpatterns" not in text and "Router(" not in text:
        return FileFacts()
    names = HandlerNames(tree, module, SourceText(text), is_package=context.is_package)
    routers = _rest_routers(tree, text) if "Router(" in text else set()
    mounts: dict[str, list[str]] = {}
    routes: list[Route] = []
    own = f"{module.name}:urlpatterns"
    included_mounts: list[RouteMount] = []
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        kind = last_name(node.func) if isinstance(node, ast.Call) else None
        pattern = _pattern(node, kind) if isinstance(node, ast.Call) and kind in _PATH_FUNCTIONS else None
        if not isinstance(node, ast.Call) or kind is None or pattern is None:
            stack.extend(reversed([(child, prefix) for child in ast.iter_child_nodes(node)]))
            continue
        full = prefix + pattern
        view = argument(node, 1, "view")
        if view is None:
            continue
        included = _included(view)
        if isinstance(included, ast.List | ast.Tuple):
            stack.append((included, full))
            continue
        router = _router_urls(included if included is not None else view, routers)
        if router is not None:
            mounts.setdefault(router, []).append(full)  # its registered view sets are listed instead
            continue
        if included is not None:
            handler = string_value(included) or names.resolve(included) or "?"
            summary = None
            if handler != "?":
                # Its routes are declared in the included module: chained once every file is read.
                child = f"{handler}:urlpatterns"
                included_mounts.append(
                    RouteMount((own,), (child,), location(context, node), FRAMEWORK, prefix="/" + full.lstrip("/"))
                )
                routes.append(
                    Route(
                        "ANY", "/" + full.lstrip("/"), handler, location(context, node), FRAMEWORK, None, router=child
                    )
                )
                continue
        elif isinstance(view, ast.Attribute) and view.attr == "urls":
            # `admin.site.urls` and friends: a whole URL configuration, like an include.
            handler, summary = names.resolve(view) or "?", None
        else:
            handler, summary = names.resolve(view) or "?", names.summary(view)
        routes.append(Route("ANY", "/" + full.lstrip("/"), handler, location(context, node), FRAMEWORK, summary))
    if routers:
        routes.extend(_rest_routes(tree, text, routers, mounts, names, context))
    # Every route of this URL configuration hangs off its `urlpatterns`, which others may include.
    routed = tuple(route if route.router else dataclasses.replace(route, router=own) for route in routes)
    return FileFacts(routes=routed, mounts=tuple(included_mounts))


def _router_urls(node: ast.AST | None, routers: set[str]) -> str | None:
    """The router variable of `router.urls`, when it is a REST framework router of this file."""
    if (
        isinstance(node, ast.Attribute)
        and node.attr == "urls"
        and isinstance(node.value, ast.Name)
        and node.value.id in routers
    ):
        return node.value.id
    return None
