"""Streamed answers from the same providers and official clients as `providers.py`.

`stream_chat(settings, request)` yields the answer's text as it arrives and, last, a
`ChatAnswer` with the whole text and the tokens the provider reported (zero when a local server
reports none: counted as nothing rather than guessed). Errors leave as `ProviderCallError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codedoc.write.llm.providers import (
    ChatAnswer,
    ChatRequest,
    anthropic_answer,
    anthropic_client,
    anthropic_errors,
    anthropic_messages,
    openai_answer,
    openai_client,
    openai_errors,
    openai_messages,
)
from codedoc.write.llm.registry import WireProtocol
from codedoc.write.llm.settings import LLMSettings

StreamItem = str | ChatAnswer


def stream_chat(settings: LLMSettings, request: ChatRequest) -> Iterator[StreamItem]:
    if settings.spec.protocol is WireProtocol.ANTHROPIC:
        return _anthropic(settings, request)
    return _openai(settings, request)


def _anthropic(settings: LLMSettings, request: ChatRequest) -> Iterator[StreamItem]:
    client = anthropic_client(settings)
    parts: list[str] = []
    with anthropic_errors(settings.provider), client.messages.stream(**anthropic_messages(request)) as stream:
        for text in stream.text_stream:
            parts.append(text)
            yield text
        answer = anthropic_answer("".join(parts), stream.get_final_message().usage)
    yield answer


def _openai(settings: LLMSettings, request: ChatRequest) -> Iterator[StreamItem]:
    client = openai_client(settings)
    parts: list[str] = []
    usage: Any = None
    with openai_errors(settings.provider):
        chunks = client.chat.completions.create(
            **openai_messages(settings, request), stream=True, stream_options={"include_usage": True}
        )
        for chunk in chunks:
            if chunk.usage is not None:
                usage = chunk.usage
            for choice in chunk.choices or []:
                text = choice.delta.content if choice.delta is not None else None
                if text:
                    parts.append(text)
                    yield text
    yield openai_answer("".join(parts), usage)
