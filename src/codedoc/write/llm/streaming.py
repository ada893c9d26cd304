"""Streamed answers from the same providers and official clients as `providers.py`.

`stream_chat(settings, request)` yields the answer's text as it arrives and, last, a
`ChatAnswer` with the whole text and the tokens the provider reported (zero when a local server
reports none: counted as nothing rather than guessed). Errors leave as `ProviderCallError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codedoc.write.llm.providers import ChatAnswer, ChatRequest, ProviderCallError, _status_error
from codedoc.write.llm.registry import WireProtocol
from codedoc.write.llm.settings import LLMSettings

StreamItem = str | ChatAnswer


def stream_chat(settings: LLMSettings, request: ChatRequest) -> Iterator[StreamItem]:
    if settings.spec.protocol is WireProtocol.ANTHROPIC:
        return _anthropic(settings, request)
    return _openai(settings, request)


def _anthropic(settings: LLMSettings, request: ChatRequest) -> Iterator[StreamItem]:
    import anthropic

    client = anthropic.Anthropic(
        api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout, max_retries=0
    )
    parts: list[str] = []
    try:
        with client.messages.stream(
            model=request.model,
            max_tokens=request.max_output_tokens,
            system=request.system,
            messages=[{"role": "user", "content": request.user}],
        ) as stream:
            for text in stream.text_stream:
                parts.append(text)
                yield text
            message = stream.get_final_message()
    except anthropic.APIStatusError as error:
        raise _status_error(settings.provider, error.status_code, error.response.headers) from None
    except anthropic.APITimeoutError:
        raise ProviderCallError(f"{settings.provider}: the request timed out", transient=True) from None
    except anthropic.APIConnectionError as error:
        raise ProviderCallError(f"{settings.provider}: cannot connect ({error})", transient=True) from None
    except anthropic.AnthropicError as error:
        raise ProviderCallError(f"{settings.provider}: unexpected answer ({error})", transient=False) from None
    usage = message.usage
    yield ChatAnswer(
        text="".join(parts),
        input_tokens=usage.input_tokens + (usage.cache_creation_input_tokens or 0),
        output_tokens=usage.output_tokens,
        cached_input_tokens=usage.cache_read_input_tokens or 0,
    )


def _openai(settings: LLMSettings, request: ChatRequest) -> Iterator[StreamItem]:
    import openai

    client = openai.OpenAI(
        api_key=settings.api_key, base_url=settings.base_url, timeout=settings.timeout, max_retries=0
    )
    extra: dict[str, Any] = {settings.spec.max_tokens_param: request.max_output_tokens}
    parts: list[str] = []
    usage: Any = None
    try:
        chunks = client.chat.completions.create(
            model=request.model,
            messages=[{"role": "system", "content": request.system}, {"role": "user", "content": request.user}],
            stream=True,
            stream_options={"include_usage": True},
            **extra,
        )
        for chunk in chunks:
            if chunk.usage is not None:
                usage = chunk.usage
            for choice in chunk.choices or []:
                text = choice.delta.content if choice.delta is not None else None
                if text:
                    parts.append(text)
                    yield text
    except openai.APIStatusError as error:
        raise _status_error(settings.provider, error.status_code, error.response.headers) from None
    except openai.APITimeoutError:
        raise ProviderCallError(f"{settings.provider}: the request timed out", transient=True) from None
    except openai.APIConnectionError as error:
        raise ProviderCallError(f"{settings.provider}: cannot connect ({error})", transient=True) from None
    except openai.OpenAIError as error:
        raise ProviderCallError(f"{settings.provider}: unexpected answer ({error})", transient=False) from None
    if usage is None:
        yield ChatAnswer(text="".join(parts), input_tokens=0, output_tokens=0)
        return
    details = getattr(usage, "prompt_tokens_details", None)
    cached = (getattr(details, "cached_tokens", 0) or 0) if details is not None else 0
    yield ChatAnswer(
        text="".join(parts),
        input_tokens=max(0, usage.prompt_tokens - cached),
        output_tokens=usage.completion_tokens,
        cached_input_tokens=cached,
    )
