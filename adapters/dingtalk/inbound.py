"""A DingTalk bot message (the same JSON over Stream mode and HTTP mode) → IncomingMessage.

The sender is `senderStaffId` (the member's userid in the firm's DingTalk, what the import's DingTalk id
column holds) when DingTalk sends it, else the per-bot `senderId` (people from another organisation —
bind those with `zhangfang bind dingtalk <senderId> …`). In a group the bot only hears messages that
@mention it, and DingTalk leaves the mention out of the text. A button of an ActionCard sends its
Action value back as text (dtmd://…sendMessage), recognised here by the "zf:" prefix.
"""

from __future__ import annotations

from typing import Any

from dingtalk_stream import ChatbotMessage

from bot.messages import Attachment, IncomingMessage

ACTION_PREFIX = "zf:"
GROUP = "2"


def parse(data: dict[str, Any]) -> ChatbotMessage:
    return ChatbotMessage.from_dict(data)


def message_text(message: ChatbotMessage) -> str:
    if message.message_type in ("text", "richText"):
        return "".join(str(part) for part in (message.get_text_list() or [])).strip()
    if message.message_type == "audio":  # DingTalk sends voice with its own transcription
        content = message.extensions.get("content") or {}
        return str(content.get("recognition") or "").strip()
    return ""


def attachments(message: ChatbotMessage) -> list[Attachment]:
    """A picture (content.downloadCode), a file (content.downloadCode, fileName) or the pictures inside a rich text,
    as references for the robot file-download API (adapters/dingtalk/files.py)."""
    found: list[Attachment] = []
    if message.message_type == "picture" and message.image_content and message.image_content.download_code:
        found.append(Attachment(platform="dingtalk", ref=str(message.image_content.download_code), kind="image",
                                declared_type="image"))
    elif message.message_type == "file":
        content = message.extensions.get("content") or {}
        if isinstance(content, dict) and content.get("downloadCode"):
            found.append(Attachment(platform="dingtalk", ref=str(content["downloadCode"]), kind="file",
                                    name=str(content.get("fileName") or "")[:255], declared_type="file"))
    elif message.message_type == "richText" and message.rich_text_content:
        for part in message.rich_text_content.rich_text_list or []:
            if isinstance(part, dict) and part.get("downloadCode"):
                found.append(Attachment(platform="dingtalk", ref=str(part["downloadCode"]), kind="image",
                                        declared_type="image"))
    return found


def to_incoming(message: ChatbotMessage) -> IncomingMessage | None:
    sender = message.sender_staff_id or message.sender_id
    if not sender or not message.session_webhook:
        return None
    text = message_text(message)
    is_direct = message.conversation_type != GROUP
    return IncomingMessage(
        platform="dingtalk",
        chat_id=str(message.conversation_id or ""),
        sender_id=str(sender),
        text=text,
        is_direct=is_direct,
        message_id=message.message_id,
        action=text if text.startswith(ACTION_PREFIX) else None,
        attachments=attachments(message),
        extras={
            "session_webhook": message.session_webhook,
            "session_webhook_expires_ms": message.session_webhook_expired_time,
            "sender_id": message.sender_id,
            "sender_staff_id": message.sender_staff_id,
            "conversation_title": message.conversation_title,
            "robot_code": message.robot_code,
        },
    )
