"""Docstrings for undocumented code: plan what the code model lacks, write it, insert it losslessly.

run = add_docstrings(checkout, model)          # nothing is written yet
apply_changes(checkout, run.changes)           # the CLI: into the working tree
unified_patch(run.changes)                     # or a patch for `git apply`
run.files()                                    # path → new bytes, for a pull request
"""

from __future__ import annotations

from codedoc.docstrings.patch import unified_patch
from codedoc.docstrings.plan import Target, plan_docstrings
from codedoc.docstrings.python_insert import UnsafeEdit
from codedoc.docstrings.run import (
    AddedDocstring,
    DocRequest,
    DocstringRun,
    DocstringWriter,
    FileChange,
    OfflineDocstrings,
    add_docstrings,
    apply_changes,
)
from codedoc.docstrings.text import DocText, ParamDoc, PythonStyle, RaiseDoc

__all__ = [
    "AddedDocstring",
    "DocRequest",
    "DocText",
    "DocstringRun",
    "DocstringWriter",
    "FileChange",
    "OfflineDocstrings",
    "ParamDoc",
    "PythonStyle",
    "RaiseDoc",
    "Target",
    "UnsafeEdit",
    "add_docstrings",
    "apply_changes",
    "plan_docstrings",
    "unified_patch",
]
