"""One small interface over the official clients: `Provider.complete(ChatRequest) -> ChatAnswer`.

Clients are created with their own retries off: `retry.call_with_retries` retries every
provider the same way (honouring `Retry-After`) and counts every attempt. Errors leave this
module as `ProviderCallError`, which says whether trying again may help.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from codedoc.errors import ProviderError
from codedoc.write.llm.registry import WireProtocol
from codedoc.write.llm.settings import LLMSettings


@dataclass(frozen=True, slots=True)
class ChatRequest:
    model: str
    system: str
    user: str
    max_output_tokens: int
    json_answer: bool = True
    """Ask for a JSON object where the endpoint supports it."""
    schema: Mapping[str, Any] | None = None
    """The JSON answer's schema: enforced through tool use (Anthropic) or `json_schema` response
    formats where the endpoint has them; otherwise only JSON mode is asked for."""
    schema_name: str = "answer"


@dataclass(frozen=True, slots=True)
class ChatAnswer:
    text: str
    input_tokens: int
    """Input tokens billed at the full price."""
    output_tokens: int
    cached_input_tokens: int = 0


class ProviderCallError(ProviderError):
    """One request failed. `transient` says whether the same request may succeed later."""

    def __init__(
        self, message: str, *, transient: bool, retry_after: float | None = None, status: int | None = None
    ) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after
        """Seconds the provider asked us to wait, from `Retry-After`/`retry-after-ms`."""
        self.status = status


class Provider(Protocol):
    name: str

    def complete(self, request: ChatRequest) -> ChatAnswer: ...


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from `retry-after-ms`, `retry-after` (seconds or an HTTP date), or None."""
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _is_transient_status(status: int) -> bool:
    return status in (408, 409, 425, 429) or status >= 500


def _status_error(provider: str, status: int, headers: Mapping[str, str]) -> ProviderCallError:
    hints = {
        401: "the API key was refused; check the key's environment variable",
        403: "the API key may not use this model",
        404: "the model or endpoint does not exist; check --model and --llm-base-url",
        429: "rate limited",
    }
    reason = hints.get(status, "server error" if status >= 500 else "request refused")
    return ProviderCallError(
        f"{provider}: HTTP {status} ({reason})",
        transient=_is_transient_status(status),
        retry_after=parse_retry_after(headers),
        status=status,
    )


_MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError, AssertionError)


@contextmanager
def translated_errors(provider: str, sdk: Any, base_error: type[Exception]) -> Iterator[None]:
    """A client library's exceptions (`anthropic` and `openai` share their shape) as `ProviderCallError`."""
    try:
        yield
    except sdk.APIStatusError as error:
        raise _status_error(provider, error.status_code, error.response.headers) from None
    except sdk.APITimeoutError:
        raise ProviderCallError(f"{provider}: the request timed out", transient=True) from None
    except sdk.APIConnectionError as error:
        raise ProviderCallError(f"{provider}: cannot connect ({error})", transient=True) from None
    except base_error as error:
        raise ProviderCallError(f"{provider}: unexpected answer ({error})", transient=False) from None
    except _MALFORMED as error:
        # A 200 whose body is not the API's (a proxy's HTML page, another JSON shape): the client
        # libraries fail on it with their parser's or an assertion's exception, not their own.
        name = type(error).__name__
        message = f"{provider}: unexpected answer (not the API's response format: {name})"
        raise ProviderCallError(message, transient=False) from None


def anthropic_client(settings: LLMSettings) -> Any:
    """The official client with its own retries off."""
    # The client libraries take seconds to import: only a run that uses them pays for it.
    import anthropic

    return anthropic.Anthropic(
        api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout, max_retries=0
    )


def anthropic_errors(provider: str) -> AbstractContextManager[None]:
    import anthropic

    return translated_errors(provider, anthropic, anthropic.AnthropicError)


def anthropic_messages(request: ChatRequest) -> dict[str, Any]:
    """The arguments of a Messages API call every request has."""
    return {
        "model": request.model,
        "max_tokens": request.max_output_tokens,
        "system": request.system,
        "messages": [{"role": "user", "content": request.user}],
    }


