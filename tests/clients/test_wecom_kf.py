"""微信客服 end to end: a client on personal WeChat writes to the firm's kf account; WeCom's callback event (encrypted
by wechatpy) makes the server pull the messages with kf/sync_msg; a file goes through media/get into the same client
pipeline; the answer goes back with kf/send_msg. A reminder for that client after the 48-hour window closed stays in
the outbox as failed with the reason, and the owner is told."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from bot.delivery import Destination
from bot.jobs.draft import Draft
from bot.models import OutboxMessage
from bot.outbox import enqueue
from bot.reply import Reply
from bot.sending import OutboxSender
from tests.adapters.wecom.conftest import DUPING
from tests.bot.jobs.support import at
from tests.chat_ids import bind_chat_ids, contact_named
from tests.clients.conftest import Kit, wecom_kit
from tests.clients.support import PDF, statuses

KF = "wkFIRM0001"
WECHAT_USER = "wmLiNaOnWeChat01"


def _bind_wechat_user(kit: Kit) -> None:
    with kit.app.session() as session:
        bind_chat_ids(session, contact_named(session, "李娜"), wecom=WECHAT_USER)


def _pull(kit: Kit, token: str) -> None:
    assert kit.wecom.post(kit.wecom.side.kf_event_xml(token, KF)) == 200


def test_a_wechat_clients_file_and_question_arrive_through_sync_msg_and_are_answered_by_send_msg(kit: Kit) -> None:
    _bind_wechat_user(kit)
    media_id = kit.wecom.api.add_media(PDF, name="x.pdf")
    _pull(kit, kit.wecom.api.kf_customer_says(KF, WECHAT_USER, media_id=media_id, kind="file"))
    _pull(kit, kit.wecom.api.kf_customer_says(KF, WECHAT_USER, "这是工资表"))
    sent = [m["text"]["content"] for m in kit.wecom.api.kf_sent]
    assert all(m["touser"] == WECHAT_USER and m["open_kfid"] == KF for m in kit.wecom.api.kf_sent)
    assert "是哪一项资料" in sent[0]  # a file without a name or words: the client is asked
    assert "这是工资表" not in sent[1]
    _pull(kit, kit.wecom.api.kf_customer_says(KF, WECHAT_USER, "1"))
    assert statuses(kit.app, kit.client_id)["工资表"] == "received"
    assert "已记为：2026-10 工资表" in kit.wecom.api.kf_sent[-1]["text"]["content"]


def test_a_redelivered_event_processes_each_message_once(kit: Kit) -> None:
    _bind_wechat_user(kit)
    token = kit.wecom.api.kf_customer_says(KF, WECHAT_USER, "我们还有哪些资料没交")
    _pull(kit, token)
    _pull(kit, token)
    assert len(kit.wecom.api.kf_sent) == 1 and "银行对账单" in kit.wecom.api.kf_sent[0]["text"]["content"]


def test_an_unbound_wechat_user_gets_the_polite_reply_and_nothing_is_downloaded(kit: Kit) -> None:
    media_id = kit.wecom.api.add_media(PDF, name="x.pdf")
    _pull(kit, kit.wecom.api.kf_customer_says(KF, "wmStranger", media_id=media_id, kind="file"))
    assert kit.wecom.api.media_gets() == []
    assert "zhangfang bind" in kit.wecom.api.kf_sent[0]["text"]["content"]


def test_a_reminder_after_the_window_closed_is_kept_as_failed_and_the_owner_is_told(kit: Kit) -> None:
    _bind_wechat_user(kit)
    client = kit.wecom.firm.contact_client
    _pull(kit, kit.wecom.api.kf_customer_says(KF, WECHAT_USER, "你好"))
    reminder = Draft(key="document_chase|client:1|2026-11-25", kind="document_chase", client_facing=True,
                     destination=Destination(platform="wecom", kind="user", address=f"kf:{KF}:{WECHAT_USER}"),
                     recipient=client, subject=client, reply=Reply(intent="document_chase", text="请补交 10月 工资表"))
    kit.wecom.api.now = lambda: time.time() + 49 * 3600  # two days later: the window has closed
    moment = at("2026-11-23", "10:00")  # Monday morning: no quiet hours for client messages
    enqueue(kit.app, [reminder], moment)
    OutboxSender(kit.app).drain(lambda: moment)
    with kit.app.session() as session:
        row = session.execute(select(OutboxMessage).where(OutboxMessage.key == reminder.key)).scalar_one()
    assert row.status == "failed" and "reply window" in (row.last_error or "")
    assert not any("请补交" in m["text"]["content"] for m in kit.wecom.api.kf_sent)
    notice = kit.owner_notices()
    assert f"发给 {client} 的消息" in notice and f"zhangfang outbox retry {row.id}" in notice


@pytest.fixture
def group_send_kit(make_app, tmp_path) -> Iterator[Kit]:
    yield from wecom_kit(make_app, tmp_path / "store", wecom_group_send_fallback=True)


def test_with_the_group_send_fallback_a_closed_window_becomes_a_task_for_the_owner(group_send_kit: Kit) -> None:
    kit = group_send_kit
    _bind_wechat_user(kit)
    kit.wecom.api.external_contacts[DUPING] = {WECHAT_USER}  # 李娜 is 杜萍's external contact (客户联系)
    client = kit.wecom.firm.contact_client
    _pull(kit, kit.wecom.api.kf_customer_says(KF, WECHAT_USER, "你好"))
    kit.wecom.api.now = lambda: time.time() + 49 * 3600
    reminder = Draft(key="dunning|client:1|2026-11-25", kind="dunning", client_facing=True,
                     destination=Destination(platform="wecom", kind="user", address=f"kf:{KF}:{WECHAT_USER}"),
                     recipient=client, subject=client, reply=Reply(intent="dunning", text="INV-0001 尚未付款"))
    moment = at("2026-11-23", "10:00")
    enqueue(kit.app, [reminder], moment)
    OutboxSender(kit.app).drain(lambda: moment)
    [task] = kit.wecom.api.group_send_tasks
    assert (task["sender"], task["external_userid"]) == (DUPING, [WECHAT_USER])
    assert "INV-0001 尚未付款" in task["text"]["content"]
    with kit.app.session() as session:
        row = session.execute(select(OutboxMessage).where(OutboxMessage.key == reminder.key)).scalar_one()
    assert row.status == "failed" and "群发 task" in (row.last_error or "")  # not sent by the bot: kept, explained
    assert "群发 task" in kit.owner_notices()


def test_without_an_external_contact_relationship_no_task_is_made(group_send_kit: Kit) -> None:
    kit = group_send_kit
    _bind_wechat_user(kit)
    _pull(kit, kit.wecom.api.kf_customer_says(KF, WECHAT_USER, "你好"))
    kit.wecom.api.now = lambda: time.time() + 49 * 3600
    client = kit.wecom.firm.contact_client
    reminder = Draft(key="dunning|client:1|2026-11-26", kind="dunning", client_facing=True,
                     destination=Destination(platform="wecom", kind="user", address=f"kf:{KF}:{WECHAT_USER}"),
                     recipient=client, subject=client, reply=Reply(intent="dunning", text="INV-0001 尚未付款"))
    moment = at("2026-11-23", "10:00")
    enqueue(kit.app, [reminder], moment)
    OutboxSender(kit.app).drain(lambda: moment)
    assert kit.wecom.api.group_send_tasks == []
    with kit.app.session() as session:
        row = session.execute(select(OutboxMessage).where(OutboxMessage.key == reminder.key)).scalar_one()
    assert row.status == "failed" and "群发" not in (row.last_error or "")
