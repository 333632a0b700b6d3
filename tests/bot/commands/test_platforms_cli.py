"""`zhangfang bind`, `bind-chat` and `unbind`: who a platform user is, and which client a group chat is for."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner, Result

from bot.bootstrap import App
from bot.cli import build
from bot.conversation import resolve_viewer
from domain.models import ChatBinding, ChatIdentity, Client, Contact, Staff
from tests.cli_database import cli_database_url
from tests.small_firm import DUPING_SLACK, WANGFANG_SLACK, SmallFirm, build_small_firm


@pytest.fixture
def firm_app(make_app: Callable[..., App]) -> tuple[App, SmallFirm]:
    app = make_app()
    return app, build_small_firm(app)


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(app: App, *args: str) -> Result:
    env = {"ZHANGFANG_DATABASE_URL": cli_database_url(app), "ZHANGFANG_TODAY": None}
    return CliRunner().invoke(build(), list(args), env=env)


def identities(app: App) -> list[tuple[str, str, int | None, int | None]]:
    """The identities bound by the test (not the small firm's own Slack ids)."""
    with app.session() as session:
        rows = session.execute(select(ChatIdentity.platform, ChatIdentity.user_id, ChatIdentity.staff_id,
                                      ChatIdentity.contact_id).order_by(ChatIdentity.user_id)
                               .where(ChatIdentity.user_id.not_in([DUPING_SLACK, WANGFANG_SLACK]))).all()
    return [tuple(row) for row in rows]


def test_bind_a_staff_member(firm_app: tuple[App, SmallFirm]) -> None:
    app, _ = firm_app
    result = run(app, "bind", "wecom", "duping01", "杜萍")
    assert result.exit_code == 0, result.output
    with app.session() as session:
        staff_id = session.execute(select(Staff.id).where(Staff.name == "杜萍")).scalar_one()
        viewer = resolve_viewer(session, "wecom", "duping01")
    assert identities(app) == [("wecom", "duping01", staff_id, None)]
    assert viewer is not None and viewer.name == "杜萍" and viewer.kind == "staff"


def test_bind_a_client_contact(firm_app: tuple[App, SmallFirm]) -> None:
    app, firm = firm_app
    result = run(app, "bind", "Slack", "U0LINA", firm.contact_label)
    assert result.exit_code == 0, result.output
    assert "李娜" in result.output
    with app.session() as session:
        viewer = resolve_viewer(session, "slack", "U0LINA")
        client_id = session.execute(select(Client.id).where(Client.name == firm.contact_client)).scalar_one()
    assert viewer is not None and viewer.is_contact and viewer.client_id == client_id


def test_rebinding_replaces_the_person(firm_app: tuple[App, SmallFirm]) -> None:
    app, firm = firm_app
    assert run(app, "bind", "slack", "U0SHARED", "杜萍").exit_code == 0
    assert run(app, "bind", "slack", "U0SHARED", firm.contact_label).exit_code == 0
    with app.session() as session:
        contact_id = session.execute(select(Contact.id).where(Contact.name == "李娜")).scalar_one()
    assert identities(app) == [("slack", "U0SHARED", None, contact_id)]


@pytest.mark.parametrize(("name", "says"), [
    ("不存在", "找不到员工“不存在”"),
    ("不存在的公司/李娜", "找不到客户“不存在的公司”"),
    ("上海明远01贸易有限公司/张三", "没有联系人“张三”"),
])
def test_unknown_names_are_clear_errors(firm_app: tuple[App, SmallFirm], name: str, says: str) -> None:
    app, _ = firm_app
    result = run(app, "bind", "slack", "U0NOBODY", name)
    assert result.exit_code == 2
    assert says in result.output
    assert identities(app) == []


def test_unknown_platform_is_refused(firm_app: tuple[App, SmallFirm]) -> None:
    app, _ = firm_app
    result = run(app, "bind", "feishu", "ou_1", "杜萍")
    assert result.exit_code == 2 and "feishu" in result.output


def test_bind_chat_to_a_client_by_full_or_short_name(firm_app: tuple[App, SmallFirm]) -> None:
    app, firm = firm_app
    assert run(app, "bind-chat", "dingtalk", "cid-group-1", firm.wangfang_clients[0]).exit_code == 0
    assert run(app, "bind-chat", "wecom", "wr-group-2", "华信科技").exit_code == 0
    with app.session() as session:
        rows = session.execute(select(ChatBinding.platform, ChatBinding.chat_id, Client.name)
                               .join(Client, Client.id == ChatBinding.client_id).order_by(ChatBinding.chat_id)).all()
    assert [tuple(r) for r in rows] == [("dingtalk", "cid-group-1", firm.wangfang_clients[0]),
                                        ("wecom", "wr-group-2", firm.wangfang_clients[0])]


def test_bind_chat_refuses_unknown_and_ambiguous_clients(firm_app: tuple[App, SmallFirm]) -> None:
    app, _ = firm_app
    unknown = run(app, "bind-chat", "wecom", "wr-1", "没有这家公司")
    assert unknown.exit_code == 2 and "找不到客户" in unknown.output
    ambiguous = run(app, "bind-chat", "wecom", "wr-1", "明远")  # a short name 13 clients share
    assert ambiguous.exit_code == 2 and "多家客户" in ambiguous.output


def test_unbind(firm_app: tuple[App, SmallFirm]) -> None:
    app, firm = firm_app
    run(app, "bind", "slack", "U0TEMP", "王芳")
    run(app, "bind-chat", "slack", "C0CLIENT", firm.wangfang_clients[0])
    assert run(app, "unbind", "slack", "U0TEMP").exit_code == 0
    assert identities(app) == []
    assert run(app, "unbind", "slack", "U0TEMP").exit_code == 1
    assert run(app, "unbind", "slack", "C0CLIENT", "--chat").exit_code == 0
    with app.session() as session:
        assert session.execute(select(ChatBinding)).first() is None
