"""Hostile sources: each case inserts safely or leaves the file alone with a clear warning."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from docstring_projects import run_over, without_docstrings

from codedoc.analyze.treesitter.parsing import parse
from codedoc.docstrings import UnsafeEdit
from codedoc.docstrings.python_insert import check_python_edit, insert_python_docstrings
from codedoc.docstrings.render import render_python
from codedoc.docstrings.source_insert import check_source_edit, insert_comments
from codedoc.docstrings.text import DocText, ParamDoc, PythonStyle, RaiseDoc
from codedoc.model import Language
from repos import write_files


def added(tmp_path: Path, files: dict[str, str | bytes]) -> dict[str, bytes]:
    write_files(tmp_path, files)
    run = run_over(tmp_path)
    return {change.path: change.new for change in run.changes}


def test_unparsable_file_is_skipped_with_a_warning_and_the_others_still_edited(tmp_path: Path) -> None:
    write_files(tmp_path, {"bad.py": "def broken(:\n    pass\n", "good.py": "def ok():\n    return 1\n"})
    run = run_over(tmp_path)
    assert [c.path for c in run.changes] == ["good.py"]
    assert any(w.startswith("bad.py: Python cannot parse it") for w in run.warnings)
    assert (tmp_path / "bad.py").read_text() == "def broken(:\n    pass\n"


def test_crlf_and_tabs_are_kept(tmp_path: Path) -> None:
    new = added(tmp_path, {"w.py": b"class A:\r\n\tdef f(self):\r\n\t\treturn 1\r\n"})["w.py"]
    assert b"\n" not in new.replace(b"\r\n", b"")
    assert b'\r\n\t"""A."""\r\n\tdef f(self):\r\n\t\t"""Return the f.' in new


def test_one_line_bodies_become_blocks_and_nothing_else_changes(tmp_path: Path) -> None:
    source = "def f(x): return x  # keep me\nclass E(Exception): pass\n"
    new = added(tmp_path, {"one.py": source})["one.py"]
    assert b"# keep me" in new
    assert without_docstrings(source.encode()) == without_docstrings(new)


