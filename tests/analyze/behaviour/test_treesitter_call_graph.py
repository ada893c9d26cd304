"""Call graphs of JavaScript/TypeScript, Go, Java and Rust fixtures, from the tree-sitter parse."""

from __future__ import annotations

from pathlib import Path

from codedoc.acquire import Checkout
from codedoc.analyze import analyze
from codedoc.model import CodeModel
from codedoc.scan import scan
from repos import make_repo


def _model(files: dict[str, str | bytes], root: Path) -> CodeModel:
    repo = make_repo(files, root)
    return analyze(Checkout(repo, "repo"), scan(repo))


def _edges(model: CodeModel) -> set[tuple[str, str, str | None]]:
    return {(call.caller, call.callee, call.branch) for call in model.calls}


def test_javascript_imports_this_methods_and_constructors(tmp_path: Path) -> None:
    model = _model(
        {
            "package.json": '{"name": "srv", "version": "1.0.0"}',
            "lib/util.js": "export function helper(x) {\n  return x + 1;\n}\n",
            "lib/server.js": (
                'import { helper } from "./util";\n'
                "export class Worker {\n  run() { return 1; }\n}\n"
                "export class Server {\n"
                "  start(port) {\n"
                "    if (port > 0) { this.listen(port); }\n"
                "    for (const x of [1]) { new Worker(x); }\n"
                "  }\n"
                "  listen(p) { return helper(p); }\n"
                "}\n"
            ),
        },
        tmp_path / "js",
    )
    edges = _edges(model)
    server = next(m for m in model.modules if m.path == "lib/server.js").name
    util = next(m for m in model.modules if m.path == "lib/util.js").name
    assert (f"{server}.Server.start", f"{server}.Server.listen", "if") in edges
    assert (f"{server}.Server.start", f"{server}.Worker", "loop") in edges
    assert (f"{server}.Server.listen", f"{util}.helper", None) in edges


def test_go_calls_across_files_of_a_package_and_through_imports(tmp_path: Path) -> None:
    model = _model(
        {
            "go.mod": "module example.com/app\n\ngo 1.22\n",
            "store/store.go": "package store\n\nfunc Open() *DB {\n\treturn &DB{}\n}\n\ntype DB struct{}\n",
            "server/server.go": (
                'package server\n\nimport "example.com/app/store"\n\ntype Server struct{}\n\n'
                "func (s *Server) Start() {\n\tif true {\n\t\ts.listen()\n\t}\n\tstore.Open()\n}\n"
            ),
            "server/listen.go": "package server\n\nfunc (s *Server) listen() {\n\tsetup()\n}\n\nfunc setup() {}\n",
        },
        tmp_path / "go",
    )
    edges = _edges(model)
    assert ("example.com/app/server.Server.Start", "example.com/app/server.Server.listen", "if") in edges
    assert ("example.com/app/server.Server.Start", "example.com/app/store.Open", None) in edges
    assert ("example.com/app/server.Server.listen", "example.com/app/server.setup", None) in edges


def test_java_implicit_this_and_constructors(tmp_path: Path) -> None:
    model = _model(
        {
            "src/main/java/com/acme/Engine.java": (
                "package com.acme;\n\npublic class Engine {\n"
                "  public void run() {\n    prepare();\n    Part p = new Part();\n  }\n"
                "  private void prepare() {}\n}\n"
            ),
            "src/main/java/com/acme/Part.java": "package com.acme;\n\npublic class Part {\n}\n",
        },
        tmp_path / "java",
    )
    engine = next(m for m in model.modules if m.path.endswith("Engine.java")).name
    assert (f"{engine}.Engine.run", f"{engine}.Engine.prepare", None) in _edges(model)


def test_rust_self_methods_and_associated_functions(tmp_path: Path) -> None:
    model = _model(
        {
            "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n',
            "src/lib.rs": (
                "pub struct App {}\n\nimpl App {\n"
                "    pub fn new() -> Self {\n        App {}\n    }\n"
                "    pub fn run(&self) {\n        let a = App::new();\n        self.step();\n    }\n"
                "    fn step(&self) {}\n}\n"
            ),
        },
        tmp_path / "rust",
    )
    lib = next(m for m in model.modules if m.path == "src/lib.rs").name
    edges = _edges(model)
    assert (f"{lib}.App::run", f"{lib}.App::new", None) in edges
    assert (f"{lib}.App::run", f"{lib}.App::step", None) in edges


