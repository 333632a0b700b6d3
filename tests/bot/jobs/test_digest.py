"""The daily digest → every manager and admin at 08:30 on working days, each figure exactly what the facts give
when asked as that reader (so a manager's digest covers their reports and an admin's the whole firm)."""

from __future__ import annotations

from datetime import date, timedelta

from bot.charts import render_png
from bot.format import jsonable
from domain.facts.common import month_bounds
from domain.facts.contracts import expiring
from domain.facts.documents import missing_documents
from domain.facts.receivables import aging, collected, collection_rate, overdue_clients
from domain.facts.taxes import tax_filers
from domain.metrics.health import client_health
from domain.models import Staff
from domain.scope import viewer_for_staff
from tests.bot.jobs.support import SLACK, at, build, generated, plan

MONDAY = date(2026, 12, 14)  # the December filing deadline is Tuesday 15 December
SINCE = date(2026, 12, 11)  # the last working day before: Friday


def _expected(session, viewer, today: date) -> dict:
    at_risk = {r.client_id for r in client_health(session, viewer, today) if r.score < 60}  # health (issue 12)
    new = ({r.client_id for r in overdue_clients(session, viewer, today)}
           - {r.client_id for r in overdue_clients(session, viewer, SINCE)})
    this_month, last_month = month_bounds("2026-12"), month_bounds("2026-11")
    return jsonable({
        "collected_since": collected(session, viewer, today, SINCE, today - timedelta(days=1)),
        "collected_month": collected(session, viewer, today, *this_month),
        "rate_this_month": collection_rate(session, viewer, today, *this_month).rate,
        "rate_last_month": collection_rate(session, viewer, today, *last_month).rate,
        "overdue_clients": len(overdue_clients(session, viewer, today)),
        "aging": {bucket.bucket: bucket.amount for bucket in aging(session, viewer, today)},
        "monthly_collected_2026_01": collected(session, viewer, today, *month_bounds("2026-01")),
        "counts": {"new_overdue": len(new), "expiring": len(expiring(session, viewer, today, today,
                                                                      today + timedelta(days=30))),
                   "filings": len({f.client_id for f in tax_filers(session, viewer, "2026-12")}),
                   "late_documents": len(missing_documents(session, viewer, today, late_only=True)),
                   "at_risk": len(at_risk)},
    })


def test_each_readers_digest_is_the_facts_asked_as_that_reader(make_app) -> None:
    app = make_app()
    generated(app, 320, date(2026, 12, 11))
    drafts = {d.recipient: d for d in plan(app, at(MONDAY), "digest")}
    with app.session() as session:
        readers = session.query(Staff).filter(Staff.role != "staff").all()
        assert set(drafts) == {s.name for s in readers} and len(readers) >= 3
        for staff in readers:
            data = drafts[staff.name].reply.data
            got = {key: data[key] for key in ("collected_since", "collected_month", "rate_this_month",
                                              "rate_last_month", "overdue_clients", "aging", "counts")}
            got["monthly_collected_2026_01"] = data["monthly_collected"]["2026-01"]
            assert got == _expected(session, viewer_for_staff(session, staff), MONDAY), staff.name
            assert data["counts"]["filings"] > 0 and data["collected_month"] > 0


def test_the_digest_comes_at_0830_on_working_days_only(make_app) -> None:
    app = make_app()
    generated(app, 60, date(2026, 12, 11))
    assert plan(app, at(MONDAY, "08:00"), "digest") == []
    assert plan(app, at("2026-12-12"), "digest") == []  # Saturday
    drafts = plan(app, at(MONDAY), "digest")
    assert drafts and [d.key for d in drafts] == [d.key for d in plan(app, at(MONDAY, "11:00"), "digest")]
    chart = drafts[0].reply.chart
    assert chart is not None and chart.labels[0] == "2026-01" and chart.labels[-1] == "2026-12"
    assert render_png(chart).startswith(b"\x89PNG")


def _teams(firm):
    admin = firm.staff("总管", role="admin", slack="U-ADMIN")
    lead_a = firm.staff("甲经理", role="manager", manager=admin, slack="U-LEAD-A")
    lead_b = firm.staff("乙经理", role="manager", manager=admin, slack="U-LEAD-B")
    worker_a = firm.staff("甲员工", manager=lead_a)
    worker_b = firm.staff("乙员工", manager=lead_b)
    for worker, name in ((worker_a, "甲队客户有限公司"), (worker_b, "乙队客户有限公司")):
        client = firm.client(name, worker)
        firm.invoice(client, f"INV-{worker.id}", "2026-11-01", "2026-12-11", "1000")  # overdue from Saturday
        firm.interaction(client, "2026-12-01")


def test_a_managers_digest_names_only_their_teams_clients(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _teams)
    drafts = {d.destination.address: d for d in plan(app, at(MONDAY), "digest")}
    assert set(drafts) == {"U-ADMIN", "U-LEAD-A", "U-LEAD-B"}  # staff get no digest

    def new_overdue(address: str) -> list[str]:
        heading, lines = drafts[address].reply.sections[0]
        assert heading.startswith("新增逾期客户")
        return lines

    assert [line.split("：")[0] for line in new_overdue("U-LEAD-A")] == ["甲队客户有限公司"]
    assert [line.split("：")[0] for line in new_overdue("U-LEAD-B")] == ["乙队客户有限公司"]
    assert sorted(line.split("：")[0] for line in new_overdue("U-ADMIN")) == ["乙队客户有限公司", "甲队客户有限公司"]
    assert drafts["U-LEAD-A"].reply.data["overdue_total"] == 1000.0
    assert drafts["U-ADMIN"].reply.data["overdue_total"] == 2000.0


def test_the_digest_has_a_board_button_that_answers_with_a_link(make_app) -> None:
    from bot.conversation import answerer

    app = make_app()
    generated(app, 120, date(2026, 12, 11))
    drafts = plan(app, at(MONDAY), "digest")
    assert drafts
    for draft in drafts:
        buttons = [a for a in draft.reply.actions if a.value == "zf:board"]
        assert len(buttons) == 1 and buttons[0].label == "打开看板"
    with app.session() as session:
        reader = session.query(Staff).filter(Staff.role != "staff").first()
        viewer = viewer_for_staff(session, reader)
    pressed = answerer(app).answer(viewer, "", action="zf:board")
    assert pressed.intent == "board" and "/board/signin/" in pressed.text
