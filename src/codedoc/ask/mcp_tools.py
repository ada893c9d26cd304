"""The ask tools for coding agents, on the official MCP SDK (`MCPServer`): the same for stdio
(`codedoc mcp`) and for the service's streamable HTTP endpoint.

Every input is validated by its annotation (lengths, ranges); every output is JSON text of at
most `MAX_OUTPUT_CHARS`, and every result that comes from the code carries its citation.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

import anyio.to_thread
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from codedoc import __version__
from codedoc.ask.answer import known_names, stream_answer
from codedoc.ask.index import AskIndex
from codedoc.errors import AskError, CodeDocError
from codedoc.write.llm.settings import LLMSettings

MAX_OUTPUT_CHARS = 40_000
MAX_PAGE_CHARS = 30_000

IndexResolver = Callable[[Context], AskIndex]
"""The index a request is about: always the same one on stdio, the job's over HTTP."""

Question = Annotated[str, Field(min_length=1, max_length=1000, description="A question in plain words, or names.")]
Limit = Annotated[int, Field(ge=1, le=25, description="How many results (1-25).")]
Offset = Annotated[int, Field(ge=0, le=1_000_000)]
ListLimit = Annotated[int, Field(ge=1, le=200)]
INSTRUCTIONS = (
    "Answers about one repository at one commit, from CodeDoc's code model and documentation. "
    "Start with `search`; read code with `get_source` (cited line ranges); look names up with "
    "`find_symbol`. Every result cites `path:start-end` at the documented commit."
)


def _bounded(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if len(text) <= MAX_OUTPUT_CHARS:
        return text
    return json.dumps({"truncated": True, "text": text[: MAX_OUTPUT_CHARS - 200]}, ensure_ascii=False)


async def _call(function: Callable[[], Any]) -> str:
    try:
        return _bounded(await anyio.to_thread.run_sync(function))
    except CodeDocError as error:
        raise ToolError(str(error)) from None


def build_server(
    resolve: IndexResolver,
    *,
    llm: Callable[[], LLMSettings | None] = lambda: None,
    before_ask: Callable[[Context], None] = lambda _ctx: None,
    name: str = "codedoc",
) -> MCPServer:
    """The tools over `resolve`'s index; `before_ask` may refuse a question (a rate limit) with AskError."""
    server: MCPServer = MCPServer(name, instructions=INSTRUCTIONS, version=__version__)

    @server.tool(description="Search the repository: sections, symbols, routes, commands, settings and code.")
    async def search(question: Question, ctx: Context, limit: Limit = 8) -> str:
        index = resolve(ctx)
        return await _call(lambda: index.search(question, limit=limit).to_json())

    @server.tool(description="Read a page of the generated documentation; without a path, list the pages.")
    async def read_page(
        ctx: Context,
        path: Annotated[str, Field(max_length=300)] = "",
        offset: Offset = 0,
    ) -> str:
        index = resolve(ctx)

        def run() -> dict[str, Any]:
            if not path:
                return {"pages": [{"path": p, "title": t} for p, t in index.pages()]}
            title, markdown = index.read_page(path)
            piece = markdown[offset : offset + MAX_PAGE_CHARS]
            more = offset + MAX_PAGE_CHARS < len(markdown)
            return {
                "path": path,
                "title": title,
                "markdown": piece,
                "next_offset": offset + len(piece) if more else None,
            }

        return await _call(run)

    @server.tool(
        description="Find a symbol by name or qualified name: signature, docstring, location, callers, callees."
    )
    async def find_symbol(
        name: Annotated[str, Field(min_length=1, max_length=300)],
        ctx: Context,
        limit: Annotated[int, Field(ge=1, le=20)] = 5,
    ) -> str:
        index = resolve(ctx)
        return await _call(lambda: {"symbols": [s.to_json() for s in index.find_symbol(name, limit=limit)]})

    @server.tool(description="Lines of a file of the repository (relative path, at most 400 lines), cited.")
    async def get_source(
        path: Annotated[str, Field(min_length=1, max_length=1024)],
        ctx: Context,
        start_line: Annotated[int, Field(ge=1)] = 1,
        end_line: Annotated[int | None, Field(ge=1)] = None,
    ) -> str:
        index = resolve(ctx)
        return await _call(lambda: index.get_source(path, start_line, end_line).to_json())

    def lister(kind: str) -> Callable[..., Any]:
        async def list_facts(ctx: Context, offset: Offset = 0, limit: ListLimit = 50) -> str:
            index = resolve(ctx)

            def run() -> dict[str, Any]:
                items, total = index.facts(kind, offset=offset, limit=limit)
                for item in items:
                    location = item.pop("location", None) or {}
                    if location:
                        item["location"] = str(
                            index.citation(location["path"], location["start_line"], location["end_line"])
                        )
                return {kind + "s": items, "total": total, "offset": offset}

            return await _call(run)

        return list_facts

    for kind, what in (
        ("route", "HTTP routes"),
        ("command", "CLI commands"),
        ("setting", "settings and environment variables"),
    ):
        server.add_tool(lister(kind), name=f"list_{kind}s", description=f"The repository's {what}, with locations.")

    @server.tool(
        description="Answer a question: written and cited by an LLM when the server has one, "
        "else the best cited results."
    )
    async def ask(question: Question, ctx: Context) -> str:
        index = resolve(ctx)
        try:
            before_ask(ctx)
        except CodeDocError as error:
            raise ToolError(str(error)) from None
        settings = llm()

        def run() -> dict[str, Any]:
            if settings is None:
                result = index.search(question, limit=8).to_json()
                result["note"] = "no LLM is configured: these are the best cited results"
                return result
            events = stream_answer(index, question, settings, known=known_names(index))
            for _piece in events:
                pass
            return events.answer.to_json()

        return await _call(run)

    return server


def fixed(index: AskIndex) -> IndexResolver:
    return lambda _ctx: index


def request_scope(ctx: Context) -> dict[str, Any]:
    request = ctx.request_context.request
    scope: dict[str, Any] = getattr(request, "scope", None) or {}
    return scope


def from_request(ctx: Context) -> AskIndex:
    """The index the service's HTTP wrapper put in the request's scope (see `service.api.mcp`)."""
    index = request_scope(ctx).get("codedoc.ask_index")
    if not isinstance(index, AskIndex):
        raise AskError("this endpoint has no documented job")
    return index
