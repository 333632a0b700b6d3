"""A Reply as WeCom message bodies (the `msgtype` part of message/send, appchat/send and robot webhooks).

WeCom markdown is a small subset (bold, headings, links, quotes, <font color>; no tables, no lists), shown
only in the WeCom client — the WeChat plug-in shows "not supported" — so contacts get plain text. Size
limits are in UTF-8 bytes and long answers are cut on line boundaries: app messages take at most 2048
bytes of text or markdown, group robots 2048 of text and 4096 of markdown. Buttons are a
`button_interaction` template card whose button keys are the Action values (WeCom returns the key in a
template_card_event callback, at most 1024 bytes); a value longer than that gets no button.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from adapters.common.split import split_by_bytes, utf8_size
from adapters.common.text import to_text
from bot.reply import Reply
from bot.texts import t

APP_TEXT_LIMIT = 2048
APP_MARKDOWN_LIMIT = 2048
ROBOT_TEXT_LIMIT = 2048
ROBOT_MARKDOWN_LIMIT = 4096
CARD_KEY_LIMIT = 1024
CARD_BUTTONS = 6
BUTTON_TEXT_CHARS = 20  # WeCom advises about 10; client names need more to stay distinguishable
TITLE_CHARS = 26
STYLES = {"default": 1, "primary": 1, "danger": 3}


def markdown_content(reply: Reply) -> str:
    parts: list[str] = []
    if reply.title:
        parts.append(f"**{reply.title}**")
    parts.append(reply.text)
    if reply.fields:
        sep = "：" if reply.locale == "zh" else ": "
        parts.append("\n".join(f"> {k}{sep}{v}" for k, v in reply.fields))
    if reply.rows:
        head = "**" + " · ".join(c.label for c in reply.columns) + "**"
        parts.append("\n".join([head, *(" · ".join(row) for row in reply.rows)]))
    if reply.more_rows:
        parts.append(t(reply.locale, "common.more_rows", count=reply.more_rows))
    for heading, items in reply.sections:
        parts.append("\n".join(([f"**{heading}**"] if heading else []) + [f"• {i}" for i in items]))
    if reply.suggestions:
        hint = t(reply.locale, "platforms.you_can_reply", options=" / ".join(reply.suggestions))
        parts.append(f'<font color="comment">{hint}</font>')
    return "\n\n".join(p for p in parts if p)


def text_content(reply: Reply) -> str:
    text = to_text(reply)
    if reply.suggestions:
        text += "\n\n" + t(reply.locale, "platforms.you_can_reply", options=" / ".join(reply.suggestions))
    return text


def messages(reply: Reply, *, markdown: bool, robot: bool = False) -> list[dict[str, Any]]:
    """The reply as one or more text/markdown bodies, each within WeCom's limit for that kind."""
    if markdown:
        kind, content = "markdown", markdown_content(reply)
        limit = ROBOT_MARKDOWN_LIMIT if robot else APP_MARKDOWN_LIMIT
    else:
        kind, content = "text", text_content(reply)
        limit = ROBOT_TEXT_LIMIT if robot else APP_TEXT_LIMIT
    return [{"msgtype": kind, kind: {"content": piece}} for piece in split_by_bytes(content, limit)]


def button_card(reply: Reply, task_id: str) -> dict[str, Any] | None:
    """The reply's actions as a button_interaction template card, or None when none fits."""
    buttons = [
        {"text": action.label[:BUTTON_TEXT_CHARS], "style": STYLES[action.style], "key": action.value}
        for action in reply.actions
        if utf8_size(action.value) <= CARD_KEY_LIMIT
    ][:CARD_BUTTONS]
    if not buttons:
        return None
    title = (reply.title or t(reply.locale, "platforms.actions_title"))[:TITLE_CHARS]
    return {
        "msgtype": "template_card",
        "template_card": {
            "card_type": "button_interaction",
            "main_title": {"title": title, "desc": t(reply.locale, "platforms.actions_desc")},
            "task_id": task_id,
            "button_list": buttons,
        },
    }


def robot_image(png: bytes) -> dict[str, Any]:
    """A group-robot image message (the PNG inline, base64 with its MD5)."""
    return {"msgtype": "image", "image": {"base64": base64.b64encode(png).decode("ascii"),
                                         "md5": hashlib.md5(png).hexdigest()}}
