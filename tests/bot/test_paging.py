"""Paging through a long answer: every page's "另有 N 条未显示" counts the rows after that page (issue 9, item 2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from rich.console import Console

from adapters.common.text import to_text
from adapters.console.adapter import outbound as console_outbound
from adapters.dingtalk.outbound import messages as dingtalk_messages
from adapters.slack.outbound import to_blocks
from adapters.wecom.outbound import messages as wecom_messages
from bot.bootstrap import App
from bot.conversation import answerer
from bot.render import MORE_PREFIX
from bot.reply import Reply
from domain.models import Client, Invoice, Role, Staff
from domain.scope import viewer_for_staff

ROWS = 28


def _firm_with_overdue_clients(app: App, count: int) -> Staff:
    with app.session() as session:
        admin = Staff(name="管理员", role=Role.admin)
        session.add(admin)
        session.flush()
        for number in range(1, count + 1):
            client = Client(name=f"测试{number:02d}商贸有限公司", owner_id=admin.id)
            session.add(client)
            session.flush()
            session.add(Invoice(invoice_no=f"P-{number:03d}", client_id=client.id, issued_on=date(2026, 9, 1),
                                due_on=date(2026, 10, 1), amount_cents=10_000 * number))
        session.flush()
        session.expunge(admin)
        return admin


def _every_rendering(reply: Reply) -> dict[str, str]:
    console = Console(width=200, record=True)
    console.print(console_outbound(reply))
    return {
        "text": to_text(reply),
        "markdown": to_text(reply, markdown=True),
        "slack": json.dumps(to_blocks(reply), ensure_ascii=False),
        "console": console.export_text(),
        "wecom": json.dumps(wecom_messages(reply, markdown=True), ensure_ascii=False),
        "dingtalk": json.dumps(dingtalk_messages(reply), ensure_ascii=False),
    }


def test_each_page_counts_the_rows_after_it(make_app: Callable[..., App]) -> None:
    app = make_app()
    admin = _firm_with_overdue_clients(app, ROWS)
    with app.session() as session:
        viewer = viewer_for_staff(session, session.get(Staff, admin.id))
    ask = answerer(app)
    reply = ask.answer(viewer, "哪些客户逾期未付款")
    assert reply.total_rows == ROWS
    pages, seen = [], 0
    while True:
        seen += len(reply.rows)
        left = ROWS - seen
        assert reply.more_rows == left
        for platform, rendered in _every_rendering(reply).items():
            if left:
                assert f"另有 {left} 条未显示" in rendered, (platform, seen)
            assert "条未显示" not in rendered or left, (platform, seen)
        pages.append(len(reply.rows))
        more = [a.value for a in reply.actions if a.value.startswith(MORE_PREFIX)]
        if not more:
            break
        reply = ask.answer(viewer, "", action=more[0])
    assert pages == [10, 10, 8] and seen == ROWS
