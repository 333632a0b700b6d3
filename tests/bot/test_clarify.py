"""Asking back between two readings, through the whole answer path on the sample firm (bot.conversation.handle):
the reply names both readings, each button answers one of them, and nothing is answered before the asker picks."""

from __future__ import annotations

from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.reply import Reply

ADMIN = "杜萍"


def ask(app, text: str, action: str | None = None) -> Reply:
    return handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=ADMIN, text=text, action=action))


def test_two_readings_are_asked_back_and_each_button_answers_one(sample_app) -> None:
    reply = ask(sample_app, "上个月新签客户的签约额是多少")  # a count of new clients, or the signed amount?
    assert reply.intent == "unknown" and reply.data["items"] == [] and reply.data["value"] is None
    assert set(reply.data["choices"]) == {"new_clients", "signed"}
    assert "您是想问" in reply.text and "签约金额" in reply.text and "新签客户" in reply.text
    answered = {ask(sample_app, "", action=action.value).intent for action in reply.actions}
    assert answered == {"new_clients", "signed"}


def test_late_or_all_missing_documents_asked_back_keeps_the_difference(sample_app) -> None:
    reply = ask(sample_app, "资料到期的客户")  # due: past it, or every one still open?
    assert set(reply.data.get("choices", [])) == {"documents_late", "documents_missing"}
    assert ['"late_only":true' in a.value for a in reply.actions] == [True, False]
    late, every = (ask(sample_app, "", action=a.value) for a in reply.actions)
    assert late.intent == every.intent == "documents_missing"
    assert len(late.data["items"]) < len(every.data["items"])  # the sample firm has pending documents not yet late


def test_english_asker_is_asked_back_in_english(sample_app) -> None:
    reply = ask(sample_app, "how much did we sign in new clients last month")
    if reply.data.get("choices"):
        assert "Did you mean" in reply.text
    else:
        assert reply.intent in ("new_clients", "signed", "unknown")


def test_a_wording_no_rule_knows_is_answered_through_the_classifier(sample_app) -> None:
    reply = ask(sample_app, "到目前为止逾期的客户有哪些")
    assert reply.intent == "overdue_clients" and reply.data["items"]


def test_an_action_is_not_answered_as_a_question(sample_app) -> None:
    reply = ask(sample_app, "收到明远贸易转账5000元")
    assert reply.intent != "collected" and not reply.data.get("items")


def test_out_of_scope_and_chit_chat_say_what_can_be_asked(sample_app) -> None:
    weather, hello = ask(sample_app, "明天会下雨吗"), ask(sample_app, "早上好")
    assert weather.intent == hello.intent == "unknown"
    assert "只能查事务所自己的数据" in weather.text and weather.suggestions
    assert hello.text.startswith("你好")