def test_go_interfaces_are_extension_points_implemented_by_method_sets(tmp_path: Path) -> None:
    model = _model(
        {
            "go.mod": "module example.com/app\n\ngo 1.22\n",
            "render/render.go": (
                "package render\n\ntype Render interface {\n\tRender(w int) error\n\tContentType() string\n}\n\n"
                "type JSON struct{}\n\nfunc (j JSON) Render(w int) error {\n\treturn nil\n}\n\n"
                'func (j JSON) ContentType() string {\n\treturn "json"\n}\n\n'
                "type Half struct{}\n\nfunc (h Half) Render(w int) error {\n\treturn nil\n}\n"
            ),
        },
        tmp_path / "go",
    )
    point = next(p for p in model.extension_points if p.base == "example.com/app/render.Render")
    assert point.implementations == ("example.com/app/render.JSON",)
    assert set(point.required) == {"example.com/app/render.Render.Render", "example.com/app/render.Render.ContentType"}
    assert any(i.structural and i.child == "example.com/app/render.JSON" for i in model.inheritance)


def test_typed_locals_fields_and_parameters_resolve_method_calls(tmp_path: Path) -> None:
    model = _model(
        {
            "src/main/java/com/acme/Engine.java": (
                "package com.acme;\n\npublic class Engine {\n  private Part part;\n"
                "  public void run() {\n    Part p = new Part();\n    p.fit();\n    part.fit();\n  }\n}\n"
            ),
            "src/main/java/com/acme/Part.java": "package com.acme;\n\npublic class Part {\n  public void fit() {}\n}\n",
            "web/app.js": (
                "import { Pool } from './pool';\nexport class App {\n"
                "  constructor() { this.pool = new Pool(); }\n"
                "  run() { const p = new Pool(); p.open(); this.pool.close(); }\n}\n"
            ),
            "web/pool.js": "export class Pool {\n  open() { return 1; }\n  close() { return 0; }\n}\n",
            "go.mod": "module example.com/app\n\ngo 1.22\n",
            "srv/s.go": (
                "package srv\n\ntype Server struct{}\n\nfunc (s *Server) Start() {}\n\nfunc (s *Server) Stop() {}\n\n"
                "func Run(x *Server) {\n\ty := &Server{}\n\ty.Start()\n\tx.Stop()\n}\n\n"
                "type App struct {\n\tserver *Server\n}\n\nfunc (a *App) Serve() {\n\ta.server.Start()\n}\n"
            ),
        },
        tmp_path / "typed",
    )
    edges = {(call.caller, call.callee) for call in model.calls}
    assert ("com.acme.Engine.Engine.run", "com.acme.Part.Part") in edges  # same package, no import
    fits = [c for c in model.calls if c.callee == "com.acme.Part.Part.fit"]
    assert [c.location.start_line for c in fits] == [7, 8]  # a typed local, then a field without `this.`
    assert ("web/app.App.run", "web/pool.Pool.open") in edges
    assert ("web/app.App.run", "web/pool.Pool.close") in edges  # `this.pool = new Pool()` in the constructor
    assert ("example.com/app/srv.Run", "example.com/app/srv.Server.Start") in edges  # `y := &Server{}`
    assert ("example.com/app/srv.Run", "example.com/app/srv.Server.Stop") in edges  # `x *Server`
    assert ("example.com/app/srv.App.Serve", "example.com/app/srv.Server.Start") in edges  # a struct field
    assert model.call_graph is not None and model.call_graph.unresolved == 0


def test_typescript_annotated_parameters_fields_and_parameter_properties_resolve(tmp_path: Path) -> None:
    model = _model(
        {
            "package.json": '{"name": "svc", "version": "1.0.0"}',
            "src/users.ts": (
                "export class UserService {\n  load(id: string): string { return id; }\n"
                "  save(): void {}\n}\n"
                "export class AuditLog {\n  write(): void {}\n}\n"
            ),
            "src/app.ts": (
                'import { AuditLog, UserService } from "./users";\n'
                "export function show(svc: UserService, log?: AuditLog | null) {\n"
                "  svc.load('1');\n  log.write();\n}\n"
                "export class Controller {\n"
                "  private audit: AuditLog;\n"
                "  constructor(private readonly users: UserService) {}\n"
                "  handle(): void {\n    this.users.save();\n    this.audit.write();\n  }\n"
                "}\n"
                "const router = { write() {} };\n"
                "export class Other {\n  private router: AuditLog;\n"
                "  run(): void { router.write(); }\n}\n"
            ),
        },
        tmp_path / "ts",
    )
    edges = {(call.caller, call.callee) for call in model.calls}
    assert ("src/app.show", "src/users.UserService.load") in edges  # an annotated parameter
    assert ("src/app.show", "src/users.AuditLog.write") in edges  # optional, `| null`
    assert ("src/app.Controller.handle", "src/users.UserService.save") in edges  # a parameter property
    assert ("src/app.Controller.handle", "src/users.AuditLog.write") in edges  # an annotated field
    # A bare name is not the field of the same name (only Java reaches fields without `this.`).
    assert not [edge for edge in edges if edge[0] == "src/app.Other.run"]
