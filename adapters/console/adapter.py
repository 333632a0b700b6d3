"""Terminal in, terminal out: a typed line becomes an IncomingMessage, a Reply becomes rich output."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.messages import IncomingMessage
from bot.reply import Attachment, Reply
from bot.texts import t


def inbound(line: str, as_name: str, action: str | None = None) -> IncomingMessage:
    return IncomingMessage(platform="console", chat_id="", sender_id=as_name, text=line, is_direct=True,
                           action=action)


def outbound(reply: Reply) -> RenderableType:
    parts: list[RenderableType] = [Text(reply.text)]
    if reply.fields:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim")
        grid.add_column()
        for key, value in reply.fields:
            grid.add_row(key, value)
        parts.append(grid)
    if reply.rows:
        table = Table(show_edge=False, header_style="bold")
        for column in reply.columns:
            table.add_column(column.label, justify=column.align)
        for row in reply.rows:
            table.add_row(*row)
        parts.append(table)
        if reply.more_rows:
            parts.append(Text(t(reply.locale, "common.more_rows", count=reply.more_rows), style="dim"))
    for heading, items in reply.sections:
        block = Text()
        if heading:
            block.append(heading + "\n", style="bold")
        block.append("\n".join(f"• {i}" for i in items))
        parts.append(block)
    for number, action in enumerate(reply.actions, start=1):
        parts.append(Text(f"[{number}] {action.label}", style="cyan"))
    return Panel(Group(*parts), title=reply.title or None, title_align="left", border_style="blue")


def show(console: Console, reply: Reply, folder: Path | None = None) -> None:
    """Print the reply; a file it carries (an export) is written to `folder` (default: the current one)."""
    console.print(outbound(reply))
    if reply.attachment is not None and "file" not in reply.data:
        path = save_attachment(reply.attachment, folder or Path.cwd())
        reply.data["file"] = str(path)
        console.print(t(reply.locale, "export_chat.done_console", count=reply.data.get("rows", ""), path=path),
                      style="green", highlight=False, soft_wrap=True)


def save_attachment(attachment: Attachment, folder: Path) -> Path:
    """Write the file into `folder` under its own name, numbered (name-2.xlsx …) rather than overwriting one."""
    target = folder / Path(attachment.filename).name
    number = 2
    while target.exists():
        target = folder / f"{Path(attachment.filename).stem}-{number}{Path(attachment.filename).suffix}"
        number += 1
    target.write_bytes(attachment.content)
    return target
