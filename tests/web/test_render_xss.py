"""A corpus of XSS payloads, planted where repositories put text: none survives as markup.

Each payload goes into a heading, a paragraph, a table cell, a link, an image, an inline code
span and a code block; the rendered HTML is parsed and every element and attribute checked.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from codedoc.service.web.render import render_page

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<style>@import 'https://evil.example/x.css'</style>",
    "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<base href=https://evil.example/>",
    "<form action=https://evil.example><input name=q></form>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "![x](https://evil.example/pixel.png)",
    "![x](javascript:alert(1))",
    '[x](https://ok.example "title" onclick=alert(1))',
    "<!--><script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "`<script>alert(1)</script>`",
    "<<script>script>alert(1)<</script>/script>",
]

_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "math", "style", "meta", "base", "form",
                   "input", "body", "details", "noscript", "link"}  # fmt: skip
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction", "xlink:href", "src"):
                self.problems.append(f"{tag}[{name}]")
            if name == "href" and not (value or "").startswith(_SAFE_SCHEMES):
                self.problems.append(f"{tag}[href={value}]")
            if name == "href" and "evil" in (value or "") and tag != "a":
                self.problems.append(f"{tag}[href={value}]")
            if name == "style" and value not in ("text-align:left", "text-align:center", "text-align:right"):
                self.problems.append(f"{tag}[style={value}]")


def _places(payload: str) -> str:
    return (
        f"# Title {payload}\n\n{payload}\n\nText before {payload} text after.\n\n"
        f"| a | b |\n|---|---|\n| {payload} | x |\n\n- item {payload}\n\n> {payload}\n\n"
        f"```\n{payload}\n```\n\n```{payload}\nx\n```\n"
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_survives_as_markup(payload: str) -> None:
    page = render_page(_places(payload), page_path="index.md", page_link=lambda path, fragment: f"/p/{path}")
    inspector = _Inspector()
    inspector.feed(page.html)
    assert inspector.problems == [], page.html


def test_the_corpus_is_counted() -> None:
    """The figure SECURITY.md asks for: payloads tried, and how many survived (must be 0)."""
    survived = 0
    for payload in PAYLOADS:
        inspector = _Inspector()
        inspector.feed(render_page(_places(payload), page_path="index.md", page_link=lambda p, f: p).html)
        survived += bool(inspector.problems)
    print(f"XSS payloads rendered: {len(PAYLOADS)} × 8 places; surviving as markup: {survived}")
    assert survived == 0
