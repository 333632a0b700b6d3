"""Slack events (as Bolt hands them over) → IncomingMessage.

Four kinds arrive: an `app_mention` in a channel, a `message` in a direct conversation (message.im), the
slash command `/zf`, and a `block_actions` button click. The raw ids needed to answer in the right place
(channel, thread, response_url) go into `extras`.
"""

from __future__ import annotations

import re
from typing import Any

from bot.messages import Attachment, IncomingMessage

PLATFORM = "slack"
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def _str(value: object) -> str:
    """A field Slack sends as a string; anything else (absent, null, a number, an object) reads as ""."""
    return value if isinstance(value, str) else ""


def _opt(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _obj(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def clean_text(text: object) -> str:
    """The question without the bot mention and with Slack's entities decoded."""
    text = MENTION.sub(" ", _str(text))
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def from_event(event: dict[str, Any], event_id: str | None = None) -> IncomingMessage:
    """An app_mention or a direct message. Mentions in a channel are answered in a thread."""
    channel = _str(event.get("channel"))
    is_direct = event.get("channel_type") == "im"
    thread = _opt(event.get("thread_ts")) or (None if is_direct else _opt(event.get("ts")))
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=channel,
        sender_id=_str(event.get("user")),
        text=clean_text(event.get("text")),
        thread_id=thread,
        is_direct=is_direct,
        message_id=_opt(event_id) or _opt(event.get("client_msg_id")) or _opt(event.get("ts")),
        extras={"channel": channel, "ts": _opt(event.get("ts")), "team": _opt(event.get("team"))},
        attachments=attachments(event),
    )


def attachments(event: dict[str, Any]) -> list[Attachment]:
    """The files shared with a message (subtype file_share, or `files` on a mention/DM): id, name, type, size and
    url_private_download — fetched later with the bot token (adapters/slack/files.py)."""
    found = []
    for item in event.get("files") or []:
        if not isinstance(item, dict) or not item.get("id") or item.get("mode") == "tombstone":
            continue
        size = item.get("size")
        mimetype = str(item.get("mimetype") or item.get("filetype") or "")
        found.append(Attachment(platform=PLATFORM, ref=str(item["id"]), name=str(item.get("name") or "")[:255],
                                declared_type=mimetype, size=size if isinstance(size, int) else None,
                                url=item.get("url_private_download") or item.get("url_private"),
                                kind="image" if mimetype.startswith("image/") else "file"))
    return found


def from_command(command: dict[str, Any]) -> IncomingMessage:
    """`/zf QUESTION`; `/zf help` (or nothing) asks for the help text."""
    text = clean_text(command.get("text"))
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=_str(command.get("channel_id")),
        sender_id=_str(command.get("user_id")),
        text=text or "帮助",
        is_direct=command.get("channel_name") == "directmessage",
        message_id=_opt(command.get("trigger_id")),
        extras={"channel": _opt(command.get("channel_id")), "response_url": _opt(command.get("response_url")),
                "command": _opt(command.get("command"))},
    )


def from_action(body: dict[str, Any]) -> IncomingMessage:
    """A button click: its value is the Action.value the reply carried."""
    actions = body.get("actions")
    action = _obj(actions[0] if isinstance(actions, list) and actions else None)
    container = _obj(body.get("container"))
    channel = _str(_obj(body.get("channel")).get("id")) or _str(container.get("channel_id"))
    original = _obj(body.get("message"))
    label = _str(_obj(action.get("text")).get("text"))
    is_direct = channel.startswith("D")
    thread = _opt(original.get("thread_ts")) or _opt(container.get("thread_ts"))
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=channel,
        sender_id=_str(_obj(body.get("user")).get("id")),
        text=label,
        thread_id=thread or (None if is_direct else _opt(container.get("message_ts"))),
        is_direct=is_direct,
        message_id=_opt(body.get("trigger_id")),
        action=_opt(action.get("value")),
        extras={"channel": channel, "response_url": _opt(body.get("response_url")),
                "ephemeral": container.get("is_ephemeral") is True},
    )
