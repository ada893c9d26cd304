from __future__ import annotations

from codedoc.analyze.facts import FileContext
from codedoc.analyze.treesitter import TREE_SITTER_ANALYZERS
from codedoc.model import FileCategory, Language, Visibility

EXPRESS_STYLE = """\
var app = exports = module.exports = {};

/** Initialize the server. */
app.init = function init() {};

var res = Object.create(null);
module.exports = res;
res.status = function status(code) { return this; };

var hidden = {};
hidden.helper = function () {};
"""


def _symbols(text: str) -> dict[str, tuple[Visibility, str | None]]:
    context = FileContext("lib/app.js", Language.JAVASCRIPT, FileCategory.CODE, "lib/app")
    facts = TREE_SITTER_ANALYZERS[Language.JAVASCRIPT](context=context, text=text)
    assert facts.module is not None
    return {s.qualname: (s.visibility, s.docstring) for s in facts.module.symbols}


def test_functions_assigned_to_exported_objects_are_public_api() -> None:
    symbols = _symbols(EXPRESS_STYLE)
    assert symbols["app.init"] == (Visibility.PUBLIC, "Initialize the server.")
    assert symbols["res.status"][0] == Visibility.PUBLIC
    assert symbols["hidden.helper"][0] == Visibility.INTERNAL


def test_prototype_methods_belong_to_their_constructor() -> None:
    symbols = _symbols("function Router() {}\nmodule.exports = Router;\nRouter.prototype.use = function use(fn) {};\n")
    assert symbols["Router.use"][0] == Visibility.PUBLIC


def test_a_doc_block_one_blank_line_above_still_documents_the_declaration() -> None:
    text = (
        "var res = module.exports = {};\n\n"
        "/**\n * Send a response.\n * @public\n */\n\nres.send = function send(body) {};\n\n"
        "/** Far away. */\n\n\nres.json = function json(obj) {};\n"
    )
    symbols = _symbols(text)
    assert symbols["res.send"][1] == "Send a response.\n@public"
    assert symbols["res.json"][1] is None  # two blank lines: not attached


def _module_doc(text: str) -> str | None:
    context = FileContext("lib/app.js", Language.JAVASCRIPT, FileCategory.CODE, "lib/app")
    facts = TREE_SITTER_ANALYZERS[Language.JAVASCRIPT](context=context, text=text)
    assert facts.module is not None
    return facts.module.docstring


def test_a_license_header_is_not_the_modules_documentation() -> None:
    header = "/*!\n * express\n * Copyright(c) 2009-2013 TJ Holowaychuk\n * MIT Licensed\n */\n\n'use strict';\n"
    assert _module_doc(header + "var x = 1;\n") is None
    plain = "/*\n * Copyright (c) Example Ltd.\n */\n\n/**\n * Routes for the shop.\n */\n\n'use strict';\n"
    assert _module_doc(plain + "var x = 1;\n") == "Routes for the shop."


def test_chained_assignments_define_the_function_under_every_name() -> None:
    symbols = _symbols(
        "var res = {};\nmodule.exports = res;\n/** Set a header. */\nres.set = res.header = function header(f, v) {};\n"
    )
    assert symbols["res.set"] == (Visibility.PUBLIC, "Set a header.")
    assert symbols["res.header"] == (Visibility.PUBLIC, "Set a header.")
