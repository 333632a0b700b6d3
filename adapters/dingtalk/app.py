"""DingTalk wiring for bot/server.py: `routes(app)` (HTTP mode) and `background(app)` (Stream mode).

ZHANGFANG_DINGTALK_MODE=stream (the default) runs the Stream client beside the server and mounts no route;
=http mounts POST /dingtalk/callback, where a request must carry `timestamp` (ms) and `sign` headers with
sign = base64(HmacSHA256(appSecret, timestamp + "\\n" + appSecret)) and the timestamp within an hour —
anything else gets 403 and an empty body. A valid message is acknowledged with an empty 200 at once and
answered afterwards through its sessionWebhook; a redelivered msgId is acknowledged and not answered again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from adapters.dingtalk.responder import PLATFORM, Responder
from adapters.dingtalk.signing import now_ms, valid_callback
from adapters.dingtalk.stream import build_stream_client
from bot.failures import busy_response
from bot.http_body import BodyTooLarge, read_capped, too_large
from bot.messages import IncomingMessage
from bot.metrics import count_request

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
PATH = "/dingtalk/callback"
MAX_BODY_BYTES = 64 * 1024


class HttpCallback:
    def __init__(self, app: App, secret: str, responder: Responder | None = None,
                 epoch_ms: Callable[[], int] = now_ms) -> None:
        self.app, self.secret, self.epoch_ms = app, secret, epoch_ms
        self.responder = responder or Responder(app)

    async def receive(self, request: Request) -> Response:
        """The sign (headers only) is checked before a byte of the body is read; the body is capped while it
        streams (413), and must be a JSON object."""
        signed = valid_callback(request.headers.get("timestamp"), request.headers.get("sign"), self.secret,
                                now=self.epoch_ms())
        if not signed:
            return self._refused(403, "bad sign or timestamp")
        try:
            body = await read_capped(request, MAX_BODY_BYTES)
        except BodyTooLarge:
            return self._refused(413, "body too large")
        data = _json_object(body)
        if data is None:
            return self._refused(403, "bad body")
        try:
            message = await run_in_threadpool(self.responder.accept, data)
        except Exception as exc:  # the database could not record it: 503, DingTalk delivers again
            return busy_response(self.app, exc, PLATFORM)  # type: ignore[return-value]
        if message is None:
            return Response(status_code=200)
        return Response(status_code=200, background=BackgroundTask(self.responder.answer, message))

    def _refused(self, status: int, reason: str) -> Response:
        log.warning("dingtalk callback refused (%s)", reason)
        count_request(self.app, PLATFORM, "rejected")
        return too_large() if status == 413 else Response(status_code=status)

    def routes(self) -> list[BaseRoute]:
        return [Route(PATH, self.receive, methods=["POST"])]


def _json_object(body: bytes) -> dict | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def replay(app: App, message: IncomingMessage) -> None:
    """Answer a message accepted before a crash and never answered (bot/inbox.py), through the sessionWebhook
    (valid for a while after the message; an expired one is logged and counted, as live)."""
    Responder(app).answer(message)


def routes(app: App) -> list[BaseRoute]:
    """POST /dingtalk/callback in HTTP mode; nothing in Stream mode."""
    settings = app.settings
    if settings.dingtalk_mode != "http":
        return []
    if settings.dingtalk_client_secret is None:
        raise ValueError("DingTalk HTTP mode needs ZHANGFANG_DINGTALK_CLIENT_SECRET")
    return HttpCallback(app, settings.dingtalk_client_secret.get_secret_value()).routes()


def background(app: App) -> list[Callable[[], Awaitable[None]]]:
    """In Stream mode, one coroutine function the server runs as a task (and cancels on shutdown)."""
    if app.settings.dingtalk_mode != "stream":
        return []
    client = build_stream_client(app)

    async def run_stream() -> None:
        await client.start()

    return [run_stream]