def test_quotes_and_backslashes_in_defaults_are_escaped() -> None:
    source = b'def f(a="\\"\\"\\"", b="\\\\"):\n    return a\n'
    params = (ParamDoc("a", "The a.", default='"\\"\\"\\""'), ParamDoc("b", "The b.", default='"\\\\"'))
    doc = DocText("Do f.", params=params)
    edit = insert_python_docstrings(source, {("f", 1): render_python(doc, PythonStyle.GOOGLE)}, path="q.py")
    tree = ast.parse(edit.source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    docstring = ast.get_docstring(function, clean=False) or ""
    assert 'Defaults to `"\\"\\"\\""`.' in docstring and 'Defaults to `"\\\\"`.' in docstring


def test_an_existing_docstring_is_never_overwritten() -> None:
    source = b'def f():\n    """Mine."""\n    return 1\n'
    edit = insert_python_docstrings(source, {("f", 1): ["Theirs."]}, path="d.py")
    assert edit.source == source and edit.added == ()


def test_overloads_are_skipped_and_the_implementation_documented(tmp_path: Path) -> None:
    source = (
        "from typing import overload\n@overload\ndef f(x: int) -> int: ...\n@overload\ndef f(x: str) -> str: ...\n"
        "def f(x):\n    return x\n"
    )
    new = added(tmp_path, {"o.py": source})["o.py"].decode()
    assert new.count('"""') == 2
    assert new.index('"""') > new.index("def f(x):\n")


def test_nested_classes_decorators_and_async(tmp_path: Path) -> None:
    source = (
        "import functools\n\nclass Outer:\n    class Inner:\n        @functools.cache\n"
        "        async def load(self, key: str) -> str:\n            return key\n"
    )
    new = added(tmp_path, {"n.py": source})["n.py"].decode()
    assert '    class Inner:\n        """Inner."""\n' in new
    assert '        async def load(self, key: str) -> str:\n            """Load the inner.' in new


def test_latin1_file_with_a_coding_cookie_stays_latin1(tmp_path: Path) -> None:
    source = "# -*- coding: latin-1 -*-\ndef menu():\n    return 'cr\u00e8me'\n".encode("latin-1")
    new = added(tmp_path, {"l.py": source})["l.py"]
    assert new.decode("latin-1").count("cr\u00e8me") == 1 and b'"""Return the menu.' in new
    with pytest.raises(UnicodeDecodeError):
        new.decode("utf-8")


def test_python_check_refuses_a_code_change() -> None:
    old = ast.parse("def f():\n    return 1\n")
    with pytest.raises(UnsafeEdit, match="change the code"):
        check_python_edit(old, b'def f():\n    """Doc."""\n    return 2\n', added=1, path="x.py")


def test_source_check_refuses_a_token_change() -> None:
    old = parse(Language.GO, "x.go", "package x\n\nfunc A() int { return 1 }\n")
    new = parse(Language.GO, "x.go", "package x\n\n// A doc.\nfunc A() int { return 2 }\n")
    with pytest.raises(UnsafeEdit, match="change the code"):
        check_source_edit(old, new, path="x.go")


def test_comment_close_marker_in_text_cannot_end_the_jsdoc() -> None:
    source = b"export function f() {}\n"
    edit = insert_comments(source, Language.JAVASCRIPT, {1: ["/**", " * Stops at *\\/ here.", " */"]}, path="f.js")
    assert edit.added == (1,)
    from codedoc.docstrings.render import render_comment

    lines = render_comment(DocText("Says */ then more."), Language.JAVASCRIPT)
    assert lines[1] == " * Says *\\/ then more."


def test_go_methods_java_interfaces_rust_impls_and_ts_interfaces_are_documented(tmp_path: Path) -> None:
    new = added(
        tmp_path,
        {
            "m.go": "package m\n\ntype T struct{}\n\nfunc (t *T) Run(n int) error {\n\treturn nil\n}\n",
            "I.java": "public interface I {\n    void go(String s);\n}\n",
            "lib.rs": "pub trait Tr {\n    fn f(&self);\n}\npub struct S;\nimpl S {\n    pub fn g(&self) {}\n}\n",
            "i.ts": "export interface Point {\n  x: number;\n}\nexport const norm = (p: Point): number => p.x;\n",
        },
    )
    assert "\t// Run runs the t.\n" not in new["m.go"].decode()
    assert "// Run " in new["m.go"].decode() and "// T is a t.\n" in new["m.go"].decode()
    assert "/**\n * The i interface.\n */\npublic interface I {\n    /**\n" in new["I.java"].decode()
    rust = new["lib.rs"].decode()
    assert "/// The tr trait.\npub trait Tr {\n    /// " in rust and "impl S {\n    /// " in rust
    ts = new["i.ts"].decode()
    assert "/**\n * The point interface.\n */\nexport interface Point" in ts
    assert "@param p - The p.\n * @returns The norm.\n */\nexport const norm" in ts


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (PythonStyle.NUMPY, ["Do it.", "", "Parameters", "----------", "n : int, default 1", "    The n.",
                             "", "Returns", "-------", "int", "    The n.",
                             "", "Raises", "------", "KeyError", "    If x."]),
        (PythonStyle.REST, ["Do it.", "", ":param n: The n. Defaults to ``1``.", ":type n: int", ":returns: The n.",
                            ":rtype: int", ":raises KeyError: If x."]),
    ],
)  # fmt: skip
def test_numpy_and_rest_styles(style: PythonStyle, expected: list[str]) -> None:
    doc = DocText(
        "Do it.",
        params=(ParamDoc("n", "The n.", "int", "1"),),
        returns="The n.",
        return_type="int",
        raises=(RaiseDoc("KeyError", "If x."),),
    )
    assert render_python(doc, style) == expected


