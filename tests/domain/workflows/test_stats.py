"""On-time rate per stage and per person, cycle time per service and current load, as managers ask for them,
limited to what the asker sees. Three clients' November books, worked in December 2026 (deadline 15 December):
资料交接 is due 5 December, 票据整理 8 December."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.calendar import filing_deadline
from domain.workflows import stats
from tests.domain.workflows.support import HUAXIN, MINGYUAN, Act, build_firm, open_period, viewer

DECEMBER = date(2026, 12, 1), date(2026, 12, 31)
TODAY = date(2026, 12, 10)


@pytest.fixture
def worked(make_app):
    app = make_app(today=TODAY)
    build_firm(app)
    open_period(app, "2026-11", date(2026, 12, 1))
    Act(app, date(2026, 12, 3))("王芳", "complete", HUAXIN, "handover")  # on time
    Act(app, date(2026, 12, 9))("王芳", "complete", HUAXIN, "sorting")  # a day late
    Act(app, date(2026, 12, 5))("秦霞", "complete", MINGYUAN, "handover")  # on the day: on time
    return app


def test_on_time_rate_per_stage_counts_late_open_stages_and_leaves_out_what_is_not_due(worked) -> None:
    assert filing_deadline(2026, 12).deadline > TODAY  # 账务处理 and later are not due yet: not measured
    with worked.session() as session:
        rows = stats.on_time_by_stage(session, viewer(session, "赵总"), *DECEMBER, TODAY)
    assert [(r.label_zh, r.measured, r.on_time) for r in rows] == [
        ("代理记账 · 资料交接", 3, 2),  # 长青's is open past its due date: late
        ("代理记账 · 票据整理", 3, 0),
    ]
    assert rows[0].rate == pytest.approx(2 / 3)
    assert stats.overall(rows).rate == pytest.approx(2 / 6)


def test_on_time_rate_per_person_and_within_the_askers_scope(worked) -> None:
    with worked.session() as session:
        everyone = stats.on_time_by_staff(session, viewer(session, "赵总"), *DECEMBER, TODAY)
        team = stats.on_time_by_staff(session, viewer(session, "杜萍"), *DECEMBER, TODAY)
        own = stats.on_time_by_stage(session, viewer(session, "王芳"), *DECEMBER, TODAY)
    assert [(r.label_zh, r.measured, r.on_time) for r in everyone] == [("王芳", 2, 1), ("秦霞", 2, 1),
                                                                      ("刘建", 2, 0)]
    assert [r.label_zh for r in team] == ["王芳", "秦霞"]
    assert [(r.measured, r.on_time) for r in own] == [(1, 1), (1, 0)]


def test_current_load_per_person_most_first(worked) -> None:
    with worked.session() as session:
        rows = stats.load(session, viewer(session, "赵总"), TODAY)
        mine = stats.load(session, viewer(session, "秦霞"), TODAY)
    assert [(r.staff, r.open, r.overdue) for r in rows] == [("刘建", 7, 2), ("秦霞", 6, 1), ("王芳", 5, 0)]
    assert [r.staff for r in mine] == ["秦霞"]


def test_average_cycle_time_per_service_of_closed_instances(worked) -> None:
    for client, who, last in ((HUAXIN, "王芳", date(2026, 12, 20)), (MINGYUAN, "秦霞", date(2026, 12, 25))):
        act = Act(worked, last)
        while not act(who, "complete", client).plan.closes:
            pass
    with worked.session() as session:
        cycles = stats.cycle_times(session, viewer(session, "赵总"), *DECEMBER)
        none_yet = stats.cycle_times(session, viewer(session, "刘建"), *DECEMBER)
    assert [(c.workflow_zh, c.instances, c.average_days) for c in cycles] == [("代理记账", 2, Decimal("21.5"))]
    assert none_yet == []


def test_a_unit_of_work_that_keeps_the_grouped_pass_gives_the_same_rates_and_keeps_scopes_apart(worked) -> None:
    with worked.session() as session:
        boss, own = viewer(session, "赵总"), viewer(session, "王芳")
        plain = [f(session, v, *DECEMBER, TODAY) for v in (boss, own)
                 for f in (stats.on_time_by_stage, stats.on_time_by_staff)]
    with worked.session() as session:
        session.info[stats.MEMO] = {}  # as the board does
        boss, own = viewer(session, "赵总"), viewer(session, "王芳")
        kept = [f(session, v, *DECEMBER, TODAY) for v in (boss, own)
                for f in (stats.on_time_by_stage, stats.on_time_by_staff)]
    assert kept == plain
    assert plain[0] != plain[2]  # the boss's rates are not the staff member's