def anthropic_answer(text: str, usage: Any) -> ChatAnswer:
    """Cache writes are billed as input; cache reads apart."""
    return ChatAnswer(
        text=text,
        input_tokens=usage.input_tokens + (usage.cache_creation_input_tokens or 0),
        output_tokens=usage.output_tokens,
        cached_input_tokens=usage.cache_read_input_tokens or 0,
    )


def openai_client(settings: LLMSettings) -> Any:
    """The official client with its own retries off (OpenAI, Gemini, local servers)."""
    import openai

    return openai.OpenAI(api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout, max_retries=0)


def openai_errors(provider: str) -> AbstractContextManager[None]:
    import openai

    return translated_errors(provider, openai, openai.OpenAIError)


def openai_messages(settings: LLMSettings, request: ChatRequest) -> dict[str, Any]:
    """The arguments of a Chat Completions call every request has; the output limit under the endpoint's name."""
    return {
        "model": request.model,
        "messages": [{"role": "system", "content": request.system}, {"role": "user", "content": request.user}],
        settings.spec.max_tokens_param: request.max_output_tokens,
    }


def openai_answer(text: str, usage: Any) -> ChatAnswer:
    """Cached prompt tokens apart; a local server that reports no usage counts nothing rather than a guess."""
    if usage is None:
        return ChatAnswer(text=text, input_tokens=0, output_tokens=0)
    details = getattr(usage, "prompt_tokens_details", None)
    cached = (getattr(details, "cached_tokens", 0) or 0) if details is not None else 0
    return ChatAnswer(
        text=text,
        input_tokens=max(0, usage.prompt_tokens - cached),
        output_tokens=usage.completion_tokens,
        cached_input_tokens=cached,
    )


class AnthropicProvider:
    """Anthropic Messages API through the official `anthropic` client."""

    def __init__(self, settings: LLMSettings) -> None:
        self.name = settings.provider
        self._client = anthropic_client(settings)

    def complete(self, request: ChatRequest) -> ChatAnswer:
        extra: dict[str, Any] = {}
        if request.json_answer and request.schema is not None:
            # A forced tool call is Anthropic's structured output: the answer is the tool's input.
            extra["tools"] = [
                {
                    "name": request.schema_name,
                    "description": "Give the answer.",
                    "input_schema": dict(request.schema),
                }
            ]
            extra["tool_choice"] = {"type": "tool", "name": request.schema_name}
        with anthropic_errors(self.name):
            message = self._client.messages.create(**anthropic_messages(request), **extra)
            tool_inputs = [block.input for block in message.content if getattr(block, "type", "") == "tool_use"]
            if tool_inputs:
                text = json.dumps(tool_inputs[0], ensure_ascii=False)
            else:
                text = "".join(getattr(block, "text", "") for block in message.content)
            return anthropic_answer(text, message.usage)


class OpenAIChatProvider:
    """OpenAI Chat Completions through the official `openai` client: OpenAI, Gemini, local servers."""

    def __init__(self, settings: LLMSettings) -> None:
        self.name = settings.provider
        self._settings = settings
        self._client = openai_client(settings)

    def complete(self, request: ChatRequest) -> ChatAnswer:
        spec = self._settings.spec
        extra: dict[str, Any] = {}
        if request.json_answer and request.schema is not None and spec.json_schema:
            extra["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": dict(request.schema), "strict": True},
            }
        elif request.json_answer and spec.json_mode:
            extra["response_format"] = {"type": "json_object"}
        with openai_errors(self.name):
            completion = self._client.chat.completions.create(**openai_messages(self._settings, request), **extra)
            choices = completion.choices or []
            text = (choices[0].message.content or "") if choices else ""
            return openai_answer(text, completion.usage)


_FACTORIES: dict[WireProtocol, Callable[[LLMSettings], Provider]] = {
    WireProtocol.ANTHROPIC: AnthropicProvider,
    WireProtocol.OPENAI: OpenAIChatProvider,
}


def make_provider(settings: LLMSettings) -> Provider:
    return _FACTORIES[settings.spec.protocol](settings)
