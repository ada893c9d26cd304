from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language, SymbolKind, Visibility

Analyze = Callable[..., Any]

CONTROLLER_JAVA = """\
    package com.acme.shop;

    import java.util.List;
    import javax.inject.Inject;
    import static org.junit.Assert.*;
    import static com.acme.util.Strings.capitalize;
    import com.acme.shop.model.Item;

    /** A helper type that comes first in the file. */
    class Helper {}

    /**
     * Serves items.
     *
     * @author shop
     */
    @RestController
    @RequestMapping("/api")
    public class ItemController extends BaseController<Item> implements Auditable, Closeable {
        public static final int MAX_PAGE = 50;
        private final ItemService service;
        String region, zone;

        /** Wires the controller. */
        @Inject
        public ItemController(ItemService service) { this.service = service; }

        /**
         * Lists items.
         * @param page the page
         */
        @GetMapping("/items")
        public List<Item> list(@RequestParam("page") int page, String... tags) throws IOException {
            return service.all();
        }

        protected void audit() {}

        void reset() {}

        public interface Listener { void changed(Item item); }

        enum Sort { NAME, PRICE; Sort flip() { return this; } }

        record Page(int number, int size) {}

        @interface Tracked { String value() default ""; }
    }
"""


def test_java_module_doc_is_the_javadoc_of_the_type_named_like_the_file(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    assert result.module.docstring == "Serves items.\n\n@author shop"


def test_java_imports_classify_the_jdk_and_keep_static_imports(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    assert result.imports == [
        ("java.util.List", "stdlib", ()),
        ("javax.inject.Inject", "stdlib", ()),
        ("org.junit.Assert.*", "unresolved", ("*",)),
        ("com.acme.util.Strings.capitalize", "unresolved", ("capitalize",)),
        ("com.acme.shop.model.Item", "unresolved", ()),
    ]


def test_java_class_has_annotations_bases_and_span_from_its_first_annotation(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    controller = result.symbol("ItemController")
    assert controller.kind == SymbolKind.CLASS
    assert controller.decorators == ("RestController", 'RequestMapping("/api")')
    assert controller.bases == ("BaseController<Item>", "Auditable", "Closeable")
    assert controller.signature == (
        "public class ItemController extends BaseController<Item> implements Auditable, Closeable"
    )
    assert (controller.location.start_line, controller.location.end_line) == (17, 48)
    assert controller.visibility == Visibility.PUBLIC


def test_java_method_parameters_return_type_doc_and_annotations(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    listing = result.symbol("ItemController.list")
    assert (listing.kind, listing.parent, listing.returns) == (SymbolKind.METHOD, "ItemController", "List<Item>")
    assert listing.decorators == ('GetMapping("/items")',)
    assert listing.docstring == "Lists items.\n@param page the page"
    assert [(p.name, p.annotation, p.kind) for p in listing.parameters] == [
        ("page", "int", "positional_or_keyword"),
        ("tags", "String", "var_positional"),
    ]
    assert listing.signature is not None and listing.signature.startswith("public List<Item> list(")
    assert (listing.location.start_line, listing.location.end_line) == (32, 35)


def test_java_visibility_comes_from_modifiers_and_defaults_to_package_private(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    assert result.symbol("ItemController.audit").visibility == Visibility.PROTECTED
    assert result.symbol("ItemController.reset").visibility == Visibility.INTERNAL
    assert result.symbol("ItemController.service").visibility == Visibility.PRIVATE
    assert result.symbol("Helper").visibility == Visibility.INTERNAL
    # Interface members are public without saying so.
    assert result.symbol("ItemController.Listener.changed").visibility == Visibility.PUBLIC


def test_java_constructor_fields_and_constants(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    constructor = result.symbol("ItemController.ItemController")
    assert (constructor.kind, constructor.decorators, constructor.docstring) == (
        SymbolKind.METHOD,
        ("Inject",),
        "Wires the controller.",
    )
    page = result.symbol("ItemController.MAX_PAGE")
    assert (page.kind, page.returns, page.value) == (SymbolKind.CONSTANT, "int", "50")
    assert page.signature == "public static final int MAX_PAGE = 50"
    assert result.symbol("ItemController.service").kind == SymbolKind.FIELD
    assert result.symbol("ItemController.zone").signature == "String zone"


def test_java_nested_types_are_qualified_with_their_outer_type(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/ItemController.java", CONTROLLER_JAVA)
    kinds = {
        name: result.symbol(name).kind
        for name in (
            "ItemController.Listener",
            "ItemController.Sort",
            "ItemController.Page",
            "ItemController.Tracked",
        )
    }
    assert kinds == {
        "ItemController.Listener": SymbolKind.INTERFACE,
        "ItemController.Sort": SymbolKind.ENUM,
        "ItemController.Page": SymbolKind.CLASS,
        "ItemController.Tracked": SymbolKind.INTERFACE,
    }
    assert result.symbol("ItemController.Sort.NAME").kind == SymbolKind.CONSTANT
    assert result.symbol("ItemController.Sort.flip").parent == "ItemController.Sort"
    assert [p.name for p in result.symbol("ItemController.Page").parameters] == ["number", "size"]
    assert result.symbol("ItemController.Tracked.value").parent == "ItemController.Tracked"


def test_java_package_info_doc_is_the_comment_above_package(analyze: Analyze) -> None:
    source = "/**\n * Everything about the shop.\n */\npackage com.acme.shop;\n"
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/package-info.java", source)
    assert result.module.docstring == "Everything about the shop."
