from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language

Analyze = Callable[..., Any]

CONTROLLER = """\
    package com.acme.shop;

    @RestController
    @RequestMapping("/api/orders")
    public class OrderController {
        @GetMapping
        public List<Order> list() { return null; }

        @GetMapping("/{id}")
        public Order get(@PathVariable long id) { return null; }

        @PostMapping(value = "/", consumes = "application/json")
        public Order create(@RequestBody Order order) { return order; }

        @RequestMapping(path = {"/a", "/b"}, method = {RequestMethod.PUT, RequestMethod.PATCH})
        public void update() {}

        @RequestMapping("/any")
        public void anything() {}

        public void notARoute() {}

        @RestController
        static class Nested {
            @DeleteMapping("items")
            void remove() {}
        }
    }
"""


def test_spring_mappings_with_the_class_prefix(analyze: Analyze) -> None:
    result = analyze(Language.JAVA, "src/main/java/com/acme/shop/OrderController.java", CONTROLLER)
    assert [(r.method, r.path, r.handler) for r in result.facts.routes] == [
        ("GET", "/api/orders", "com.acme.shop.OrderController.list"),
        ("GET", "/api/orders/{id}", "com.acme.shop.OrderController.get"),
        ("POST", "/api/orders", "com.acme.shop.OrderController.create"),
        ("PUT", "/api/orders/a", "com.acme.shop.OrderController.update"),
        ("PATCH", "/api/orders/a", "com.acme.shop.OrderController.update"),
        ("PUT", "/api/orders/b", "com.acme.shop.OrderController.update"),
        ("PATCH", "/api/orders/b", "com.acme.shop.OrderController.update"),
        ("ANY", "/api/orders/any", "com.acme.shop.OrderController.anything"),
        ("DELETE", "/items", "com.acme.shop.OrderController.Nested.remove"),
    ]
    assert {r.framework for r in result.facts.routes} == {"spring"}
    assert result.facts.routes[1].location.start_line == 9


def test_spring_detector_ignores_other_annotations(analyze: Analyze) -> None:
    source = 'class Plain {\n  @Override\n  public String toString() { return ""; }\n  @Mapping void odd() {}\n}\n'
    assert analyze(Language.JAVA, "Plain.java", source).facts.routes == ()
