"""DingTalk Stream mode (dingtalk-stream SDK): the bot connects out to DingTalk, so no public URL is needed.

The SDK's DingTalkStreamClient is used with two changes, both forced by how it is written:
- `open_connection` posts to a URL fixed at import time (DINGTALK_OPENAPI_ENDPOINT) with no timeout and
  logs the answer on failure; here it posts to ZHANGFANG_DINGTALK_API_BASE_URL + /v1.0/gateway/connections/open
  through the shared session (timeout, retries) and logs no ticket or secret;
- `start` in the SDK swallows CancelledError and logs the connection ticket; here the loop reconnects with
  backoff, stops when its task is cancelled (server shutdown), and relies on websockets' own pings.
Frames are still routed by the SDK (`background_task` → `route_message` → handler → ACK frame).
The handler ACKs a bot message at once and answers afterwards in a worker thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_plus

import requests
import websockets
from dingtalk_stream import AckMessage, ChatbotHandler, ChatbotMessage, Credential, DingTalkStreamClient
from dingtalk_stream.frames import CallbackMessage
from dingtalk_stream.version import VERSION_STRING

from adapters.common.http import http_session, install_log_redaction, post_json
from adapters.dingtalk.responder import Responder
from bot.delivery import DeliveryError

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
OPEN_PATH = "/v1.0/gateway/connections/open"
MAX_BACKOFF = 60.0
DRAIN_SECONDS = 20.0


class BotHandler(ChatbotHandler):
    """Bot messages (topic /v1.0/im/bot/messages/get): ACK now, answer in a worker thread."""

    def __init__(self, responder: Responder) -> None:
        super().__init__()
        self.responder = responder
        self._answering: set[asyncio.Task] = set()

    async def process(self, callback: CallbackMessage) -> tuple[int, str]:
        data = callback.data if isinstance(callback.data, dict) else {}
        message = await asyncio.to_thread(self.responder.accept, data)
        if message is not None:
            task = asyncio.get_running_loop().create_task(asyncio.to_thread(self.responder.answer, message))
            self._answering.add(task)
            task.add_done_callback(self._answering.discard)
        return AckMessage.STATUS_OK, "OK"

    async def drain(self, timeout: float = DRAIN_SECONDS) -> None:
        """Let answers already being written finish (on shutdown), up to `timeout` seconds."""
        if self._answering:
            await asyncio.wait(set(self._answering), timeout=timeout)


class StreamClient(DingTalkStreamClient):
    def __init__(self, client_id: str, client_secret: str, *, api_base_url: str,
                 session: requests.Session | None = None) -> None:
        super().__init__(Credential(client_id, client_secret), logger=log)
        self.open_url = api_base_url.rstrip("/") + OPEN_PATH
        self.session = session or http_session()

    def subscriptions(self) -> list[dict[str, str]]:
        topics = [{"type": "EVENT", "topic": "*"}] if self._is_event_required else []
        return topics + [{"type": "CALLBACK", "topic": topic} for topic in self.callback_handler_map]

    def open_connection(self) -> dict[str, Any] | None:
        body = {"clientId": self.credential.client_id, "clientSecret": self.credential.client_secret,
                "subscriptions": self.subscriptions(), "ua": f"zhangfang dingtalk-stream/{VERSION_STRING}",
                "localIp": ""}
        try:
            answer = post_json(self.session, self.open_url, body, "dingtalk open connection")
        except DeliveryError as exc:
            log.warning("dingtalk stream: %s", exc)
            return None
        if not answer.get("endpoint") or not answer.get("ticket"):
            log.warning("dingtalk stream: the open-connection answer has no endpoint/ticket")
            return None
        return answer

    async def start(self) -> None:
        """Connect, serve frames, reconnect with backoff; ends when cancelled, after answers in flight are sent."""
        try:
            await self._run()
        finally:
            for handler in self.callback_handler_map.values():
                if isinstance(handler, BotHandler):
                    await handler.drain()

    async def _run(self) -> None:
        self.pre_start()
        delay = 1.0
        while True:
            connection = await asyncio.to_thread(self.open_connection)
            if connection is not None:
                uri = f"{connection['endpoint']}?ticket={quote_plus(connection['ticket'])}"
                try:
                    await self._serve(uri)
                    delay = 1.0
                except (OSError, websockets.exceptions.WebSocketException) as exc:
                    log.warning("dingtalk stream: connection lost (%s)", type(exc).__name__)
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF)

    async def _serve(self, uri: str) -> None:
        async with websockets.connect(uri, open_timeout=15, ping_interval=30) as websocket:
            self.websocket = websocket
            log.info("dingtalk stream: connected")
            try:
                await self._frames(websocket)
            except asyncio.CancelledError:
                await websocket.close()  # a clean goodbye to the gateway on shutdown
                raise

    async def _frames(self, websocket: Any) -> None:
        pending: set[asyncio.Task] = set()
        async for raw in websocket:
            try:
                frame = json.loads(raw)
            except ValueError:
                log.warning("dingtalk stream: a frame that is not JSON was skipped")
                continue
            task = asyncio.get_running_loop().create_task(self.background_task(frame))
            pending.add(task)
            task.add_done_callback(pending.discard)


def build_stream_client(app: App, responder: Responder | None = None) -> StreamClient:
    settings = app.settings
    if not (settings.dingtalk_client_id and settings.dingtalk_client_secret):
        raise ValueError("DingTalk needs ZHANGFANG_DINGTALK_CLIENT_ID and ZHANGFANG_DINGTALK_CLIENT_SECRET")
    install_log_redaction(__name__)
    client = StreamClient(settings.dingtalk_client_id, settings.dingtalk_client_secret.get_secret_value(),
                          api_base_url=settings.dingtalk_api_base_url)
    client.register_callback_handler(ChatbotMessage.TOPIC, BotHandler(responder or Responder(app)))
    return client
