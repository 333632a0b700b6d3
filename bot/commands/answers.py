"""Asking: `ask` (one question, or a batch), and `chat` (the console chat)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import orjson
import typer

from adapters.console.adapter import inbound, save_attachment, show
from bot.bootstrap import App
from bot.commands.common import TodayOption, console, fail, load_app
from bot.conversation import answerer, resolve_viewer
from bot.exporting import EXPORT_PREFIX, NOT_ANSWERS, NOT_LISTS, export_last
from bot.reply import Reply
from bot.texts import LOCALES, t
from domain.scope import Viewer

NON_LISTS = {intent.value for intent in NOT_LISTS | NOT_ANSWERS}


def _viewer(app: App, as_name: str) -> Viewer:
    with app.session() as session:
        viewer = resolve_viewer(session, "cli", as_name)
    if viewer is None:
        fail(f"No staff member or chat identity {as_name!r} — 找不到员工或聊天身份“{as_name}”")
    return viewer  # type: ignore[return-value]


def print_json(reply: Reply, out: TextIO | None = None) -> None:
    """One answer as one JSON line (orjson: ~10× json.dumps on answers of thousands of rows)."""
    (out or sys.stdout).write(orjson.dumps(reply.data, default=str).decode() + "\n")


def ask(
    question: str = typer.Argument("", help="The question, as you would type it in chat."),
    as_name: str = typer.Option(..., "--as", help="Ask as this staff member (name or chat id)."),
    today: str | None = TodayOption,
    as_json: bool = typer.Option(False, "--json", help="Print the answer as one JSON object."),
    batch: Path | None = typer.Option(None, "--batch", help="A file with one question per line; JSON lines out."),
    yes: bool = typer.Option(False, "--yes", help="Confirm the action proposed, in the same step (actions.md)."),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Also write every row of a list answer to this .xlsx."),
) -> None:
    """Answer one question exactly as the bot would in chat; an action is proposed (`ask 确认` confirms it)."""
    app = load_app(today)
    viewer = _viewer(app, as_name)
    bot = answerer(app)
    if batch is not None:
        if not batch.is_file():
            fail(f"No such file: {batch} — 找不到文件")
        for line in batch.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                print_json(bot.answer(viewer, line))
        return
    reply = bot.answer(viewer, question)
    if yes and reply.data.get("status") == "proposed":
        confirm = next(a.value for a in reply.actions if a.style == "primary")
        reply = bot.answer(viewer, "", action=confirm)  # the proposal's own 确认: this one, nothing else
    if xlsx is not None:
        rows = write_list(app, viewer, reply, xlsx)
        if not as_json:
            show(console, reply)
            console.print(t(reply.locale, "export_chat.done_console", count=rows, path=xlsx), highlight=False)
    elif reply.attachment is not None and as_json:  # "导出" on the command line: the file goes to this folder
        reply.data["file"] = str(save_attachment(reply.attachment, Path.cwd()))
    if as_json:
        print_json(reply)
    elif xlsx is None:
        show(console, reply)


def write_list(app: App, viewer: Viewer, reply: Reply, file: Path) -> int:
    """`ask … --xlsx FILE`: the answer's rows, all of them, as a workbook (the same file "导出" sends in chat);
    how many rows it has."""
    attachment, rows = reply.attachment, reply.data.get("rows", 0)
    if attachment is None:
        if not reply.columns:  # not a list (a total, a profile, a question back), or a list with no rows
            not_list = reply.intent in NON_LISTS or "candidates" in reply.data or reply.intent == "export"
            fail(t(reply.locale, "export_chat.not_a_list") if not_list else reply.text)
        button = next((a.value for a in reply.actions if a.value.startswith(EXPORT_PREFIX)), None)
        exported = (answerer(app).answer(viewer, "", action=button) if button  # the answer's own 导出 button
                    else export_last(app, viewer, reply.locale))
        attachment, rows = exported.attachment, exported.data.get("rows", 0)
        if attachment is None:
            fail(exported.text)
    try:
        file.write_bytes(attachment.content)  # type: ignore[union-attr]
    except OSError as exc:
        fail(f"Cannot write {file}: {exc.strerror} — 无法写入文件")
    reply.data["file"] = str(file)
    return int(rows or 0)


def chat(
    as_name: str = typer.Option(..., "--as", help="Chat as this staff member (name or chat id)."),
    today: str | None = TodayOption,
) -> None:
    """An interactive console chat, with history and line editing. Ctrl-D to leave."""
    app = load_app(today)
    run_console(app, as_name)


def run_console(app: App, as_name: str, suggestions: list[str] | None = None) -> None:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory

    _viewer(app, as_name)
    from bot.conversation import handle

    history = FileHistory(str(Path.home() / ".zhangfang_history"))
    prompt = PromptSession(history=history)
    for locale in LOCALES:
        console.print(t(locale, "common.console_greeting", name=as_name), highlight=False)
    for example in suggestions or []:
        console.print(f"  • {example}", style="cyan")
    last: Reply | None = None
    while True:
        try:
            line = prompt.prompt("你 › ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print("再见 · bye")
            return
        action = None
        if last is not None and line.isdigit() and 1 <= int(line) <= len(last.actions):
            action = last.actions[int(line) - 1].value
        last = handle(app, inbound(line, as_name, action))
        show(console, last)


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
    app.command("chat")(chat)
