"""The answer pipeline's own behaviour on the sample firm: help, unknown, ambiguity and its buttons, "show more",
client contacts, languages and formatting. Everything runs through bot.conversation.handle, as every adapter does."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.conversation import handle
from bot.messages import IncomingMessage
from bot.render import MORE_PREFIX
from bot.reply import Reply
from domain.models import ChatIdentity, Client, Contact, Role, Staff

ADMIN = "杜萍"


def ask(app, text: str, as_name: str = ADMIN, action: str | None = None, platform: str = "cli") -> Reply:
    return handle(app, IncomingMessage(platform=platform, chat_id="", sender_id=as_name, text=text, action=action))


def test_help_lists_examples_in_the_askers_language(sample_app) -> None:
    zh, en = ask(sample_app, "帮助"), ask(sample_app, "help")
    assert zh.intent == en.intent == "help"
    assert "逾期" in zh.text and "overdue" in en.text.lower()


def test_unknown_question_says_so_and_suggests_instead_of_guessing(sample_app) -> None:
    reply = ask(sample_app, "紫色的回款在唱歌")
    assert reply.intent == "unknown" and reply.data["items"] == [] and reply.data["value"] is None
    assert "没有理解" in reply.text and reply.suggestions


def test_an_off_topic_request_says_what_can_be_asked(sample_app) -> None:
    # "讲个笑话" was once refused as an unknown client name (its 个 beside unread words); it asks nothing of the firm
    reply = ask(sample_app, "给我讲个笑话")
    assert reply.intent == "unknown" and reply.data["items"] == [] and reply.data["value"] is None
    assert "帮不上忙" in reply.text and reply.suggestions


def test_a_client_nobody_has_is_not_answered_with_another(sample_app) -> None:
    reply = ask(sample_app, "上海不存在科技有限公司的客户档案")
    assert reply.intent == "unknown" and reply.data["items"] == []


def test_reasons_are_explained_where_that_helps(sample_app) -> None:
    assert "一次只问一个问题" in ask(sample_app, "哪些客户逾期未付款？本月回款多少？").text
    assert "少了一个关键条件" in ask(sample_app, "信用等级").text
    assert "暂时还答不了" in ask(sample_app, "上个月的逾期客户").text
    assert "太长" in ask(sample_app, "逾期" * 150).text


def test_the_opposite_of_a_list_is_never_answered_with_that_list(sample_app) -> None:
    for text in ("资料已经全部交齐的客户", "资料都交齐了的客户有哪些"):
        reply = ask(sample_app, text)
        assert reply.intent == "unknown" and reply.data["items"] == []
        assert "相反" in reply.text


def test_empty_question_is_answered_politely(sample_app) -> None:
    reply = ask(sample_app, "   ")
    assert reply.intent == "help" and "帮助" in reply.text


def test_unknown_sender_gets_only_the_registration_hint(sample_app) -> None:
    reply = ask(sample_app, "哪些客户逾期未付款", as_name="U_NOBODY", platform="slack")
    assert reply.intent == "unknown" and reply.data["items"] == []
    assert "zhangfang bind slack U_NOBODY" in reply.text


def test_ambiguous_name_asks_back_and_each_button_answers_for_that_client(sample_app) -> None:
    reply = ask(sample_app, "天成的客户档案")
    assert reply.data["candidates"] and len(reply.actions) == len(reply.data["candidates"]) >= 2
    for action in reply.actions:
        picked = ask(sample_app, "", action=action.value)
        assert picked.intent == "client_profile"
        assert picked.data["items"][0]["client"] == action.label


def test_show_more_pages_through_every_row_once(sample_app) -> None:
    first = ask(sample_app, "哪些客户逾期未付款")
    everyone = [item["client"] for item in first.data["items"]]
    shown = [row[0] for row in first.rows]
    reply = first
    while more := [a.value for a in reply.actions if a.value.startswith(MORE_PREFIX)]:
        reply = ask(sample_app, "", action=more[0])
        shown += [row[0] for row in reply.rows]
    assert shown == everyone and first.total_rows == len(everyone) == 35


def test_money_and_dates_are_formatted_for_people_and_exact_for_scripts(sample_app) -> None:
    reply = ask(sample_app, "逾期总额是多少")
    assert "¥417,000.00" in reply.text and reply.data["value"] == 417000.0
    en = ask(sample_app, "invoices due in the next 7 days")
    assert en.locale == "en" and any("Nov 2026" in cell or "Dec 2026" in cell for row in en.rows for cell in row)


def test_staff_see_only_their_clients_even_when_naming_another(sample_app) -> None:
    everyone = {i["client"] for i in ask(sample_app, "哪些客户逾期未付款").data["items"]}
    mine = {i["client"] for i in ask(sample_app, "哪些客户逾期未付款", as_name="刘建").data["items"]}
    assert mine and mine < everyone
    colleague = ask(sample_app, "秦霞的逾期客户", as_name="刘建").data["items"]
    assert [i["client"] for i in colleague] == []  # 秦霞 is not 刘建's to see: nothing, not his own list again
    # a manager asking about someone on the team gets exactly that colleague's list (equal, not a subset)
    qinxia = [i["client"] for i in ask(sample_app, "秦霞的逾期客户").data["items"]]
    assert qinxia and [i["client"] for i in ask(sample_app, "秦霞的逾期客户", as_name="邹华").data["items"]] == qinxia
    assert [i["client"] for i in ask(sample_app, "秦霞的逾期客户", as_name="黎静").data["items"]] == []


@pytest.fixture
def contact_identity(sample_app):
    with sample_app.session() as session:
        client = session.execute(select(Client).where(Client.name == "深圳长青物流有限公司")).scalar_one()
        contact = session.execute(select(Contact).where(Contact.client_id == client.id)).scalars().first()
        session.add(ChatIdentity(platform="wecom", user_id="wm_test_contact", contact_id=contact.id))
    yield client.name
    with sample_app.session() as session:
        bound = session.execute(select(ChatIdentity).where(ChatIdentity.user_id == "wm_test_contact")).scalar_one()
        session.delete(bound)


def test_a_client_contact_sees_only_its_own_company(sample_app, contact_identity: str) -> None:
    own = ask(sample_app, "我们的发票", as_name="wm_test_contact", platform="wecom")
    assert own.intent == "my_invoices" and own.data["items"]
    staff_question = ask(sample_app, "哪些客户逾期未付款", as_name="wm_test_contact", platform="wecom")
    assert staff_question.data["items"] == [] or {i.get("client") for i in staff_question.data["items"]} <= {
        contact_identity}
    forged = ask(sample_app, "", as_name="wm_test_contact", platform="wecom",
                 action='zf:q:{"intent": "overdue_clients"}')
    assert forged.data["items"] == []


def test_a_client_or_colleague_added_later_is_understood_from_the_next_question(app) -> None:
    with app.session() as session:
        boss = Staff(name=ADMIN, role=Role.admin)
        session.add(boss)
        session.flush()
        session.add(Client(name="上海明远贸易有限公司", short_name="明远", owner_id=boss.id))
    assert ask(app, "明远的客户档案").data["items"][0]["client"] == "上海明远贸易有限公司"  # the name index is built
    with app.session() as session:
        colleague = Staff(name="王芳", role=Role.staff)
        session.add(colleague)
        session.flush()
        session.add(Client(name="杭州华信科技有限公司", short_name="华信科技", owner_id=colleague.id))
    assert ask(app, "华信科技的客户档案").data["items"][0]["client"] == "杭州华信科技有限公司"
    assert ask(app, "王芳负责多少个客户").data["value"] == 1


def test_the_lowest_colleague_is_answered_lowest_first_and_says_so(sample_app) -> None:
    lowest, highest = ask(sample_app, "本月哪个会计回款最少"), ask(sample_app, "本月哪个会计回款最多")
    assert lowest.intent == highest.intent == "staff_ranking"
    low_rows, high_rows = lowest.data["items"], highest.data["items"]
    assert len({r["value"] for r in low_rows}) > 1 and all(isinstance(r["value"], str | int | float) for r in low_rows)
    assert [float(r["value"]) for r in low_rows] == sorted(float(r["value"]) for r in low_rows)
    assert [float(r["value"]) for r in high_rows] == sorted((float(r["value"]) for r in high_rows), reverse=True)
    assert "最低在前" in lowest.text and "最高在前" in highest.text
    assert "lowest first" in ask(sample_app, "who has the lowest collections this month").text


def test_contracts_signed_in_a_month_are_listed_behind_the_amount(sample_app) -> None:
    reply = ask(sample_app, "上个月新签的合同有哪些")
    items = reply.data["items"]
    assert reply.intent == "signed" and items and all(item["contract_no"] for item in items)
    assert round(sum(item["amount"] for item in items), 2) == reply.data["value"]
    assert all("2026-10-01" <= item["signed_date"] <= "2026-10-31" for item in items)
    assert f"共 {len(items)} 份合同" in reply.text and reply.rows
    own = ask(sample_app, "上个月新签的合同有哪些", as_name="刘建").data["items"]
    assert own and {item["owner"] for item in own} == {"刘建"} and len(own) < len(items)
