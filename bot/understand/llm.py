"""The optional LLM fallback: a question the deterministic parser could not place, read by a model.

Any OpenAI-compatible endpoint (OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama) configured through
Settings.llm_base_url / llm_api_key / llm_model. The model gets the question, today's date and the tool
`ask_client_book` (bot.understand.llm_tool) — never a row of client data, never a secret — and answers with
a tool call, which is checked into the same read-only `Query` the parser produces. The pipeline then
resolves the names it mentions (`bot.understand.llm_names.resolve_names`) and runs it with the asker's scope.

    llm = build_llm(settings)            # None when no endpoint is configured
    outcome = llm.understand("…", today=today, language="zh")
    outcome.query / outcome.error        # error: timeout | bad_response | no_tool_call | http_error | disabled
    outcome = resolve_names(session, viewer, outcome)   # BEFORE executing: names → ids (else "unknown_name")

The whole call, retry included, is bounded by Settings.llm_timeout_seconds. Only the chosen intent (or the
error code) and the latency are logged.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from string import Template
from typing import Any, Literal

import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import SecretStr

from bot.config import Settings
from bot.understand.llm_tool import TOOL_NAME, Mentions, parse_arguments, tool_spec
from domain.queries import Query
from prompts.loader import load_prompt

log = logging.getLogger(__name__)

LlmError = Literal["timeout", "bad_response", "no_tool_call", "http_error", "disabled", "unknown_name"]
MAX_QUESTION_CHARS = 2000
KEYLESS = "not-needed"  # sent to endpoints that need no key (Ollama, vLLM); never the OPENAI_API_KEY variable
LANGUAGES = {"zh": "Simplified Chinese (简体中文)", "en": "English"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class LlmOutcome:
    query: Query | None = None
    error: LlmError | None = None
    mentions: Mentions = field(default_factory=Mentions)  # names still to resolve (see llm_names)


class LlmUnderstanding:
    """Reads one question with the configured model. Thread-safe; the chat client is built on first use."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._model: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def understand(self, text: str, *, today: date, language: str) -> LlmOutcome:
        if not self._settings.llm_enabled:
            return LlmOutcome(error="disabled")
        question = (text or "").strip()[:MAX_QUESTION_CHARS]
        if not question:
            return LlmOutcome(error="no_tool_call")
        started = time.perf_counter()
        outcome = self._read(question, today, language)
        elapsed_ms = (time.perf_counter() - started) * 1000
        if outcome.query is not None:
            log.info("llm understanding: intent=%s latency_ms=%.0f", outcome.query.intent.value, elapsed_ms)
        else:
            log.info("llm understanding: error=%s latency_ms=%.0f", outcome.error, elapsed_ms)
        return outcome

    def close(self) -> None:
        """Stop the worker threads (a call still running is abandoned)."""
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    # -- steps -----------------------------------------------------------------------------------

    def _read(self, question: str, today: date, language: str) -> LlmOutcome:
        try:
            message = self._call(build_messages(question, today, language))
        except (TimeoutError, openai.APITimeoutError):
            return LlmOutcome(error="timeout")
        except openai.APIResponseValidationError:
            return LlmOutcome(error="bad_response")
        except openai.APIError as exc:  # HTTP status errors (after the retry) and connection failures
            log.warning("llm endpoint error: %s", type(exc).__name__)
            return LlmOutcome(error="http_error")
        except (ValueError, TypeError, LookupError, AttributeError) as exc:  # a body that is not a completion
            log.warning("llm response unreadable: %s", type(exc).__name__)
            return LlmOutcome(error="bad_response")
        return read_tool_call(message, question)

    def _call(self, messages: list[BaseMessage]) -> AIMessage:
        """Invoke the model, giving up after llm_timeout_seconds in all (the client's own retry included)."""
        model, pool = self._client()
        future = pool.submit(model.invoke, messages)
        try:
            return future.result(timeout=self._settings.llm_timeout_seconds)
        finally:
            future.cancel()

    def _client(self) -> tuple[Any, ThreadPoolExecutor]:
        with self._lock:
            if self._model is None:
                self._model = _chat_model(self._settings).bind_tools([tool_spec()])
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm")
            return self._model, self._pool


def build_llm(settings: Settings) -> LlmUnderstanding | None:
    """The LLM fallback, or None when no endpoint and model are configured."""
    return LlmUnderstanding(settings) if settings.llm_enabled else None


def build_messages(question: str, today: date, language: str) -> list[BaseMessage]:
    return [SystemMessage(content=system_prompt(today, language)), HumanMessage(content=question)]


def system_prompt(today: date, language: str) -> str:
    return Template(load_prompt("llm/system.md")).substitute(
        today=today.isoformat(),
        weekday=WEEKDAYS[today.weekday()],
        language=LANGUAGES.get(language, LANGUAGES["zh"]),
        intents=load_prompt("llm/intents.md"),
        examples=load_prompt("llm/examples.md"),
    )


def read_tool_call(message: AIMessage, question: str) -> LlmOutcome:
    """The model's answer → a checked Query, or the reason there is none."""
    calls = [call for call in message.tool_calls if call.get("name") == TOOL_NAME]
    if not calls:
        if message.tool_calls or message.invalid_tool_calls:
            return LlmOutcome(error="bad_response")  # another tool, or arguments that are not JSON
        return LlmOutcome(error="no_tool_call")
    try:
        query, mentions = parse_arguments(calls[0]["args"], question)
    except ValueError:  # pydantic's ValidationError included
        return LlmOutcome(error="bad_response")
    return LlmOutcome(query=query, mentions=mentions)


def disclaimer(language: str) -> str:
    """The sentence a reply shows when its question was read by the model (prompts/llm/disclaimer.*.txt)."""
    return load_prompt(f"llm/disclaimer.{'en' if language == 'en' else 'zh'}.txt")


def _chat_model(settings: Settings) -> Any:
    from langchain_openai import ChatOpenAI  # imported on first use: the fallback is optional

    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or SecretStr(KEYLESS),
        timeout=settings.llm_timeout_seconds,
        max_retries=1,
        temperature=0,
        use_responses_api=False,
    )
