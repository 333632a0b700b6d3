"""The optional LLM fallback through the real answer pipeline (issue 9, item 10): a question the rules cannot place
goes from bot.conversation.handle through the Answerer to the real openai client and the local OpenAI-compatible
fake, and the answer is checked for scope, the disclaimer, a timeout and the ask-back on an ambiguous name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from bot.bootstrap import App
from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.reply import Reply
from bot.texts import t
from bot.understand.llm import disclaimer
from bot.understand.llm_tool import TOOL_NAME
from domain.models import Contact, Invoice
from tests.bot.test_llm import API_KEY, _firm
from tests.chat_ids import bind_chat_ids
from tests.fakes.openai_server import FakeOpenAIServer, tool_call

UNPLACEABLE = "谁家老赖账"  # the rules do not place it (checked below): only the model can
CONTACT_SLACK = "U0OUYANG"


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def llm_app(make_app: Callable[..., App], server: FakeOpenAIServer) -> tuple[App, dict[str, int]]:
    app = make_app(llm_base_url=server.api_base, llm_api_key=API_KEY, llm_model="fake-model",
                   llm_timeout_seconds=2.0)
    ids = _firm(app)
    with app.session() as session:
        clients = sorted((k, v) for k, v in ids.items() if "公司" in k or "Ltd" in k)
        for number, (_name, client_id) in enumerate(clients):
            session.add(Invoice(invoice_no=f"L-{number}", client_id=client_id, issued_on=date(2026, 9, 1),
                                due_on=date(2026, 10, 1), amount_cents=100_000 * (number + 1)))
        bind_chat_ids(session, session.query(Contact).one(), slack=CONTACT_SLACK)
    return app, ids


def _chat(app: App, who: str, text: str = "", action: str | None = None, platform: str = "console") -> Reply:
    return handle(app, IncomingMessage(platform=platform, chat_id="", sender_id=who, text=text, action=action))


def test_the_rules_cannot_place_the_question_without_a_model(make_app: Callable[..., App]) -> None:
    app = make_app()
    _firm(app)
    assert _chat(app, "张三丰", UNPLACEABLE).intent == "unknown"


def test_the_models_reading_is_answered_in_the_askers_scope_with_the_disclaimer(
        llm_app: tuple[App, dict[str, int]], server: FakeOpenAIServer) -> None:
    app, _ = llm_app
    server.enqueue(tool_call(TOOL_NAME, {"intent": "overdue_clients"}))
    reply = _chat(app, "张三丰", UNPLACEABLE)
    assert reply.intent == "overdue_clients" and reply.source == "llm" and reply.data["source"] == "llm"
    assert reply.text.endswith(disclaimer("zh"))
    assert {item["client"] for item in reply.data["items"]} == {"上海澄潭精密仪器有限公司", "杭州澄潭贸易有限公司"}
    assert len(server.completions) == 1
    boss = (server.enqueue(tool_call(TOOL_NAME, {"intent": "overdue_clients"})), _chat(app, "周慕白", UNPLACEABLE))[1]
    assert len(boss.data["items"]) == 4  # the admin sees every client: the scope is the asker's, not the model's


def test_a_colleague_named_by_the_model_outside_the_scope_is_not_answered(
        llm_app: tuple[App, dict[str, int]], server: FakeOpenAIServer) -> None:
    app, _ = llm_app
    server.enqueue(tool_call(TOOL_NAME, {"intent": "overdue_clients", "owner_names": ["李四海"]}))
    reply = _chat(app, "张三丰", UNPLACEABLE)
    assert reply.intent == "unknown" and reply.data["items"] == []
    assert "Brightwater" not in reply.text and "青藤" not in reply.text


def test_a_contact_gets_no_staff_answer_from_the_model(llm_app: tuple[App, dict[str, int]],
                                                       server: FakeOpenAIServer) -> None:
    app, _ = llm_app
    server.enqueue(tool_call(TOOL_NAME, {"intent": "overdue_clients"}))
    reply = _chat(app, CONTACT_SLACK, UNPLACEABLE, platform="slack")
    assert reply.text == t("zh", "common.not_for_contacts") and reply.data["items"] == []


def test_a_model_that_does_not_answer_in_time_is_said_to_be_unavailable(llm_app: tuple[App, dict[str, int]],
                                                                         server: FakeOpenAIServer) -> None:
    app, _ = llm_app
    server.default = tool_call(TOOL_NAME, {"intent": "overdue_clients"}, delay=30)
    reply = _chat(app, "张三丰", UNPLACEABLE)
    assert reply.intent == "unknown"
    assert reply.text.startswith(t("zh", "common.llm_unavailable", reason="timeout"))
    assert reply.data["items"] == []


def test_an_ambiguous_name_from_the_model_asks_back_and_the_button_answers(
        llm_app: tuple[App, dict[str, int]], server: FakeOpenAIServer) -> None:
    app, _ = llm_app
    server.enqueue(tool_call(TOOL_NAME, {"intent": "receivable_balance", "client_names": ["澄潭"]}))
    asked = _chat(app, "周慕白", "澄潭那边咋回事啊")  # the rules and the classifier leave it to the model
    assert asked.data["candidates"] == ["上海澄潭精密仪器有限公司", "杭州澄潭贸易有限公司"]
    assert [a.label for a in asked.actions] == asked.data["candidates"]
    [button] = [a for a in asked.actions if a.label == "杭州澄潭贸易有限公司"]
    answered = _chat(app, "周慕白", action=button.value)
    assert answered.intent == "receivable_balance"
    assert answered.data["value"] == 4000.0  # that client's one invoice (¥4,000.00), not the other's (¥2,000.00)
    assert len(server.completions) == 1  # the button answers without asking the model again
