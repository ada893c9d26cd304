"""Property: whatever text a docstring carries (quotes, backslashes, control characters, any Unicode),
the edited file compiles, its code is unchanged, and the docstring holds the text."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from codedoc.docstrings.python_insert import insert_python_docstrings
from codedoc.docstrings.render import render_python
from codedoc.docstrings.text import DocText, ParamDoc, PythonStyle

_VALUES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=150, deadline=None)
@given(value=_VALUES, one_line=st.booleans(), crlf=st.booleans(), style=st.sampled_from(list(PythonStyle)))
def test_any_default_value_is_written_safely(value: str, one_line: bool, crlf: bool, style: PythonStyle) -> None:
    newline = "\r\n" if crlf else "\n"
    default = repr(value)
    body = f" return x{newline}" if one_line else f"{newline}\tif x:{newline}\t\treturn x{newline}"
    source = f"def f(x={default}):{body}".encode()
    doc = DocText("Do f.", params=(ParamDoc("x", "The x.", "str", default),), returns="The x.")
    edit = insert_python_docstrings(source, {("f", 1): render_python(doc, style)}, path="f.py")
    assert edit.added == ("f",)
    function = ast.parse(edit.source).body[0]
    assert isinstance(function, ast.FunctionDef)
    docstring = ast.get_docstring(function, clean=False) or ""
    assert docstring.startswith("Do f.")
    if default.isprintable() and "\t" not in default and default == default.rstrip():
        assert default in docstring
    again = insert_python_docstrings(edit.source, {("f", 1): ["Other."]}, path="f.py")
    assert again.source == edit.source
