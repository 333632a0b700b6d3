"""What the write path relies on besides the targets: questions back that can be stored and offered as buttons,
scope in every choice, the language of the reply, and the messages that are never actions."""

from __future__ import annotations

import json

from bot.understand.actions import understand_action
from domain.actions.commands import RecordPayment, Undo
from domain.scope import Viewer
from tests.bot.understand.actions.firm import TODAY


def test_an_ambiguous_client_offers_every_client_that_fits(act) -> None:
    result = act("收到天成转账3000元")
    assert result.needs.kind == "ambiguous_client" and result.needs.intent == "record_payment"
    assert sorted(label for label, _ in result.needs.choices) == [
        "上海天成建筑工程有限公司", "上海天成电子商务有限公司", "杭州天成贸易有限公司"]
    assert {value for _, value in result.needs.choices} == {"103", "104", "105"}
    assert result.needs.partial == {"amount": "3000", "method": "银行转账"}


def test_choices_never_show_a_client_outside_the_askers_scope(act) -> None:
    # 秦霞 sees only 上海天成电子商务 among the three 天成: no question, that one
    result = act("收到天成转账3000元", as_="qin")
    assert result.command == RecordPayment(client_id=104, amount=3000, method="银行转账")


def test_a_number_outside_scope_is_unknown_and_named_back(act) -> None:
    result = act("FP100401 已付", as_="wang")
    assert (result.needs.kind, result.needs.part) == ("missing_part", "invoice")
    assert result.needs.partial == {"not_found": ["FP100401"]}


def test_every_question_back_can_be_stored_as_json(act) -> None:
    for text in ("收到明远贸易转账", "华信科技续约了", "华信科技10月的发票收到了", "明远贸易的银行流水收到了",
                 "明远贸易说会付款", "明远贸易反馈：报表很清楚", "收到明远贸易3000和2000", "华信科技转给张三负责"):
        result = act(text)
        assert result is not None and result.needs is not None, text
        json.dumps({"partial": result.needs.partial, "choices": result.needs.choices})


def test_the_reply_language_follows_the_words_not_the_names(act) -> None:
    assert act("reassign Acme to 王芳").language == "en"
    assert act("Acme付了3600").language == "zh"
    assert act("明远贸易 paid 5000 today").language == "en"
    assert act("撤销").language == "zh" and act("undo").language == "en"


def test_undo_needs_no_target(act) -> None:
    assert act("撤回刚才的操作").command == Undo()


def test_a_client_contact_is_never_read_as_staff_acting(action_app) -> None:
    contact = Viewer(kind="contact", name="李娜", client_id=108, contact_id=1)
    with action_app.session() as session:
        assert understand_action("已付款5000", today=TODAY, viewer=contact, index=action_app.extras["action_index"],
                                 session=session) is None


def test_input_that_is_not_a_sentence_is_not_an_action(act) -> None:
    assert act("") is None
    assert act("收到明远贸易转账5000元" * 30) is None  # longer than any action sentence
    assert act("   ") is None


def test_the_routes_gate_lets_a_statement_through_and_keeps_a_yes_no_question_out() -> None:
    """bot/routes.py asks `might_be_action` before opening a session: "资料都齐了" is the action, "资料齐了吗 / 齐了没 /
    has … sent everything?" asks (documents_missing, bot/understand/decide.whether_documents_in)."""
    from bot.understand.actions import might_be_action

    staff = Viewer(kind="staff", name="杜萍", staff_id=1)
    assert might_be_action("华信科技10月资料都齐了", staff)
    for question in ("华信科技10月的资料交齐了吗", "明远贸易的资料齐了没", "明远贸易资料交没交齐",
                     "has Huaxin sent everything for October?", "has Huaxin sent everything for October"):
        assert not might_be_action(question, staff), question
