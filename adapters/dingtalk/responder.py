"""One bot message, from either transport (Stream or HTTP), to an answer in the same conversation.

`accept` runs while the platform waits (parse, de-duplicate by msgId) and is quick; `answer` does the slow
part afterwards (the question, then the POSTs to the message's sessionWebhook).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import requests

from adapters.common.http import http_session
from adapters.dingtalk.inbound import parse, to_incoming
from adapters.dingtalk.sender import DingTalkSender, reply_in_session
from adapters.dingtalk.signing import now_ms
from bot.dedup import admit
from bot.delivery import DeliveryError, Destination
from bot.inbox import mark_answered
from bot.messages import IncomingMessage
from bot.metrics import answer, count_delivery, count_request
from bot.reply import Reply
from bot.texts import t

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
PLATFORM = "dingtalk"


class Responder:
    def __init__(self, app: App, session: requests.Session | None = None) -> None:
        self.app = app
        self.session = session or http_session()
        self._media: DingTalkSender | None = None

    def send_media(self, message: IncomingMessage, reply: Reply) -> None:
        """The chart or file after the text; when DingTalk refuses them, a note in the conversation says so."""
        try:
            self.media_sender().send_media(conversation(message), reply)
        except DeliveryError as exc:
            log.warning("dingtalk: chart or file not delivered (%s)", exc)
            note = plain(reply.locale, t(reply.locale, "export_chat.file_not_sent"))
            reply_in_session(self.session, str(message.extras["session_webhook"]), note)

    def media_sender(self) -> DingTalkSender:
        """A sessionWebhook takes text only: charts and files go through the robot OpenAPI (built on first use)."""
        if self._media is None:
            self._media = DingTalkSender(self.app.settings, session=self.session)
        return self._media

    def accept(self, data: dict[str, Any]) -> IncomingMessage | None:
        """The message to answer; None when there is nothing to answer or it is a redelivery."""
        try:
            message = to_incoming(parse(data))
        except (KeyError, TypeError, ValueError, AttributeError):
            message = None
        if message is None:
            count_request(self.app, PLATFORM, "ignored")
            return None
        return message if admit(self.app, PLATFORM, message.message_id, message) else None

    def answer(self, message: IncomingMessage) -> None:
        reply = answer(self.app, message)
        expires = message.extras.get("session_webhook_expires_ms")
        if isinstance(expires, int) and expires < now_ms():
            log.warning("dingtalk: the conversation's sessionWebhook expired before the answer was ready")
            count_delivery(self.app, PLATFORM, ok=False)
            return
        try:
            reply_in_session(self.session, str(message.extras["session_webhook"]), reply)
            if reply.chart is not None or reply.attachment is not None:
                self.send_media(message, reply)
        except DeliveryError as exc:
            log.error("dingtalk: answer not delivered (%s)", exc)
            count_delivery(self.app, PLATFORM, ok=False)
            return
        count_delivery(self.app, PLATFORM, ok=True)
        mark_answered(self.app, PLATFORM, message.message_id)


def conversation(message: IncomingMessage) -> Destination:
    """Where the robot OpenAPI reaches the asker: their one-to-one chat (by staff id) or the group they asked in."""
    staff_id = message.extras.get("sender_staff_id")
    if message.is_direct and staff_id:
        return Destination(platform=PLATFORM, kind="user", address=str(staff_id))
    return Destination(platform=PLATFORM, kind="chat", address=message.chat_id)


def plain(locale: str, text: str) -> Reply:
    return Reply(intent="notice", text=text, locale=locale, source="system")  # type: ignore[arg-type]
