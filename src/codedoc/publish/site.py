"""Publishing to a local folder: Markdown pages, `mkdocs.yml`, the model as JSON, one-page Markdown.

The site is written into a temporary folder beside `output` and swapped in at the end, so a
failure never leaves a half-written site. A non-empty `output` that is not a previous CodeDoc
output is never touched; a previous CodeDoc output is replaced.

    output/
      mkdocs.yml            stock MkDocs, `mkdocs build --strict` passes offline
      docs/*.md             the pages, in the plan's folders
      codedoc.json          the code model with its verification (`codedoc.schema.dump_model`)
      codedoc.schema.json   the JSON Schema of codedoc.json
      documentation.md      the whole site as one Markdown file
      ask.sqlite            the retrieval index for questions (`codedoc.ask`), when built
      .codedoc-site         marks the folder as CodeDoc's to replace
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from codedoc.errors import OutputError
from codedoc.model import CodeModel
from codedoc.publish.mkdocs_config import mkdocs_yaml
from codedoc.publish.single_page import single_page
from codedoc.schema import dump_model_bytes, model_json_schema
from codedoc.write.pages import Page
from codedoc.write.plan import site_name

MARKER = ".codedoc-site"
_MARKER_TEXT = "This folder was written by CodeDoc; the next run replaces it as a whole.\n"


SiteFiles = dict[str, str | bytes]
"""A site's files by their path inside the output folder: text, or bytes written as they are."""


def render_site_files(pages: Sequence[Page], model: CodeModel) -> SiteFiles:
    """Every file of the site, by its path inside the output folder (codedoc.json as UTF-8 bytes)."""
    _check_pages(pages)
    name = site_name(model)
    files: SiteFiles = {f"docs/{page.path}": page.markdown for page in pages}
    files["mkdocs.yml"] = mkdocs_yaml(name, pages)
    files["codedoc.json"] = dump_model_bytes(model)
    files["codedoc.schema.json"] = json.dumps(model_json_schema(), indent=1, ensure_ascii=False)
    files["documentation.md"] = single_page(name, pages)
    files[MARKER] = _MARKER_TEXT
    return files


def publish_site(
    pages: Sequence[Page],
    model: CodeModel,
    output: Path,
    *,
    files: SiteFiles | None = None,
    binaries: Mapping[str, Path | Callable[[], Path | None]] | None = None,
) -> Path:
    """Write the site to `output` (replacing a previous CodeDoc output) and return its path.

    `files` are the site's files already rendered by `render_site_files` (a cached run passes them);
    `binaries` are files copied in as they are (the retrieval index `ask.sqlite`), or functions
    called once the other files are written that return such a file, or None to leave it out —
    work that finishes elsewhere meanwhile (the index's own process) is waited for as late as possible."""
    output = Path(output).absolute()
    _check_target(output)
    files = files if files is not None else render_site_files(pages, model)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.codedoc-new-", dir=output.parent))
        staging.chmod(0o755)  # mkdtemp's 0700 would make the published site private to this user
    except OSError as error:
        raise OutputError(f"cannot create the output folder {output}: {error.strerror or error}") from error
    try:
        _write_all(staging, files)
        for relative, binary in (binaries or {}).items():
            source = binary() if callable(binary) else binary
            if source is not None:
                shutil.copyfile(source, staging / relative)
        _swap_in(staging, output)
    except OSError as error:
        raise OutputError(f"cannot write the documentation to {output}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output


def is_codedoc_output(folder: Path) -> bool:
    """True for a folder a previous CodeDoc run wrote."""
    if (folder / MARKER).is_file():
        return True
    # Outputs from before the marker existed still have this shape.
    return (folder / "codedoc.json").is_file() and (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir()


def _check_target(output: Path) -> None:
    if output.is_symlink():
        raise OutputError(f"{output} is a symbolic link; give a real folder to write the documentation to")
    if not output.exists():
        return
    if not output.is_dir():
        raise OutputError(f"{output} exists and is not a folder; choose another output path")
    if any(output.iterdir()) and not is_codedoc_output(output):
        raise OutputError(
            f"{output} is not empty and was not written by CodeDoc; refusing to overwrite it. "
            "Choose an empty or new folder."
        )


def _check_pages(pages: Sequence[Page]) -> None:
    seen: set[str] = set()
    for page in pages:
        path = PurePosixPath(page.path)
        if path.is_absolute() or ".." in path.parts or "\\" in page.path or path.suffix != ".md" or page.path in seen:
            raise OutputError(f"refusing to write a page at an unsafe or repeated path: {page.path!r}")
        seen.add(page.path)


def _write_all(folder: Path, files: SiteFiles) -> None:
    for relative, content in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def _swap_in(staging: Path, output: Path) -> None:
    """Rename `staging` to `output`; a previous output is moved aside first and removed after."""
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.codedoc-old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except OSError:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
