"""Undoing a workflow move that went to "waiting on the client": the stage goes back, and the document requests the
move created are deleted again — unless something since depends on one of them: a later action on it blocks the
undo (naming that action), and one received by other means (an import) refuses it with the reason. Requests that
existed before the move are left as they were."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from domain.models import DocumentRequest
from tests.bot.actions.support import MINGYUAN, TODAY, at, audit_rows, build_firm, chat
from tests.bot.workflows.support import stages
from tests.domain.workflows.support import open_period

BEFORE = [("2026-11", "工资表", "pending"), ("2026-11", "银行对账单", "pending")]  # requested before the move
CREATED = [("2026-11", "进项发票", "pending"), ("2026-11", "销项发票", "pending")]  # the rest of 资料交接's list


@pytest.fixture
def waiting(make_app):
    """明远贸易's November books, 资料交接 moved to "waiting on the client" by 王芳 through chat."""
    app = make_app(today=TODAY)
    app.clock = app.clock.at(at(TODAY))
    build_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    assert documents(app) == BEFORE
    proposal = chat(app, "王芳", "明远贸易 11月 资料交接 等客户资料")
    assert proposal.data["status"] == "proposed", proposal.text
    done = chat(app, "王芳", "确认")
    assert done.data["status"] == "done" and "2 项" in done.text, done.text
    assert documents(app) == sorted([*BEFORE, *CREATED]) and stages(app, MINGYUAN)["handover"]["status"] == "waiting"
    return app


def documents(app) -> list[tuple[str, str, str]]:
    with app.session() as session:
        return sorted(tuple(row) for row in session.execute(  # type: ignore[misc]
            select(DocumentRequest.period, DocumentRequest.item, DocumentRequest.status)))


def test_undo_deletes_the_requests_the_move_created(waiting) -> None:
    app = waiting
    [entry] = [r for r in audit_rows(app) if r["kind"] == "workflow_wait"]
    undone = chat(app, "王芳", "撤销")
    assert undone.data["status"] == "undone" and undone.data["intent"] == "workflow_wait", undone.text
    assert "进项发票" in undone.text and "销项发票" in undone.text  # the reply says the requests went too
    assert "流程状态：等客户 → 进行中" in undone.text  # in words, not "waiting → 待提交"
    assert documents(app) == BEFORE  # the two requested before the move stay
    assert stages(app, MINGYUAN)["handover"]["status"] == "pending"
    assert [(r["kind"], r["undone"]) for r in audit_rows(app)] == [("workflow_wait", True), ("undo", False)]
    assert entry["via"] == "console"


def test_undoing_the_later_action_first_lets_the_move_be_undone(waiting) -> None:
    app = waiting
    chat(app, "王芳", "明远贸易11月的进项发票收到了")
    assert chat(app, "杜萍", "确认").data["status"] == "nothing_pending"
    assert chat(app, "王芳", "确认").data["status"] == "done"
    received = sorted([*BEFORE, ("2026-11", "进项发票", "received"), ("2026-11", "销项发票", "pending")])
    assert documents(app) == received
    # 王芳's own 撤销 takes back her latest first (the receipt); the second reaches the move
    assert chat(app, "王芳", "撤销").data["intent"] == "mark_documents_received"
    assert chat(app, "王芳", "撤销").data["intent"] == "workflow_wait"
    assert documents(app) == BEFORE


def test_a_later_action_by_someone_else_blocks_it_and_says_so(waiting) -> None:
    app = waiting
    chat(app, "杜萍", "明远贸易11月的销项发票收到了")
    assert chat(app, "杜萍", "确认").data["status"] == "done"
    blocked = chat(app, "王芳", "撤销")
    assert blocked.data["status"] == "refused" and blocked.data["error"] == "undo_blocked", blocked.text
    assert "杜萍" in blocked.text and "资料" in blocked.text
    assert stages(app, MINGYUAN)["handover"]["status"] == "waiting"
    assert ("2026-11", "销项发票", "received") in documents(app) and len(documents(app)) == 4


def test_a_request_received_by_other_means_refuses_the_undo_with_the_reason(waiting) -> None:
    app = waiting
    with app.session() as session:  # e.g. a re-import of the workbook marked it received: no audit row
        session.execute(update(DocumentRequest).where(DocumentRequest.item == "进项发票")
                        .values(status="received"))
    refused = chat(app, "王芳", "撤销")
    assert refused.data["status"] == "refused" and refused.data["error"] == "undo_changed", refused.text
    assert "2026-11 进项发票" in refused.text and "收到" in refused.text
    assert stages(app, MINGYUAN)["handover"]["status"] == "waiting" and len(documents(app)) == 4
    assert [(r["kind"], r["undone"]) for r in audit_rows(app)] == [("workflow_wait", False)]


def test_a_request_chased_by_the_morning_job_is_still_deleted(waiting) -> None:
    """The job's chase counts are not a dependency: the message went out (as for an undone chase), and leaving the
    requests would keep chasing the client for documents nobody meant to ask for."""
    app = waiting
    with app.session() as session:
        session.execute(update(DocumentRequest).values(chase_count=1, last_chased_on=TODAY))
    assert chat(app, "王芳", "撤销").data["status"] == "undone"
    assert documents(app) == BEFORE


def test_a_reassignment_is_recorded_and_undone_with_names_not_ids(make_app) -> None:
    app = make_app(today=TODAY)
    app.clock = app.clock.at(at(TODAY))
    build_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    chat(app, "王芳", "把明远贸易11月的资料交接转给秦霞")
    assert chat(app, "王芳", "确认").data["status"] == "done"
    log = chat(app, "王芳", "明远贸易最近的操作记录")
    assert "王芳 → 秦霞" in log.text, log.text
    undone = chat(app, "王芳", "撤销")
    assert undone.data["status"] == "undone" and "秦霞 → 王芳" in undone.text, undone.text
