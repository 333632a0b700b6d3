"""Months of plausible workflow history for a generated or demo firm: what the daily job would have opened on the
first of each past month (and today), with most stages done on or before their due date, some done late and a
few still open — so on-time rates, cycle times and the digest look like a working firm's, not "0.0%".

Deterministic for a seed. Stages of an instance are worked in order: a stage is never done before the one before
it, and once one is left open the rest of that instance stay open. Only for demos and test firms: a real firm's
history is what its staff did.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain.workflows.models import InstanceStatus, StageStatus, WorkflowInstance, WorkflowStage
from domain.workflows.opening import Opening, open_due
from domain.workflows.templates import Templates

ON_TIME, LATE = 0.9, 0.07  # of the stages already due; the rest stay open (only in the last RECENT days)
RECENT = timedelta(days=40)
EARLY_BEFORE_DUE = 0.35  # stages not yet due that are already done


def add_history(session: Session, templates: Templates, today: date, *, months: int = 6, seed: int = 7,
                extra_dir: Path | None = None) -> int:
    """Open the past `months` months and today as the daily job would have, then settle the stages. Returns how
    many stages were marked done."""
    for back in range(months, -1, -1):
        index = today.year * 12 + today.month - 1 - back
        day = date(index // 12, index % 12 + 1, 1) if back else today
        now = datetime.combine(day, time(1, 0), tzinfo=UTC)
        open_due(session, templates, Opening(today=day, now=now, via="job", extra_dir=extra_dir))
    session.flush()
    return _settle(session, today, random.Random(seed))


def _settle(session: Session, today: date, rng: random.Random) -> int:
    stmt = (select(WorkflowStage.id, WorkflowStage.instance_id, WorkflowStage.due_on, WorkflowStage.assignee_id,
                   WorkflowInstance.starts_on)
            .join(WorkflowInstance, WorkflowInstance.id == WorkflowStage.instance_id)
            .where(WorkflowStage.status != StageStatus.done.value)
            .order_by(WorkflowStage.instance_id, WorkflowStage.position))
    done: list[dict] = []
    closing: dict[int, date | None] = {}
    blocked: set[int] = set()
    previous: dict[int, date] = {}
    for stage_id, instance_id, due_on, assignee, starts_on in session.execute(stmt):
        closing.setdefault(instance_id, None)
        finished = None if instance_id in blocked else _outcome(due_on, starts_on, today, rng)
        if finished is not None:
            finished = min(max(finished, previous.get(instance_id, starts_on)), today - timedelta(days=1))
        if finished is None or finished < starts_on:
            blocked.add(instance_id)
            continue
        previous[instance_id] = finished
        closing[instance_id] = finished
        done.append({"id": stage_id, "status": StageStatus.done.value, "done_on": finished, "done_by_id": assignee,
                     "waiting_since": None})
    if done:  # ORM bulk UPDATE by primary key: one executemany
        session.execute(update(WorkflowStage), done)
    closed = [{"id": i, "status": InstanceStatus.done.value, "closed_on": last} for i, last in closing.items()
              if i not in blocked and last is not None]
    if closed:
        session.execute(update(WorkflowInstance), closed)
    return len(done)


def _outcome(due_on: date, starts_on: date, today: date, rng: random.Random) -> date | None:
    """The day a stage was done, or None when it is still open."""
    if starts_on >= today:
        return None
    roll = rng.random()
    if due_on >= today:
        return starts_on + timedelta(days=rng.randint(0, max(0, (today - starts_on).days - 1))) \
            if roll < EARLY_BEFORE_DUE else None
    if roll < ON_TIME or (roll >= ON_TIME + LATE and today - due_on > RECENT):
        return due_on - timedelta(days=rng.randint(0, 4))
    if roll < ON_TIME + LATE:
        return due_on + timedelta(days=rng.randint(1, 12))
    return None
