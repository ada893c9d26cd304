"""The ask tools over MCP's streamable HTTP, one endpoint per job: `/api/v1/jobs/{id}/mcp`.

One `MCPServer` (stateless, JSON responses) serves every job. This ASGI endpoint authenticates
the caller exactly like the API (Bearer key → owner; someone else's job is a 404), opens the
job's index and hands it to the tools in the request's scope (`codedoc.ask_index`), where
`mcp_tools.from_request` finds it. The per-user question limit applies to the `ask` tool.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from mcp.server.mcpserver import Context
from mcp.server.transport_security import TransportSecuritySettings
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from codedoc.ask import AskIndex
from codedoc.ask.mcp_tools import build_server, from_request, request_scope
from codedoc.errors import AskError
from codedoc.service.api.deps import owner_of_key
from codedoc.service.api.errors import ApiError
from codedoc.service.ask import AskService

PATH = "/api/v1/jobs/{job_id}/mcp"


class McpEndpoint:
    def __init__(self, ask: AskService) -> None:
        self.ask = ask
        self.server = build_server(from_request, llm=ask.llm, before_ask=self._before_ask)
        # The service checks Host itself, for every route; the SDK's loopback-only default would
        # refuse a service reached by its public name.
        self.server.streamable_http_app(
            stateless_http=True,
            json_response=True,
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        try:
            async with self.server.session_manager.run():
                yield
        finally:
            self.ask.close()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            found = await run_in_threadpool(self._index, scope)
        except ApiError as error:
            body = {"error": {"code": error.code, "message": error.message}}
            await JSONResponse(body, status_code=error.status, headers=error.headers)(scope, receive, send)
            return
        owner, index = found
        scope = {**scope, "codedoc.ask_index": index, "codedoc.owner": owner}
        await self.server.session_manager.handle_request(scope, receive, send)

    def _before_ask(self, ctx: Context) -> None:
        """Questions count against the user's limit; other tools only against the API's."""
        scope = request_scope(ctx)
        client = scope.get("client")
        try:
            self.ask.check_rate(str(scope.get("codedoc.owner", "")), client[0] if client else "?")
        except ApiError as error:
            raise AskError(error.message) from None

    def _index(self, scope: Scope) -> tuple[str, AskIndex]:
        context = self.ask.context
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        given = authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""
        owner = owner_of_key(context, given)
        job_id = str(scope.get("path_params", {}).get("job_id", ""))[:64]
        job = context.state.get(job_id, owner=owner)
        if job is None:
            raise ApiError(404, "not_found", "no such job")
        return owner, self.ask.index(job)
