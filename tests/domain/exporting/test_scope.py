"""`export --as NAME`: only what that reader may see (semantics.md "Who sees what"); a client contact gets nothing.
Also the command line: `zhangfang export FILE [--as NAME]`, its errors, and a scoped export that imports cleanly
and answers the reader's questions as before."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner, Result

from bot.bootstrap import App
from bot.cli import build
from bot.conversation import handle
from bot.messages import IncomingMessage
from domain.exporting import ExportRefused, export_book
from domain.importing import import_sheets, read_workbook
from domain.models import Client, Contact, Staff
from domain.scope import viewer_for_contact, viewer_for_staff
from tests.chat_ids import bind_chat_ids
from tests.cli_database import cli_database_url
from tests.domain.exporting.firm import build_firm

TODAY = date(2026, 11, 22)
CLIENT_SHEETS = ("联系人", "合同", "应收", "收款", "资料", "承诺付款", "服务记录", "沟通记录", "反馈", "税种")


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _cli(app: App, *args: str) -> Result:
    env = {"ZHANGFANG_DATABASE_URL": cli_database_url(app), "ZHANGFANG_TODAY": None}
    return CliRunner().invoke(build(), list(args), env=env)


def _column(sheet, header: str) -> list:
    names = [c.value.rstrip("*") for c in sheet[1]]
    i = names.index(header)
    return [row[i].value for row in sheet.iter_rows(min_row=2)]


def _reader(app: App, role: str) -> tuple[Staff, set[str]]:
    """The first staff member of `role` who owns clients, and the clients they may see."""
    with app.session() as session:
        staff = session.execute(select(Staff).join(Client, Client.owner_id == Staff.id).where(Staff.role == role)
                                .order_by(Staff.id)).scalars().first()
        viewer = viewer_for_staff(session, staff)
        visible = set(session.execute(select(Client.name).where(viewer.client_condition(Client.id, Client.owner_id)))
                      .scalars())
    return staff, visible


def _ask(app: App, text: str, name: str) -> dict:
    return json.loads(json.dumps(handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=name,
                                                             text=text)).data, ensure_ascii=False))


@pytest.mark.parametrize("role", ["staff", "manager"])
def test_as_a_staff_member_only_their_clients_and_only_their_own_lines_details(make_app, tmp_path, role):
    app = make_app(today=TODAY)
    build_firm(app, 80, TODAY)
    reader, visible = _reader(app, role)
    assert 0 < len(visible) < 80
    path = tmp_path / "mine.xlsx"
    result = _cli(app, "export", str(path), "--as", reader.name)
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert set(_column(book["客户"], "客户名称")) == visible
    for title in CLIENT_SHEETS:
        assert set(_column(book[title], "客户名称")) <= visible, title
    staff = book["员工"]
    names, costs = _column(staff, "姓名"), _column(staff, "时薪成本")
    with app.session() as session:
        own = {s.name for s in session.execute(select(Staff)).scalars()
               if s.id == reader.id or s.id in (viewer_for_staff(session, reader).owner_ids or ())}
    assert reader.name in names and len(names) < 53
    assert all(cost is None for name, cost in zip(names, costs, strict=True) if name not in own)
    assert all(cost is not None for name, cost in zip(names, costs, strict=True) if name in own)

    target = make_app(today=TODAY)
    report = import_sheets(target.session, read_workbook(path))
    assert report.errors == [] and report.imported["clients"] == len(visible)
    for question in ("哪些客户逾期未付款", "应收余额", "哪些客户还没交资料", "30天内到期的合同", "本月回款多少"):
        assert _ask(target, question, reader.name) == _ask(app, question, reader.name), question


def test_a_client_contact_gets_nothing(make_app, tmp_path):
    app = make_app(today=TODAY)
    build_firm(app, 10, TODAY)
    with app.session() as session:
        contact = session.execute(select(Contact).order_by(Contact.id)).scalars().first()
        bind_chat_ids(session, contact, slack="U-CONTACT-1")
        viewer = viewer_for_contact(contact)
    path = tmp_path / "theirs.xlsx"
    with pytest.raises(ExportRefused):
        export_book(app.session, path, viewer)
    assert not path.exists()
    result = _cli(app, "export", str(path), "--as", "slack:U-CONTACT-1")
    assert result.exit_code != 0 and "客户联系人不能导出客户资料" in result.output and not path.exists()


def test_command_line_errors_are_one_clear_line(make_app, tmp_path):
    app = make_app(today=TODAY)
    build_firm(app, 5, TODAY)
    unknown = _cli(app, "export", str(tmp_path / "x.xlsx"), "--as", "没这个人")
    assert unknown.exit_code != 0 and "找不到员工或聊天身份“没这个人”" in unknown.output
    wrong = _cli(app, "export", str(tmp_path / "x.csv"))
    assert wrong.exit_code != 0 and "须为 .xlsx" in wrong.output
    missing_dir = _cli(app, "export", str(tmp_path / "no" / "such" / "x.xlsx"))
    assert missing_dir.exit_code != 0 and "无法写入" in missing_dir.output and "Traceback" not in missing_dir.output
    whole = _cli(app, "export", str(tmp_path / "all.xlsx"))
    assert whole.exit_code == 0 and "已导出 5 个客户" in whole.output
