"""Workflow history for demo and test firms (domain/workflows/history.py): months of instances, most stages done on
time, some late, a few open; stages worked in order; an instance is closed exactly when all its stages are done;
the same seed gives the same history; the on-time figures the chat answers are those of a working firm."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from domain.generator import generate_firm
from domain.importing import import_sheets
from domain.models import Staff
from domain.scope import viewer_for_staff
from domain.workflows import stats
from domain.workflows.history import add_history
from domain.workflows.models import InstanceStatus, StageStatus, WorkflowInstance, WorkflowStage
from domain.workflows.templates import load_templates

TODAY = date(2026, 11, 22)


def _firm(make_app):
    app = make_app(today=TODAY)
    assert not import_sheets(app.session, generate_firm(60, seed=3, today=TODAY)).errors
    with app.session() as session:
        done = add_history(session, load_templates(), TODAY, months=5, seed=11)
    return app, done


def _stages(app):
    with app.session() as session:
        return session.execute(select(WorkflowStage.instance_id, WorkflowStage.position, WorkflowStage.status,
                                      WorkflowStage.due_on, WorkflowStage.done_on)
                               .order_by(WorkflowStage.instance_id, WorkflowStage.position)).all()


def test_history_looks_like_a_working_firm(make_app) -> None:
    app, done = _firm(make_app)
    rows = _stages(app)
    with app.session() as session:
        periods = set(session.execute(select(WorkflowInstance.period)).scalars())
    assert len({p for p in periods if p.startswith("2026-")}) >= 5  # months of history, not just this month
    due = [r for r in rows if r.due_on < TODAY]
    on_time = sum(1 for r in due if r.status == StageStatus.done.value and r.done_on <= r.due_on)
    late = sum(1 for r in due if r.status == StageStatus.done.value and r.done_on > r.due_on)
    still_open = sum(1 for r in due if r.status != StageStatus.done.value)
    assert done == sum(1 for r in rows if r.status == StageStatus.done.value)
    assert 0.7 < on_time / len(due) < 0.97 and late > 0 and still_open > 0
    with app.session() as session:
        admin = session.execute(select(Staff).where(Staff.role == "admin")).scalars().first()
        rate = stats.overall(stats.on_time_by_stage(session, viewer_for_staff(session, admin), date(2026, 8, 24),
                                                    TODAY, TODAY)).rate
    assert rate is not None and 0.7 < rate < 0.97


def test_stages_are_worked_in_order_and_instances_close_when_done(make_app) -> None:
    app, _ = _firm(make_app)
    by_instance = defaultdict(list)
    for row in _stages(app):
        by_instance[row.instance_id].append(row)
    with app.session() as session:
        status = {i: (s, c) for i, s, c in session.execute(select(WorkflowInstance.id, WorkflowInstance.status,
                                                                   WorkflowInstance.closed_on))}
    for instance, stages in by_instance.items():
        done_days = [s.done_on for s in stages if s.status == StageStatus.done.value]
        flags = [s.status == StageStatus.done.value for s in stages]
        assert flags == sorted(flags, reverse=True)  # done ones first: nothing done after an open one
        assert done_days == sorted(done_days) and all(d < TODAY for d in done_days)
        closed = status[instance][0] == InstanceStatus.done.value
        assert closed == all(flags)
        if closed:
            assert status[instance][1] == max(done_days)


def test_the_same_seed_gives_the_same_history(make_app) -> None:
    first, _ = _firm(make_app)
    second, _ = _firm(make_app)
    assert [tuple(r) for r in _stages(first)] == [tuple(r) for r in _stages(second)]
