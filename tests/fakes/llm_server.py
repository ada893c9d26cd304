"""A small real HTTP server on loopback that speaks two documented LLM wire protocols.

- Anthropic Messages: `POST /v1/messages` (point `anthropic.Anthropic(base_url=server.url)` at it).
- OpenAI Chat Completions: `POST /v1/chat/completions` (`openai.OpenAI(base_url=server.url + "/v1")`).

Both answer `"stream": true` requests with server-sent events in the documented format.

Each test scripts the answers: `server.script(reply, reply, …)` queues replies used in order,
after which `server.responder(request)` answers (by default a valid JSON summary). The server
counts calls and tokens so tests and benchmarks can compare runs.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class FakeRequest:
    """One request the server received, decoded."""

    protocol: str
    """`anthropic` or `openai`."""
    model: str
    system: str
    prompt: str
    """The user message text."""
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass(frozen=True)
class FakeReply:
    """What the server answers to one request."""

    text: str = ""
    """The assistant's text (for status 200)."""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    raw_body: str | None = None
    """Sent as is instead of a well-formed protocol body."""
    delay: float = 0.0
    """Seconds to hold the answer back (released early when the server stops)."""
    cached_input_tokens: int = 0

    @staticmethod
    def summary(text: str, key_points: list[str] | None = None) -> FakeReply:
        """A well-formed structured answer, as the LLM writer asks for."""
        answer: dict[str, object] = {"summary": text}
        if key_points is not None:
            answer["key_points"] = key_points
        return FakeReply(text=json.dumps(answer))

    @staticmethod
    def rate_limited(retry_after: str = "7") -> FakeReply:
        return FakeReply(status=429, headers={"retry-after": retry_after})

    @staticmethod
    def server_error() -> FakeReply:
        return FakeReply(status=500)


