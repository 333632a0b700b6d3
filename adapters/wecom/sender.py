"""Sending to WeCom: app messages to a member (message/send), app group chats (appchat/send) and group-robot
webhooks (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). Used for answers and by the outbox.

Failures become DeliveryError: HTTP 429/5xx and WeCom's "busy"/"rate limited" codes are retryable, a
recipient outside the app's visible range is not. Nothing here logs a token, a secret or a webhook key.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from wechatpy.exceptions import WeChatClientException

from adapters.common.http import delivery_error, http_session, post_json
from adapters.wecom.client import WeComClient, build_client
from adapters.wecom.outbound import button_card, messages, robot_image
from bot.config import Settings
from bot.delivery import DeliveryError, Destination
from bot.reply import Reply
from bot.texts import t

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

BUSY = -1
RATE_LIMITED = 45009
RATE_LIMIT_WAIT = 60.0


@contextmanager
def wecom_errors(what: str) -> Iterator[None]:
    """Turn SDK and HTTP failures into DeliveryError without their request details (URLs carry the token)."""
    try:
        yield
    except WeChatClientException as exc:
        if exc.errcode is None:
            raise delivery_error(exc.response, what) from None
        code = int(exc.errcode)
        raise DeliveryError(f"{what}: errcode {code}", retryable=code in (BUSY, RATE_LIMITED),
                            retry_after=RATE_LIMIT_WAIT if code == RATE_LIMITED else None) from None
    except requests.RequestException as exc:
        raise DeliveryError(f"{what}: {type(exc).__name__}", retryable=True) from None


def _check_recipients(result: dict[str, Any], what: str) -> None:
    rejected = [result.get(k) for k in ("invaliduser", "invalidparty", "invalidtag") if result.get(k)]
    if rejected:
        raise DeliveryError(f"{what}: recipient not in the app's visible range", retryable=False)


def chart_png(reply: Reply) -> bytes | None:
    """The reply's chart as PNG, when it has one and the chart renderer is available."""
    if reply.chart is None:
        return None
    try:
        from bot.charts import render_png  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return render_png(reply.chart)
    except Exception:
        log.exception("could not render a chart for WeCom")
        return None


def send_to_user(client: WeComClient, agent_id: int, user_id: str, reply: Reply, *, markdown: bool) -> None:
    """An answer or notice to one member: the text pieces, then buttons (markdown readers only), then the chart."""
    with wecom_errors("message/send"):
        for body in messages(reply, markdown=markdown):
            _check_recipients(client.message.send(agent_id, user_id, msg=body), "message/send")
        card = button_card(reply, task_id=uuid.uuid4().hex) if markdown else None
        if card is not None:
            client.message.send(agent_id, user_id, msg=card)
    try:
        with wecom_errors("media"):
            for body in media_messages(client, reply):
                client.message.send(agent_id, user_id, msg=body)
    except DeliveryError as exc:  # the text is out; say the file is not, rather than send it all again
        log.warning("wecom: chart or file not delivered (%s)", exc)
        with wecom_errors("message/send"):
            note = t(reply.locale, "export_chat.file_not_sent")
            client.message.send(agent_id, user_id, msg={"msgtype": "text", "text": {"content": note}})


def media_messages(client: WeComClient, reply: Reply) -> list[dict[str, Any]]:
    """The chart as an image message and the attached file as a file message, each uploaded first (media/upload,
    a temporary media_id valid for three days)."""
    bodies: list[dict[str, Any]] = []
    png = chart_png(reply)
    if png is not None:
        media = client.media.upload("image", ("chart.png", png, "image/png"))
        bodies.append({"msgtype": "image", "image": {"media_id": media["media_id"]}})
    if reply.attachment is not None:
        file = reply.attachment
        media = client.media.upload("file", (file.filename, file.content, file.media_type))
        bodies.append({"msgtype": "file", "file": {"media_id": media["media_id"]}})
    return bodies


def send_to_app_chat(client: WeComClient, chat_id: str, reply: Reply) -> None:
    with wecom_errors("appchat/send"):
        for body in [*messages(reply, markdown=True), *media_messages(client, reply)]:
            client.post("appchat/send", data={"chatid": chat_id, **body})