def test_style_is_detected_from_existing_docstrings(tmp_path: Path) -> None:
    documented = '"""Documented.\n\n    :param a: The a.\n    :returns: The b.\n    """\n'
    files = {f"m{i}.py": f"def d{i}(a):\n    {documented}    return a\n" for i in range(2)}
    files["new.py"] = "def fresh(a: int) -> int:\n    return a\n"
    new = added(tmp_path, files)["new.py"].decode()
    assert ":param a: The a." in new and ":rtype: int" in new


def test_property_setters_are_left_to_the_getter(tmp_path: Path) -> None:
    source = (
        "class P:\n    @property\n    def size(self) -> int:\n        return 1\n\n"
        "    @size.setter\n    def size(self, value: int) -> None:\n        pass\n"
    )
    new = added(tmp_path, {"p.py": source})["p.py"].decode()
    assert new.count('"""') == 4 and '"""The size of the p."""' in new


def test_bom_form_feed_and_no_final_newline_survive_in_the_file_and_the_patch(tmp_path: Path) -> None:
    from codedoc.docstrings import unified_patch
    from repos import git

    files: dict[str, str | bytes] = {
        "bom.py": b"\xef\xbb\xbfdef f():\n    return 1\n",
        "ff.py": b"def g():\n    x = 1\n\x0c\ndef h(): return 2",
    }
    write_files(tmp_path / "a", files)
    run = run_over(tmp_path / "a")
    new = {change.path: change.new for change in run.changes}
    assert new["bom.py"].startswith(b'\xef\xbb\xbfdef f():\n    """Return the f.')
    assert b"\n\x0c\ndef h():\n" in new["ff.py"] and new["ff.py"].endswith(b"    return 2")
    write_files(tmp_path / "b", files)
    git(tmp_path / "b", "init", "-q")
    (tmp_path / "p.diff").write_bytes(unified_patch(run.changes))
    git(tmp_path / "b", "apply", str(tmp_path / "p.diff"))
    assert {path: (tmp_path / "b" / path).read_bytes() for path in new} == new


def test_typescript_decorators_static_methods_and_arrow_handlers(tmp_path: Path) -> None:
    source = (
        '@Component({ selector: "x" })\nexport class Widget {\n  @HostListener("click")\n'
        "  onClick(event: Event): void {\n    console.log(event);\n  }\n\n"
        "  static create(): Widget { return new Widget(); }\n}\n\nexport default function () {}\n\n"
        'export const handler = async (req: Request): Promise<Response> => {\n  return new Response("ok");\n};\n'
    )
    new = added(tmp_path, {"c.ts": source})["c.ts"].decode()
    assert new.startswith('/**\n * Widget.\n */\n@Component({ selector: "x" })\n')
    assert '   * It calls `console.log`.\n   *\n   * @param event - The event.\n   */\n  @HostListener("click")' in new
    assert "   * Creates the widget.\n" in new and "export default function () {}" in new
    assert " * @param req - The req.\n * @returns The handler.\n */\nexport const handler" in new


def test_dataclass_fields_become_attributes(tmp_path: Path) -> None:
    source = '@dataclass\nclass Point:\n    x: int\n    label: str = "p"\n    _hidden: int = 0\n'
    new = added(tmp_path, {"p.py": "from dataclasses import dataclass\n\n\n" + source})["p.py"].decode()
    expected = (
        '    """Point.\n\n    Attributes:\n        x (int): The x.\n'
        '        label (str): The label. Defaults to `"p"`.\n    """\n'
    )
    assert expected in new and "_hidden (int)" not in new
    doc = DocText("Point.", attributes=(ParamDoc("x", "The x.", "int", "0"),))
    assert render_python(doc, PythonStyle.NUMPY)[2:] == ["Attributes", "----------", "x : int, default 0", "    The x."]
    assert render_python(doc, PythonStyle.REST)[2:] == [":ivar x: The x. Defaults to ``0``.", ":vartype x: int"]
