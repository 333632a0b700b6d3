"""A local OpenAI-compatible endpoint (POST /v1/chat/completions) for tests of the LLM path.

The real `openai` client (through langchain-openai) talks to it over HTTP, so what is tested is the
request our code really sends and how it copes with what a provider really answers.

    with FakeOpenAIServer() as server:
        server.enqueue(tool_call("ask_client_book", {"intent": "overdue_total"}))
        settings = load_settings(llm_base_url=server.api_base, llm_api_key="sk-test", llm_model="fake")
        ...
        assert server.completions[0].headers["authorization"] == "Bearer sk-test"
"""

from __future__ import annotations

import json
import time
from itertools import count
from typing import Any

from tests.fakes.scripted_server import Recorded, Scripted, ScriptedServer

COMPLETIONS_PATH = "/v1/chat/completions"
_ids = count(1)


class FakeOpenAIServer(ScriptedServer):
    """Scripted answers go to POST /v1/chat/completions; any other path gets a 404 error body."""

    @property
    def api_base(self) -> str:
        return self.base_url + "/v1"

    @property
    def completions(self) -> list[Recorded]:
        return [r for r in self.requests if r.method == "POST" and r.path == COMPLETIONS_PATH]

    def next_answer(self, request: Recorded) -> Scripted:
        if request.method == "POST" and request.path == COMPLETIONS_PATH:
            return super().next_answer(request)
        return Scripted(status=404, body=error_body(f"no route {request.method} {request.path}", "not_found"))


def completion(message: dict[str, Any], finish_reason: str, model: str = "fake-model") -> dict[str, Any]:
    """A chat.completion object with one choice."""
    return {
        "id": f"chatcmpl-fake{next(_ids)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def tool_call(name: str, arguments: dict[str, Any] | str, *, delay: float = 0.0) -> Scripted:
    """The model calls one tool; `arguments` may be a dict (JSON-encoded) or a raw string (possibly broken)."""
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    call = {"id": f"call_fake{next(_ids)}", "type": "function", "function": {"name": name, "arguments": raw}}
    message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return Scripted(body=completion(message, "tool_calls"), delay=delay)


def text_reply(content: str, *, delay: float = 0.0) -> Scripted:
    """The model answers in prose and calls no tool."""
    message = {"role": "assistant", "content": content}
    return Scripted(body=completion(message, "stop"), delay=delay)


def error_body(message: str, kind: str = "server_error") -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": None}}


def server_error(status: int = 500) -> Scripted:
    return Scripted(status=status, body=error_body("internal error"))


def malformed(body: bytes = b'{"id": "chatcmpl-broken", "choices": [') -> Scripted:
    """A 200 whose body is not valid JSON."""
    return Scripted(body=body, headers={"Content-Type": "application/json"})
