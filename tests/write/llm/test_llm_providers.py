"""The real `anthropic` and `openai` clients against the fake server, through one interface."""

from __future__ import annotations

import json

import pytest
from llm_fixtures import RecordedSleep, settings_for

from codedoc.write.llm.providers import ChatRequest, ProviderCallError, make_provider, parse_retry_after
from codedoc.write.llm.retry import RetryPolicy, call_with_retries, provider_slots
from codedoc.write.llm.streaming import stream_chat
from fakes.llm_server import FakeLLMServer, FakeReply

REQUEST = ChatRequest(model="some-model", system="be brief", user="summarise this", max_output_tokens=50)


def test_anthropic_answer_and_usage(server: FakeLLMServer) -> None:
    server.script(FakeReply(text="hello", cached_input_tokens=1))
    answer = make_provider(settings_for(server.url)).complete(REQUEST)
    assert answer.text == "hello"
    assert answer.cached_input_tokens == 1
    assert answer.input_tokens + answer.cached_input_tokens == server.input_tokens
    assert answer.output_tokens == server.output_tokens
    (request,) = server.requests
    assert (request.protocol, request.system, request.prompt) == ("anthropic", "be brief", "summarise this")
    # Client versions differ in how they send the key; either way it is the configured one.
    assert "test-key" in (request.headers.get("x-api-key", ""), request.headers.get("authorization", "")[7:])


def test_openai_uses_its_output_parameter_and_json_mode(server: FakeLLMServer) -> None:
    answer = make_provider(settings_for(server.url, provider="openai")).complete(REQUEST)
    assert answer.output_tokens == server.output_tokens
    body = server.requests[0].body
    assert body["max_completion_tokens"] == 50
    assert body["response_format"] == {"type": "json_object"}
    assert server.requests[0].system == "be brief"


def test_gemini_speaks_the_openai_protocol_with_its_key(server: FakeLLMServer) -> None:
    make_provider(settings_for(server.url, provider="gemini")).complete(REQUEST)
    request = server.requests[0]
    assert request.protocol == "openai"
    assert request.body["max_tokens"] == 50
    assert request.headers["authorization"] == "Bearer test-key"


def test_openai_compatible_server_is_not_asked_for_json_mode(server: FakeLLMServer) -> None:
    make_provider(settings_for(server.url, provider="openai-compatible")).complete(REQUEST)
    assert "response_format" not in server.requests[0].body


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_rate_limit_is_transient_with_retry_after(server: FakeLLMServer, provider: str) -> None:
    server.script(FakeReply.rate_limited("7"))
    with pytest.raises(ProviderCallError) as caught:
        make_provider(settings_for(server.url, provider=provider)).complete(REQUEST)
    assert caught.value.transient and caught.value.retry_after == 7.0 and caught.value.status == 429


@pytest.mark.parametrize(("status", "transient"), [(500, True), (529, True), (401, False), (400, False)])
def test_status_errors_say_whether_to_retry(server: FakeLLMServer, status: int, transient: bool) -> None:
    server.script(FakeReply(status=status))
    with pytest.raises(ProviderCallError) as caught:
        make_provider(settings_for(server.url)).complete(REQUEST)
    assert caught.value.transient is transient


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_streamed_calls_fail_as_the_others_do(server: FakeLLMServer, provider: str) -> None:
    """Streaming goes through the same error translation: rate limits wait, a refused key does not retry."""
    server.script(FakeReply.rate_limited("7"), FakeReply(status=401))
    settings = settings_for(server.url, provider=provider)
    with pytest.raises(ProviderCallError) as limited:
        list(stream_chat(settings, REQUEST))
    assert limited.value.transient and limited.value.retry_after == 7.0 and limited.value.status == 429
    with pytest.raises(ProviderCallError, match="API key was refused") as refused:
        list(stream_chat(settings, REQUEST))
    assert not refused.value.transient


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_streamed_slow_answer_times_out_as_transient(server: FakeLLMServer, provider: str) -> None:
    server.script(FakeReply(delay=30))
    with pytest.raises(ProviderCallError, match="timed out") as caught:
        list(stream_chat(settings_for(server.url, provider=provider, timeout=1.0), REQUEST))
    assert caught.value.transient


def test_slow_answer_times_out_as_transient(server: FakeLLMServer) -> None:
    server.script(FakeReply(delay=30))
    with pytest.raises(ProviderCallError, match="timed out") as caught:
        make_provider(settings_for(server.url, provider="openai", timeout=1.0)).complete(REQUEST)
    assert caught.value.transient


def test_unreachable_server_is_transient() -> None:
    with pytest.raises(ProviderCallError, match="cannot connect") as caught:
        make_provider(settings_for("http://127.0.0.1:9")).complete(REQUEST)
    assert caught.value.transient


