"""The WeCom self-built app endpoint: GET /wecom/callback (URL verification) and POST /wecom/callback.

WeCom wants an answer within 5 seconds and retries otherwise, so a message is verified, decrypted and
recorded (MsgId, processed once) inside the request, the request is answered with an empty 200 at once,
and the answer is worked out afterwards (a background task in a worker thread) and sent through the app
message API. Staff read markdown and get buttons; everyone else (client contacts, unknown senders,
possibly on the WeChat plug-in) gets plain text.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from adapters.wecom.client import WeComClient, build_client
from adapters.wecom.inbound import MAX_BODY_BYTES, CallbackCrypto, Refused, to_incoming
from adapters.wecom.kf import KfDesk, KfEvent, kf_event
from adapters.wecom.sender import send_to_user
from bot.conversation import resolve_viewer
from bot.dedup import admit
from bot.delivery import DeliveryError
from bot.failures import busy_response
from bot.http_body import BodyTooLarge, read_capped, too_large
from bot.inbox import mark_answered
from bot.messages import IncomingMessage
from bot.metrics import answer, count_delivery, count_request

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
PATH = "/wecom/callback"
PLATFORM = "wecom"


class WeComCallback:
    def __init__(self, app: App, crypto: CallbackCrypto, client: WeComClient | None, agent_id: int | None) -> None:
        self.app, self.crypto, self.client, self.agent_id = app, crypto, client, agent_id

    async def verify(self, request: Request) -> Response:
        try:
            echo = self.crypto.verify_url(request.query_params)
        except Refused as exc:
            log.warning("wecom URL verification refused (%s)", exc)
            count_request(self.app, PLATFORM, "rejected")
            return Response(status_code=403)
        return PlainTextResponse(echo)

    async def receive(self, request: Request) -> Response:
        """The signature parameters and the timestamp window are checked before the body is read; the body is
        capped while it streams (413); then it is verified and decrypted (403 when anything does not hold)."""
        params = dict(request.query_params)
        try:
            self.crypto.check_params(params)
            body = await read_capped(request, MAX_BODY_BYTES)
            message = await run_in_threadpool(self.accept, params, body)
        except BodyTooLarge:
            log.warning("wecom callback refused (body too large)")
            count_request(self.app, PLATFORM, "rejected")
            return too_large()
        except Refused as exc:
            log.warning("wecom callback refused (%s)", exc)
            count_request(self.app, PLATFORM, "rejected")
            return Response(status_code=403)
        except Exception as exc:  # the database could not record it: 503, WeCom delivers again
            return busy_response(self.app, exc, PLATFORM)  # type: ignore[return-value]
        if message is None:
            return Response(status_code=200)
        if isinstance(message, KfEvent):  # 微信客服: pull the customers' messages afterwards (adapters/wecom/kf.py)
            return Response(status_code=200, background=BackgroundTask(self.pull_kf, message))
        return Response(status_code=200, background=BackgroundTask(self.answer, message))

    def pull_kf(self, event: KfEvent) -> None:
        if self.client is None:
            log.error("wecom kf: cannot pull messages, ZHANGFANG_WECOM_SECRET not set")
            return
        self.app.shared("wecom_kf", lambda: KfDesk(self.app, self.client)).pull(event)  # type: ignore[arg-type]

    def accept(self, params: dict[str, str], body: bytes) -> IncomingMessage | KfEvent | None:
        """The message to answer, a 微信客服 event to pull, or None (not answerable, or a retry)."""
        fields = self.crypto.decrypt(params, body)
        event = kf_event(fields)
        if event is not None:
            return event
        message = to_incoming(fields)
        if message is None:
            count_request(self.app, PLATFORM, "ignored")
            return None
        return message if admit(self.app, PLATFORM, message.message_id, message) else None

    def answer(self, message: IncomingMessage) -> None:
        reply = answer(self.app, message)
        if self.client is None or self.agent_id is None:
            log.error("wecom: cannot answer, ZHANGFANG_WECOM_SECRET / ZHANGFANG_WECOM_AGENT_ID not set")
            count_delivery(self.app, PLATFORM, ok=False)
            return
        try:
            send_to_user(self.client, self.agent_id, message.sender_id, reply, markdown=self.reads_markdown(message))
        except DeliveryError as exc:
            log.error("wecom: answer not delivered (%s)", exc)
            count_delivery(self.app, PLATFORM, ok=False)
            return
        count_delivery(self.app, PLATFORM, ok=True)
        mark_answered(self.app, PLATFORM, message.message_id)

    def reads_markdown(self, message: IncomingMessage) -> bool:
        with self.app.session() as session:
            viewer = resolve_viewer(session, PLATFORM, message.sender_id)
        return viewer is not None and viewer.kind == "staff"

    def routes(self) -> list[BaseRoute]:
        return [Route(PATH, self.verify, methods=["GET"]), Route(PATH, self.receive, methods=["POST"])]


def build_callback(app: App, *, client: WeComClient | None = None, crypto: CallbackCrypto | None = None
                   ) -> WeComCallback:
    settings = app.settings
    if crypto is None:
        if not (settings.wecom_corp_id and settings.wecom_token and settings.wecom_aes_key):
            raise ValueError("WeCom needs ZHANGFANG_WECOM_CORP_ID, ZHANGFANG_WECOM_TOKEN and ZHANGFANG_WECOM_AES_KEY")
        crypto = CallbackCrypto(settings.wecom_token.get_secret_value(), settings.wecom_aes_key.get_secret_value(),
                                settings.wecom_corp_id)
    client = client or build_client(settings)
    if client is None or settings.wecom_agent_id is None:
        log.warning("wecom: callback mounted but answers cannot be sent (set ZHANGFANG_WECOM_SECRET and _AGENT_ID)")
    return WeComCallback(app, crypto, client, settings.wecom_agent_id)


def replay(app: App, message: IncomingMessage) -> None:
    """Answer a message accepted before a crash and never answered (bot/inbox.py)."""
    build_callback(app).answer(message)


def routes(app: App) -> list[BaseRoute]:
    """The routes bot/server.py mounts when WeCom is configured."""
    return build_callback(app).routes()
