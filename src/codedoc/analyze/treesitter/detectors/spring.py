"""Spring MVC / WebFlux: `@GetMapping("/x")`, `@PostMapping`, …, `@RequestMapping(path, method)`,
with the controller class's `@RequestMapping("/api")` as the prefix."""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.js_routes import join_paths
from codedoc.analyze.treesitter.java import annotations_of, package_name
from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Location, Module, Route

_MAPPINGS = {
    "GetMapping": "GET",
    "PostMapping": "POST",
    "PutMapping": "PUT",
    "DeleteMapping": "DELETE",
    "PatchMapping": "PATCH",
    "RequestMapping": "ANY",
}
_TYPES = frozenset({"class_declaration", "interface_declaration", "record_declaration", "enum_declaration"})


def _strings(parsed: ParsedFile, value: Node) -> list[str]:
    items = value.named_children if value.type == "element_value_array_initializer" else [value]
    return [s for s in (string_value(parsed, item) for item in items) if s is not None]


def _mapping(parsed: ParsedFile, annotation: Node) -> tuple[str, list[str], list[str]] | None:
    """(default method, paths, explicit methods) of a mapping annotation, or None for another one."""
    name = parsed.text(annotation.child_by_field_name("name")).rsplit(".", 1)[-1]
    default = _MAPPINGS.get(name)
    if default is None:
        return None
    paths: list[str] = []
    methods: list[str] = []
    arguments = annotation.child_by_field_name("arguments")
    for arg in arguments.named_children if arguments is not None else ():
        if arg.type == "element_value_pair":
            key, value = parsed.text(arg.child_by_field_name("key")), arg.child_by_field_name("value")
            if value is None:
                continue
            if key in ("value", "path"):
                paths += _strings(parsed, value)
            elif key == "method":
                items = value.named_children if value.type == "element_value_array_initializer" else [value]
                methods += [parsed.text(item).rsplit(".", 1)[-1].upper() for item in items]
        else:
            paths += _strings(parsed, arg)
    return default, paths, methods


def _class_prefix(parsed: ParsedFile, node: Node) -> tuple[str, tuple[Location, ...]]:
    """The class-level mapping's path, and where it is declared (cited with each route under it)."""
    for annotation in annotations_of(parsed, node):
        mapping = _mapping(parsed, annotation)
        if mapping is not None and mapping[1]:
            return mapping[1][0], (Location(parsed.path, parsed.line(annotation), parsed.end_line(annotation)),)
    return "", ()


def detect_spring(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "Mapping" not in text:
        return FileFacts()
    package = package_name(parsed)
    routes: list[Route] = []
    stack: list[tuple[Node, str, tuple[str, tuple[Location, ...]]]] = [(parsed.root, "", ("", ()))]
    while stack:
        container, qualname, (prefix, declared) = stack.pop()
        for node in container.named_children:
            if node.type in _TYPES:
                name = parsed.text(node.child_by_field_name("name"))
                body = node.child_by_field_name("body")
                if body is not None:
                    inner = f"{qualname}.{name}" if qualname else name
                    stack.append((body, inner, _class_prefix(parsed, node)))
            elif node.type == "method_declaration" and qualname:
                handler = ".".join(p for p in (package, qualname, parsed.text(node.child_by_field_name("name"))) if p)
                for annotation in annotations_of(parsed, node):
                    mapping = _mapping(parsed, annotation)
                    if mapping is None:
                        continue
                    default, paths, methods = mapping
                    for path in paths or [""]:
                        for method in methods or [default]:
                            routes.append(
                                Route(
                                    method=method,
                                    path="/" + join_paths(prefix, path).lstrip("/"),
                                    handler=handler,
                                    location=Location(parsed.path, parsed.line(node), parsed.end_line(node)),
                                    framework="spring",
                                    prefix_locations=declared if prefix else (),
                                )
                            )
    routes.sort(key=lambda r: r.location.start_line)
    return FileFacts(routes=tuple(routes))
