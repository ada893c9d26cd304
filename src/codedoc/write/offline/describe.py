"""Sentences the offline writer composes from facts alone: what a project, component or module is.

Every sentence says only what the model shows (counts, docstrings, relations), in words a
person would use; names are code spans and all repository text is escaped.
"""

from __future__ import annotations

import posixpath

from codedoc.model import PROGRAMMING_LANGUAGES, CodeModel, Component, FileCategory, Language, Module, ProjectKind
from codedoc.write.markdown import code, first_paragraph, first_sentence, join_words, plural, text
from codedoc.write.offline.context import SiteContext
from codedoc.write.offline.summaries import (
    component_candidates,
    component_fallback_said,
    factual_purpose,
    module_fallback,
)
from codedoc.write.selection import named_like_a_test

LANGUAGE_NAMES = {
    Language.PYTHON: "Python",
    Language.JAVASCRIPT: "JavaScript",
    Language.TYPESCRIPT: "TypeScript",
    Language.TSX: "TypeScript (TSX)",
    Language.GO: "Go",
    Language.JAVA: "Java",
    Language.RUST: "Rust",
    Language.C: "C",
    Language.CPP: "C++",
    Language.CSHARP: "C#",
    Language.RUBY: "Ruby",
    Language.PHP: "PHP",
    Language.KOTLIN: "Kotlin",
    Language.SWIFT: "Swift",
    Language.SHELL: "Shell",
    Language.HTML: "HTML",
    Language.CSS: "CSS",
    Language.MARKDOWN: "Markdown",
    Language.RST: "reStructuredText",
    Language.JSON: "JSON",
    Language.YAML: "YAML",
    Language.TOML: "TOML",
    Language.XML: "XML",
    Language.SQL: "SQL",
    Language.DOCKERFILE: "Dockerfile",
    Language.MAKEFILE: "Makefile",
    Language.TEXT: "plain text",
    Language.OTHER: "other",
}
MAX_NAMED = 8
"""Related components named in a sentence; the rest are counted (all are listed under Relations)."""
MAX_MODULES_ONE_DOCSTRING_SPEAKS_FOR = 3

KIND_NAMES = {
    ProjectKind.LIBRARY: "library",
    ProjectKind.WEB_SERVICE: "web service",
    ProjectKind.CLI: "command-line tool",
    ProjectKind.APP: "application",
    ProjectKind.MONOREPO: "monorepo",
}


def kind_name(model: CodeModel) -> str:
    """`library`, `web service`…; a library that also ships commands is "a library with a command-line interface"."""
    kind = KIND_NAMES.get(model.repository.kind, "project")
    shipped = model.commands or any(e.kind in ("console_script", "npm_bin", "cargo_bin") for e in model.entry_points)
    if model.repository.kind is ProjectKind.LIBRARY and shipped:
        return f"{kind} with a command-line interface"
    return kind


def language_name(language: Language) -> str:
    return LANGUAGE_NAMES.get(language, str(language))


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def main_languages(ctx: SiteContext) -> list[str]:
    """Programming languages making up at least a tenth of the code, most lines first."""
    stats = [stat for stat in ctx.model.repository.languages if stat.language in PROGRAMMING_LANGUAGES]
    total = sum(stat.lines for stat in stats) or 1
    return [language_name(stat.language) for stat in stats if stat.lines * 10 >= total][:3]


def project_sentence(ctx: SiteContext) -> str:
    """The opening sentence, e.g. `tinyhttp` is a Python library (4 modules, 120 lines of analysed code)."""
    repository = ctx.model.repository
    kind = kind_name(ctx.model)
    languages = main_languages(ctx)
    if languages:
        described = f"{article(languages[0])} {languages[0]} {kind}"
        if len(languages) > 1:
            described += f" with {join_words(languages[1:])}"
    else:
        described = f"{article(kind)} {kind}"
    lines = sum(module.line_count for module in ctx.model.modules)
    counts = plural(len(ctx.model.modules), "module")
    if lines:
        counts += f", {plural(lines, 'line')} of analysed code"
    return f"{code(repository.name)} is {described} ({counts})."


def component_docstring(ctx: SiteContext, component: Component) -> str | None:
    """The docstring that speaks for the whole component.

    The package module at the component's own folder speaks for it; a sub-package's docstring
    (which `Component.docstring` may carry) describes only part of it, so it is used only when
    the folder has no package module at all.
    """
    own = [
        ctx.modules[path]
        for path in component.modules
        if path in ctx.modules and ctx.modules[path].is_package and posixpath.dirname(path) == component.path
    ]
    if own:
        return own[0].docstring
    return component.docstring


