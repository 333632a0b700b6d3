"""A Reply as DingTalk robot message bodies: markdown, or an ActionCard when the reply has buttons.

DingTalk markdown has headings, bold, quotes, lists and links but no tables, and wants a line break
written as "  \\n" (two spaces before the newline). A long answer is cut on line boundaries into pieces
of at most 4000 UTF-8 bytes (DingTalk documents no exact limit; this stays well inside what it
accepts); the buttons ride on the last piece. A button is
dtmd://dingtalkclient/sendMessage?content=<Action value>, so a tap sends the value back to the bot as the
user's own message. That works in one-to-one chats; in a group the tapped text carries no @mention and
the bot does not hear it (the ambiguous-name question itself also asks for the full name as a reply).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from adapters.common.split import split_by_bytes
from bot.reply import Reply
from bot.texts import t

MARKDOWN_LIMIT = 4000
TITLE_CHARS = 40
MAX_BUTTONS = 5
SEND_MESSAGE = "dtmd://dingtalkclient/sendMessage?content="
BREAK = "  \n"


def markdown_text(reply: Reply) -> str:
    blocks: list[str] = []
    if reply.title:
        blocks.append(f"#### {reply.title}")
    blocks.append(BREAK.join(reply.text.split("\n")))
    if reply.fields:
        sep = "：" if reply.locale == "zh" else ": "
        blocks.append(BREAK.join(f"**{k}**{sep}{v}" for k, v in reply.fields))
    if reply.rows:
        head = "**" + " · ".join(c.label for c in reply.columns) + "**"
        blocks.append(BREAK.join([head, *(" · ".join(row) for row in reply.rows)]))
    if reply.more_rows:
        blocks.append(t(reply.locale, "common.more_rows", count=reply.more_rows))
    for heading, items in reply.sections:
        blocks.append(BREAK.join(([f"**{heading}**"] if heading else []) + [f"- {i}" for i in items]))
    if reply.suggestions:
        blocks.append("> " + t(reply.locale, "platforms.you_can_reply", options=" / ".join(reply.suggestions)))
    return "\n\n".join(b for b in blocks if b)


def title_of(reply: Reply) -> str:
    """What DingTalk shows in the chat list and the notification."""
    first = reply.title or next((line for line in reply.text.split("\n") if line.strip()), "") or "账房 Zhangfang"
    return first[:TITLE_CHARS]


def button(label: str, value: str) -> dict[str, str]:
    return {"title": label, "actionURL": SEND_MESSAGE + quote(value, safe="")}


def messages(reply: Reply) -> list[dict[str, Any]]:
    """Markdown bodies, the last one an ActionCard when the reply has actions."""
    title = title_of(reply)
    pieces = split_by_bytes(markdown_text(reply), MARKDOWN_LIMIT)
    bodies: list[dict[str, Any]] = [{"msgtype": "markdown", "markdown": {"title": title, "text": p}} for p in pieces]
    if reply.actions:
        last = bodies.pop()["markdown"]["text"]
        buttons = [button(a.label, a.value) for a in reply.actions[:MAX_BUTTONS]]
        bodies.append({
            "msgtype": "actionCard",
            "actionCard": {"title": title, "text": last, "btnOrientation": "0" if len(buttons) > 2 else "1",
                           "btns": buttons},
        })
    return bodies
