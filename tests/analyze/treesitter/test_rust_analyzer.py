from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language, SymbolKind, Visibility

Analyze = Callable[..., Any]

SHAPES_RS = """\
    //! Shapes and their areas.
    //!
    //! Everything is in metres.

    use std::collections::{HashMap, HashSet as Set};
    use std::fmt;
    use crate::units::Metre;
    use super::*;
    use serde::{Deserialize, Serialize};
    extern crate alloc;
    mod circle;
    pub(crate) mod square;

    /// A point on the plane.
    #[derive(Debug, Clone, PartialEq)]
    #[doc = "Immutable."]
    pub struct Point<T> {
        /// Horizontal.
        pub x: T,
        pub(crate) y: T,
        hidden: bool,
    }

    struct Secret;

    /// Kinds of shape.
    pub enum Kind {
        /// Round.
        Circle(f64),
        Square { side: f64 },
    }

    /// Something with an area.
    pub trait Area: fmt::Debug {
        /// The area.
        fn area(&self) -> f64;
        fn describe(&self) -> String { String::new() }
    }

    impl<T> Point<T> {
        /// Makes a point.
        pub async fn new(x: T, mut y: T) -> Self { Point { x, y, hidden: false } }
        fn check(&mut self) {}
    }

    impl Area for Point<f64> {
        fn area(&self) -> f64 { 0.0 }
    }

    impl fmt::Display for Secret {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { Ok(()) }
    }

    pub type Result<T> = std::result::Result<T, Error>;
    pub const ORIGIN: (i32, i32) = (0, 0);
    static mut COUNTER: u32 = 0;

    pub mod geometry {
        /// Distance between points.
        pub fn distance(a: f64, b: f64) -> f64 { a - b }
        mod nested;
    }

    pub(crate) fn helper<'a>(s: &'a str) -> &'a str { s }

    #[cfg(test)]
    mod tests {
        #[test]
        fn it_works() {}
    }
"""


def analyze_shapes(analyze: Analyze) -> Any:
    return analyze(Language.RUST, "src/shapes/mod.rs", SHAPES_RS, module_name="crate::shapes", is_package=True)


def test_rust_inner_doc_comments_are_the_module_doc(analyze: Analyze) -> None:
    assert analyze_shapes(analyze).module.docstring == "Shapes and their areas.\n\nEverything is in metres."


def test_rust_use_trees_are_flattened_to_one_import_per_path(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    assert result.imports == [
        ("std::collections::HashMap", "stdlib", ("HashMap",)),
        ("std::collections::HashSet", "stdlib", ("HashSet",)),
        ("std::fmt", "stdlib", ("fmt",)),
        ("crate::units::Metre", "unresolved", ("Metre",)),
        ("super", "unresolved", ("*",)),
        ("serde::Deserialize", "unresolved", ("Deserialize",)),
        ("serde::Serialize", "unresolved", ("Serialize",)),
        ("alloc", "stdlib", ()),
        ("crate::shapes::circle", "unresolved", ()),
        ("crate::shapes::square", "unresolved", ()),
        ("crate::shapes::geometry::nested", "unresolved", ()),
    ]


def test_rust_mod_declaration_in_a_crate_with_a_folder_prefix_stays_crate_relative(analyze: Analyze) -> None:
    result = analyze(Language.RUST, "tools/cli/src/lib.rs", "mod args;\n", module_name="tools/cli:crate")
    assert result.imports == [("crate::args", "unresolved", ())]


def test_rust_struct_has_attributes_docs_fields_and_implemented_traits(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    point = result.symbol("Point")
    assert point.kind == SymbolKind.STRUCT
    assert point.decorators == ("derive(Debug, Clone, PartialEq)",)
    assert point.docstring == "A point on the plane.\nImmutable."
    assert point.bases == ("Area",)
    assert point.signature == "pub struct Point<T>"
    assert (point.location.start_line, point.location.end_line) == (15, 22)
    fields = {s.name: s.visibility for s in result.module.symbols if s.parent == "Point" and s.kind == SymbolKind.FIELD}
    assert fields == {"x": Visibility.PUBLIC, "y": Visibility.INTERNAL, "hidden": Visibility.PRIVATE}
    assert result.symbol("Point::x").docstring == "Horizontal."


def test_rust_impl_methods_hang_off_the_type(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    new = result.symbol("Point::new")
    assert (new.kind, new.parent, new.is_async, new.visibility) == (SymbolKind.METHOD, "Point", True, Visibility.PUBLIC)
    assert new.signature == "pub async fn new(x: T, mut y: T) -> Self"
    assert [(p.name, p.annotation) for p in new.parameters] == [("x", "T"), ("y", "T")]
    assert (new.returns, new.docstring) == ("Self", "Makes a point.")
    check = result.symbol("Point::check")
    assert check.visibility == Visibility.PRIVATE
    assert [(p.name, p.annotation) for p in check.parameters] == [("self", "&mut self")]


def test_rust_trait_impl_methods_take_the_visibility_of_their_type(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    assert result.symbol("Point::area").visibility == Visibility.PUBLIC
    assert result.symbol("Secret::fmt").visibility == Visibility.PRIVATE
    assert result.symbol("Secret").bases == ("fmt::Display",)


def test_rust_trait_methods_and_bounds(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    area = result.symbol("Area")
    assert (area.kind, area.bases, area.docstring) == (SymbolKind.TRAIT, ("fmt::Debug",), "Something with an area.")
    required = result.symbol("Area::area")
    assert (required.kind, required.parent, required.returns, required.docstring) == (
        SymbolKind.METHOD,
        "Area",
        "f64",
        "The area.",
    )
    assert result.symbol("Area::describe").visibility == Visibility.PUBLIC


def test_rust_enum_variants_types_consts_and_statics(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    assert result.symbol("Kind").kind == SymbolKind.ENUM
    circle = result.symbol("Kind::Circle")
    assert (circle.parent, circle.docstring, circle.visibility) == ("Kind", "Round.", Visibility.PUBLIC)
    alias = result.symbol("Result")
    assert (alias.kind, alias.signature) == (SymbolKind.TYPE, "pub type Result<T> = std::result::Result<T, Error>")
    origin = result.symbol("ORIGIN")
    assert (origin.kind, origin.returns, origin.value) == (SymbolKind.CONSTANT, "(i32, i32)", "(0, 0)")
    counter = result.symbol("COUNTER")
    assert (counter.kind, counter.visibility) == (SymbolKind.VARIABLE, Visibility.PRIVATE)


def test_rust_inline_modules_qualify_their_items_and_test_modules_are_skipped(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    distance = result.symbol("geometry::distance")
    assert (distance.kind, distance.parent, distance.docstring) == (
        SymbolKind.FUNCTION,
        None,
        "Distance between points.",
    )
    assert not any("it_works" in name for name in result.qualnames)


def test_rust_visibility_of_functions(analyze: Analyze) -> None:
    result = analyze_shapes(analyze)
    helper = result.symbol("helper")
    assert (helper.visibility, helper.returns) == (Visibility.INTERNAL, "&'a str")
    assert result.symbol("Secret").visibility == Visibility.PRIVATE
