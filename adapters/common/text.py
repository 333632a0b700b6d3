"""A Reply as plain text (or light markdown): for consoles, text-only platforms and fallbacks."""

from __future__ import annotations

from bot.reply import Reply
from bot.texts import t


def table_lines(reply: Reply, markdown: bool = False) -> list[str]:
    if not reply.rows:
        return []
    if markdown:
        head = "| " + " | ".join(c.label for c in reply.columns) + " |"
        rule = "|" + "|".join(":--" if c.align == "left" else "--:" for c in reply.columns) + "|"
        return [head, rule] + ["| " + " | ".join(row) + " |" for row in reply.rows]
    return [" · ".join(row) for row in reply.rows]


def to_text(reply: Reply, markdown: bool = False) -> str:
    """Title, summary, fields, table, sections and suggestions, in that order."""
    parts: list[str] = []
    if reply.title:
        parts.append(f"**{reply.title}**" if markdown else f"【{reply.title}】")
    parts.append(reply.text)
    if reply.fields:
        parts.append("\n".join(f"{k}：{v}" if reply.locale == "zh" else f"{k}: {v}" for k, v in reply.fields))
    lines = table_lines(reply, markdown)
    if lines:
        parts.append("\n".join(lines))
    if reply.more_rows:
        parts.append(t(reply.locale, "common.more_rows", count=reply.more_rows))
    for heading, items in reply.sections:
        block = ([f"**{heading}**" if markdown else heading] if heading else []) + [f"• {i}" for i in items]
        parts.append("\n".join(block))
    return "\n\n".join(p for p in parts if p)
