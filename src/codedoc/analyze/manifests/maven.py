"""`pom.xml`: Maven coordinates, description, licences and dependencies (test scope → dev)."""

from __future__ import annotations

import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.manifests.collect import Facts, project_metadata
from codedoc.analyze.manifests.guard import ManifestProblem, guarded
from codedoc.analyze.manifests.xml_tree import XmlElement, parse_xml

_PROPERTY = re.compile(r"\$\{([^}]+)\}")
_DEV_SCOPES = frozenset({"test"})


@guarded
def analyze_pom_xml(*, context: FileContext, text: str) -> FileFacts:
    project = parse_xml(text, "pom.xml")
    if project.tag != "project":
        raise ManifestProblem("pom.xml has no <project> root element", project.line)
    facts = Facts(context)
    properties = _properties(project)
    dependencies = project.child("dependencies")
    for dependency in dependencies.children_named("dependency") if dependencies is not None else ():
        group, artifact = dependency.child_text("groupId"), dependency.child_text("artifactId")
        if not group or not artifact:
            continue
        version = dependency.child_text("version")
        scope = (dependency.child_text("scope") or "compile").lower()
        facts.dependency(
            f"{_expand(group, properties)}:{_expand(artifact, properties)}",
            "maven",
            (dependency.line, dependency.end_line),
            version=_expand(version, properties) if version else None,
            dev=scope in _DEV_SCOPES,
        )
    licenses = project.child("licenses")
    license_names = [
        name
        for item in (licenses.children_named("license") if licenses is not None else ())
        if (name := item.child_text("name"))
    ]
    artifact = project.child_text("artifactId")
    return facts.result(
        project_metadata(
            context.path,
            name=_expand(project.child_text("name") or "", properties) or artifact,
            description=project.child_text("description"),
            version=project.child_text("version") or _parent_text(project, "version"),
            license=", ".join(license_names) or None,
        )
    )


def _parent_text(project: XmlElement, tag: str) -> str | None:
    """Group and version are inherited from `<parent>` when not repeated."""
    parent = project.child("parent")
    return parent.child_text(tag) if parent is not None else None


def _properties(project: XmlElement) -> dict[str, str]:
    found = {item.tag: item.text.strip() for item in (project.child("properties") or XmlElement("", 0)).children}
    for key in ("version", "groupId", "artifactId"):
        value = project.child_text(key) or _parent_text(project, key)
        if value:
            found[f"project.{key}"] = value
    return found


def _expand(value: str, properties: dict[str, str]) -> str:
    """`${jackson.version}` → its value, once (no recursion: properties can refer to each other in loops)."""
    return _PROPERTY.sub(lambda match: properties.get(match.group(1), match.group(0)), value)
