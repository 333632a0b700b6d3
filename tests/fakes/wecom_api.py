"""A local fake of WeCom for adapter tests: its server API over HTTP, and its side of a callback.

`FakeWeCom` speaks the parts of https://qyapi.weixin.qq.com/cgi-bin/ the adapter uses — gettoken,
auth/getuserinfo (the board's web sign-in: `sign_in_code`), message/send, appchat/send, media/upload
(images and files), group-robot webhook/send and webhook/upload_media
(files; `files` keeps every uploaded file by media_id) — checking what WeCom checks
(corp id and secret, a live access_token, agentid, message shape and byte limits, the robot key) and
recording every accepted message. Scripted answers (a 429, a 500…) are served first, in order.

`WeComSide` plays WeCom calling us: it encrypts and signs callbacks with the real wechatpy WeChatCrypto.

    with FakeWeCom() as wecom:
        client = WeComClient(wecom.corp_id, wecom.secret, api_base_url=wecom.api_base)
        ...
        assert wecom.app_messages[0]["markdown"]["content"].startswith("**")
"""

from __future__ import annotations

import threading
import time
from itertools import count
from typing import Any
from urllib.parse import parse_qs, urlsplit

import xmltodict
from wechatpy.enterprise.crypto import PrpCrypto, WeChatCrypto
from wechatpy.utils import WeChatSigner

from tests.fakes.files import Part, multipart
from tests.fakes.scripted_server import Recorded, Scripted, ScriptedServer

ROUTE = Scripted(status=599, body="route by path")  # the "no scripted answer" marker
LIMITS = {"text": 2048, "markdown": 2048}
ROBOT_LIMITS = {"text": 2048, "markdown": 4096}
_ids = count(1)


def ok(**extra: Any) -> Scripted:
    return Scripted(body={"errcode": 0, "errmsg": "ok", **extra})


def error(code: int, message: str) -> Scripted:
    return Scripted(body={"errcode": code, "errmsg": message})


