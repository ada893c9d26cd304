"""Docstring content → the text each language expects: a Python docstring body in the repository's
style (Google, NumPy or reST), JSDoc, Javadoc, Go doc comments, Rust `///` comments.

`render_python` returns the docstring's lines without quotes or indentation (insertion adds both
and escapes); `render_comment` returns complete comment lines without indentation.
"""

from __future__ import annotations

import re
import textwrap

from codedoc.docstrings.text import DocText, ParamDoc, PythonStyle
from codedoc.model import Language

_CODE = re.compile(r"`([^`\n]+)`")
_WIDTH = 88
_RESULT = re.compile(r"^(?:[\w:]*::)?Result<")
_CLOSE_ESCAPED = "*\\/"


def render_python(doc: DocText, style: PythonStyle) -> list[str]:
    code = (lambda text: _CODE.sub(r"``\1``", text)) if style is PythonStyle.REST else (lambda text: text)
    lines = [code(doc.summary)]
    if doc.details:
        lines += ["", *_wrap(code(doc.details))]
    sections = {
        PythonStyle.GOOGLE: _google,
        PythonStyle.NUMPY: _numpy,
        PythonStyle.REST: _rest,
    }[style](doc, code)
    if sections:
        lines += ["", *sections]
    return lines


def _default(param: ParamDoc) -> str:
    return f" Defaults to `{param.default}`." if param.default is not None else ""


def _google(doc: DocText, code: object) -> list[str]:
    out: list[str] = []
    if doc.params:
        out.append("Args:")
        for p in doc.params:
            star = "**" if p.kind == "var_keyword" else "*" if p.kind == "var_positional" else ""
            kind = f" ({p.type})" if p.type and not star else ""
            out.append(f"    {star}{p.name}{kind}: {p.description}{_default(p)}")
    if doc.attributes:
        out += ["", "Attributes:"] if out else ["Attributes:"]
        for a in doc.attributes:
            out.append(f"    {a.name}{f' ({a.type})' if a.type else ''}: {a.description}{_default(a)}")
    if doc.returns:
        out += ["", "Yields:" if doc.yields else "Returns:"] if out else ["Yields:" if doc.yields else "Returns:"]
        out.append(f"    {doc.return_type}: {doc.returns}" if doc.return_type else f"    {doc.returns}")
    if doc.raises:
        out += ["", "Raises:"] if out else ["Raises:"]
        out += [f"    {r.name}: {r.description}" for r in doc.raises]
    return out


def _numpy(doc: DocText, code: object) -> list[str]:
    out: list[str] = []

    def section(title: str) -> None:
        if out:
            out.append("")
        out.extend([title, "-" * len(title)])

    if doc.params:
        section("Parameters")
        for p in doc.params:
            star = "**" if p.kind == "var_keyword" else "*" if p.kind == "var_positional" else ""
            kind = p.type or ""
            if p.default is not None:
                kind = f"{kind}, default {p.default}" if kind else f"default {p.default}"
            out.append(f"{star}{p.name} : {kind}" if kind else f"{star}{p.name}")
            out.append(f"    {p.description}")
    if doc.attributes:
        section("Attributes")
        for a in doc.attributes:
            kind = a.type or ""
            if a.default is not None:
                kind = f"{kind}, default {a.default}" if kind else f"default {a.default}"
            out.append(f"{a.name} : {kind}" if kind else a.name)
            out.append(f"    {a.description}")
    if doc.returns:
        section("Yields" if doc.yields else "Returns")
        out += [doc.return_type or "object", f"    {doc.returns}"]
    if doc.raises:
        section("Raises")
        for r in doc.raises:
            out += [r.name, f"    {r.description}"]
    return out


def _rest(doc: DocText, code: object) -> list[str]:
    def lit(text: str) -> str:
        return _CODE.sub(r"``\1``", text)

    out: list[str] = []
    for p in doc.params:
        default = f" Defaults to ``{p.default}``." if p.default is not None else ""
        out.append(f":param {p.name}: {lit(p.description)}{default}")
        if p.type:
            out.append(f":type {p.name}: {p.type}")
    for a in doc.attributes:
        default = f" Defaults to ``{a.default}``." if a.default is not None else ""
        out.append(f":ivar {a.name}: {lit(a.description)}{default}")
        if a.type:
            out.append(f":vartype {a.name}: {a.type}")
    if doc.returns:
        out.append(f":{'yields' if doc.yields else 'returns'}: {lit(doc.returns)}")
        if doc.return_type and not doc.yields:
            out.append(f":rtype: {doc.return_type}")
    out += [f":raises {r.name}: {lit(r.description)}" for r in doc.raises]
    return out


def render_comment(doc: DocText, language: Language) -> list[str]:
    """Complete comment lines (`/** … */`, `// …`, `/// …`) for a non-Python symbol."""
    if language is Language.GO:
        body = [doc.summary, *(["", *_wrap(doc.details)] if doc.details else [])]
        return [("// " + _CODE.sub(r"\1", line)).rstrip() for line in body]
    if language is Language.RUST:
        return [f"/// {line}".rstrip() for line in _rust(doc)]
    lines = _javadoc(doc) if language is Language.JAVA else _jsdoc(doc, typed=language is Language.JAVASCRIPT)
    return ["/**", *((" * " + line.replace("*/", _CLOSE_ESCAPED)).rstrip() for line in lines), " */"]


def _jsdoc(doc: DocText, *, typed: bool) -> list[str]:
    lines = [doc.summary, *(["", *_wrap(doc.details)] if doc.details else [])]
    tags: list[str] = []
    for p in doc.params:
        name = f"[{p.name}={p.default}]" if p.default is not None else p.name
        kind = f"{{{p.type}}} " if p.type and typed else ""
        tags.append(f"@param {kind}{name} - {p.description}")
    if doc.returns:
        kind = f"{{{doc.return_type}}} " if doc.return_type and typed else ""
        tags.append(f"@returns {kind}{doc.returns}")
    tags += [f"@throws {{{r.name}}} {r.description}" for r in doc.raises if r.name != "panic"]
    return lines + (["", *tags] if tags else [])


def _javadoc(doc: DocText) -> list[str]:
    def code(text: str) -> str:
        return _CODE.sub(r"{@code \1}", text)

    lines = [code(doc.summary), *(["", *_wrap(code(doc.details))] if doc.details else [])]
    tags = [f"@param {p.name} {code(p.description)}" for p in doc.params]
    if doc.returns:
        tags.append(f"@return {code(doc.returns)}")
    tags += [f"@throws {r.name} {code(r.description)}" for r in doc.raises]
    return lines + (["", *tags] if tags else [])


def _rust(doc: DocText) -> list[str]:
    lines = [doc.summary, *(["", *_wrap(doc.details)] if doc.details else [])]
    if doc.return_type and _RESULT.search(doc.return_type.replace(" ", "")):
        lines += ["", "# Errors", "", "Returns an `Err` when the work fails."]
    panics = [r for r in doc.raises if r.name == "panic"]
    if panics:
        lines += ["", "# Panics", "", panics[0].description]
    return lines


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH, break_long_words=False, break_on_hyphens=False) or [text]
