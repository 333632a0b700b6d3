"""Every figure on the boards is the chat's answer to the matching question, on one generated firm, for an admin,
a manager and a staff member: each panel's items equal the items of the chat's reply to the panel's question
(understood from the words, through the whole answer pipeline), and each table row shown on the page is the row
the chat shows for it, cell for cell."""

from __future__ import annotations

import re
from html import unescape

import pytest
from starlette.testclient import TestClient

from bot.board.panels import BOARDS, PANELS, panels_of
from bot.board.signin import issue_link
from bot.board.view import build
from bot.bootstrap import App
from bot.conversation import answerer
from bot.render import json_items
from bot.server import create_app
from domain.models import Role, Staff
from domain.scope import viewer_for_staff
from tests.bot.board.conftest import staff_of

ROLES = (Role.admin, Role.manager, Role.staff)


def _viewer(app: App, role: Role):
    staff = staff_of(app, role)
    with app.session() as session:
        return viewer_for_staff(session, session.get(Staff, staff.id))


def _chat(app: App, viewer, question: str):
    return answerer(app).answer(viewer, question)


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
def test_each_panel_equals_the_chat_answer_to_its_question(firm: App, role: Role) -> None:
    viewer = _viewer(firm, role)
    checked = 0
    for panel in PANELS:
        with firm.session() as session:
            shown = build(firm, session, viewer, panel, "zh")
        reply = _chat(firm, viewer, panel.question)
        if panel.special == "health_bands":
            assert shown.items[0]["clients"] == reply.data["value"], panel.question  # below 60 = at risk
            continue
        assert reply.data["intent"] == (shown.result.intent.value if shown.result else reply.data["intent"])
        assert json_items(shown.result.items) == reply.data["items"] if shown.result else \
            shown.items == reply.data["items"], panel.question
        assert reply.data["items"] or panel.key in {"at_risk", "receivable_team", "overdue_team"}, panel.question
        if reply.rows:
            assert shown.rows[: len(reply.rows)] == reply.rows, panel.question
        checked += 1
    assert checked == len(PANELS) - 1


def _cells(html: str, key: str) -> list[list[str]]:
    section = re.search(rf'<section class="panel[^"]*" id="p-{key}".*?</section>', html, re.S)
    assert section, key
    body = re.search(r"<tbody>(.*?)</tbody>", section.group(0), re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in rows]


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
def test_the_pages_show_the_chats_rows(firm: App, role: Role) -> None:
    viewer = _viewer(firm, role)
    with TestClient(create_app(firm)) as client:
        link = issue_link(firm, viewer.staff_id).split("/board/", 1)[1]
        assert client.get(f"/board/{link}", follow_redirects=False).status_code == 303
        for board in BOARDS:
            html = client.get(f"/board/b/{board}").text
            for panel in panels_of(board):
                if panel.special == "health_bands":
                    continue
                reply = _chat(firm, viewer, panel.question)
                assert _cells(html, panel.key)[: len(reply.rows)] == reply.rows, panel.question


def test_a_workflow_panels_export_has_every_row_as_numbers(firm: App) -> None:
    import io

    from openpyxl import load_workbook

    from bot.board.pages import export_file

    admin = staff_of(firm, Role.admin)
    reply = _chat(firm, _viewer(firm, Role.admin), "各人按时完成率")
    name, content = export_file(firm, admin.id, "on_time_staff")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert name.endswith(".xlsx") and len(rows) == len(reply.data["items"])
    assert [list(r) for r in rows] == [[i["staff"], i["measured"], i["on_time"], i["rate"]]
                                       for i in reply.data["items"]]
    assert sheet.cell(row=2, column=4).number_format == "0.0%"


def test_the_boards_health_memo_keeps_each_scope_apart(firm: App) -> None:
    from domain.metrics.health import MEMO, client_health
    from domain.queries import ClientFilter

    viewers = [_viewer(firm, role) for role in ROLES]
    today = firm.today()
    with firm.session() as plain:
        expected = [[(r.client_id, r.score) for r in client_health(plain, v, today)] for v in viewers]
        narrowed = [(r.client_id, r.score) for r in client_health(plain, viewers[0], today,
                                                                   clients=ClientFilter(regions=["上海"]))]
    with firm.session() as session:
        session.info[MEMO] = {}
        for _ in range(2):  # the second round is answered from the memo
            got = [[(r.client_id, r.score) for r in client_health(session, v, today)] for v in viewers]
            assert got == expected
            assert [(r.client_id, r.score) for r in client_health(session, viewers[0], today,
                                                                  clients=ClientFilter(regions=["上海"]))] == narrowed
        assert len(session.info[MEMO]) == 4
    assert len(expected[0]) > len(expected[1]) > len(expected[2]) > 0 and len(narrowed) < len(expected[0])
