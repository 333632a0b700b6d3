"""Sending to DingTalk: answers through the message's sessionWebhook, and the outbox's Sender.

The Sender covers the three kinds of Destination: "webhook" — a custom group robot (加签 robots: put the
SEC… secret after a '#' at the end of the URL; it is never sent, it signs &timestamp=…&sign=…); "user" —
a one-to-one bot message (robot/oToMessages/batchSend, by userid); "chat" — a group the bot is in
(robot/groupMessages/send, by openConversationId). The last two use the OpenAPI at
ZHANGFANG_DINGTALK_API_BASE_URL with an access token cached until five minutes before it expires; they
send markdown only (buttons are for conversations, where a tap can reach the bot).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from adapters.common.http import delivery_error, http_session, post_json
from adapters.dingtalk.outbound import messages
from adapters.dingtalk.signing import now_ms, signed_robot_url
from bot.config import Settings
from bot.delivery import DeliveryError, Destination
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App

TOO_FAST = {130101, 660026}  # "sending too fast" answers of robot webhooks
TOO_FAST_WAIT = 60.0
TOKEN_MARGIN = 300


def _check_robot_answer(result: dict[str, Any], what: str) -> None:
    code = int(result.get("errcode", 0) or 0)
    if code:
        fast = code in TOO_FAST
        raise DeliveryError(f"{what}: errcode {code}", retryable=fast, retry_after=TOO_FAST_WAIT if fast else None)


def reply_in_session(session: requests.Session, webhook_url: str, reply: Reply) -> None:
    """An answer through a conversation's sessionWebhook (markdown, the last piece an ActionCard with buttons)."""
    for body in messages(reply):
        _check_robot_answer(post_json(session, webhook_url, body, "dingtalk sessionWebhook"), "dingtalk session")


def send_to_robot(session: requests.Session, address: str, reply: Reply, *, now: int | None = None) -> None:
    """A custom group robot; `address` is its webhook URL, optionally followed by '#' and its signing secret."""
    url, _, secret = address.partition("#")
    for body in messages(reply):
        target = signed_robot_url(url, secret, now=now) if secret else url
        _check_robot_answer(post_json(session, target, body, "dingtalk robot"), "dingtalk robot")


class OpenApiToken:
    """The app's OpenAPI access token (POST /v1.0/oauth2/accessToken), fetched once and reused until near expiry."""

    def __init__(self, session: requests.Session, base_url: str, client_id: str, client_secret: str,
                 epoch: Callable[[], float] = time.time) -> None:
        self.session, self.url = session, base_url.rstrip("/") + "/v1.0/oauth2/accessToken"
        self._body = {"appKey": client_id, "appSecret": client_secret}
        self.epoch = epoch
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def get(self) -> str:
        with self._lock:
            if self._token is None or self.epoch() >= self._expires:
                answer = post_json(self.session, self.url, self._body, "dingtalk accessToken")
                if not answer.get("accessToken"):
                    raise DeliveryError("dingtalk accessToken: no token in the answer", retryable=False)
                self._token = str(answer["accessToken"])
                self._expires = self.epoch() + float(answer.get("expireIn", 7200)) - TOKEN_MARGIN
            return self._token

    def forget(self) -> None:
        with self._lock:
            self._token = None

    def __repr__(self) -> str:
        return f"OpenApiToken(url={self.url!r})"


