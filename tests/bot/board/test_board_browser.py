"""The board in headless Chromium (Debian's `chromium`, Playwright with executable_path; skipped with a message
where there is none): sign in through the link of a chat reply, every board at phone and desktop width with its
charts drawn and no CSP or script error, drill down to a client's profile, export a table, a staff member sees
only their clients, a reused or expired link is refused. Screenshots go to tests/artifacts/board/."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.board import routes as board_routes
from bot.board import signin
from bot.board.panels import BOARDS, panels_of
from bot.conversation import answerer
from domain.models import Client, Role, Staff
from domain.scope import viewer_for_staff
from tests.bot.board.conftest import ARTIFACTS, Served, staff_of

SIZES = {"phone": (390, 844), "desktop": (1366, 900)}


@pytest.fixture(autouse=True)
def _fresh_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(board_routes, "sign_ins_by_ip", signin.RateLimiter(limit=50, seconds=60))


def _chat_link(served: Served, role: Role) -> tuple[str, object]:
    staff = staff_of(served.app, role)
    with served.app.session() as session:
        viewer = viewer_for_staff(session, session.get(Staff, staff.id))
    reply = answerer(served.app).answer(viewer, "打开看板")
    url = reply.data["value"]
    assert url.startswith(served.base) and url in reply.text
    return url, viewer


def _page(browser, size: str):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                  device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


@pytest.mark.parametrize("size", list(SIZES))
def test_every_board_signed_in_from_chat(served: Served, browser, size: str) -> None:
    url, viewer = _chat_link(served, Role.admin)
    context, page, errors = _page(browser, size)
    try:
        page.goto(url)
        assert page.url.endswith("/board")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for board in BOARDS:
            page.goto(f"{served.base}/board/b/{board}")
            page.wait_for_load_state("networkidle")
            for panel in panels_of(board):
                section = page.locator(f"#p-{panel.key}")
                assert section.count() == 1, panel.key
                if section.locator(".chart").count():
                    assert section.locator(".chart canvas").count() >= 1, f"{panel.key}: chart not drawn"
                shown = [[c.inner_text().strip() for c in row.locator("td").all()]
                         for row in section.locator("tbody tr").all()]
                if panel.special != "health_bands":
                    reply = answerer(served.app).answer(viewer, panel.question)
                    assert shown[: len(reply.rows)] == reply.rows, panel.question
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SIZES[size][0] + 1, f"{board} scrolls sideways at {size} width"
            page.screenshot(path=str(ARTIFACTS / f"{board}-{size}.png"), full_page=True)
        assert not errors, errors
    finally:
        context.close()


def test_drill_down_to_a_profile_and_export(served: Served, browser, tmp_path) -> None:
    url, _ = _chat_link(served, Role.admin)
    context, page, errors = _page(browser, "desktop")
    try:
        page.goto(url)
        page.goto(f"{served.base}/board/b/receivables")
        page.locator("#p-overdue_owner tbody tr a").first.click()
        page.wait_for_url("**/board/drill/overdue_owner/0")
        rows = page.locator("tbody tr")
        assert rows.count() >= 1
        page.locator("tbody tr a").first.click()
        page.wait_for_url("**/board/client/*")
        assert page.locator(".profile dl dt").count() >= 3  # the profile card's fields
        page.screenshot(path=str(ARTIFACTS / "client-desktop.png"), full_page=True)
        page.goto(f"{served.base}/board/b/receivables")
        with page.expect_download() as download:
            page.locator("#p-top_debtors a.export").click()
        saved = tmp_path / "top.xlsx"
        download.value.save_as(saved)
        book = load_workbook(io.BytesIO(saved.read_bytes()))
        sheet = book.worksheets[0]
        first = page.locator("#p-top_debtors tbody tr td").first.inner_text().strip()
        assert sheet.cell(row=2, column=1).value == first
        assert not errors, errors
    finally:
        context.close()


def test_a_staff_member_sees_only_their_clients(served: Served, browser) -> None:
    url, viewer = _chat_link(served, Role.staff)
    with served.app.session() as session:
        names = {n: o for n, o in session.execute(select(Client.name, Client.owner_id))}
    context, page, _ = _page(browser, "phone")
    try:
        page.goto(url)
        for board in ("receivables", "value"):
            page.goto(f"{served.base}/board/b/{board}")
            links = page.locator("tbody a").all()
            shown = [a.inner_text().strip() for a in links if a.inner_text().strip() in names]
            assert shown, board
            assert {names[n] for n in shown} == {viewer.staff_id}, board
        page.goto(f"{served.base}/board/b/staff")
        rows = page.locator("#p-staff_board tbody tr").all()
        staff_names = [r.locator("td").first.inner_text().strip() for r in rows]
        assert staff_names == [viewer.name]
        page.screenshot(path=str(ARTIFACTS / "staff-member-phone.png"), full_page=True)
    finally:
        context.close()


def test_a_reused_or_expired_link_is_refused(served: Served, browser) -> None:
    url, viewer = _chat_link(served, Role.manager)
    old = signin.issue_link(served.app, viewer.staff_id, now=datetime.now(UTC) - timedelta(minutes=10, seconds=1))
    context, page, _ = _page(browser, "phone")
    try:
        page.goto(url)
        assert page.url.endswith("/board")
        second, again, _ = _page(browser, "phone")
        try:
            response = again.goto(url)
            assert response.status == 410 and "打开看板" in again.inner_text("body")
            response = again.goto(old)
            assert response.status == 410 and "已过期" in again.inner_text("body")
            again.screenshot(path=str(ARTIFACTS / "link-refused-phone.png"))
        finally:
            second.close()
    finally:
        context.close()


def test_a_bar_opens_the_clients_behind_it(served: Served, browser) -> None:
    url, _ = _chat_link(served, Role.admin)
    context, page, errors = _page(browser, "desktop")
    try:
        page.goto(url)
        page.goto(f"{served.base}/board/b/receivables")
        page.wait_for_load_state("networkidle")
        chart = page.locator("#p-overdue_owner .chart")
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()  # in the viewport's coordinates, as the mouse clicks
        bars = page.locator("#p-overdue_owner tbody tr").count()
        plot_top, plot_bottom = 12, 28  # the grid's margins in board.js
        band = (box["height"] - plot_top - plot_bottom) / bars
        x, y = box["x"] + box["width"] * 0.6, box["y"] + plot_top + band / 2  # the first (longest) bar
        page.mouse.move(x, y)  # its tooltip is drawn on the canvas: no inline style for the CSP to refuse
        page.wait_for_timeout(400)
        assert not errors, errors
        page.mouse.click(x, y)
        page.wait_for_url("**/board/drill/overdue_owner/0")
        assert page.locator("tbody tr").count() >= 1  # that owner's overdue clients
        assert not errors, errors
    finally:
        context.close()