class FakeWeCom(ScriptedServer):
    def __init__(self, corp_id: str = "wwfakecorp0001", secret: str = "fake-app-secret", agent_id: int = 1000002,
                 robot_keys: tuple[str, ...] = ("fake-robot-key",), visible_users: set[str] | None = None) -> None:
        super().__init__(default=ROUTE)
        self.corp_id, self.secret, self.agent_id = corp_id, secret, agent_id
        self.robot_keys = set(robot_keys)
        self.visible_users = visible_users  # None: every user is in the app's visible range
        self.live_tokens: set[str] = set()
        self.app_messages: list[dict[str, Any]] = []
        self.chat_messages: list[dict[str, Any]] = []
        self.robot_messages: list[dict[str, Any]] = []
        self.uploads: list[bytes] = []  # the image files uploaded (PNG bytes)
        self.files: dict[str, Part] = {}  # media_id → the file uploaded as type=file (app or robot), in order
        self.media: dict[str, tuple[bytes, str, str]] = {}  # media/get: media_id → (bytes, content type, file name)
        self.kf_inbox: list[dict[str, Any]] = []  # 微信客服: what sync_msg hands out, in order (cursor = index)
        self.kf_tokens: set[str] = set()
        self.kf_sent: list[dict[str, Any]] = []
        self.kf_window: dict[tuple[str, str], tuple[float, int]] = {}  # (kfid, user) → (last message at, sent since)
        self.now = time.time  # the fake's clock for the 48-hour window (tests move it)
        self.external_contacts: dict[str, set[str]] = {}  # staff userid → their 客户联系 external userids
        self.group_send_tasks: list[dict[str, Any]] = []  # 群发 tasks waiting for the staff member to confirm
        self.oauth_codes: dict[str, dict[str, str]] = {}  # web sign-in: code → what auth/getuserinfo answers (once)
        self._state = threading.Lock()

    @property
    def api_base(self) -> str:
        return self.base_url + "/cgi-bin/"

    def robot_url(self, key: str | None = None) -> str:
        return f"{self.base_url}/cgi-bin/webhook/send?key={key or next(iter(self.robot_keys))}"

    def token_requests(self) -> list[Recorded]:
        return [r for r in self.requests if urlsplit(r.path).path == "/cgi-bin/gettoken"]

    def expire_tokens(self) -> None:
        """WeCom revoked every token early: the next call answers 42001."""
        with self._state:
            self.live_tokens.clear()

    def next_answer(self, request: Recorded) -> Scripted:
        answer = super().next_answer(request)
        return self.route(request) if answer is ROUTE else answer

    def route(self, request: Recorded) -> Scripted:
        url = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        handlers = {
            ("GET", "/cgi-bin/gettoken"): self._gettoken,
            ("GET", "/cgi-bin/auth/getuserinfo"): self._getuserinfo,
            ("POST", "/cgi-bin/message/send"): self._message_send,
            ("POST", "/cgi-bin/appchat/send"): self._appchat_send,
            ("POST", "/cgi-bin/media/upload"): self._media_upload,
            ("POST", "/cgi-bin/webhook/send"): self._robot_send,
            ("POST", "/cgi-bin/webhook/upload_media"): self._robot_upload,
            ("GET", "/cgi-bin/media/get"): self._media_get,
            ("POST", "/cgi-bin/kf/sync_msg"): self._kf_sync,
            ("POST", "/cgi-bin/kf/send_msg"): self._kf_send,
            ("POST", "/cgi-bin/externalcontact/add_msg_template"): self._group_send,
        }
        handler = handlers.get((request.method, url.path))
        if handler is None:
            return Scripted(status=404, body="not found")
        return handler(query, request)

    # -- endpoints ---------------------------------------------------------------------------------
    def _gettoken(self, query: dict[str, str], request: Recorded) -> Scripted:
        if query.get("corpid") != self.corp_id:
            return error(40013, "invalid corpid")
        if query.get("corpsecret") != self.secret:
            return error(40001, "invalid credential")
        token = f"fake-token-{next(_ids)}"
        with self._state:
            self.live_tokens.add(token)
        return ok(access_token=token, expires_in=7200)

    def sign_in_code(self, user_id: str | None = None, *, external: str | None = None) -> str:
        """A one-time OAuth code, as WeCom puts on the redirect after a member (or an outsider) opens the app."""
        code = f"oauth-code-{next(_ids)}"
        with self._state:
            self.oauth_codes[code] = {"userid": user_id} if user_id else {"openid": external or "o-outsider",
                                                                           "external_userid": external or ""}
        return code

    def _getuserinfo(self, query: dict[str, str], request: Recorded) -> Scripted:
        refused = self._authorised(query)
        if refused is not None:
            return refused
        with self._state:
            found = self.oauth_codes.pop(query.get("code", ""), None)  # a code works once
        return error(40029, "invalid code") if found is None else ok(**found)

    def _authorised(self, query: dict[str, str]) -> Scripted | None:
        with self._state:
            if query.get("access_token") in self.live_tokens:
                return None
        return error(42001, "access_token expired") if query.get("access_token") else error(41001, "missing token")

    def _message_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        refused = self._authorised(query)
        if refused is not None:
            return refused
        body = request.json
        if body.get("agentid") != self.agent_id:
            return error(40056, "invalid agentid")
        problem = message_problem(body, LIMITS)
        if problem:
            return error(problem[0], problem[1])
        users = [u for u in str(body.get("touser", "")).split("|") if u]
        unknown = [u for u in users if self.visible_users is not None and u not in self.visible_users]
        with self._state:
            if len(unknown) < len(users):
                self.app_messages.append(body)
        return ok(invaliduser="|".join(unknown))

    def _appchat_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        refused = self._authorised(query)
        if refused is not None:
            return refused
        body = request.json
        problem = message_problem(body, LIMITS) if body.get("chatid") else (86003, "chatid required")
        if problem:
            return error(problem[0], problem[1])
        with self._state:
            self.chat_messages.append(body)
        return ok()

    def _media_upload(self, query: dict[str, str], request: Recorded) -> Scripted:
        refused = self._authorised(query)
        if refused is not None:
            return refused
        media = multipart(request).get("media")
        if query.get("type") == "file":
            return self._keep_file(media, "fake-media-")
        if query.get("type") != "image" or media is None or not media.content.startswith(b"\x89PNG"):
            return error(40004, "invalid media type")
        with self._state:
            self.uploads.append(media.content)
        return ok(type="image", media_id=f"fake-media-{next(_ids)}", created_at=str(int(time.time())))

    def _robot_upload(self, query: dict[str, str], request: Recorded) -> Scripted:
        if query.get("key") not in self.robot_keys:
            return error(93000, "invalid webhook url")
        if query.get("type") != "file":
            return error(40004, "invalid media type")
        return self._keep_file(multipart(request).get("media"), "fake-robot-media-")

    def _keep_file(self, media: Part | None, prefix: str) -> Scripted:
        """WeCom takes files of 5 bytes to 20 MB with a file name."""
        if media is None or not media.filename or not 5 <= len(media.content) <= 20 * 1024 * 1024:
            return error(40005, "invalid file")
        media_id = f"{prefix}{next(_ids)}"
        with self._state:
            self.files[media_id] = media
        return ok(type="file", media_id=media_id, created_at=str(int(time.time())))

    def add_media(self, content: bytes, content_type: str = "application/pdf", name: str = "file.pdf") -> str:
        """A file a user sent: what media/get will answer for the returned MediaId (valid three days on WeCom)."""
        media_id = f"fake-incoming-{next(_ids)}"
        with self._state:
            self.media[media_id] = (content, content_type, name)
        return media_id

    def kf_customer_says(self, open_kfid: str, user: str, text: str | None = None, *, media_id: str | None = None,
                         kind: str = "text") -> str:
        """A WeChat customer writes to the kf account: queued for sync_msg; returns the callback event's Token."""
        item: dict[str, Any] = {"msgid": f"kfmsg-{next(_ids)}", "open_kfid": open_kfid, "external_userid": user,
                                "send_time": int(self.now()), "origin": 3, "msgtype": kind}
        item[kind] = {"content": text} if kind == "text" else {"media_id": media_id}
        token = f"kf-token-{next(_ids)}"
        with self._state:
            self.kf_inbox.append(item)
            self.kf_tokens.add(token)
            self.kf_window[(open_kfid, user)] = (self.now(), 0)
        return token

    def _kf_sync(self, query: dict[str, str], request: Recorded) -> Scripted:
        refused = self._authorised(query)
        if refused is not None:
            return refused
        body = request.json or {}
        cursor = str(body.get("cursor") or "")
        if not cursor and body.get("token") not in self.kf_tokens:
            return error(95007, "invalid msg token")
        start = int(cursor) if cursor.isdigit() else 0
        limit = min(int(body.get("limit") or 1000), 1000)
        with self._state:
            page = [m for m in self.kf_inbox[start:start + limit] if m["open_kfid"] == body.get("open_kfid")]
            end = min(start + limit, len(self.kf_inbox))
        return ok(next_cursor=str(end), has_more=int(end < len(self.kf_inbox)), msg_list=page)

    def _kf_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        """Within 48 hours of the customer's last message, at most 5 messages; else WeCom's refusal."""
        refused = self._authorised(query)
        if refused is not None:
            return refused
        body = request.json or {}
        key = (str(body.get("open_kfid")), str(body.get("touser")))
        with self._state:
            last, sent = self.kf_window.get(key, (None, 0))
            if last is None or self.now() - last > 48 * 3600 or sent >= 5:
                return error(95026, "send msg out of limit, reply window closed")
            problem = message_problem(body, LIMITS)
            if problem:
                return error(problem[0], problem[1])
            self.kf_window[key] = (last, sent + 1)
            self.kf_sent.append(body)
        return ok(msgid=f"kfsent-{next(_ids)}")

    def _group_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        """客户联系 群发: a task for `sender`, only to their own external contacts (others go in fail_list)."""
        refused = self._authorised(query)
        if refused is not None:
            return refused
        body = request.json or {}
        mine = self.external_contacts.get(str(body.get("sender")), set())
        wanted = [str(u) for u in body.get("external_userid") or []]
        if body.get("chat_type", "single") != "single" or not wanted or not (body.get("text") or {}).get("content"):
            return error(40058, "invalid parameter")
        fail = [u for u in wanted if u not in mine]
        msgid = f"msgtpl-{next(_ids)}"
        if len(fail) < len(wanted):
            with self._state:
                self.group_send_tasks.append({**body, "msgid": msgid})
        return ok(fail_list=fail, msgid=msgid)

    def media_gets(self) -> list[Recorded]:
        return [r for r in self.requests if urlsplit(r.path).path == "/cgi-bin/media/get"]

    def _media_get(self, query: dict[str, str], request: Recorded) -> Scripted:
        """The bytes with Content-Type and Content-Disposition, as WeCom answers; a JSON errcode otherwise."""
        refused = self._authorised(query)
        if refused is not None:
            return refused
        with self._state:
            found = self.media.get(query.get("media_id", ""))
        if found is None:
            return error(40007, "invalid media_id")
        content, content_type, name = found
        disposition = f'attachment; filename="{name.encode().decode("latin-1", "replace")}"'
        return Scripted(status=200, body=content, headers={"Content-Type": content_type,
                                                           "Content-Disposition": disposition})

    def file_messages(self, where: str = "app") -> list[tuple[dict[str, Any], Part]]:
        """The file messages accepted (app, chat or robot), each with the file its media_id names."""
        sent = {"app": self.app_messages, "chat": self.chat_messages, "robot": self.robot_messages}[where]
        return [(m, self.files[m["file"]["media_id"]]) for m in sent if m.get("msgtype") == "file"]

    def _robot_send(self, query: dict[str, str], request: Recorded) -> Scripted:
        if query.get("key") not in self.robot_keys:
            return error(93000, "invalid webhook url")
        body = request.json
        problem = message_problem(body, ROBOT_LIMITS)
        if problem:
            return error(problem[0], problem[1])
        with self._state:
            self.robot_messages.append(body)
        return ok()