def test_retries_wait_what_retry_after_says_then_succeed(server: FakeLLMServer, sleep: RecordedSleep) -> None:
    server.script(FakeReply.rate_limited("3"), FakeReply.server_error(), FakeReply(text="ok"))
    outcome = call_with_retries(
        make_provider(settings_for(server.url)),
        REQUEST,
        policy=RetryPolicy(max_attempts=4, base_delay=1.0),
        slots=provider_slots("t", server.url, 1),
        sleep=sleep,
    )
    assert outcome.answer is not None and outcome.answer.text == "ok"
    assert outcome.attempts == 3
    assert sleep.waits[0] == 3.0
    assert 1.0 <= sleep.waits[1] <= 2.0  # second try after a 500: jittered backoff of up to 2 x 1s


def test_retry_after_longer_than_allowed_is_not_waited_for(server: FakeLLMServer, sleep: RecordedSleep) -> None:
    server.script(FakeReply.rate_limited("3600"))
    outcome = call_with_retries(
        make_provider(settings_for(server.url)),
        REQUEST,
        policy=RetryPolicy(max_backoff=60),
        slots=provider_slots("t", server.url, 1),
        sleep=sleep,
    )
    assert outcome.answer is None and outcome.error is not None
    assert "asked to wait 3600s" in str(outcome.error)
    assert sleep.waits == [] and server.calls == 1


def test_client_errors_are_not_retried(server: FakeLLMServer, sleep: RecordedSleep) -> None:
    server.script(FakeReply(status=400))
    outcome = call_with_retries(
        make_provider(settings_for(server.url)),
        REQUEST,
        policy=RetryPolicy(),
        slots=provider_slots("t", server.url, 1),
        sleep=sleep,
    )
    assert outcome.attempts == 1 and server.calls == 1 and sleep.waits == []


def test_retry_after_as_http_date() -> None:
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:30 GMT"}, now=1445412500.0) == 10.0
    assert parse_retry_after({"retry-after-ms": "1500"}) == 1.5
    assert parse_retry_after({"retry-after": "soon"}) is None


SCHEMA = {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]}


def test_anthropic_structured_answer_comes_from_a_forced_tool_call(server: FakeLLMServer) -> None:
    server.script(FakeReply.summary("From the tool."))
    request = ChatRequest("m", "be brief", "summarise", 50, schema=SCHEMA, schema_name="summary")
    answer = make_provider(settings_for(server.url)).complete(request)
    assert json.loads(answer.text) == {"summary": "From the tool."}
    body = server.requests[0].body
    assert body["tool_choice"] == {"type": "tool", "name": "summary"}
    assert body["tools"][0]["input_schema"] == SCHEMA


def test_anthropic_text_is_used_when_the_model_ignores_the_tool(server: FakeLLMServer) -> None:
    server.script(FakeReply(text="Plain prose instead."))
    request = ChatRequest("m", "be brief", "summarise", 50, schema=SCHEMA)
    assert make_provider(settings_for(server.url)).complete(request).text == "Plain prose instead."


def test_openai_asks_for_its_json_schema_response_format(server: FakeLLMServer) -> None:
    request = ChatRequest("m", "be brief", "summarise", 50, schema=SCHEMA, schema_name="summary")
    make_provider(settings_for(server.url, provider="openai")).complete(request)
    response_format = server.requests[0].body["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["schema"] == SCHEMA


def test_local_server_is_not_sent_a_response_format_it_may_not_know(server: FakeLLMServer) -> None:
    request = ChatRequest("m", "be brief", "summarise", 50, schema=SCHEMA)
    make_provider(settings_for(server.url, provider="openai-compatible")).complete(request)
    assert "response_format" not in server.requests[0].body


_GARBLED_200 = [
    "<html><body>502 Bad Gateway</body></html>",  # a proxy's error page with status 200
    '{"unexpected": "shape"}',  # JSON, but not the API's
    '{"content": null, "choices": null, "usage": null}',
    "",
]


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
@pytest.mark.parametrize("body", _GARBLED_200)
def test_a_garbled_200_is_a_provider_error_not_a_crash(server: FakeLLMServer, provider: str, body: str) -> None:
    """Whatever a 200 carries, the caller gets `ProviderCallError` (the page falls back), never a stray exception."""
    server.script(FakeReply(raw_body=body))
    try:
        answer = make_provider(settings_for(server.url, provider=provider)).complete(REQUEST)
    except ProviderCallError as error:
        assert "unexpected answer" in str(error) and not error.transient
    else:
        # A client library may read an empty shape as an empty answer; that is an answer, checked downstream.
        assert answer.text == ""


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
@pytest.mark.parametrize("body", _GARBLED_200)
def test_a_garbled_streamed_200_is_a_provider_error(server: FakeLLMServer, provider: str, body: str) -> None:
    server.script(FakeReply(raw_body=body))
    try:
        items = list(stream_chat(settings_for(server.url, provider=provider), REQUEST))
    except ProviderCallError as error:
        assert "unexpected answer" in str(error)
    else:
        assert all(not getattr(item, "text", "") for item in items)
