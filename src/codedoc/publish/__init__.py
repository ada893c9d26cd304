"""Publishing to a local folder: the Markdown pages, `mkdocs.yml`, the code model as JSON and the one-page Markdown."""
