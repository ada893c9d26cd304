from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import ImportKind, Language, SymbolKind, Visibility

Analyze = Callable[..., Any]

SERVICE_TS = """\
    /**
     * @file Orders service.
     */
    import fs from "node:fs";
    import path from "path";
    import { readFile as read } from "fs/promises";
    import { Order, type Item } from "./models";
    import * as utils from "../utils";
    import "reflect-metadata";
    export { Money } from "./money";
    export * from "./events";

    /** Largest order we accept. */
    export const MAX_ITEMS = 100;
    const DEFAULT_CURRENCY = "EUR";
    const internalCounter = 0;

    /** Something that can be priced. */
    export interface Priced extends Named {
      price(currency: string): number;
      readonly label?: string;
    }

    export type OrderId = string | number;

    export enum Status { Open, Closed = "closed" }

    /**
     * Keeps orders.
     * @example new OrderService(db)
     */
    @Injectable({ providedIn: "root" })
    export class OrderService extends BaseService<Order> implements Priced, Named {
      private cache = new Map();
      #secret = 1;
      static instances: number = 0;

      constructor(private readonly db: Database) {
        super();
      }

      /** Look an order up. */
      @Cached()
      async find(id: OrderId, strict = false, ...fields: string[]): Promise<Order | null> {
        return null;
      }

      get size(): number { return 0; }

      protected audit(entry: string): void {}

      private static helper() {}
    }

    function localHelper(x) { return x; }

    export const total = async (orders: Order[], { tax }: Options = {}): Promise<number> => 0;

    export default class {}
"""


