"""Walking a checkout: which files to read, their language and category, what to skip."""

from __future__ import annotations

from codedoc.scan.walker import ScanLimits, ScannedFile, ScanResult, read_text, scan

__all__ = ["ScanLimits", "ScanResult", "ScannedFile", "read_text", "scan"]
