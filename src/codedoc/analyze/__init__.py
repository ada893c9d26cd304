"""Analysis: per-language extractors and framework detectors → the code model."""

from __future__ import annotations

from codedoc.analyze.orchestrate import analyze

__all__ = ["analyze"]