def test_typescript_module_doc_comes_from_the_file_comment(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    assert result.module.docstring == "@file Orders service."


def test_typescript_imports_keep_specifiers_as_written_and_classify_node_builtins(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    assert result.imports == [
        ("node:fs", "stdlib", ("fs",)),
        ("path", "stdlib", ("path",)),
        ("fs/promises", "stdlib", ("readFile",)),
        ("./models", "unresolved", ("Order", "Item")),
        ("../utils", "unresolved", ("*",)),
        ("reflect-metadata", "unresolved", ()),
        ("./money", "unresolved", ("Money",)),
        ("./events", "unresolved", ("*",)),
    ]
    assert result.import_of("path").line == 5


def test_typescript_exports_list_every_exported_name(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    assert result.module.exports == (
        "Money",
        "MAX_ITEMS",
        "Priced",
        "OrderId",
        "Status",
        "OrderService",
        "total",
        "default",
    )


def test_typescript_class_has_decorators_bases_doc_and_span_from_its_decorator(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    service = result.symbol("OrderService")
    assert service.kind == SymbolKind.CLASS
    assert service.visibility == Visibility.PUBLIC
    assert service.decorators == ('Injectable({ providedIn: "root" })',)
    assert service.bases == ("BaseService<Order>", "Priced", "Named")
    assert service.docstring == "Keeps orders.\n@example new OrderService(db)"
    assert service.signature == "class OrderService extends BaseService<Order> implements Priced, Named"
    assert (service.location.start_line, service.location.end_line) == (32, 53)


def test_typescript_method_has_parameters_return_type_async_and_decorator(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    find = result.symbol("OrderService.find")
    assert find.kind == SymbolKind.METHOD
    assert find.parent == "OrderService"
    assert find.is_async
    assert find.decorators == ("Cached()",)
    assert find.docstring == "Look an order up."
    assert find.returns == "Promise<Order | null>"
    assert find.signature == "async find(id: OrderId, strict = false, ...fields: string[]): Promise<Order | null>"
    assert [(p.name, p.annotation, p.default, p.kind) for p in find.parameters] == [
        ("id", "OrderId", None, "positional_or_keyword"),
        ("strict", None, "false", "positional_or_keyword"),
        ("fields", "string[]", None, "var_positional"),
    ]
    assert (find.location.start_line, find.location.end_line) == (43, 46)


def test_typescript_member_visibility_follows_modifiers_and_private_names(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    visibility = {s.name: s.visibility for s in result.module.symbols if s.parent == "OrderService"}
    assert visibility == {
        "cache": Visibility.PRIVATE,
        "#secret": Visibility.PRIVATE,
        "instances": Visibility.PUBLIC,
        "constructor": Visibility.PUBLIC,
        "find": Visibility.PUBLIC,
        "size": Visibility.PUBLIC,
        "audit": Visibility.PROTECTED,
        "helper": Visibility.PRIVATE,
    }


def test_typescript_getter_is_a_property_and_fields_are_fields(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    assert result.symbol("OrderService.size").kind == SymbolKind.PROPERTY
    assert result.symbol("OrderService.size").returns == "number"
    instances = result.symbol("OrderService.instances")
    assert instances.kind == SymbolKind.FIELD
    assert (instances.returns, instances.value) == ("number", "0")


def test_typescript_interfaces_types_and_enums(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    priced = result.symbol("Priced")
    assert (priced.kind, priced.bases, priced.docstring) == (
        SymbolKind.INTERFACE,
        ("Named",),
        "Something that can be priced.",
    )
    assert result.symbol("Priced.price").kind == SymbolKind.METHOD
    assert result.symbol("Priced.label").kind == SymbolKind.PROPERTY
    order_id = result.symbol("OrderId")
    assert (order_id.kind, order_id.signature) == (SymbolKind.TYPE, "type OrderId = string | number")
    assert result.symbol("Status").kind == SymbolKind.ENUM
    assert result.symbol("Status.Closed").value == '"closed"'
    assert result.symbol("Status.Open").parent == "Status"


def test_typescript_constants_are_kept_when_upper_case_or_exported(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    assert "internalCounter" not in result.qualnames
    max_items = result.symbol("MAX_ITEMS")
    assert (max_items.kind, max_items.visibility, max_items.value) == (SymbolKind.CONSTANT, Visibility.PUBLIC, "100")
    assert max_items.docstring == "Largest order we accept."
    assert result.symbol("DEFAULT_CURRENCY").visibility == Visibility.INTERNAL


def test_typescript_arrow_function_assigned_to_const_is_a_function(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    total = result.symbol("total")
    assert total.kind == SymbolKind.FUNCTION
    assert total.is_async
    assert total.returns == "Promise<number>"
    assert total.signature == "const total = async (orders: Order[], { tax }: Options = {}): Promise<number> =>"
    assert [(p.name, p.annotation, p.default) for p in total.parameters] == [
        ("orders", "Order[]", None),
        ("{ tax }", "Options", "{}"),
    ]


def test_unexported_function_is_internal(analyze: Analyze) -> None:
    result = analyze(Language.TYPESCRIPT, "src/orders.ts", SERVICE_TS)
    assert result.symbol("localHelper").visibility == Visibility.INTERNAL


COMMONJS = """\
    #!/usr/bin/env node
    /* Copyright (c) Example Ltd. */
    /**
     * Starts the API.
     */
    "use strict";
    const express = require("express");
    const { join, resolve: abs } = require("node:path");

    /** Builds the app. */
    function createApp(options = {}) {
      const lazy = require("./lazy");
      return import("./plugins/" + name).then(() => import("./late"));
    }

    class Store {
      constructor() { this.items = []; }
      add(item) { this.items.push(item); }
      #compact() {}
    }

    exports.version = "1.0";
    module.exports.start = async function start(port) {};
    module.exports = { createApp, Store };
"""


def test_javascript_block_comment_after_a_license_header_is_the_module_doc(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "bin/api.js", COMMONJS)
    assert result.module.docstring == "Starts the API."


def test_javascript_require_and_literal_dynamic_import_are_imports(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "bin/api.js", COMMONJS)
    assert result.imports == [
        ("express", "unresolved", ("express",)),  # `const express = require(…)` binds the name
        ("node:path", "stdlib", ("join", "resolve")),
        ("./lazy", "unresolved", ("lazy",)),
        ("./late", "unresolved", ()),
    ]
    assert result.import_of("./lazy").line == 12


def test_javascript_commonjs_exports_make_names_public(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "bin/api.js", COMMONJS)
    assert result.module.exports == ("version", "start", "createApp", "Store")
    assert result.symbol("createApp").visibility == Visibility.PUBLIC
    assert result.symbol("createApp").docstring == "Builds the app."
    assert result.symbol("Store.add").visibility == Visibility.PUBLIC
    assert result.symbol("Store.#compact").visibility == Visibility.PRIVATE
    start = result.symbol("start")
    assert (start.kind, start.is_async, start.visibility) == (SymbolKind.FUNCTION, True, Visibility.PUBLIC)
    assert [p.name for p in start.parameters] == ["port"]


def test_javascript_class_members_of_an_unexported_class_are_internal(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "lib/x.js", "class Hidden { run() {} }\n")
    assert result.symbol("Hidden.run").visibility == Visibility.INTERNAL
    assert result.module.exports is None


def test_javascript_export_list_after_the_declaration_makes_it_public(analyze: Analyze) -> None:
    source = "function a() {}\nfunction b() {}\nconst c = () => 1;\nexport { a, c as see };\n"
    result = analyze(Language.JAVASCRIPT, "lib/x.js", source)
    assert result.module.exports == ("a", "see")
    assert [(s.name, s.visibility) for s in result.module.symbols] == [
        ("a", Visibility.PUBLIC),
        ("b", Visibility.INTERNAL),
        ("c", Visibility.PUBLIC),
    ]


def test_javascript_doc_comment_on_the_first_declaration_documents_it_not_the_file(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "lib/add.js", "/** Adds. */\nexport function add(a, b) { return a + b; }\n")
    assert result.module.docstring is None
    assert result.symbol("add").docstring == "Adds."


def test_javascript_namespace_members_are_qualified(analyze: Analyze) -> None:
    source = """\
        export namespace Geometry {
          export function area(r: number): number { return r; }
          const hidden = 1;
        }
    """
    result = analyze(Language.TYPESCRIPT, "src/geo.ts", source)
    area = result.symbol("Geometry.area")
    assert (area.visibility, area.returns) == (Visibility.PUBLIC, "number")
    assert result.module.exports == ("Geometry",)


def test_node_builtins_need_the_node_prefix_for_test(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "t.js", 'import test from "node:test";\nimport t from "test";\n')
    assert [i.kind for i in result.module.imports] == [ImportKind.STDLIB, ImportKind.UNRESOLVED]


BUTTON_TSX = """\
    import React, { useState } from "react";

    type Props = { label: string; onClick?: () => void };

    /** A clickable button. */
    export const Button = ({ label, onClick }: Props): JSX.Element => (
      <button className="btn" onClick={onClick}>
        {label}
      </button>
    );

    export default function App() {
      const [count, setCount] = useState(0);
      return <Button label={`clicked ${count}`} onClick={() => setCount(count + 1)} />;
    }

    class Legacy extends React.Component<Props> {
      render() { return <span>{this.props.label}</span>; }
    }
"""


def test_tsx_components_are_functions_and_classes(analyze: Analyze) -> None:
    result = analyze(Language.TSX, "src/Button.tsx", BUTTON_TSX)
    assert result.facts.diagnostics == ()
    assert result.qualnames == ["Props", "Button", "App", "Legacy", "Legacy.render"]
    button = result.symbol("Button")
    assert (button.kind, button.docstring, button.returns) == (
        SymbolKind.FUNCTION,
        "A clickable button.",
        "JSX.Element",
    )
    assert (button.location.start_line, button.location.end_line) == (6, 10)
    assert result.symbol("Legacy").bases == ("React.Component<Props>",)
    assert result.module.exports == ("Button", "App")


def test_typescript_overloads_fold_into_one_function_spanning_to_the_implementation(analyze: Analyze) -> None:
    source = """\
        /** Doubles. */
        export function twice(a: string): string;
        export function twice(a: number): number;
        export function twice(a: any): any { return a + a; }
    """
    result = analyze(Language.TYPESCRIPT, "src/twice.ts", source)
    assert result.qualnames == ["twice"]
    twice = result.symbol("twice")
    assert (twice.docstring, twice.location.start_line, twice.location.end_line) == ("Doubles.", 2, 4)
    assert twice.signature == "function twice(a: string): string"


def test_getter_and_setter_pair_is_one_property(analyze: Analyze) -> None:
    source = "export class Box {\n  get size() { return 1; }\n  set size(v) {}\n}\n"
    result = analyze(Language.JAVASCRIPT, "box.js", source)
    size = result.symbol("Box.size")
    assert (size.kind, size.location.start_line, size.location.end_line) == (SymbolKind.PROPERTY, 2, 3)


def test_export_default_of_a_name_exports_that_name(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "x.js", "function main() {}\nexport default main;\n")
    assert result.module.exports == ("main",)
    assert result.symbol("main").visibility == Visibility.PUBLIC
