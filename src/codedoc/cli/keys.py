"""`codedoc keys rotate`: re-encrypt stored tokens with the newest of CODEDOC_SECRET_KEY's keys."""

from __future__ import annotations

import click


@click.group("keys")
def keys_group() -> None:
    """The keys that encrypt access tokens at rest."""


@keys_group.command("rotate")
def keys_rotate() -> None:
    """Re-encrypt every stored token with the newest key.

    Put a new key first in CODEDOC_SECRET_KEY (keep the old ones after it), restart the service,
    run this, then drop the old keys.
    """
    from codedoc.cli.service import _settings
    from codedoc.service.accounts.rotation import rotate_tokens
    from codedoc.service.crypto import TokenBox, load_or_create_key
    from codedoc.service.db import create_db_engine
    from codedoc.service.db.migrate import upgrade

    settings = _settings()
    keys = settings.secret_key_list() or [load_or_create_key(settings.data_dir / "secret.key")]
    try:
        box = TokenBox(keys)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    engine = create_db_engine(settings.resolved_database_url)
    try:
        upgrade(engine)
        report = rotate_tokens(engine, box)
    finally:
        engine.dispose()
    click.echo(f"{report.rotated} token(s) re-encrypted with the newest key")
    if report.unreadable:
        click.echo(
            f"{report.unreadable} token(s) could not be opened by any current key: "
            "those users must sign in again (or their jobs be submitted again)",
            err=True,
        )
