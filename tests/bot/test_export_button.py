"""The 导出 / Export button: on every answer that shows rows in a table (lists, breakdowns, trends), in the reader's
language, and never on a total, a profile or an empty list. Pressing it exports the list of the message pressed —
every row, run again now — within the presser's own scope: someone else pressing it gets the same question over
the clients they may see, never the asker's rows; a client contact only what a contact may ask."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bot.answer import CONTACT_INTENTS
from bot.bootstrap import App
from bot.conversation import handle
from bot.exporting import CONTACT_LISTS, EXPORT_PREFIX, NOT_ANSWERS, NOT_LISTS
from bot.messages import IncomingMessage
from bot.reply import Reply
from bot.texts import t
from domain.models import ChatIdentity, Contact
from tests.small_firm import SmallFirm, build_small_firm

LINA_SLACK = "U0LINA"


@pytest.fixture
def firm_app(make_app) -> tuple[App, SmallFirm]:
    app = make_app()
    firm = build_small_firm(app)
    with app.session() as session:  # the client contact 李娜, known on Slack
        contact = session.query(Contact).filter(Contact.name == "李娜").one()
        session.add(ChatIdentity(platform="slack", user_id=LINA_SLACK, contact_id=contact.id))
    return app, firm


def ask(app: App, text: str, as_name: str = "杜萍", action: str | None = None) -> Reply:
    return handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=as_name, text=text, action=action))


def export_button(reply: Reply) -> str | None:
    found = [a for a in reply.actions if a.value.startswith(EXPORT_PREFIX)]
    assert len(found) <= 1
    if found:
        assert found[0].label == t(reply.locale, "export_chat.button")
    return found[0].value if found else None


def rows(reply: Reply) -> list[list[object]]:
    assert reply.attachment is not None, reply.text
    sheet = load_workbook(io.BytesIO(reply.attachment.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("question, label", [
    ("哪些客户逾期未付款", "导出"), ("which clients have overdue payments", "Export"),
    ("按负责人统计逾期金额", "导出"), ("overdue amount by owner", "Export"), ("应收账龄", "导出"),
    ("今年每个月的回款", "导出"), ("monthly invoiced this year", "Export"),  # trends
])
def test_lists_breakdowns_and_trends_carry_the_button_in_the_readers_language(firm_app, question: str,
                                                                              label: str) -> None:
    reply = ask(firm_app[0], question)
    assert reply.columns and reply.total_rows
    assert export_button(reply) is not None and reply.actions[-1].label == label


def test_the_button_follows_show_more_and_stays_on_every_page(firm_app) -> None:
    first = ask(firm_app[0], "哪些客户逾期未付款")
    assert [a.label for a in first.actions] == ["显示更多", "导出"]
    second = ask(firm_app[0], "", action=first.actions[0].value)
    assert [a.label for a in second.actions] == ["导出"] and export_button(second) == export_button(first)


@pytest.mark.parametrize("question", ["本月回款多少", "逾期客户有几个", "上海明远01贸易有限公司的客户档案",
                                      "30天内到期的合同", "帮助", "天气怎么样"])
def test_no_button_on_totals_profiles_empty_lists_or_help(firm_app, question: str) -> None:
    assert export_button(ask(firm_app[0], question)) is None


def test_pressing_exports_the_list_of_the_message_pressed_even_after_other_questions(firm_app) -> None:
    app, firm = firm_app
    button = export_button(ask(app, "哪些客户逾期未付款"))
    ask(app, "按负责人统计逾期金额")  # a later list: typed 导出 would export this one
    exported = ask(app, "", action=button)
    assert exported.intent == "export" and exported.attachment.filename.startswith("逾期客户")
    table = rows(exported)
    assert table[0][:2] == ["客户", "负责人"] and sorted(r[0] for r in table[1:]) == sorted(firm.duping_clients)
    assert ask(app, "导出").attachment.filename.startswith("逾期金额")  # the typed export is still the last list


def test_someone_else_pressing_it_gets_only_what_they_may_see(firm_app) -> None:
    app, firm = firm_app
    button = export_button(ask(app, "which clients have overdue payments"))  # 杜萍's 13 clients, in English
    theirs = ask(app, "", as_name="王芳", action=button)
    table = rows(theirs)
    assert theirs.locale == "en" and table[0][0] == "Client"
    assert [r[0] for r in table[1:]] == firm.wangfang_clients  # 王芳's one client, none of 杜萍's


def test_a_client_contact_may_press_only_their_own_lists(firm_app) -> None:
    app, firm = firm_app
    staff_list = export_button(ask(app, "哪些客户逾期未付款"))
    refused = ask(app, "", as_name=f"slack:{LINA_SLACK}", action=staff_list)
    assert refused.attachment is None and refused.text == t("zh", "common.not_for_contacts")
    invoices = ask(app, "我们的发票", as_name=f"slack:{LINA_SLACK}")
    assert invoices.intent == "my_invoices" and export_button(invoices) is not None
    own = rows(ask(app, "", as_name=f"slack:{LINA_SLACK}", action=export_button(invoices)))
    assert [r[0] for r in own[1:]] == [firm.contact_invoice]


def test_a_button_that_no_longer_reads_says_so(firm_app) -> None:
    for value in (f"{EXPORT_PREFIX}zh:{{not json", f"{EXPORT_PREFIX}en:{{\"intent\": \"no_such_intent\"}}"):
        reply = ask(firm_app[0], "", action=value)
        assert reply.attachment is None and reply.text == t("zh" if ":zh:" in value else "en",
                                                             "export_chat.stale_button")
    total = ask(firm_app[0], "", action=f'{EXPORT_PREFIX}zh:{{"intent": "collected"}}')
    assert total.attachment is None and total.text == t("zh", "export_chat.not_a_list")


def test_contact_lists_are_the_contacts_questions_that_have_rows() -> None:
    with_rows = {intent for intent in CONTACT_INTENTS if intent not in NOT_LISTS | NOT_ANSWERS}
    assert with_rows == CONTACT_LISTS
