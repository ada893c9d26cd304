"""Framework detectors for the tree-sitter languages, registered in one table by language.

Every detector has the same keyword-only shape (`detectors.protocol.Detector`); adding a framework
is one module and one line here.
"""

from __future__ import annotations

from codedoc.analyze.treesitter.detectors.chi import detect_chi
from codedoc.analyze.treesitter.detectors.cobra import detect_cobra
from codedoc.analyze.treesitter.detectors.entry_points import (
    detect_go_main,
    detect_java_main,
    detect_node_script,
    detect_rust_main,
)
from codedoc.analyze.treesitter.detectors.environment import (
    detect_go_getenv,
    detect_java_getenv,
    detect_process_env,
    detect_rust_env,
)
from codedoc.analyze.treesitter.detectors.express import detect_express
from codedoc.analyze.treesitter.detectors.fastify import detect_fastify
from codedoc.analyze.treesitter.detectors.gin import detect_echo, detect_gin
from codedoc.analyze.treesitter.detectors.koa import detect_koa
from codedoc.analyze.treesitter.detectors.nethttp import detect_net_http
from codedoc.analyze.treesitter.detectors.protocol import Detector
from codedoc.analyze.treesitter.detectors.spring import detect_spring
from codedoc.model import Language

_JAVASCRIPT: tuple[Detector, ...] = (detect_express, detect_koa, detect_fastify, detect_process_env, detect_node_script)

DETECTORS: dict[Language, tuple[Detector, ...]] = {
    Language.JAVASCRIPT: _JAVASCRIPT,
    Language.TYPESCRIPT: _JAVASCRIPT,
    Language.TSX: _JAVASCRIPT,
    Language.GO: (detect_net_http, detect_gin, detect_echo, detect_chi, detect_go_getenv, detect_cobra, detect_go_main),
    Language.JAVA: (detect_spring, detect_java_getenv, detect_java_main),
    Language.RUST: (detect_rust_env, detect_rust_main),
}

__all__ = ["DETECTORS", "Detector"]
