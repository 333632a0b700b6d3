"""Chat platforms: `serve` (the HTTP server), `bind` / `bind-chat` / `unbind` (who is who on each platform)."""

from __future__ import annotations

import logging

import typer
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.bootstrap import App
from bot.commands.common import TodayOption, console, fail, load_app
from domain.models import ChatBinding, ChatIdentity, Client, Contact, Staff

PLATFORMS = ("slack", "wecom", "dingtalk")
CONTACT_SEPARATORS = ("/", "／")


class BindError(Exception):
    """A name that matches nobody (or more than one): the message says so in Chinese and English."""


def _platform(value: str) -> str:
    platform = value.strip().lower()
    if platform not in PLATFORMS:
        fail(f"Unknown platform {value!r}: use one of {', '.join(PLATFORMS)} — 平台应为 {'、'.join(PLATFORMS)}")
    return platform


def find_client(session: Session, name: str) -> Client:
    """A client by full name, else by a short name that only one client has."""
    name = name.strip()
    found = session.execute(select(Client).where(Client.name == name)).scalar_one_or_none()
    if found is not None:
        return found
    short = session.execute(select(Client).where(Client.short_name == name)).scalars().all()
    if len(short) == 1:
        return short[0]
    if len(short) > 1:
        names = "、".join(c.name for c in short)
        raise BindError(f"{name!r} could be several clients: {names} — “{name}”对应多家客户：{names}，请用全称")
    raise BindError(f"No client named {name!r} — 找不到客户“{name}”")


def find_person(session: Session, name: str) -> Staff | Contact:
    """A staff member by name, or a client contact written as "客户名称/联系人姓名"."""
    name = name.strip()
    for separator in CONTACT_SEPARATORS:
        if separator in name:
            client_name, _, contact_name = name.rpartition(separator)
            client = find_client(session, client_name)
            contact = session.execute(select(Contact).where(Contact.client_id == client.id,
                                                            Contact.name == contact_name.strip())).scalar_one_or_none()
            if contact is None:
                raise BindError(f"{client.name} has no contact named {contact_name.strip()!r} — "
                                f"客户“{client.name}”没有联系人“{contact_name.strip()}”")
            return contact
    staff = session.execute(select(Staff).where(Staff.name == name)).scalar_one_or_none()
    if staff is None:
        raise BindError(f"No staff member named {name!r} (for a client contact write 客户名称/联系人姓名) — "
                        f"找不到员工“{name}”（客户联系人请写成 客户名称/联系人姓名）")
    return staff


def bind_identity(session: Session, platform: str, user_id: str, name: str) -> Staff | Contact:
    """Create or replace the binding of (platform, user_id) to a staff member or a client contact."""
    person = find_person(session, name)
    identity = session.execute(select(ChatIdentity).where(ChatIdentity.platform == platform,
                                                          ChatIdentity.user_id == user_id)).scalar_one_or_none()
    identity = identity or ChatIdentity(platform=platform, user_id=user_id)
    identity.staff_id = person.id if isinstance(person, Staff) else None
    identity.contact_id = person.id if isinstance(person, Contact) else None
    session.add(identity)
    return person


def _contact_label(session: Session, contact: Contact) -> str:
    client = session.get(Client, contact.client_id)
    return f"{client.name if client else '?'}/{contact.name}"


def bind_chat_to_client(session: Session, platform: str, chat_id: str, client_name: str) -> Client:
    client = find_client(session, client_name)
    binding = session.execute(select(ChatBinding).where(ChatBinding.platform == platform,
                                                        ChatBinding.chat_id == chat_id)).scalar_one_or_none()
    binding = binding or ChatBinding(platform=platform, chat_id=chat_id, client_id=client.id)
    binding.client_id = client.id  # type: ignore[assignment]
    session.add(binding)
    return client


def bind(
    platform: str = typer.Argument(..., help="slack, wecom or dingtalk"),
    user_id: str = typer.Argument(..., help="The platform's user id (Slack U…, WeCom userid, DingTalk staffId)."),
    name: str = typer.Argument(..., help="A staff member's name, or a client contact as 客户名称/联系人姓名."),
) -> None:
    """Let a platform user ask: bind their id to a staff member or a client contact."""
    platform, user_id = _platform(platform), user_id.strip()
    app = load_app()
    try:
        with app.session() as session:
            person = bind_identity(session, platform, user_id, name)
            who = person.name if isinstance(person, Staff) else _contact_label(session, person)
    except BindError as exc:
        fail(str(exc))
    console.print(f"Bound {platform} {user_id} → {who} · 已绑定", highlight=False)


def bind_chat(
    platform: str = typer.Argument(..., help="slack, wecom or dingtalk"),
    chat_id: str = typer.Argument(..., help="The group chat / channel id."),
    client: str = typer.Argument(..., help="The client's full name (or a short name only it has)."),
) -> None:
    """Bind a group chat to a client, so that reminders for that client go there."""
    platform, chat_id = _platform(platform), chat_id.strip()
    app = load_app()
    try:
        with app.session() as session:
            found = bind_chat_to_client(session, platform, chat_id, client)
    except BindError as exc:
        fail(str(exc))
    console.print(f"Bound {platform} chat {chat_id} → {found.name} · 已绑定群聊", highlight=False)


def unbind(
    platform: str = typer.Argument(..., help="slack, wecom or dingtalk"),
    some_id: str = typer.Argument(..., help="The user id (or, with --chat, the chat id)."),
    chat: bool = typer.Option(False, "--chat", help="Remove a group-chat binding instead of a user's."),
) -> None:
    """Remove a user's (or, with --chat, a group chat's) binding."""
    platform, some_id = _platform(platform), some_id.strip()
    app = load_app()
    with app.session() as session:
        if chat:
            stmt = delete(ChatBinding).where(ChatBinding.platform == platform, ChatBinding.chat_id == some_id)
        else:
            stmt = delete(ChatIdentity).where(ChatIdentity.platform == platform, ChatIdentity.user_id == some_id)
        removed = session.execute(stmt).rowcount or 0
    if not removed:
        fail(f"Nothing bound to {platform} {some_id} — {platform} {some_id} 没有绑定", code=1)
    console.print(f"Unbound {platform} {some_id} · 已解除绑定", highlight=False)


def serve(
    host: str | None = typer.Option(None, "--host", help="Listen address (default ZHANGFANG_HOST, 127.0.0.1)."),
    port: int | None = typer.Option(None, "--port", help="Port (default ZHANGFANG_PORT, 8000)."),
    today: str | None = TodayOption,
) -> None:
    """Run the HTTP server: Slack/WeCom/DingTalk endpoints, /api/ask, /healthz, /metrics."""
    import uvicorn

    from bot.server import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = load_app(today)
    _check_files(app)
    server = create_app(app)
    mounted = ", ".join(server.state.platforms) or "none · 无"
    console.print(f"Platforms mounted · 已启用平台: {mounted}; /api/ask "
                  f"{'on · 已开启' if app.settings.api_token else 'off (no ZHANGFANG_API_TOKEN) · 未开启'}",
                  highlight=False)
    uvicorn.run(server, host=host or app.settings.host, port=port or app.settings.port, log_level="info")


def _check_files(app: App) -> None:
    """The firm's own files (reminder cadences, workflow templates) are validated before anything starts."""
    from bot.jobs.settings import ReminderSettingsError, reminder_settings

    try:
        reminder_settings(app)
    except ReminderSettingsError as exc:
        fail(str(exc))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("bind")(bind)
    app.command("bind-chat")(bind_chat)
    app.command("unbind")(unbind)

