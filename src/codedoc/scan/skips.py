"""Which folders and files the scan leaves out, and why: one reason string per rule.

Decisions use the name first and, for files, at most the first 8 KB of content — never the
whole file — so a scan of 100k files stays fast.
"""

from __future__ import annotations

import os
import re
from enum import StrEnum


class SkipReason(StrEnum):
    """Keys of `ScanResult.skipped`. A skipped folder counts once, whatever it holds."""

    IGNORED = "ignored"
    """Matched by `.gitignore` or `.git/info/exclude`."""
    VENDORED = "vendored"
    """A dependency, virtualenv, tool cache or build-output folder."""
    SYMLINK = "symlink"
    GENERATED = "generated"
    """Generated code or a lock file."""
    MINIFIED = "minified"
    BINARY = "binary"
    LFS_POINTER = "lfs_pointer"
    ASSET = "asset"
    """Images, fonts, archives, media, compiled objects: skipped by extension."""
    TOO_LARGE = "too_large"
    TOO_MANY_FILES = "too_many_files"
    ODD_NAME = "odd_name"
    """Names with control characters or bytes that are not UTF-8."""
    SPECIAL = "special"
    """FIFOs, sockets, devices."""
    UNREADABLE = "unreadable"


HEAD_BYTES = 8192

_VENDORED_FOLDERS = frozenset(
    {
        "node_modules",
        "bower_components",
        "jspm_packages",
        "vendor",
        "third_party",
        "third-party",
        "thirdparty",
        "venv",
        ".venv",
        "virtualenv",
        "site-packages",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".hypothesis",
        ".eggs",
        ".cache",
        ".parcel-cache",
        ".next",
        ".nuxt",
        ".svelte-kit",
        ".turbo",
        ".angular",
        ".expo",
        ".gradle",
        ".terraform",
        ".serverless",
        ".docusaurus",
        "dist",
        "coverage",
        "htmlcov",
        ".nyc_output",
        ".idea",
        ".vscode",
        ".vs",
        ".svn",
        ".hg",
        ".bzr",
        "Pods",
        "Carthage",
        "DerivedData",
        "elm-stuff",
        "_build",
        "deps",
        ".dart_tool",
        ".pub-cache",
        ".stack-work",
        "zig-cache",
        "zig-out",
    }
)
# Folders that are sometimes source (Go's `build/package`, Elixir's `deps` is handled above)
# and sometimes output: skipped only when what they hold looks generated.
_OUTPUT_MARKERS = {
    "build": frozenset(
        {
            "lib",
            "classes",
            "intermediates",
            "generated",
            "tmp",
            "outputs",
            "reports",
            "kotlin",
            "libs",
            "CMakeFiles",
            "CMakeCache.txt",
            "build.ninja",
            ".ninja_log",
            "asset-manifest.json",
            "index.html",
            "static",
            "bin",
            "obj",
        }
    ),
    "target": frozenset(
        {"CACHEDIR.TAG", ".rustc_info.json", "debug", "release", "classes", "maven-status", "maven-archiver"}
    ),
    "out": frozenset({"production", "artifacts", "classes", "_next"}),
    "bin": frozenset({"Debug", "Release"}),
    "obj": frozenset({"Debug", "Release", "project.assets.json"}),
}
_OUTPUT_PREFIXES = ("lib.", "bdist.", "temp.", "scripts-")

