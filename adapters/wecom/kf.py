"""微信客服 (WeCom customer service, "kf"): how clients on personal WeChat reach the firm and hear back.

- WeCom calls the callback URL with an encrypted event `kf_msg_or_event` (a short-lived Token and the OpenKfId);
  the messages themselves are pulled with POST kf/sync_msg (cursor, token, open_kfid, limit), page by page while
  `has_more`. Customers' messages (origin 3: text, image, file, voice) become IncomingMessages — sender the
  external_userid, attachments by media_id (fetched later with media/get) — and go through the same client pipeline
  as every other chat; each msgid is processed once (bot.dedup).
- Replies and the outbox's client messages go out with POST kf/send_msg {touser, open_kfid, msgtype text}. WeCom
  only allows it within 48 hours after the customer's last message, at most 5 messages per customer message; outside
  that window it answers an error: the DeliveryError is not retryable and says so, the outbox keeps the message as
  failed with that reason, and the owner is told (bot/clients/undelivered.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from adapters.wecom.client import WeComClient
from adapters.wecom.outbound import messages
from bot.delivery import DeliveryError
from bot.messages import Attachment, IncomingMessage
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
EVENT = "kf_msg_or_event"
CUSTOMER = 3  # origin: sent by the WeChat customer (4: system event, 5: a servicer in the WeCom app)
MEDIA = ("image", "file", "voice")
BUSY = -1
MAX_PAGES = 50
PREFIX = "kf:"  # a destination address kf:<open_kfid>:<external_userid>


@dataclass(frozen=True)
class KfEvent:
    token: str
    open_kfid: str


def kf_event(fields: dict[str, Any]) -> KfEvent | None:
    if fields.get("MsgType") != "event" or fields.get("Event") != EVENT:
        return None
    return KfEvent(str(fields.get("Token") or ""), str(fields.get("OpenKfId") or ""))


def address(open_kfid: str, external_userid: str) -> str:
    return f"{PREFIX}{open_kfid}:{external_userid}"


def to_incoming(item: dict[str, Any]) -> IncomingMessage | None:
    """A customer's message from sync_msg; None for events, servicers' messages and kinds the bot does not read."""
    user, kfid, kind = str(item.get("external_userid") or ""), str(item.get("open_kfid") or ""), item.get("msgtype")
    if item.get("origin") != CUSTOMER or not user or not kfid:
        return None
    text, attachments = "", []
    if kind == "text":
        text = str((item.get("text") or {}).get("content") or "")
    elif kind in MEDIA and (item.get(kind) or {}).get("media_id"):
        attachments.append(Attachment(platform="wecom", ref=str(item[kind]["media_id"]), kind=str(kind),
                                      declared_type=str(kind)))
    else:
        return None
    return IncomingMessage(platform="wecom", chat_id=address(kfid, user), sender_id=user, text=text.strip(),
                           is_direct=True, message_id=f"kf:{item.get('msgid')}", attachments=attachments,
                           extras={"kf": kfid})


def sync(client: WeComClient, event: KfEvent, cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """Every message since `cursor` (else since the event's token): (messages, the next cursor)."""
    found: list[dict[str, Any]] = []
    for _ in range(MAX_PAGES):
        body: dict[str, Any] = {"open_kfid": event.open_kfid, "limit": 1000}
        if cursor:
            body["cursor"] = cursor
        else:
            body["token"] = event.token
        answer = client.post("kf/sync_msg", data=body)
        found.extend(answer.get("msg_list") or [])
        cursor = answer.get("next_cursor") or cursor
        if not answer.get("has_more"):
            break
    return found, cursor


def send(client: WeComClient, destination_address: str, reply: Reply,
         fallback: Callable[[str, Reply], str | None] | None = None) -> None:
    """kf/send_msg, as plain text pieces. Outside the reply window WeCom refuses: not retryable, reason kept — and,
    with a `fallback` (adapters/wecom/group_send.py), the message becomes a 群发 task the owner confirms."""
    _, open_kfid, user = destination_address.split(":", 2)
    from wechatpy.exceptions import WeChatClientException

    for body in messages(reply, markdown=False):
        try:
            client.post("kf/send_msg", data={"touser": user, "open_kfid": open_kfid, "msgtype": "text",
                                             "text": {"content": body["text"]["content"]}})
        except WeChatClientException as exc:
            code = int(exc.errcode) if exc.errcode is not None else None
            reason = (f"kf/send_msg: errcode {code} — outside the 48-hour / 5-message reply window, "
                      f"or the session is closed")
            task = fallback(user, reply) if fallback is not None and code != BUSY else None
            raise DeliveryError(f"{reason}; {task}" if task else reason, retryable=code == BUSY) from None


class KfDesk:
    """Pulls customers' messages on each callback event and answers them through kf/send_msg."""

    def __init__(self, app: App, client: WeComClient) -> None:
        self.app, self.client = app, client
        self._cursors: dict[str, str] = {}
        self._lock = threading.Lock()  # one pull at a time: the cursor moves in order

    def pull(self, event: KfEvent) -> None:
        from bot.dedup import admit
        from bot.metrics import answer

        with self._lock:
            try:
                items, cursor = sync(self.client, event, self._cursors.get(event.open_kfid))
            except Exception as exc:  # the SDK's errors carry no secret; the next event pulls again
                log.warning("wecom kf sync_msg failed: %s", type(exc).__name__)
                return
            if cursor:
                self._cursors[event.open_kfid] = cursor
        for item in items:
            message = to_incoming(item)
            if message is None or not admit(self.app, "wecom", message.message_id):
                continue
            reply = answer(self.app, message)
            try:
                send(self.client, message.chat_id, reply)
            except DeliveryError as exc:
                log.warning("wecom kf answer not delivered: %s", exc)