def message_problem(body: Any, limits: dict[str, int]) -> tuple[int, str] | None:
    """What WeCom would refuse in a message body, as (errcode, errmsg); None when it is acceptable."""
    if not isinstance(body, dict):
        return 40058, "invalid json"
    kind = body.get("msgtype")
    if kind in limits:
        content = (body.get(kind) or {}).get("content")
        if not isinstance(content, str) or not content:
            return 40058, f"{kind}.content required"
        if len(content.encode("utf-8")) > limits[kind]:
            return 45002, "content size out of limit"
        return None
    if kind == "template_card":
        return card_problem(body.get("template_card") or {})
    if kind == "image":
        image = body.get("image") or {}
        return None if image.get("media_id") or (image.get("base64") and image.get("md5")) else (40058, "image")
    if kind == "file":
        return None if (body.get("file") or {}).get("media_id") else (40058, "file.media_id required")
    return 40008, "invalid message type"


def card_problem(card: dict[str, Any]) -> tuple[int, str] | None:
    buttons = card.get("button_list") or []
    if card.get("card_type") != "button_interaction" or not card.get("task_id") or not card.get("main_title"):
        return 40058, "template_card fields"
    if not 1 <= len(buttons) <= 6:
        return 40058, "button_list size"
    if any(not b.get("text") or len(str(b.get("key", "")).encode("utf-8")) > 1024 for b in buttons):
        return 40058, "button key"
    return None