def robot_upload(session: requests.Session, webhook_url: str, name: str, content: bytes, media_type: str) -> str:
    """A file for a group robot (webhook/upload_media?key=…&type=file, same key as the webhook): its media_id."""
    parts = urlsplit(webhook_url)
    query = urlencode([*parse_qsl(parts.query), ("type", "file")])
    url = urlunsplit(parts._replace(path=parts.path.replace("/webhook/send", "/webhook/upload_media"), query=query))
    try:
        response = session.post(url, files={"media": (name, content, media_type)})
    except requests.RequestException as exc:
        raise DeliveryError(f"wecom robot upload: {type(exc).__name__}", retryable=True) from None
    if response.status_code != 200:
        raise delivery_error(response, "wecom robot upload")
    try:
        result = response.json()
    except ValueError:
        raise DeliveryError("wecom robot upload: not JSON", retryable=True) from None
    if int(result.get("errcode", 0) or 0) or not result.get("media_id"):
        raise DeliveryError(f"wecom robot upload: errcode {result.get('errcode')}", retryable=False)
    return str(result["media_id"])


def send_to_robot(session: requests.Session, webhook_url: str, reply: Reply) -> None:
    """A group robot: markdown pieces of up to 4096 bytes, then the chart as an inline image, then the file."""
    bodies = messages(reply, markdown=True, robot=True)
    png = chart_png(reply)
    if png is not None:
        bodies.append(robot_image(png))
    if reply.attachment is not None:
        file = reply.attachment
        media_id = robot_upload(session, webhook_url, file.filename, file.content, file.media_type)
        bodies.append({"msgtype": "file", "file": {"media_id": media_id}})
    for body in bodies:
        result = post_json(session, webhook_url, body, "wecom robot")
        code = int(result.get("errcode", 0) or 0)
        if code:
            raise DeliveryError(f"wecom robot: errcode {code}", retryable=code in (BUSY, RATE_LIMITED),
                                retry_after=RATE_LIMIT_WAIT if code == RATE_LIMITED else None)


class WeComSender:
    """The outbox's Sender for WeCom: kind "user" → app message, "chat" → app group chat, "webhook" → robot."""

    platform = "wecom"

    def __init__(self, settings: Settings, *, client: WeComClient | None = None,
                 session: requests.Session | None = None) -> None:
        self.client = client or build_client(settings)
        self.agent_id = settings.wecom_agent_id
        self.session = session or http_session()
        self.kf_account = settings.wecom_kf_open_kfid
        self.group_send: Callable[[str, Reply], str | None] | None = None  # set by sender(app) when enabled

    def _kf_address(self, address: str) -> str | None:
        """A WeChat customer through 微信客服: kf:<open_kfid>:<external_userid>, or an external userid (wm…/wo…)
        when the firm's customer-service account is configured (ZHANGFANG_WECOM_KF_OPEN_KFID)."""
        if address.startswith("kf:"):
            return address
        if self.kf_account and address.startswith(("wm", "wo")):
            return f"kf:{self.kf_account}:{address}"
        return None

    def send(self, destination: Destination, reply: Reply) -> None:
        if destination.kind == "webhook":
            send_to_robot(self.session, destination.address, reply)
            return
        if self.client is None or self.agent_id is None:
            raise DeliveryError("wecom: ZHANGFANG_WECOM_SECRET / ZHANGFANG_WECOM_AGENT_ID not set", retryable=False)
        if destination.kind == "user" and self._kf_address(destination.address):
            from adapters.wecom import kf

            kf.send(self.client, self._kf_address(destination.address), reply,  # type: ignore[arg-type]
                    self.group_send)
        elif destination.kind == "user":
            send_to_user(self.client, self.agent_id, destination.address, reply, markdown=True)
        else:
            send_to_app_chat(self.client, destination.address, reply)


def sender(app: App) -> WeComSender:
    """The outbox's WeCom sender (bot/senders.py builds it on first use)."""
    built = WeComSender(app.settings)
    if app.settings.wecom_group_send_fallback and built.client is not None:
        from adapters.wecom.group_send import fallback

        built.group_send = fallback(app, built.client)
    return built
