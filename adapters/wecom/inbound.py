"""WeCom callback in: verify and decrypt (wechatpy WeChatCrypto, cryptography backend), then translate the
decrypted XML of a self-built app's message into an IncomingMessage.

Every check failure raises `Refused` and the route answers 403 with an empty body: a bad msg_signature,
ciphertext that does not decrypt, a message encrypted for another corp id, a timestamp outside the window,
or a malformed request. The window (default one hour) bounds how long a captured request stays usable;
within it, MsgId de-duplication (bot.dedup) makes a replay harmless.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from typing import Any

import xmltodict
from wechatpy.enterprise.crypto import WeChatCrypto

from bot.messages import Attachment, IncomingMessage

MAX_BODY_BYTES = 64 * 1024
MAX_AGE_SECONDS = 3600


class Refused(Exception):
    """The request is not provably from WeCom for this app. The reason is for logs only, never the response."""


class CallbackCrypto:
    def __init__(self, token: str, aes_key: str, corp_id: str, *, max_age: float = MAX_AGE_SECONDS,
                 epoch: Callable[[], float] = time.time) -> None:
        self._crypto = WeChatCrypto(token, aes_key, corp_id)
        self.max_age = max_age
        self.epoch = epoch

    def verify_url(self, params: Mapping[str, str]) -> str:
        """GET /wecom/callback: the decrypted echostr, which WeCom expects back as the plain body."""
        signature, timestamp, nonce = self._signed(params)
        echo = params.get("echostr") or ""
        if not echo:
            raise Refused("no echostr")
        try:
            return self._crypto.check_signature(signature, timestamp, nonce, echo)
        except Exception as exc:
            raise Refused(type(exc).__name__) from None

    def decrypt(self, params: Mapping[str, str], body: bytes) -> dict[str, Any]:
        """POST /wecom/callback: the fields of the decrypted message XML."""
        signature, timestamp, nonce = self._signed(params)
        if not body or len(body) > MAX_BODY_BYTES:
            raise Refused("empty or oversized body")
        try:
            plain = self._crypto.decrypt_message(body, signature, timestamp, nonce)
            fields = xmltodict.parse(plain)["xml"]
        except Exception as exc:  # bad signature, corp id, padding, base64, XML: all the same to the sender
            raise Refused(type(exc).__name__) from None
        if not isinstance(fields, dict):
            raise Refused("not a message")
        return fields

    def check_params(self, params: Mapping[str, str]) -> None:
        """Refused unless the signature parameters are there and the timestamp is within the window: what can be
        checked before the body is read."""
        self._signed(params)

    def _signed(self, params: Mapping[str, str]) -> tuple[str, str, str]:
        signature, timestamp, nonce = (params.get(k) or "" for k in ("msg_signature", "timestamp", "nonce"))
        if not (signature and timestamp and nonce):
            raise Refused("missing signature parameters")
        if not timestamp.isdigit() or abs(self.epoch() - int(timestamp)) > self.max_age:
            raise Refused("timestamp outside the window")
        return signature, timestamp, nonce


MEDIA_KINDS = {"image", "file", "voice"}


def media_attachment(fields: Mapping[str, Any]) -> Attachment:
    """An image / file / voice message's MediaId (fetched later through media/get, adapters/wecom/files.py)."""
    kind = str(fields.get("MsgType"))
    name = str(fields.get("FileName") or fields.get("Title") or "")[:255]
    size = str(fields.get("FileSize") or "")
    return Attachment(platform="wecom", ref=str(fields["MediaId"]), name=name, kind=kind,
                      declared_type=str(fields.get("Format") or kind), size=int(size) if size.isdigit() else None)


def to_incoming(fields: Mapping[str, Any]) -> IncomingMessage | None:
    """A text message, a voice message with WeCom's transcription, a picture or file (its MediaId as an attachment;
    a voice message keeps its transcription as text), or a template-card button click;
    None for everything the bot does not answer (enter_agent, subscribe and other events, location…).

    Only plain values are read: a field WeCom never nests or repeats that arrives nested or repeated (a dict or a list
    from the XML) is ignored, not trusted (found by fuzzing: a repeated <MsgType> crashed the set look-up)."""
    fields = {key: value for key, value in fields.items() if isinstance(value, str | int | float)}
    user = str(fields.get("FromUserName") or "")
    if not user:
        return None
    kind = fields.get("MsgType")
    extras = {"agent_id": str(fields.get("AgentID") or ""), "corp_id": str(fields.get("ToUserName") or "")}
    if kind == "text":
        text = str(fields.get("Content") or "")
    elif kind == "voice" and fields.get("Recognition"):
        text = str(fields["Recognition"])
    elif kind in MEDIA_KINDS and fields.get("MediaId"):
        text = str(fields.get("Recognition") or "")
        attachment = media_attachment(fields)
        message_id = str(fields.get("MsgId") or "") or None
        return IncomingMessage(platform="wecom", chat_id=user, sender_id=user, text=text.strip(), is_direct=True,
                               message_id=message_id, extras=extras, attachments=[attachment])
    elif kind == "event" and fields.get("Event") == "template_card_event" and fields.get("EventKey"):
        key = str(fields["EventKey"])
        digest = hashlib.sha256(key.encode()).hexdigest()[:24]  # two buttons' keys may share a long prefix
        event_id = f"card:{fields.get('TaskId', '')}:{user}:{fields.get('CreateTime', '')}:{digest}"
        return IncomingMessage(platform="wecom", chat_id=user, sender_id=user, text="", is_direct=True,
                               message_id=event_id, action=key, extras=extras)
    else:
        return None
    message_id = str(fields.get("MsgId") or "") or None
    return IncomingMessage(platform="wecom", chat_id=user, sender_id=user, text=text.strip(), is_direct=True,
                           message_id=message_id, extras=extras)