class WeComSide:
    """WeCom calling our callback URL: signs and encrypts exactly as WeCom does (wechatpy WeChatCrypto)."""

    def __init__(self, token: str, aes_key: str, corp_id: str, agent_id: int = 1000002) -> None:
        self.token, self.aes_key, self.corp_id, self.agent_id = token, aes_key, corp_id, agent_id
        self.crypto = WeChatCrypto(token, aes_key, corp_id)

    def text_xml(self, user: str, content: str, msg_id: str | None = None) -> str:
        return (f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName>"
                f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
                f"<MsgId>{msg_id or next(_ids)}</MsgId><AgentID>{self.agent_id}</AgentID></xml>")

    def media_xml(self, user: str, kind: str, media_id: str, *, name: str = "", size: int | None = None,
                  msg_id: str | None = None) -> str:
        """An image / file / voice message as WeCom's callback carries it (MediaId; a file's name and size)."""
        extra = f"<PicUrl><![CDATA[https://wework.qpic.cn/{media_id}]]></PicUrl>" if kind == "image" else ""
        if name:
            extra += f"<FileName><![CDATA[{name}]]></FileName>"
        if size is not None:
            extra += f"<FileSize>{size}</FileSize>"
        return (f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName>"
                f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[{kind}]]></MsgType><MediaId><![CDATA[{media_id}]]></MediaId>{extra}"
                f"<MsgId>{msg_id or next(_ids)}</MsgId><AgentID>{self.agent_id}</AgentID></xml>")

    def kf_event_xml(self, token: str, open_kfid: str) -> str:
        """The 微信客服 callback: an event saying there are messages to pull with this Token."""
        return (f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName><CreateTime>{int(time.time())}</CreateTime>"
                f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event>"
                f"<Token><![CDATA[{token}]]></Token><OpenKfId><![CDATA[{open_kfid}]]></OpenKfId></xml>")

    def card_click_xml(self, user: str, key: str, task_id: str, create_time: int | None = None) -> str:
        stamp = int(time.time()) if create_time is None else create_time
        return (f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName>"
                f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{stamp}</CreateTime>"
                f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>"
                f"<EventKey><![CDATA[{key}]]></EventKey><TaskId><![CDATA[{task_id}]]></TaskId>"
                f"<CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc]]></ResponseCode>"
                f"<AgentID>{self.agent_id}</AgentID></xml>")

    def callback(self, plain_xml: str, *, timestamp: int | None = None, nonce: str = "1372623149"
                 ) -> tuple[dict[str, str], bytes]:
        """The query parameters and body of WeCom's POST carrying `plain_xml`."""
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        envelope = xmltodict.parse(self.crypto.encrypt_message(plain_xml, nonce, stamp))["xml"]
        body = (f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName>"
                f"<AgentID><![CDATA[{self.agent_id}]]></AgentID>"
                f"<Encrypt><![CDATA[{envelope['Encrypt']}]]></Encrypt></xml>").encode()
        return {"msg_signature": envelope["MsgSignature"], "timestamp": stamp, "nonce": nonce}, body

    def verification(self, echo: str, *, timestamp: int | None = None, nonce: str = "1372623149") -> dict[str, str]:
        """The query parameters of WeCom's GET when the callback URL is saved in the admin console."""
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        echostr = PrpCrypto(self.crypto.key).encrypt(echo, self.corp_id).decode()
        signer = WeChatSigner()
        signer.add_data(self.token, stamp, nonce, echostr)
        return {"msg_signature": signer.signature, "timestamp": stamp, "nonce": nonce, "echostr": echostr}
