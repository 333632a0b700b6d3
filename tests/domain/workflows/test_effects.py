"""What a workflow change sets off: a done filing stage marks filings as made (monthly, quarterly and yearly taxes
of the period; the annual items of the reported year), and the client's 最近动态 shows the trail."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from domain.calendar import filing_deadline
from domain.facts.profile import client_profile
from domain.models import Client
from domain.workflows.effects import filed_check
from tests.domain.workflows.support import HUAXIN, Act, build_firm, open_period, viewer

STAGES = ("handover", "sorting", "entry", "statements", "filing")


def _client_id(app) -> int:
    with app.session() as session:
        return session.execute(select(Client.id).where(Client.name == HUAXIN)).scalar_one()


def test_a_done_filing_stage_marks_the_filings_of_its_month_as_made(make_app) -> None:
    app = make_app(today=date(2027, 1, 5))
    build_firm(app)
    open_period(app, "2026-09", date(2026, 10, 1))
    open_period(app, "2026-11", date(2026, 12, 1))
    open_period(app, "2027-01", date(2027, 1, 4))  # opens 汇算清缴 and 工商年报 for 2026
    act = Act(app, date(2026, 10, 12))
    for key in STAGES:
        act("王芳", "complete", HUAXIN, key, period="2026-09")
    Act(app, date(2026, 12, 10))("王芳", "complete", HUAXIN, "handover")  # November: not filed
    for key in ("year_end", "adjustment", "review", "filing"):
        Act(app, date(2027, 3, 1))("赵总", "complete", HUAXIN, key, template="cit_annual", period="2026")
    cid = _client_id(app)
    october, december = filing_deadline(2026, 10).deadline, filing_deadline(2026, 12).deadline
    with app.session() as session:
        filed = filed_check(session, [cid])
    assert filed(cid, "增值税", "2026-09", october) and filed(cid, "附加税", "2026-09", october)
    assert filed(cid, "增值税", "2026-Q3", october)  # the quarter ending in September, filed in October
    assert not filed(cid, "增值税", "2026-11", december)
    assert filed(cid, "企业所得税汇算清缴", "2026", date(2027, 5, 31))
    assert not filed(cid, "工商年报", "2026", date(2027, 6, 30))
    assert not filed(cid + 1, "增值税", "2026-09", october)


def test_the_profile_shows_the_latest_workflow_changes(make_app) -> None:
    app = make_app(today=date(2026, 12, 10))
    build_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    Act(app, date(2026, 12, 3), via="wecom")("王芳", "complete", HUAXIN, "handover")
    Act(app, date(2026, 12, 4), via="slack")("杜萍", "reassign", HUAXIN, "filing", to="秦霞")
    with app.session() as session:
        card = client_profile(session, viewer(session, "王芳"), date(2026, 12, 10), _client_id(app))
    assert card is not None
    assert [(e["action"], e["stage"], e["actor"], e["via"], e["to_staff"]) for e in card["recent_events"]] == [
        ("reassigned", "纳税申报", "杜萍", "slack", "秦霞"), ("completed", "资料交接", "王芳", "wecom", None),
        ("opened", None, "system", "cli", "王芳")]
