"""客户联系 群发 (externalcontact/add_msg_template) as the way past a closed 微信客服 window: when WeCom refuses a
client message because the client has not written for 48 hours, and the client is also an external contact of its
owner (客户联系, the owner's WeChat friend through WeCom), the message becomes a 群发 task for the owner — WeCom
sends it only after the owner confirms it in their WeCom app. The outbox still records the message as not sent by
the bot (failed, with a reason naming the task), and the owner is told to confirm it.

Turned on with ZHANGFANG_WECOM_GROUP_SEND_FALLBACK=true; a client without an external userid or an owner without a
WeCom userid is simply left failed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from adapters.wecom.client import WeComClient
from adapters.wecom.outbound import text_content
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
TEXT_LIMIT = 4000


def group_send_task(client: WeComClient, owner: str, external_userid: str, reply: Reply) -> str | None:
    """Create the 群发 task; its msgid, or None when WeCom refused it (logged without detail)."""
    from wechatpy.exceptions import WeChatClientException

    body = {"chat_type": "single", "external_userid": [external_userid], "sender": owner,
            "text": {"content": text_content(reply)[:TEXT_LIMIT]}}
    try:
        answer = client.post("externalcontact/add_msg_template", data=body)
    except WeChatClientException as exc:
        log.warning("wecom add_msg_template refused: errcode %s", exc.errcode)
        return None
    if external_userid in (answer.get("fail_list") or []):
        return None
    return str(answer.get("msgid") or "") or None


def fallback(app: App, client: WeComClient) -> Callable[[str, Reply], str | None]:
    """For kf.send: (external userid, reply) → a sentence for the outbox's reason, or None when there is no way."""

    def turn_into_task(external_userid: str, reply: Reply) -> str | None:
        from bot.clients.who import wecom_owner_of

        owner = wecom_owner_of(app, external_userid)
        if owner is None:
            return None
        msgid = group_send_task(client, owner, external_userid, reply)
        return f"turned into a 群发 task ({msgid}) for {owner} to confirm in WeCom" if msgid else None

    return turn_into_task