def component_purpose(ctx: SiteContext, component: Component) -> str:
    """A one-line purpose (escaped): the component's docstring, else its only documented module's, else
    the best of the README's sentence naming it, its modules' docstrings and their leading symbols' —
    never a test's, never another component's purpose again — else what it holds, named."""
    if not ctx.purposes:
        ctx.purposes.update(_purposes(ctx))
    return text(ctx.purposes.get(component.name, ""))


def product_modules(ctx: SiteContext, component: Component) -> list[Module]:
    """The component's modules that are not tests (a test fixture's docstring says nothing of the code)."""
    return [
        ctx.modules[path]
        for path in component.modules
        if path in ctx.modules and ctx.categories.get(path) is not FileCategory.TEST and not named_like_a_test(path)
    ]


def _fragment(sentence: str) -> bool:
    """`Usage:`, `You have a few options here, which are expanded on below:` — the start of something else."""
    return sentence.rstrip().endswith(":")


def _purposes(ctx: SiteContext) -> dict[str, str]:
    """Each component's purpose; the larger component keeps a sentence two would share."""
    taken: set[str] = set()
    found: dict[str, str] = {}
    readme = ctx.model.repository.readme
    for component in sorted(ctx.model.components, key=lambda c: (-c.line_count, c.name)):
        members = product_modules(ctx, component)
        candidates: list[str] = []
        docstring = component_docstring(ctx, component)
        if docstring:
            candidates.append(first_sentence(docstring))
        documented = [m for m in members if m.docstring]
        # One documented module of a small component speaks for it; one of 47 (`Server constants.`) does not.
        if len(documented) == 1 and len(members) <= MAX_MODULES_ONE_DOCSTRING_SPEAKS_FOR:
            candidates.append(first_sentence(documented[0].docstring))
        candidates += component_candidates(component, members, readme)
        chosen = next((c for c in candidates if c and c not in taken and not _fragment(c)), "")
        if not chosen:
            inner = [
                other.name
                for other in ctx.model.components
                if other.path.startswith(component.path.rstrip("/") + "/")
                and other.name not in ctx.test_components
                and not named_like_a_test(other.path + "/x")
            ]
            chosen = factual_purpose(component, members, inner)
        taken.add(chosen)
        found[component.name] = chosen
    return found


def module_purpose(module: Module) -> str:
    return text(first_sentence(module.docstring)) if module.docstring else text(module_fallback(module))


def related(ctx: SiteContext, names: tuple[str, ...]) -> list[str]:
    """Related components worth naming: tests exercising a component are not part of its design."""
    return [name for name in names if name not in ctx.test_components]


def relations_sentence(ctx: SiteContext, component: Component, from_page: str) -> str:
    """E.g. It depends on `a` and `b`; it is used by `c`. With links to their pages."""
    parts = []
    for verb, names in (("depends on", component.depends_on), ("is used by", component.used_by)):
        shown = related(ctx, names)
        if not shown:
            continue
        links = [ctx.component_link(from_page, name) for name in shown[:MAX_NAMED]]
        if len(shown) > MAX_NAMED:
            links.append(f"{len(shown) - MAX_NAMED:,} more")
        parts.append(f"{verb} {join_words(links)}")
    if not parts:
        if any(name in ctx.test_components for name in component.used_by):
            return "Only its tests import it, and it imports no other component."
        return "It neither imports nor is imported by another component."
    return "It " + "; it ".join(parts) + "."


def component_summary(ctx: SiteContext, component: Component, from_page: str) -> str:
    """The offline paragraph about a component: size, place, purpose, relations."""
    where = f" in {code(component.path)}" if component.path not in ("", ".") else " at the repository root"
    size = plural(len(component.modules), "module")
    if component.line_count:
        size += f", {plural(component.line_count, 'line')}"
    languages = [language_name(language) for language in component.languages]
    written = f", written in {join_words(languages)}" if languages else ""
    sentences = [f"{code(component.name)} is a component of {size}{where}{written}."]
    docstring = component_docstring(ctx, component)
    if docstring:
        sentences.append(f"Its documentation says: “{text(first_paragraph(docstring), limit=600)}”")
    elif said := component_fallback_said(component, product_modules(ctx, component), ctx.model.repository.readme):
        # No package docstring: the most informative text about it, attributed to where it comes from.
        who = "The README" if said[0] == "README" else f"Its most informative docstring, on {code(said[0])},"
        sentences.append(f"{who} says: “{text(said[1], limit=600)}”")
    sentences.append(relations_sentence(ctx, component, from_page))
    return " ".join(sentences)
