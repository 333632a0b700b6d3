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


def clean_text(text: str) -> str:
    """The question without the bot mention and with Slack's entities decoded."""
    text = MENTION.sub(" ", text or "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def from_event(event: dict[str, Any], event_id: str | None = None) -> IncomingMessage:
    """An app_mention or a direct message. Mentions in a channel are answered in a thread."""
    channel = event.get("channel", "")
    is_direct = event.get("channel_type") == "im"
    thread = event.get("thread_ts") or (None if is_direct else event.get("ts"))
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=channel,
        sender_id=event.get("user", ""),
        text=clean_text(event.get("text", "")),
        thread_id=thread,
        is_direct=is_direct,
        message_id=event_id or event.get("client_msg_id") or event.get("ts"),
        extras={"channel": channel, "ts": event.get("ts"), "team": event.get("team")},
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
    text = clean_text(command.get("text", ""))
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=command.get("channel_id", ""),
        sender_id=command.get("user_id", ""),
        text=text or "帮助",
        is_direct=command.get("channel_name") == "directmessage",
        message_id=command.get("trigger_id"),
        extras={"channel": command.get("channel_id"), "response_url": command.get("response_url"),
                "command": command.get("command")},
    )


def from_action(body: dict[str, Any]) -> IncomingMessage:
    """A button click: its value is the Action.value the reply carried."""
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
    original = body.get("message") or {}
    label = (action.get("text") or {}).get("text", "")
    is_direct = channel.startswith("D")
    thread = original.get("thread_ts") or container.get("thread_ts")
    return IncomingMessage(
        platform=PLATFORM,
        chat_id=channel,
        sender_id=(body.get("user") or {}).get("id", ""),
        text=label,
        thread_id=thread or (None if is_direct else container.get("message_ts")),
        is_direct=is_direct,
        message_id=body.get("trigger_id"),
        action=action.get("value"),
        extras={"channel": channel, "response_url": body.get("response_url"),
                "ephemeral": bool(container.get("is_ephemeral"))},
    )
