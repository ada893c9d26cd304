"""`codedoc mcp SITE`: a real MCP client session over stdio, through the official SDK."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import anyio
from ask_questions import NETKIT
from mcp import ClientSession, StdioServerParameters, stdio_client

from codedoc.pipeline import GenerateOptions, generate
from mcp_checks import exercise
from repos import commit_all, make_repo


def documented_netkit(tmp_path: Path) -> Path:
    """NETKIT, with a symbolic link out of the checkout, documented into a site with its index."""
    repo = make_repo(NETKIT, tmp_path / "netkit")
    os.symlink("/etc/passwd", repo / "passwd_link")
    commit_all(repo, "a link out")
    site = tmp_path / "site"
    generate(str(repo), site, GenerateOptions(workers=1))
    assert (site / "ask.sqlite").is_file()
    return site


def test_stdio_session_lists_and_calls_every_tool(tmp_path: Path) -> None:
    site = documented_netkit(tmp_path)
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "codedoc", "mcp", str(site)], env={"CODEDOC_CACHE_DIR": str(tmp_path)}
    )

    async def run() -> None:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await exercise(session)

    anyio.run(run)
