from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language, SymbolKind, Visibility

Analyze = Callable[..., Any]

STORE_GO = """\
    //go:build linux

    // Package store keeps orders
    // in memory.
    package store

    import "fmt"

    import (
    \t"context"
    \tgin "github.com/gin-gonic/gin"
    \t_ "embed"
    \t"example.com/shop/internal/db"
    )

    // Store keeps orders.
    type Store struct {
    \tBase
    \t*sync.Mutex
    \t// Name of the store.
    \tName  string `json:"name"`
    \titems, spare map[string]Order
    }

    // Finder finds orders.
    type Finder interface {
    \tio.Closer
    \t// Find returns the order with this id.
    \tFind(ctx context.Context, id string) (*Order, error)
    }

    // ID identifies an order.
    type ID string

    type (
    \t// Alias is another name.
    \tAlias = Store
    \tcounter int
    )

    // MaxOrders caps the store.
    const MaxOrders = 100

    const (
    \tOpen = iota
    \tclosed
    )

    var defaultStore, _ = New(), 0

    // New makes a store.
    func New(names ...string) *Store { return &Store{} }

    // Find looks an order up.
    func (s *Store) Find(ctx context.Context, id string) (order *Order, err error) {
    \treturn nil, nil
    }

    func (s Store) len() int { return 0 }

    func Map[T any, U any](xs []T, f func(T) U) []U { return nil }
"""


def test_go_package_doc_is_the_comment_above_package(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    assert result.module.docstring == "Package store keeps orders\nin memory."


def test_go_imports_classify_the_standard_library_and_ignore_aliases(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    assert result.imports == [
        ("fmt", "stdlib", ()),
        ("context", "stdlib", ()),
        ("github.com/gin-gonic/gin", "unresolved", ()),
        ("embed", "stdlib", ()),
        ("example.com/shop/internal/db", "unresolved", ()),
    ]
    assert result.import_of("context").line == 10


def test_go_struct_has_fields_as_members_and_embedded_types_as_bases(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    store = result.symbol("Store")
    assert (store.kind, store.signature, store.docstring) == (
        SymbolKind.STRUCT,
        "type Store struct",
        "Store keeps orders.",
    )
    assert store.bases == ("Base", "sync.Mutex")
    assert (store.location.start_line, store.location.end_line) == (17, 23)
    name = result.symbol("Store.Name")
    assert (name.kind, name.parent, name.returns, name.docstring) == (
        SymbolKind.FIELD,
        "Store",
        "string",
        "Name of the store.",
    )
    assert name.signature == 'Name string `json:"name"`'
    assert result.symbol("Store.items").visibility == Visibility.INTERNAL
    assert result.symbol("Store.spare").returns == "map[string]Order"


def test_go_interface_has_method_members_and_embedded_interfaces(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    finder = result.symbol("Finder")
    assert (finder.kind, finder.bases) == (SymbolKind.INTERFACE, ("io.Closer",))
    find = result.symbol("Finder.Find")
    assert (find.kind, find.parent, find.returns) == (SymbolKind.METHOD, "Finder", "(*Order, error)")
    assert find.docstring == "Find returns the order with this id."
    assert [(p.name, p.annotation) for p in find.parameters] == [("ctx", "context.Context"), ("id", "string")]


def test_go_named_types_and_grouped_types_are_types_with_their_own_docs(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    assert (result.symbol("ID").kind, result.symbol("ID").signature) == (SymbolKind.TYPE, "type ID string")
    alias = result.symbol("Alias")
    assert (alias.kind, alias.docstring, alias.location.start_line) == (SymbolKind.TYPE, "Alias is another name.", 37)
    assert result.symbol("counter").visibility == Visibility.INTERNAL


def test_go_consts_and_vars(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    max_orders = result.symbol("MaxOrders")
    assert (max_orders.kind, max_orders.value, max_orders.docstring) == (
        SymbolKind.CONSTANT,
        "100",
        "MaxOrders caps the store.",
    )
    assert (result.symbol("Open").value, result.symbol("closed").visibility) == ("iota", Visibility.INTERNAL)
    default_store = result.symbol("defaultStore")
    assert (default_store.kind, default_store.value) == (SymbolKind.VARIABLE, "New()")
    assert "_" not in result.qualnames


def test_go_methods_hang_off_their_receiver_type(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    find = result.symbol("Store.Find")
    assert (find.kind, find.parent, find.visibility) == (SymbolKind.METHOD, "Store", Visibility.PUBLIC)
    assert find.signature == "func (s *Store) Find(ctx context.Context, id string) (order *Order, err error)"
    assert find.returns == "(order *Order, err error)"
    assert find.docstring == "Find looks an order up."
    assert (find.location.start_line, find.location.end_line) == (55, 57)
    length = result.symbol("Store.len")
    assert (length.parent, length.visibility, length.returns) == ("Store", Visibility.INTERNAL, "int")


def test_go_functions_with_variadic_and_generic_parameters(analyze: Analyze) -> None:
    result = analyze(Language.GO, "internal/store/store.go", STORE_GO)
    new = result.symbol("New")
    assert [(p.name, p.annotation, p.kind) for p in new.parameters] == [("names", "string", "var_positional")]
    assert (new.returns, new.visibility) == ("*Store", Visibility.PUBLIC)
    mapper = result.symbol("Map")
    assert mapper.signature == "func Map[T any, U any](xs []T, f func(T) U) []U"
    assert [(p.name, p.annotation) for p in mapper.parameters] == [("xs", "[]T"), ("f", "func(T) U")]


def test_go_generic_receiver_is_named_without_type_parameters(analyze: Analyze) -> None:
    source = "package list\n\ntype List[T any] struct{}\n\nfunc (l *List[T]) Push(v T) {}\n"
    result = analyze(Language.GO, "list/list.go", source)
    assert result.symbol("List.Push").parent == "List"


def test_go_doc_comments_with_windows_line_endings_are_clean(analyze: Analyze) -> None:
    source = "// Package a does a.\r\n// More.\r\npackage a\r\n\r\n// F is f.\r\nfunc F() {}\r\n"
    result = analyze(Language.GO, "a/a.go", source)
    assert result.module.docstring == "Package a does a.\nMore."
    assert result.symbol("F").docstring == "F is f."
