"""`codedoc serve`, `codedoc worker` and `codedoc db upgrade`: the service from the command line."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from codedoc.service.settings import ServiceSettings


def _settings() -> ServiceSettings:
    from pydantic import ValidationError

    from codedoc.service.logs import configure_logging
    from codedoc.service.settings import ServiceSettings

    try:
        settings = ServiceSettings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in error.errors())
        raise click.ClickException(f"invalid settings: {problems}") from None
    configure_logging(log_format=settings.log_format, level=settings.log_level)
    return settings


def _display_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):  # noqa: S104 - shown to the user, not bound
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--no-worker", is_flag=True, help="Serve the API only; run `codedoc worker` elsewhere.")
def serve_command(host: str, port: int, no_worker: bool) -> None:
    """Run the API (and, unless --no-worker, a worker) in this process."""
    import uvicorn

    from codedoc.service.api.app import create_app
    from codedoc.service.context import ServiceContext

    settings = _settings()
    try:
        context = ServiceContext.from_settings(settings)
    except Exception as error:
        raise click.ClickException(f"cannot start the service: {error}") from None
    app = create_app(context=context, run_worker=not no_worker)
    try:
        # Bind first, so the address printed is the real one (also with --port 0).
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    except OSError as error:
        context.close()
        raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from None
    bound = sock.getsockname()[1]
    mode = "API only" if no_worker else f"API + worker ({settings.workers} job threads)"
    click.echo(f"CodeDoc {mode} on http://{_display_host(host)}:{bound}  (API docs: /docs)", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="on"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        context.close()


@click.command("worker")
def worker_command() -> None:
    """Run jobs from the queue until interrupted (as many workers as you like, on any machine)."""
    from codedoc.service.context import ServiceContext
    from codedoc.service.worker import Worker

    settings = _settings()
    try:
        context = ServiceContext.from_settings(settings)
    except Exception as error:
        raise click.ClickException(f"cannot start the worker: {error}") from None
    try:
        Worker(context, embedded=False).run_forever()
    finally:
        context.close()


@click.group("db")
def db_group() -> None:
    """The job database."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Migrate to this revision.")
def db_upgrade(revision: str) -> None:
    """Create or migrate the job database (serve and worker also do this on start)."""
    from codedoc.service.db import create_db_engine
    from codedoc.service.db.migrate import current_revision, upgrade

    settings = _settings()
    engine = create_db_engine(settings.resolved_database_url)
    try:
        upgrade(engine, revision)
        click.echo(f"database at revision {current_revision(engine)}")
    finally:
        engine.dispose()


@db_group.command("current")
def db_current() -> None:
    """Print the database's migration revision."""
    from codedoc.service.db import create_db_engine
    from codedoc.service.db.migrate import current_revision

    engine = create_db_engine(_settings().resolved_database_url)
    try:
        click.echo(current_revision(engine) or "empty (run: codedoc db upgrade)")
    finally:
        engine.dispose()
