"""Opening instances: one per client with an active contract for the service, assigned to the client's owner.

- monthly templates: for an accounting month, every active client with a contract for one of the template's
  services that is not terminated and overlaps that month;
- annual templates: for the year before, in the months `open_months` of the template (汇算清缴 January–May),
  every active client with such a contract overlapping the reported year;
- one-off templates: one instance per such contract, once it has started.
Each instance has a natural key (template, client, period — or the contract for one-offs) with a unique index, so
running the opening again opens nothing twice. Each stage gets its due date (schedule.py) and its assignee: the
client's owner, the owner's manager (`responsible: manager`, the owner when there is none) or a named person (the
owner when nobody has that name — reported in `OpenReport.unknown_people`). Every opening is on the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from domain.models import Client, ClientStatus, Contract, ContractStatus, Staff
from domain.workflows.models import WorkflowEvent, WorkflowInstance, WorkflowStage
from domain.workflows.schedule import due_dates, month_bounds, previous_month, work_start
from domain.workflows.templates import Templates, WorkflowTemplate

ONE_OFF_LOOKBACK = timedelta(days=45)
CHUNK = 1000  # the daily job still opens a one-off whose contract started this long ago


@dataclass(frozen=True)
class Opened:
    instance_id: int
    template: str
    client_id: int
    client: str
    period: str
    owner: str


@dataclass
class OpenReport:
    opened: list[Opened] = field(default_factory=list)
    existing: int = 0  # instances that were already open (or done) and were left alone
    unknown_people: set[str] = field(default_factory=set)  # `responsible` names nobody has

    def merge(self, other: OpenReport) -> None:
        self.opened += other.opened
        self.existing += other.existing
        self.unknown_people |= other.unknown_people


@dataclass(frozen=True)
class Opening:
    """Who opens, when and how: the audit trail's actor, day, moment and channel."""

    today: date
    now: datetime
    via: str = "job"
    actor_id: int | None = None
    actor: str = "system"
    extra_dir: Path | None = None  # the firm's published tax calendars (domain.calendar)


@dataclass(frozen=True)
class _Candidate:
    client_id: int
    client: str
    owner_id: int
    contract_id: int
    start_on: date


def open_month(session: Session, templates: Templates, period: str, how: Opening) -> OpenReport:
    """`zhangfang workflows open --month`: the monthly instances of `period`, the annual instances the month's
    calendar month opens, and the one-offs whose contract started in that month (up to today)."""
    first, last = month_bounds(period)
    report = OpenReport()
    for template in templates:
        if template.cadence == "monthly":
            report.merge(_open_recurring(session, template, period, first, last, how))
        elif template.cadence == "annual":
            report.merge(_open_annual(session, template, first, how))
        elif first <= how.today:
            report.merge(_open_once(session, template, first, min(last, how.today), how))
    return report


def open_due(session: Session, templates: Templates, how: Opening) -> OpenReport:
    """What the daily job opens on `how.today`: the accounting month before this one, the annual instances this
    month opens, and the one-offs started in the last few weeks."""
    report = OpenReport()
    for template in templates:
        if template.cadence == "monthly":
            period = previous_month(how.today)
            first, last = month_bounds(period)
            report.merge(_open_recurring(session, template, period, first, last, how))
        elif template.cadence == "annual":
            report.merge(_open_annual(session, template, how.today, how))
        else:
            report.merge(_open_once(session, template, how.today - ONE_OFF_LOOKBACK, how.today, how))
    return report


def _open_annual(session: Session, template: WorkflowTemplate, day: date, how: Opening) -> OpenReport:
    assert template.open_months is not None
    first_month, last_month = template.open_months
    if not first_month <= day.month <= last_month:
        return OpenReport()
    year = day.year - 1
    return _open_recurring(session, template, str(year), date(year, 1, 1), date(year, 12, 31), how)


def _open_recurring(session: Session, template: WorkflowTemplate, period: str, first: date, last: date,
                    how: Opening) -> OpenReport:
    covering = (Contract.start_on <= last, Contract.end_on >= first)
    candidates = _candidates(session, template, covering)
    by_client: dict[int, _Candidate] = {}
    for candidate in candidates:
        by_client.setdefault(candidate.client_id, candidate)
    keys = {cid: f"{template.key}|client:{cid}|{period}" for cid in by_client}
    start = work_start(template, period)
    return _create(session, template, [(keys[cid], period, start, c) for cid, c in by_client.items()], how)


