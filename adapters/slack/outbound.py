"""Reply → Slack Block Kit (header, text, fields, a compact table, notes, buttons) plus a plain-text fallback.

Slack's limits are kept here: at most 50 blocks per message, 3,000 characters per section text, 150 per
header, 10 fields per section (2,000 characters each), 75 per button label and 2,000 per button value.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from adapters.common.text import to_text
from bot.reply import Action, Reply
from bot.texts import t

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_BUTTONS = 25
MAX_FALLBACK = 3000
ACTION_PREFIX = "zf_action_"

Block = dict[str, Any]


def escape(text: str) -> str:
    """Slack mrkdwn control characters (&, <, >) as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_blocks(reply: Reply) -> list[Block]:
    """The whole reply in at most 50 blocks; when it would not fit, the tail is cut with a note."""
    blocks: list[Block] = []
    if reply.title:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": clip(reply.title, MAX_HEADER)}})
    blocks += _sections(escape(reply.text))
    if reply.fields:
        blocks += _field_blocks(reply)
    if reply.rows:
        blocks += _table_blocks(reply)
    for heading, items in reply.sections:
        body = "\n".join(f"• {escape(i)}" for i in items)
        blocks += _sections(f"*{escape(heading)}*\n{body}" if heading else body)
    if reply.suggestions:
        blocks.append(_context(" · ".join(reply.suggestions)))
    buttons = _buttons(reply.actions)
    if len(blocks) + (1 if buttons else 0) > MAX_BLOCKS:
        blocks = [*blocks[:MAX_BLOCKS - 1 - (1 if buttons else 0)], _context("…")]
    if buttons:
        blocks.append({"type": "actions", "elements": buttons})
    return blocks


def fallback_text(reply: Reply) -> str:
    """What notifications and clients without Block Kit show."""
    return clip(to_text(reply), MAX_FALLBACK)


def message(reply: Reply) -> dict[str, Any]:
    """Keyword arguments for chat.postMessage / respond / say."""
    return {"text": fallback_text(reply), "blocks": to_blocks(reply)}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(escape(text), MAX_SECTION)}]}


def _sections(text: str) -> list[Block]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": chunk}} for chunk in split_text(text, MAX_SECTION)]


def split_text(text: str, limit: int) -> list[str]:
    """Cut at line ends where possible so that each piece fits `limit` characters."""
    pieces: list[str] = []
    current = ""
    for line in text.splitlines() or [""]:
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            candidate = line
        current = candidate
    if current.strip():
        pieces.append(current)
    return pieces


def _field_blocks(reply: Reply) -> list[Block]:
    fields = [{"type": "mrkdwn", "text": clip(f"*{escape(k)}*\n{escape(v)}", MAX_FIELD)} for k, v in reply.fields]
    return [{"type": "section", "fields": fields[i : i + MAX_FIELDS]} for i in range(0, len(fields), MAX_FIELDS)]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def table_lines(reply: Reply) -> list[str]:
    """Rows as monospaced lines, columns padded by display width (a Chinese character is two columns)."""
    grid = [[c.label for c in reply.columns], *reply.rows]
    widths = [max(_width(row[i]) for row in grid if i < len(row)) for i in range(len(reply.columns))]
    right = [c.align == "right" for c in reply.columns]
    return ["  ".join(_pad(cell, widths[i], right[i]) for i, cell in enumerate(row)).rstrip() for row in grid]


def _table_blocks(reply: Reply) -> list[Block]:
    lines = [escape(line) for line in table_lines(reply)]
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": f"```{chunk}```"}}
              for chunk in split_text("\n".join(lines), MAX_SECTION - 6)]
    if reply.more_rows:
        blocks.append(_context(t(reply.locale, "common.more_rows", count=reply.more_rows)))
    return blocks


def _buttons(actions: list[Action]) -> list[Block]:
    buttons: list[Block] = []
    for number, action in enumerate(actions[:MAX_BUTTONS]):
        if len(action.value) > MAX_BUTTON_VALUE:
            continue  # too long to carry: the text of the reply says what to type instead
        button: Block = {"type": "button", "action_id": f"{ACTION_PREFIX}{number}", "value": action.value,
                         "text": {"type": "plain_text", "text": clip(action.label, MAX_BUTTON_LABEL)}}
        if action.style != "default":
            button["style"] = action.style
        buttons.append(button)
    return buttons
