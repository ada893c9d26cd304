"""One step after every file is analysed: resolve the call graph, rank, trace flows, find extension points."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from codedoc.analyze.behaviour.extension import extension_points, structural_implementations
from codedoc.analyze.behaviour.flows import FlowTracer
from codedoc.analyze.behaviour.graph import build_call_graph
from codedoc.analyze.behaviour.rank import module_centrality, symbol_centrality
from codedoc.analyze.behaviour.resolve import Resolver, SymbolIndex
from codedoc.analyze.behaviour.sites import Behaviour
from codedoc.analyze.facts import PluginEntryPoint
from codedoc.model import CodeModel, Module, Registration


def add_behaviour(
    model: CodeModel,
    behaviours: dict[str, Behaviour],
    excluded_paths: frozenset[str],
    plugins: Sequence[PluginEntryPoint] = (),
) -> CodeModel:
    """`model` with its calls, inheritance, registrations, centrality, flows and extension points.

    `behaviours` holds each analysed file's raw facts by path; files in `excluded_paths` (tests,
    examples) take no part: their calls would make test helpers look central. `plugins` (entry
    points of plugin groups, from packaging files) become registrations when their target resolves.
    """
    modules: Sequence[Module] = [m for m in model.modules if m.path not in excluded_paths]
    index = SymbolIndex(modules, behaviours)
    resolver = Resolver(index)
    graph = build_call_graph(modules, behaviours, resolver)
    registrations = graph.registrations + plugin_registrations(resolver, plugins)
    inheritance = graph.inheritance + tuple(structural_implementations(resolver, graph.inheritance))
    centrality = symbol_centrality(index, graph.calls, inheritance)
    component_of = {path: component.name for component in model.components for path in component.modules}
    tracer = FlowTracer(resolver, graph.calls, inheritance, centrality, excluded_paths)
    with_graph = dataclasses.replace(
        model,
        calls=graph.calls,
        inheritance=inheritance,
        registrations=registrations,
        centrality=centrality,
        module_centrality=module_centrality(modules, graph.calls, index),
        call_graph=graph.stats,
    )
    return dataclasses.replace(
        with_graph,
        flows=tracer.flows(with_graph, component_of),
        extension_points=extension_points(
            resolver, inheritance, registrations, graph.calls, centrality, excluded_paths
        ),
    )


def plugin_registrations(resolver: Resolver, plugins: Sequence[PluginEntryPoint]) -> tuple[Registration, ...]:
    """`pytest11 = myplugin = "pkg.plugin"`, `flask.commands: routes = "pkg.cli:routes"`: the group
    registers the target; only targets of this repository (a symbol, or a module) are recorded."""
    found: list[Registration] = []
    for plugin in plugins:
        dotted = plugin.target.split("[", 1)[0].strip().replace(":", ".")
        value = resolver.absolute(dotted) if dotted else None
        if value is None or value.kind not in ("function", "class", "module", "object"):
            continue
        found.append(Registration(plugin.group, value.name, plugin.location, "entry_point", plugin.name))
    return tuple(found)
