"""A local fake of DingTalk for adapter tests: its HTTP API, the Stream gateway, and DingTalk calling us.

`FakeDingTalk` (HTTP, on ScriptedServer) answers:
- POST /v1.0/gateway/connections/open — checks clientId/clientSecret, hands out a ticket and the
  websocket endpoint of its `FakeGateway`;
- POST /v1.0/oauth2/accessToken, /v1.0/robot/oToMessages/batchSend, /v1.0/robot/groupMessages/send (msgKey
  sampleMarkdown, sampleImageMsg with an uploaded media_id, sampleFile);
- POST /media/upload?access_token=… — the older API's upload of an image or file (multipart `type`, `media`);
- POST /robot/sendBySession?session=… — a conversation's sessionWebhook (sessions made by `new_session`);
- POST /robot/send?access_token=…[&timestamp=…&sign=…] — custom group robots, the sign checked for robots
  made with a secret (HmacSHA256 over timestamp + "\\n" + secret, within an hour), errcode 310000 otherwise.
`FakeGateway` is a websockets server that accepts the ticketed connection, pushes frames (`push`) and
records the ACK frames the client sends back. `bot_message` builds the JSON DingTalk sends for a bot
message, the same over Stream (as a CALLBACK frame's data) and HTTP mode (as the body).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from tests.fakes.files import Part, multipart
from tests.fakes.scripted_server import Recorded, Scripted, ScriptedServer

ROUTE = Scripted(status=599, body="route by path")
BOT_TOPIC = "/v1.0/im/bot/messages/get"


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll until `predicate()` is truthy (answers arrive from other threads); its value, or AssertionError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("the expected event did not happen in time")


def dingtalk_sign(timestamp: str | int, secret: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class FakeGateway:
    """The Stream gateway's websocket side, on its own event loop in a background thread."""

    def __init__(self, tickets: set[str]) -> None:
        self.tickets = tickets
        self.acks: list[dict[str, Any]] = []
        self.refused = 0
        self.abnormal_closes = 0
        self._clients: list[ServerConnection] = []
        self._loop = asyncio.new_event_loop()
        self._server: Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-gateway", daemon=True)

    @property
    def endpoint(self) -> str:
        assert self._server is not None
        port = next(iter(self._server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/connect"

    def start(self) -> None:
        self._thread.start()
        self._run(self._open())

    def stop(self) -> None:
        if self._server is not None:
            self._run(self._close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    @property
    def connections(self) -> int:
        return len(self._clients)

    def push(self, frame: dict[str, Any]) -> None:
        """Send a frame to every connected client."""
        self._run(self._send(json.dumps(frame, ensure_ascii=False)))

    def drop(self) -> None:
        """Close every client connection, as the gateway does when it rebalances."""
        self._run(self._drop())

    def _run(self, coroutine: Any) -> Any:
        """Run a coroutine on the gateway's loop (coroutine bodies only start there) and wait for it."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    async def _open(self) -> None:
        self._server = await serve(self._serve, "127.0.0.1", 0)

    async def _close(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _drop(self) -> None:
        await asyncio.gather(*(client.close(code=1001, reason="going away") for client in list(self._clients)))

    async def _send(self, text: str) -> None:
        await asyncio.gather(*(client.send(text) for client in list(self._clients)))

    async def _serve(self, websocket: ServerConnection) -> None:
        query = parse_qs(urlsplit(websocket.request.path if websocket.request else "").query)
        if query.get("ticket", [""])[0] not in self.tickets:
            self.refused += 1
            await websocket.close(code=4001, reason="invalid ticket")
            return
        self._clients.append(websocket)
        try:
            async for raw in websocket:
                self.acks.append(json.loads(raw))
        except ConnectionClosed:
            self.abnormal_closes += 1
        finally:
            self._clients.remove(websocket)


class FakeDingTalk(ScriptedServer):
    def __init__(self, client_id: str = "dingfakeclientid", client_secret: str = "fake-client-secret") -> None:
        super().__init__(default=ROUTE)
        self.client_id, self.client_secret = client_id, client_secret
        self.tickets: set[str] = set()
        self.gateway = FakeGateway(self.tickets)
        self.sessions: dict[str, str] = {}  # session token → conversation id
        self.robots: dict[str, str | None] = {}  # access_token → signing secret (None: no 加签)
        self.session_messages: list[dict[str, Any]] = []
        self.robot_messages: list[dict[str, Any]] = []
        self.openapi_messages: list[dict[str, Any]] = []
        self.media: dict[str, Part] = {}  # media_id → the file uploaded (media/upload), in order
        self.media_limit = 20 * 1024 * 1024  # bytes; larger files are refused (errcode 40006), as DingTalk does
        self.live_tokens: set[str] = set()
        self.incoming: dict[str, bytes] = {}  # downloadCode → the bytes of a file or picture a user sent
        self._downloads: dict[str, bytes] = {}  # one-time download path → bytes
        self._state = threading.Lock()

    def start(self) -> FakeDingTalk:
        super().start()
        self.gateway.start()
        return self

    def stop(self) -> None:
        self.gateway.stop()
        super().stop()

    @property
    def api_base(self) -> str:
        return self.base_url

    # -- making things DingTalk would make --------------------------------------------------------------
    def new_session(self, conversation_id: str = "cid-single-1") -> str:
        token = uuid.uuid4().hex
        self.sessions[token] = conversation_id
        return f"{self.base_url}/robot/sendBySession?session={token}"

    def new_robot(self, secret: str | None = None) -> str:
        token = uuid.uuid4().hex
        self.robots[token] = secret
        return f"{self.base_url}/robot/send?access_token={token}"

    def bot_message(self, text: str, *, staff_id: str | None, sender_id: str = "$:LWCP_v1:$fakeSender==",
                    msg_id: str | None = None, group: bool = False) -> dict[str, Any]:
        conversation = "cid-group-1" if group else "cid-single-1"
        now = int(time.time() * 1000)
        data: dict[str, Any] = {
            "conversationId": conversation, "conversationType": "2" if group else "1",
            "chatbotCorpId": "dingcorp", "chatbotUserId": "$:LWCP_v1:$bot==", "msgId": msg_id or uuid.uuid4().hex,
            "senderNick": "someone", "isAdmin": False, "senderId": sender_id,
            "sessionWebhook": self.new_session(conversation), "sessionWebhookExpiredTime": now + 90 * 60 * 1000,
            "createAt": now, "senderCorpId": "dingcorp", "isInAtList": True, "robotCode": self.client_id,
            "msgtype": "text", "text": {"content": f" {text}"},
        }
        if staff_id is not None:
            data["senderStaffId"] = staff_id
        if group:
            data["conversationTitle"] = "财务群"
        return data

    def file_message(self, content: bytes, *, kind: str = "file", name: str = "", staff_id: str | None = None,
                     sender_id: str = "$:LWCP_v1:$fakeSender==", group: bool = False) -> dict[str, Any]:
        """A picture or file message (msgtype picture / file) whose downloadCode the robot API will accept."""
        data = self.bot_message("", staff_id=staff_id, sender_id=sender_id, group=group)
        code = f"dc-{uuid.uuid4().hex}"
        with self._state:
            self.incoming[code] = content
        data.pop("text")
        data["msgtype"] = kind
        data["content"] = {"downloadCode": code, **({"fileName": name} if name else {})}
        if kind == "file":
            data["content"].update(spaceId="space-1", fileId=f"file-{uuid.uuid4().hex[:8]}")
        return data

    def download_requests(self) -> list[Recorded]:
        return [r for r in self.requests if urlsplit(r.path).path == "/v1.0/robot/messageFiles/download"]

    def _files_download(self, query: dict[str, str], request: Recorded) -> Scripted:
        if request.headers.get("x-acs-dingtalk-access-token") not in self.live_tokens:
            return Scripted(status=401, body={"code": "InvalidAuthentication", "message": "token"})
        body = request.json or {}
        with self._state:
            content = self.incoming.get(str(body.get("downloadCode")))
        if body.get("robotCode") != self.client_id or content is None:
            return Scripted(status=400, body={"code": "invalidParameter", "message": "downloadCode"})
        path = f"/download/{uuid.uuid4().hex}"
        with self._state:
            self._downloads[path] = content
        return Scripted(body={"downloadUrl": self.base_url + path})

    def callback_frame(self, data: dict[str, Any], topic: str = BOT_TOPIC) -> dict[str, Any]:
        return {"specVersion": "1.0", "type": "CALLBACK",
                "headers": {"appId": "fake-app", "connectionId": "conn-1", "contentType": "application/json",
                            "messageId": uuid.uuid4().hex, "time": str(int(time.time() * 1000)), "topic": topic},
                "data": json.dumps(data, ensure_ascii=False)}

    # -- routing -----------------------------------------------------------------------------------------
    def next_answer(self, request: Recorded) -> Scripted:
        answer = super().next_answer(request)
        return self.route(request) if answer is ROUTE else answer

    def route(self, request: Recorded) -> Scripted:
        url = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        handlers = {
            "/v1.0/gateway/connections/open": self._open,
            "/v1.0/oauth2/accessToken": self._token,
            "/v1.0/robot/oToMessages/batchSend": self._openapi_send,
            "/v1.0/robot/groupMessages/send": self._openapi_send,
            "/robot/sendBySession": self._session_send,
            "/robot/send": self._robot_send,
            "/media/upload": self._media_upload,
            "/v1.0/robot/messageFiles/download": self._files_download,
        }
        if request.method == "GET" and url.path.startswith("/download/"):
            with self._state:
                content = self._downloads.get(url.path)
            return Scripted(status=404, body="") if content is None else Scripted(body=content)
        handler = handlers.get(url.path) if request.method == "POST" else None
        if handler is None:
            return Scripted(status=404, body={"code": "NotFound"})
        return handler(query, request)

    def _open(self, query: dict[str, str], request: Recorded) -> Scripted:
        body = request.json or {}
        if (body.get("clientId"), body.get("clientSecret")) != (self.client_id, self.client_secret):
            return Scripted(status=401, body={"code": "InvalidAuthentication", "message": "bad client"})
        if not body.get("subscriptions"):
            return Scripted(status=400, body={"code": "InvalidParameter", "message": "no subscriptions"})
        ticket = uuid.uuid4().hex
        self.tickets.add(ticket)
        return Scripted(body={"endpoint": self.gateway.endpoint, "ticket": ticket})

    def _token(self, query: dict[str, str], request: Recorded) -> Scripted:
        body = request.json or {}
        if (body.get("appKey"), body.get("appSecret")) != (self.client_id, self.client_secret):
            return Scripted(status=400, body={"code": "invalidClientIdOrSecret", "message": "bad app"})
        token = uuid.uuid4().hex
        with self._state:
            self.live_tokens.add(token)
        return Scripted(body={"accessToken": token, "expireIn": 7200})

    def _openapi_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        if request.headers.get("x-acs-dingtalk-access-token") not in self.live_tokens:
            return Scripted(status=401, body={"code": "InvalidAuthentication", "message": "token"})
        body = request.json or {}
        param = json.loads(body.get("msgParam") or "{}")
        if body.get("robotCode") != self.client_id or not self._valid_param(str(body.get("msgKey")), param):
            return Scripted(status=400, body={"code": "InvalidParameter", "message": "message"})
        with self._state:
            self.openapi_messages.append({**body, "path": urlsplit(request.path).path, "param": param})
        return Scripted(body={"processQueryKey": uuid.uuid4().hex})

    def _valid_param(self, key: str, param: dict[str, Any]) -> bool:
        """What the robot's message templates need: markdown text, an image (a URL or an uploaded media_id), or an
        uploaded file with its name and type."""
        if key == "sampleMarkdown":
            return bool(param.get("title") and param.get("text"))
        if key == "sampleImageMsg":
            return param.get("photoURL") in self.media
        if key == "sampleFile":
            file = self.media.get(str(param.get("mediaId")))
            return file is not None and param.get("fileName") == file.filename and bool(param.get("fileType"))
        return False

    def _media_upload(self, query: dict[str, str], request: Recorded) -> Scripted:
        """media/upload (the older API): the app's token as access_token, multipart `type` and `media`."""
        if query.get("access_token") not in self.live_tokens:
            return Scripted(body={"errcode": 40014, "errmsg": "invalid access_token"})
        parts = multipart(request)
        kind = parts["type"].content.decode() if "type" in parts else query.get("type", "")
        media = parts.get("media")
        if kind not in ("image", "file") or media is None or not media.filename or not media.content:
            return Scripted(body={"errcode": 40004, "errmsg": "invalid media"})
        if len(media.content) > self.media_limit:
            return Scripted(body={"errcode": 40006, "errmsg": "file too large"})
        if kind == "image" and not media.content.startswith(b"\x89PNG"):
            return Scripted(body={"errcode": 40004, "errmsg": "not an image"})
        media_id = f"@lA{uuid.uuid4().hex[:20]}"
        with self._state:
            self.media[media_id] = media
        return Scripted(body={"errcode": 0, "errmsg": "ok", "type": kind, "media_id": media_id,
                              "created_at": int(time.time() * 1000)})

    def sent_files(self) -> list[tuple[dict[str, Any], Part]]:
        """The robot file messages accepted, each with the file its mediaId names."""
        return [(m, self.media[m["param"]["mediaId"]]) for m in self.openapi_messages if m["msgKey"] == "sampleFile"]

    def _session_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        if query.get("session") not in self.sessions:
            return Scripted(body={"errcode": 300001, "errmsg": "session not found"})
        return self._accept(request.json, self.session_messages)

    def _robot_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        token = query.get("access_token", "")
        if token not in self.robots:
            return Scripted(body={"errcode": 300001, "errmsg": "token is not exist"})
        secret = self.robots[token]
        if secret is not None and not self._signed(query, secret):
            return Scripted(body={"errcode": 310000, "errmsg": "sign not match"})
        return self._accept(request.json, self.robot_messages)

    @staticmethod
    def _signed(query: dict[str, str], secret: str) -> bool:
        stamp = query.get("timestamp", "")
        fresh = stamp.isdigit() and abs(time.time() * 1000 - int(stamp)) <= 3600 * 1000
        return fresh and hmac.compare_digest(query.get("sign", ""), dingtalk_sign(stamp, secret))

    def _accept(self, body: Any, into: list[dict[str, Any]]) -> Scripted:
        problem = message_problem(body)
        if problem:
            return Scripted(body={"errcode": 40035, "errmsg": problem})
        with self._state:
            into.append(body)
        return Scripted(body={"errcode": 0, "errmsg": "ok"})


def message_problem(body: Any) -> str | None:
    """What DingTalk would refuse in a robot message body; None when it is acceptable."""
    if not isinstance(body, dict):
        return "invalid json"
    kind = body.get("msgtype")
    if kind == "text":
        return None if (body.get("text") or {}).get("content") else "text.content"
    if kind == "markdown":
        part = body.get("markdown") or {}
        return None if part.get("title") and part.get("text") else "markdown.title/text"
    if kind == "actionCard":
        card = body.get("actionCard") or {}
        buttons = card.get("btns") or []
        single = card.get("singleTitle") and card.get("singleURL")
        if not (card.get("title") and card.get("text")) or not (single or buttons):
            return "actionCard fields"
        return None if all(b.get("title") and b.get("actionURL") for b in buttons) else "actionCard.btns"
    return "unsupported msgtype"
