"""One walk through every ask tool with a real MCP client session, shared by the stdio and HTTP tests."""

from __future__ import annotations

import json
from typing import Any

from mcp import ClientSession

from codedoc.ask.mcp_tools import MAX_OUTPUT_CHARS

TOOLS = {"search", "read_page", "find_symbol", "get_source", "list_routes", "list_commands", "list_settings", "ask"}
REFUSED_PATHS = ["../../etc/passwd", "/etc/passwd", "netkit/../../../etc/passwd", "passwd_link", "C:/Windows/win.ini"]


def _text(result: Any) -> str:
    assert result.content, result
    text: str = result.content[0].text
    assert len(text) <= MAX_OUTPUT_CHARS + 200  # bounded
    return text


async def _json(session: ClientSession, tool: str, arguments: dict[str, Any]) -> Any:
    result = await session.call_tool(tool, arguments)
    assert not result.is_error, (tool, _text(result))
    return json.loads(_text(result))


async def exercise(session: ClientSession) -> dict[str, Any]:
    """Call every tool; return what the caller may check further."""
    await session.initialize()
    listed = await session.list_tools()
    assert {tool.name for tool in listed.tools} == TOOLS

    found = await _json(session, "search", {"question": "which adapter does a session use for a URL?", "limit": 5})
    assert 1 <= len(found["results"]) <= 5
    assert all("citation" in hit or "page" in hit for hit in found["results"])
    assert any(hit.get("symbol") == "netkit.sessions.Session.get_adapter" for hit in found["results"])

    pages = await _json(session, "read_page", {})
    assert pages["pages"]
    page = await _json(session, "read_page", {"path": pages["pages"][0]["path"]})
    assert page["markdown"].startswith("#")

    symbols = await _json(session, "find_symbol", {"name": "get_adapter"})
    symbol = symbols["symbols"][0]
    assert symbol["location"] == "netkit/sessions.py:13-18"
    assert symbol["signature"].startswith("def get_adapter")
    assert symbol["docstring"] == "Return the adapter whose prefix matches the URL."

    source = await _json(session, "get_source", {"path": "netkit/sessions.py", "start_line": 13, "end_line": 18})
    assert source["citation"] == "netkit/sessions.py:13-18"
    assert "def get_adapter" in source["text"]
    big = await _json(session, "get_source", {"path": "netkit/sessions.py", "start_line": 1, "end_line": 100_000})
    assert big["citation"].startswith("netkit/sessions.py:1-")

    settings = await _json(session, "list_settings", {})
    assert any(item["name"] == "NETKIT_MAX_RETRIES" for item in settings["settings"])
    assert settings["settings"][0]["location"].startswith("netkit/retry.py:")
    assert (await _json(session, "list_routes", {}))["total"] == 0
    assert "commands" in await _json(session, "list_commands", {"limit": 5})

    answer = await _json(session, "ask", {"question": "where are retries configured?"})
    assert answer.get("results") or answer.get("answer")

    for path in REFUSED_PATHS:
        refused = await session.call_tool("get_source", {"path": path})
        assert refused.is_error, path
        assert "root:" not in _text(refused)
    for bad in ({"question": ""}, {"question": "x" * 5000}, {"question": "q", "limit": 10_000}):
        assert (await session.call_tool("search", bad)).is_error
    return {"search": found}