def _open_once(session: Session, template: WorkflowTemplate, first: date, last: date, how: Opening) -> OpenReport:
    candidates = _candidates(session, template, (Contract.start_on >= first, Contract.start_on <= last))
    rows = [(f"{template.key}|contract:{c.contract_id}", c.start_on.strftime("%Y-%m"), c.start_on, c)
            for c in candidates]
    return _create(session, template, rows, how)


def _candidates(session: Session, template: WorkflowTemplate, window: tuple) -> list[_Candidate]:
    stmt = (select(Client.id, Client.name, Client.owner_id, Contract.id, Contract.start_on)
            .join(Client, Client.id == Contract.client_id)
            .where(Contract.service_type.in_([str(s) for s in template.services]),
                   or_(Contract.status.is_(None), Contract.status != ContractStatus.terminated.value),
                   Client.status == ClientStatus.active.value, *window)
            .order_by(Client.id, Contract.start_on, Contract.id))
    return [_Candidate(*row) for row in session.execute(stmt)]


def _create(session: Session, template: WorkflowTemplate, rows: list[tuple[str, str, date, _Candidate]],
            how: Opening) -> OpenReport:
    """Insert the instances not opened yet, their stages and an "opened" event each, in bulk (a month of a 100k-client
    firm is a few statements per thousand instances, not one per row)."""
    report = OpenReport()
    taken = _existing_keys(session, [key for key, *_ in rows])
    report.existing = sum(1 for key, *_ in rows if key in taken)
    fresh = [row for row in rows if row[0] not in taken]
    people = _people(session) if fresh else None
    dues: dict[date, dict[str, date]] = {}
    for start in range(0, len(fresh), CHUNK):
        chunk = fresh[start:start + CHUNK]
        values = [{"natural_key": key, "template": template.key, "name_zh": template.name.zh,
                   "name_en": template.name.en, "client_id": c.client_id, "contract_id": c.contract_id,
                   "period": period, "owner_id": c.owner_id, "status": "open", "starts_on": begins,
                   "opened_on": how.today} for key, period, begins, c in chunk]
        ids = dict(session.execute(insert(WorkflowInstance).returning(WorkflowInstance.natural_key,
                                                                      WorkflowInstance.id), values).tuples().all())
        assert people is not None
        stages, events = [], []
        for key, period, begins, c in chunk:
            if begins not in dues:  # the same for every instance starting that day
                dues[begins] = due_dates(template, begins, how.extra_dir)
            stages += _stage_rows(template, ids[key], c, dues[begins], people, report)
            events.append({"instance_id": ids[key], "client_id": c.client_id, "action": "opened", "to_status": "open",
                           "to_staff_id": c.owner_id, "actor_id": how.actor_id, "actor": how.actor, "via": how.via,
                           "at": how.now, "on": how.today})
            report.opened.append(Opened(ids[key], template.key, c.client_id, c.client, period,
                                        people.names.get(c.owner_id, "")))
        session.execute(insert(WorkflowStage), stages)
        session.execute(insert(WorkflowEvent), events)
    return report


def _stage_rows(template: WorkflowTemplate, instance_id: int, candidate: _Candidate, due: dict[str, date],
                people: _People, report: OpenReport) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for position, stage in enumerate(template.stages, start=1):
        rows.append({"instance_id": instance_id, "client_id": candidate.client_id, "template": template.key,
                     "key": stage.key,
                     "position": position, "name_zh": stage.name.zh, "name_en": stage.name.en,
                     "must_follow": ",".join(stage.must_follow or []), "can_wait": stage.waits_on_client,
                     "filing": stage.filing, "notice": stage.notice, "documents": "、".join(stage.documents),
                     "assignee_id": people.responsible(stage.responsible, candidate.owner_id, report),
                     "due_on": due[stage.key], "status": "pending"})
    return rows


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        found.update(session.execute(select(WorkflowInstance.natural_key)
                                     .where(WorkflowInstance.natural_key.in_(chunk))).scalars())
    return found


@dataclass
class _People:
    names: dict[int, str]
    managers: dict[int, int | None]
    by_name: dict[str, int]

    def responsible(self, who: str, owner_id: int, report: OpenReport) -> int:
        if who == "owner":
            return owner_id
        if who == "manager":
            return self.managers.get(owner_id) or owner_id
        if who in self.by_name:
            return self.by_name[who]
        report.unknown_people.add(who)
        return owner_id


def _people(session: Session) -> _People:
    rows = session.execute(select(Staff.id, Staff.name, Staff.manager_id)).all()
    return _People(names={sid: name for sid, name, _ in rows},
                   managers={sid: (boss if boss != sid else None) for sid, _, boss in rows},
                   by_name={name: sid for sid, name, _ in rows})