class DingTalkSender:
    platform = "dingtalk"

    def __init__(self, settings: Settings, *, session: requests.Session | None = None) -> None:
        self.session = session or http_session()
        self.base_url = settings.dingtalk_api_base_url.rstrip("/")
        self.oapi_url = settings.dingtalk_oapi_base_url.rstrip("/")
        self.robot_code = settings.dingtalk_client_id
        secret = settings.dingtalk_client_secret
        self.token = (OpenApiToken(self.session, self.base_url, self.robot_code, secret.get_secret_value())
                      if self.robot_code and secret else None)

    def send(self, destination: Destination, reply: Reply) -> None:
        if destination.kind == "webhook":
            send_to_robot(self.session, destination.address, reply, now=now_ms())
            return
        path, target = _openapi_target(destination)
        self._openapi(path, target, [("sampleMarkdown", _markdown_param(body)) for body in messages(reply)])
        self.send_media(destination, reply)

    def send_media(self, destination: Destination, reply: Reply) -> None:
        """The reply's chart (an image message) and attached file (a file message) to a member ("user") or a group
        the bot is in ("chat"): each uploaded first (media/upload), then sent by the robot. Custom group robots
        ("webhook") take neither: there the numbers in the text are all there is."""
        if destination.kind == "webhook" or (reply.chart is None and reply.attachment is None):
            return
        path, target = _openapi_target(destination)
        parts: list[tuple[str, dict[str, Any]]] = []
        png = chart_png(reply)
        if png is not None:
            parts.append(("sampleImageMsg", {"photoURL": self._upload("image", "chart.png", png, "image/png")}))
        if reply.attachment is not None:
            file = reply.attachment
            media_id = self._upload("file", file.filename, file.content, file.media_type)
            parts.append(("sampleFile", {"mediaId": media_id, "fileName": file.filename,
                                         "fileType": file.filename.rpartition(".")[2] or "xlsx"}))
        self._openapi(path, target, parts)

    def _upload(self, kind: str, name: str, content: bytes, media_type: str) -> str:
        """media/upload with the app's access token; the media_id DingTalk gives the file."""
        token = self._token().get()
        try:
            response = self.session.post(f"{self.oapi_url}/media/upload", params={"access_token": token},
                                         data={"type": kind}, files={"media": (name, content, media_type)})
        except requests.RequestException as exc:
            raise DeliveryError(f"dingtalk media/upload: {type(exc).__name__}", retryable=True) from None
        if response.status_code >= 400:
            raise delivery_error(response, "dingtalk media/upload")
        try:
            answer = response.json()
        except ValueError:
            raise DeliveryError("dingtalk media/upload: not JSON", retryable=True) from None
        if int(answer.get("errcode", 0) or 0) or not answer.get("media_id"):
            raise DeliveryError(f"dingtalk media/upload: errcode {answer.get('errcode')}", retryable=False)
        return str(answer["media_id"])

    def _token(self) -> OpenApiToken:
        if self.token is None:
            raise DeliveryError("dingtalk: ZHANGFANG_DINGTALK_CLIENT_ID / _CLIENT_SECRET not set", retryable=False)
        return self.token

    def _openapi(self, path: str, target: dict[str, Any], parts: list[tuple[str, dict[str, Any]]]) -> None:
        token = self._token()
        for key, param in parts:
            payload = {"robotCode": self.robot_code, **target, "msgKey": key,
                       "msgParam": json.dumps(param, ensure_ascii=False)}
            headers = {"x-acs-dingtalk-access-token": token.get()}
            try:
                post_json(self.session, self.base_url + path, payload, "dingtalk " + path, headers=headers)
            except DeliveryError as exc:
                if not exc.retryable:  # a 4xx: perhaps a revoked token; fetch a fresh one next time
                    token.forget()
                raise


def _openapi_target(destination: Destination) -> tuple[str, dict[str, Any]]:
    if destination.kind == "user":
        return "/v1.0/robot/oToMessages/batchSend", {"userIds": [destination.address]}
    return "/v1.0/robot/groupMessages/send", {"openConversationId": destination.address}


def _markdown_param(body: dict[str, Any]) -> dict[str, Any]:
    part = body.get("markdown") or body["actionCard"]
    return {"title": part["title"], "text": part["text"]}


def chart_png(reply: Reply) -> bytes | None:
    if reply.chart is None:
        return None
    from bot.charts import render_png

    return render_png(reply.chart)


def sender(app: App) -> DingTalkSender:
    """The outbox's DingTalk sender (bot/senders.py builds it on first use)."""
    return DingTalkSender(app.settings)