_ASSET_EXTENSIONS = frozenset(
    ".png .jpg .jpeg .gif .bmp .ico .icns .webp .tif .tiff .psd .ai .eps .svg .svgz .heic .avif .xcf .sketch .fig "
    ".ttf .otf .woff .woff2 .eot .fon "
    ".zip .tar .gz .tgz .bz2 .tbz2 .xz .txz .zst .lz .lzma .7z .rar .jar .war .ear .aar .apk .ipa .whl .egg .nupkg "
    ".gem .deb .rpm .msi .dmg .iso .img .cab "
    ".mp3 .mp4 .m4a .m4v .wav .ogg .oga .flac .aac .avi .mov .mkv .webm .wmv .flv .mid .midi "
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .epub "
    ".exe .dll .so .dylib .a .lib .o .obj .ko .class .pyc .pyo .pyd .elc .beam .wasm .bin .dat .out "
    ".db .sqlite .sqlite3 .mdb .npy .npz .pkl .pickle .joblib .h5 .hdf5 .onnx .pt .pth .ckpt .safetensors "
    ".tflite .pb .parquet .avro .orc .feather .arrow .tfrecord .mat .sav .rds "
    ".keystore .jks .p12 .pfx .der .DS_Store".lower().split()
)
_LOCK_FILES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "bun.lockb",
        "bun.lock",
        "poetry.lock",
        "pipfile.lock",
        "pdm.lock",
        "uv.lock",
        "cargo.lock",
        "go.sum",
        "go.work.sum",
        "composer.lock",
        "gemfile.lock",
        "podfile.lock",
        "pubspec.lock",
        "mix.lock",
        "flake.lock",
        "packages.lock.json",
        "gradle.lockfile",
        ".terraform.lock.hcl",
        "deno.lock",
        "package.resolved",
    }
)
_GENERATED_NAMES = re.compile(
    r"(_pb2(_grpc)?\.pyi?|\.pb\.go|\.pb\.gw\.go|_grpc\.pb\.go|\.pb\.(cc|h)|_pb\.[jt]s|"
    r"\.min\.(js|css|mjs)|[.-]bundle\.js|\.chunk\.(js|css)|\.map|\.designer\.cs|\.g\.dart|\.freezed\.dart|"
    r"_generated\.go|\.generated\.[\w]+|zz_generated[\w.]*\.go)$"
)
_GENERATED_HEADER = re.compile(
    rb"code generated .{0,200}do not edit|@generated\b|autogenerated .{0,80}do not (edit|modify)|"
    rb"automatically generated .{0,120}do not (edit|modify)|generated by .{0,120}do not (edit|modify)|"
    rb"this file (is|was) (auto(matically)?[- ]?)?generated",
)
_GENERATED_HEADER_BYTES = 2048
_LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"
_UNICODE_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
_MINIFIED_MIN_BYTES = 4096
_MINIFIED_MEAN_LINE = 1000


def vendored_folder(name: str, path: str) -> bool:
    """True when the folder named `name` at absolute `path` holds dependencies or build output."""
    if name in _VENDORED_FOLDERS or name.endswith(".egg-info"):
        return True
    markers = _OUTPUT_MARKERS.get(name)
    if markers is not None or name in ("env", "venv"):
        try:
            children = set(os.listdir(path))
        except OSError:
            return False
        if "pyvenv.cfg" in children:
            return True
        if markers is not None:
            return bool(children & markers) or any(child.startswith(_OUTPUT_PREFIXES) for child in children)
        return False
    # Any virtualenv, whatever it is called.
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def skip_by_name(name: str) -> SkipReason | None:
    lowered = name.lower()
    if lowered in _LOCK_FILES or _GENERATED_NAMES.search(lowered):
        return SkipReason.GENERATED
    dot = lowered.rfind(".")
    if dot >= 0 and lowered[dot:] in _ASSET_EXTENSIONS:
        return SkipReason.ASSET
    return None


def skip_by_content(head: bytes, size: int) -> SkipReason | None:
    """Decide from the first `HEAD_BYTES` of a file whose total size is `size`."""
    if head.startswith(_LFS_POINTER):
        return SkipReason.LFS_POINTER
    is_wide_unicode = head.startswith(_UNICODE_BOMS)
    if not is_wide_unicode and b"\0" in head:
        return SkipReason.BINARY
    if _GENERATED_HEADER.search(head[:_GENERATED_HEADER_BYTES].lower()):
        return SkipReason.GENERATED
    if not is_wide_unicode and size >= _MINIFIED_MIN_BYTES and _looks_minified(head):
        return SkipReason.MINIFIED
    return None


def _looks_minified(head: bytes) -> bool:
    lines = head.count(b"\n")
    if lines == 0:
        return True
    return len(head) / lines > _MINIFIED_MEAN_LINE