def count_tokens(text: str) -> int:
    """The fake's tokenizer: about four characters a token, like the real ones on English and code."""
    return max(1, (len(text) + 3) // 4)


def default_responder(request: FakeRequest) -> FakeReply:
    """A valid structured answer that differs per prompt, so cached answers can be told apart;
    the wiki's plan and page calls get a good model's plan and page (see `llm_scenarios`)."""
    if request.prompt.startswith(("Plan the wiki", "Write the wiki page")):
        from fakes.llm_scenarios import json_model  # the scenarios build on this module

        return json_model(request)
    digest = hashlib.sha256(request.prompt.encode()).hexdigest()[:8]
    return FakeReply.summary(f"This part of the code was summarised by the fake model (answer {digest}).")


class FakeLLMServer:
    """Start with `with FakeLLMServer() as server:`; `server.url` is the base URL."""

    def __init__(self, responder: Callable[[FakeRequest], FakeReply] = default_responder) -> None:
        self.responder = responder
        self.requests: list[FakeRequest] = []
        self.replies: list[FakeReply] = []
        self.input_tokens = 0
        self.output_tokens = 0
        self.in_flight = 0
        self.max_in_flight = 0
        """Most requests being answered at the same moment."""
        self._queue: deque[FakeReply] = deque()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-llm", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def calls(self) -> int:
        return len(self.requests)

    def script(self, *replies: FakeReply) -> None:
        """Answer the next requests with these replies, in order."""
        with self._lock:
            self._queue.extend(replies)

    def prompts(self) -> list[str]:
        return [request.prompt for request in self.requests]

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()
            self.replies.clear()
            self.input_tokens = self.output_tokens = 0

    def __enter__(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def _answer(self, request: FakeRequest) -> FakeReply:
        with self._lock:
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            reply = self._queue.popleft() if self._queue else None
        try:
            if reply is None:
                reply = self.responder(request)
        finally:
            with self._lock:
                self.in_flight -= 1
        with self._lock:
            self.replies.append(reply)
            if reply.status == 200 and reply.raw_body is None:
                self.input_tokens += count_tokens(request.system + request.prompt)
                self.output_tokens += count_tokens(reply.text)
        if reply.delay:
            self._release.wait(reply.delay)
        return reply


def _text_of(content: object) -> str:
    """Message content is a string or a list of typed blocks in both protocols."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(block.get("text", "")) for block in content if isinstance(block, dict))
    return ""


def _decode(protocol: str, body: dict[str, Any], headers: dict[str, str]) -> FakeRequest:
    messages = body.get("messages") or []
    system = _text_of(body.get("system", "")) if protocol == "anthropic" else ""
    prompt_parts: list[str] = []
    for message in messages:
        if message.get("role") == "system":
            system += _text_of(message.get("content"))
        else:
            prompt_parts.append(_text_of(message.get("content")))
    return FakeRequest(protocol, str(body.get("model", "")), system, "\n".join(prompt_parts), body, headers)


def _forced_tool(body: dict[str, Any]) -> str | None:
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "tool":
        return str(choice.get("name", ""))
    return None


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _anthropic_content(request: FakeRequest, reply: FakeReply) -> tuple[list[dict[str, Any]], str]:
    """A forced tool call answers with a `tool_use` block when the scripted text is a JSON object
    (as the real API does); any other text comes back as a text block, as from a model that ignored it."""
    tool = _forced_tool(request.body)
    data = _json_object(reply.text) if tool else None
    if tool and data is not None:
        return [{"type": "tool_use", "id": "toolu_fake", "name": tool, "input": data}], "tool_use"
    return [{"type": "text", "text": reply.text}], "end_turn"


def _anthropic_body(request: FakeRequest, reply: FakeReply) -> dict[str, Any]:
    content, stop_reason = _anthropic_content(request, reply)
    return {
        "id": f"msg_fake{len(request.prompt)}",
        "type": "message",
        "role": "assistant",
        "model": request.model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            "input_tokens": max(0, count_tokens(request.system + request.prompt) - reply.cached_input_tokens),
            "output_tokens": count_tokens(reply.text),
            "cache_read_input_tokens": reply.cached_input_tokens,
            "cache_creation_input_tokens": 0,
        },
    }


def _openai_body(request: FakeRequest, reply: FakeReply) -> dict[str, Any]:
    prompt_tokens = count_tokens(request.system + request.prompt)
    completion_tokens = count_tokens(reply.text)
    return {
        "id": f"chatcmpl-fake{len(request.prompt)}",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": request.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": reply.cached_input_tokens},
        },
    }


_ERROR_TYPES = {429: "rate_limit_error", 500: "api_error", 529: "overloaded_error", 401: "authentication_error"}


def _error_body(protocol: str, status: int) -> dict[str, Any]:
    kind = _ERROR_TYPES.get(status, "invalid_request_error")
    if protocol == "anthropic":
        return {"type": "error", "error": {"type": kind, "message": f"fake {status}"}}
    return {"error": {"message": f"fake {status}", "type": kind, "code": None}}


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: tests read counts, not logs."""

        def do_POST(self) -> None:
            protocol = {"/v1/messages": "anthropic", "/v1/chat/completions": "openai"}.get(self.path.split("?")[0])
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            if protocol is None:
                self._send(404, {"error": {"message": "no such endpoint"}}, {})
                return
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                self._send(400, _error_body(protocol, 400), {})
                return
            request = _decode(protocol, body, {k.lower(): v for k, v in self.headers.items()})
            reply = server._answer(request)
            if reply.raw_body is not None:
                self._send_raw(reply.status, reply.raw_body.encode(), reply.headers)
            elif reply.status != 200:
                self._send(reply.status, _error_body(protocol, reply.status), reply.headers)
            elif body.get("stream"):
                self._send_stream(_stream_events(protocol, request, reply, body), reply.headers)
            elif protocol == "anthropic":
                self._send(200, _anthropic_body(request, reply), reply.headers)
            else:
                self._send(200, _openai_body(request, reply), reply.headers)

        def _send_stream(self, events: list[str], headers: dict[str, str]) -> None:
            """Server-sent events, then the connection closes (no length is known in advance)."""
            self.close_connection = True
            try:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                for event in events:
                    self.wfile.write(event.encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
            self._send_raw(status, json.dumps(payload).encode(), headers)

        def _send_raw(self, status: int, data: bytes, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                # The client gave up (a timeout test); nothing left to tell it.
                pass

    return Handler


STREAM_PIECE = 7
"""Characters per streamed delta: small, so words and code spans arrive split, as real streams split them."""


def _sse(data: dict[str, Any] | str, event: str | None = None) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    return (f"event: {event}\n" if event else "") + f"data: {text}\n\n"


def _stream_events(protocol: str, request: FakeRequest, reply: FakeReply, body: dict[str, Any]) -> list[str]:
    """A streamed answer in the protocol's documented event format."""
    pieces = [reply.text[i : i + STREAM_PIECE] for i in range(0, len(reply.text), STREAM_PIECE)]
    prompt_tokens = count_tokens(request.system + request.prompt)
    completion_tokens = count_tokens(reply.text)
    if protocol == "anthropic":
        start = {
            "type": "message_start",
            "message": {
                "id": "msg_fakestream",
                "type": "message",
                "role": "assistant",
                "model": request.model,
                "content": [],
                "stop_reason": None,
                "stop_sequence": None,
                "usage": {"input_tokens": prompt_tokens, "output_tokens": 1},
            },
        }
        events = [
            _sse(start, "message_start"),
            _sse(
                {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                "content_block_start",
            ),
            _sse({"type": "ping"}, "ping"),
        ]
        events += [
            _sse(
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}},
                "content_block_delta",
            )
            for piece in pieces
        ]
        events += [
            _sse({"type": "content_block_stop", "index": 0}, "content_block_stop"),
            _sse(
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": completion_tokens},
                },
                "message_delta",
            ),
            _sse({"type": "message_stop"}, "message_stop"),
        ]
        return events
    chunk = {
        "id": "chatcmpl-fakestream",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": request.model,
    }
    events = [
        _sse({**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]})
    ]
    events += [
        _sse({**chunk, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
        for piece in pieces
    ]
    events.append(_sse({**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}))
    if (body.get("stream_options") or {}).get("include_usage"):
        # The documented last chunk: no choices at all, only usage.
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        events.append(_sse({**chunk, "choices": [], "usage": usage}))
    events.append(_sse("[DONE]"))
    return events
