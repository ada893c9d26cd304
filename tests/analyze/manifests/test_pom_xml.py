from __future__ import annotations

from manifest_facts import analyse, at

POM = """
    <?xml version="1.0" encoding="UTF-8"?>
    <project xmlns="http://maven.apache.org/POM/4.0.0">
      <modelVersion>4.0.0</modelVersion>
      <groupId>com.acme</groupId>
      <artifactId>billing</artifactId>
      <version>3.1.0</version>
      <name>Billing</name>
      <description>Sends invoices.</description>
      <licenses>
        <license><name>Apache-2.0</name></license>
      </licenses>
      <properties>
        <jackson.version>2.17.0</jackson.version>
      </properties>
      <dependencies>
        <dependency>
          <groupId>com.fasterxml.jackson.core</groupId>
          <artifactId>jackson-databind</artifactId>
          <version>${jackson.version}</version>
        </dependency>
        <dependency>
          <groupId>org.junit.jupiter</groupId>
          <artifactId>junit-jupiter</artifactId>
          <version>5.10.2</version>
          <scope>test</scope>
        </dependency>
      </dependencies>
    </project>
    """


def test_pom_metadata() -> None:
    metadata = analyse("pom.xml", POM).metadata
    assert metadata is not None
    assert (metadata.name, metadata.version, metadata.description, metadata.license) == (
        "Billing",
        "3.1.0",
        "Sends invoices.",
        "Apache-2.0",
    )


def test_pom_dependencies_with_properties_and_test_scope() -> None:
    deps = analyse("pom.xml", POM).dependencies
    assert [(d.name, d.version_spec, d.dev, d.ecosystem, d.location) for d in deps] == [
        ("com.fasterxml.jackson.core:jackson-databind", "2.17.0", False, "maven", at("pom.xml", 16, 20)),
        ("org.junit.jupiter:junit-jupiter", "5.10.2", True, "maven", at("pom.xml", 21, 26)),
    ]


def test_pom_that_is_not_xml_is_a_diagnostic() -> None:
    facts = analyse("pom.xml", "<project><dependencies></project>\n")
    assert facts.dependencies == ()
    assert "pom.xml is not valid XML" in facts.diagnostics[0].message
    assert facts.diagnostics[0].line == 1
